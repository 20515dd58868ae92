#include "sources/source.h"

#include <algorithm>
#include <exception>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "sources/feed_source.h"
#include "sources/wechat_source.h"
#include "sources/weibo_source.h"

namespace govwatch::sources {
namespace {

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string HostOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  const auto end = url.find_first_of("/?#");
  std::string host(url.substr(0, end));
  if (const auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (const auto colon = host.rfind(':'); colon != std::string::npos) host.erase(colon);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string Fingerprint(const config::Account& a, const config::NewMediaSettings& s) {
  const auto& src = a.source;
  return src.type + '\n' + src.url + '\n' + src.base_url + '\n' + src.uid + '\n' + src.appid +
         '\n' + src.secret.value_or("") + '\n' + src.secret_file.value_or("") + '\n' +
         (a.verify_tls ? "1" : "0") + (s.check_links ? "1" : "0");
}

boost::asio::awaitable<void> ReadInto(fetch::HttpClient* client, AccountSource* source,
                                      core::Timestamp now, AccountRead* out) {
  *out = co_await source->Read(*client, now);
}

}  // namespace

AccountSource::~AccountSource() = default;

std::unique_ptr<AccountSource> MakeSource(const config::Account& account,
                                          const config::NewMediaSettings& settings) {
  if (account.source.type == "weibo_api") return MakeWeiboSource(account, settings);
  if (account.source.type == "wechat_api") return MakeWechatSource(account, settings);
  return MakeFeedSource(account);
}

AccountSource& SourceSet::For(const config::Account& account,
                              const config::NewMediaSettings& settings) {
  Slot& slot = slots_[account.id];
  std::string fingerprint = Fingerprint(account, settings);
  if (!slot.source || slot.fingerprint != fingerprint) {
    slot.source = MakeSource(account, settings);
    slot.fingerprint = std::move(fingerprint);
  }
  return *slot.source;
}

std::vector<AccountRead> ReadAccounts(const config::HttpSettings& http, SourceSet& sources,
                                      const std::vector<const config::Account*>& accounts,
                                      const config::NewMediaSettings& settings,
                                      core::Timestamp now) {
  boost::asio::io_context io(1);
  std::unique_ptr<fetch::HttpClient> client = fetch::MakeHttpClient(io.get_executor(), http);
  std::vector<AccountRead> reads(accounts.size());
  for (size_t i = 0; i < accounts.size(); ++i) {
    AccountSource* source = &sources.For(*accounts[i], settings);
    boost::asio::co_spawn(io, ReadInto(client.get(), source, now, &reads[i]),
                          [](std::exception_ptr e) {
                            // Sources turn every failure into a value, so this is a bug.
                            if (e) std::rethrow_exception(e);
                          });
  }
  io.run();
  return reads;
}

std::optional<SourceFailure> ClassifyResponse(const fetch::Response& response) {
  if (!response.ok()) {
    std::string detail = response.detail;
    if (response.failure == fetch::FailureReason::kHttpStatus &&
        (response.status == 418 || response.status == 432)) {
      detail = "HTTP " + std::to_string(response.status) + " (the platform's anti-crawler answer)";
    }
    return SourceFailure{std::string(fetch::ToString(response.failure)), std::move(detail)};
  }
  const std::string host = HostOf(response.final_url);
  const std::string_view url = response.final_url;
  // Expired cookies and login-only accounts end on the platform's sign-in page.
  if (host.starts_with("passport.") || Contains(url, "/signin") || Contains(url, "/login") ||
      Contains(url, "/sso/")) {
    return SourceFailure{"login_wall", "redirected to a login page: " + host};
  }
  if (Contains(url, "captcha") || Contains(url, "/verify") || Contains(url, "sec_verify")) {
    return SourceFailure{"captcha", "redirected to a verification page: " + host};
  }
  const std::string_view head = std::string_view(response.body).substr(0, 4096);
  const bool html = response.content_type.find("html") != std::string::npos ||
                    head.find("<html") != std::string_view::npos ||
                    head.find("<!DOCTYPE") != std::string_view::npos;
  if (html && response.body.size() < 64 * 1024) {
    for (std::string_view needle : {"geetest", "captcha", "安全验证", "请完成验证", "人机验证"}) {
      if (Contains(head, needle)) return SourceFailure{"captcha", "verification page"};
    }
    for (std::string_view needle : {"请登录", "登录后查看", "用户登录", "扫码登录"}) {
      if (Contains(head, needle)) return SourceFailure{"login_wall", "login page"};
    }
  }
  return std::nullopt;
}

boost::asio::awaitable<std::vector<LinkProbe>> ProbeLinks(fetch::HttpClient& client,
                                                          std::vector<std::string> urls,
                                                          bool verify_tls) {
  std::vector<LinkProbe> probes;
  std::set<std::string> seen;
  for (auto& url : urls) {
    if (!seen.insert(url).second) continue;
    fetch::Request request;
    request.url = url;
    request.verify_tls = verify_tls;
    const fetch::Response response = co_await client.Fetch(std::move(request));
    LinkProbe probe;
    probe.url = url;
    probe.http_status = response.status;
    probe.works = response.ok();
    if (!response.ok()) {
      probe.failure = std::string(fetch::ToString(response.failure));
    } else if (response.body.size() < 16 * 1024 &&
               (Contains(response.body, "页面不存在") || Contains(response.body, "页面未找到") ||
                Contains(response.body, "404 Not Found"))) {
      probe.works = false;
      probe.failure = "soft_404";
    }
    probes.push_back(std::move(probe));
  }
  co_return probes;
}

}  // namespace govwatch::sources
