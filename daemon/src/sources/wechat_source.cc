#include "sources/wechat_source.h"

#include <fstream>

#include "sources/wechat_json.h"

namespace govwatch::sources {
namespace {

// Tokens are refreshed this long before WeChat says they expire, so a read never races expiry.
constexpr std::chrono::seconds kTokenMargin{300};

void CollectViewUrls(const std::vector<MenuEntry>& entries, std::vector<std::string>& out) {
  for (const MenuEntry& e : entries) {
    if (e.type == "view" && (e.url.starts_with("http://") || e.url.starts_with("https://"))) {
      out.push_back(e.url);
    }
    CollectViewUrls(e.children, out);
  }
}

class WechatSource final : public AccountSource {
 public:
  WechatSource(const config::Account& account, const config::NewMediaSettings& settings)
      : base_(account.source.base_url),
        appid_(account.source.appid),
        secret_(account.source.secret),
        secret_file_(account.source.secret_file),
        evidence_url_(account.source.url),
        verify_tls_(account.verify_tls),
        check_links_(settings.check_links) {}

  boost::asio::awaitable<AccountRead> Read(fetch::HttpClient& client,
                                           core::Timestamp now) override {
    AccountRead read;
    read.final_url = evidence_url_;

    // The article list, with one token refresh when WeChat says the token is bad.
    WechatArticles articles;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (auto failure = co_await EnsureToken(client, now, read)) {
        read.failure = Scrub(std::move(*failure));
        co_return read;
      }
      const fetch::Response r = co_await Call(
          client, base_ + "/cgi-bin/freepublish/batchget?access_token=" + token_,
          std::string(R"({"offset":0,"count":20,"no_content":1})"), read);
      if (auto failure = ClassifyResponse(r)) {
        read.failure = Scrub(std::move(*failure));
        co_return read;
      }
      articles = ParseWechatArticles(r.body);
      if (articles.error && IsTokenError(*articles.error) && attempt == 0) {
        token_.clear();
        continue;
      }
      break;
    }
    if (articles.failure) {
      read.failure = Scrub(std::move(*articles.failure));
      co_return read;
    }

    WechatMenu menu;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (auto failure = co_await EnsureToken(client, now, read)) {
        read.failure = Scrub(std::move(*failure));
        co_return read;
      }
      const fetch::Response r = co_await Call(
          client, base_ + "/cgi-bin/get_current_selfmenu_info?access_token=" + token_,
          std::nullopt, read);
      if (auto failure = ClassifyResponse(r)) {
        read.failure = Scrub(std::move(*failure));
        co_return read;
      }
      menu = ParseWechatMenu(r.body);
      if (menu.error && IsTokenError(*menu.error) && attempt == 0) {
        token_.clear();
        continue;
      }
      break;
    }
    if (menu.failure) {
      read.failure = Scrub(std::move(*menu.failure));
      co_return read;
    }

    read.readable = true;
    read.posts = std::move(articles.posts);
    if (check_links_) {
      std::vector<std::string> urls;
      CollectViewUrls(menu.entries, urls);
      read.link_probes = co_await ProbeLinks(client, std::move(urls), verify_tls_);
    }
    read.menu = std::move(menu.entries);
    co_return read;
  }

 private:
  // Fetches a token unless the cached one is still valid at `now`. nullopt on success.
  boost::asio::awaitable<std::optional<SourceFailure>> EnsureToken(fetch::HttpClient& client,
                                                                   core::Timestamp now,
                                                                   AccountRead& read) {
    if (!token_.empty() && now < token_expires_) co_return std::nullopt;
    token_.clear();
    std::string secret;
    if (secret_) {
      secret = *secret_;
    } else if (secret_file_) {
      std::ifstream in(*secret_file_);
      std::getline(in, secret);
      while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
      if (!in && secret.empty()) {
        co_return SourceFailure{"secret", "cannot read secret_file " + *secret_file_};
      }
    }
    if (secret.empty()) co_return SourceFailure{"secret", "the AppSecret is empty"};
    secret_seen_ = secret;
    const fetch::Response r = co_await Call(
        client,
        base_ + "/cgi-bin/token?grant_type=client_credential&appid=" + appid_ + "&secret=" + secret,
        std::nullopt, read);
    if (auto failure = ClassifyResponse(r)) co_return failure;
    WechatToken token = ParseWechatToken(r.body);
    if (token.failure) co_return token.failure;
    token_ = std::move(token.access_token);
    token_expires_ = now + std::max(std::chrono::seconds{0}, token.expires_in - kTokenMargin);
    ++token_fetches_;
    co_return std::nullopt;
  }

  boost::asio::awaitable<fetch::Response> Call(fetch::HttpClient& client, std::string url,
                                               std::optional<std::string> post_body,
                                               AccountRead& read) {
    fetch::Request request;
    request.url = std::move(url);
    request.verify_tls = verify_tls_;
    request.post_body = std::move(post_body);
    fetch::Response response = co_await client.Fetch(std::move(request));
    read.http_status = response.status;
    read.elapsed += response.elapsed;
    read.bytes += static_cast<std::int64_t>(response.body.size());
    co_return response;
  }

  // Fetch details may quote the request URL, which carries the secret or the token.
  SourceFailure Scrub(SourceFailure failure) const {
    for (const std::string* s : {&secret_seen_, &token_}) {
      if (s->empty()) continue;
      for (size_t at; (at = failure.detail.find(*s)) != std::string::npos;) {
        failure.detail.replace(at, s->size(), "***");
      }
    }
    return failure;
  }

  std::string base_;
  std::string appid_;
  std::optional<std::string> secret_;
  std::optional<std::string> secret_file_;
  std::string evidence_url_;
  bool verify_tls_;
  bool check_links_;
  std::string token_;
  std::string secret_seen_;
  core::Timestamp token_expires_{};
  int token_fetches_ = 0;
};

}  // namespace

std::unique_ptr<AccountSource> MakeWechatSource(const config::Account& account,
                                                const config::NewMediaSettings& settings) {
  return std::make_unique<WechatSource>(account, settings);
}

}  // namespace govwatch::sources
