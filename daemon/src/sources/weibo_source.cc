#include "sources/weibo_source.h"

#include "core/time_zone.h"
#include "sources/post_text.h"
#include "sources/weibo_json.h"

namespace govwatch::sources {
namespace {

class WeiboSource final : public AccountSource {
 public:
  WeiboSource(const config::Account& account, const config::NewMediaSettings& settings)
      : base_(account.source.base_url),
        uid_(account.source.uid),
        profile_url_(account.source.url),
        verify_tls_(account.verify_tls),
        check_links_(settings.check_links),
        government_domains_(settings.government_domains) {}

  boost::asio::awaitable<AccountRead> Read(fetch::HttpClient& client,
                                           core::Timestamp now) override {
    AccountRead read;
    read.final_url = profile_url_;
    const std::string index = base_ + "/api/container/getIndex?type=uid&value=" + uid_;
    const fetch::Response user_response = co_await Get(client, index, read);
    if (auto failure = ClassifyResponse(user_response)) {
      read.failure = std::move(*failure);
      co_return read;
    }
    WeiboUserPage user = ParseWeiboUser(user_response.body);
    if (user.failure) {
      read.failure = std::move(*user.failure);
      co_return read;
    }
    const std::string containerid =
        user.posts_containerid.empty() ? "107603" + uid_ : user.posts_containerid;
    const fetch::Response posts_response =
        co_await Get(client, index + "&containerid=" + containerid, read);
    if (auto failure = ClassifyResponse(posts_response)) {
      read.failure = std::move(*failure);
      co_return read;
    }
    // Weibo posts are dated in Beijing time.
    WeiboPostsPage posts = ParseWeiboPosts(posts_response.body, now, core::TimeZone());
    if (posts.failure) {
      read.failure = std::move(*posts.failure);
      co_return read;
    }
    read.readable = true;
    read.posts = std::move(posts.posts);
    if (check_links_) {
      std::vector<std::string> government;
      for (const auto& link : user.profile.links) {
        const std::string host = HostOf(link);
        for (const auto& suffix : government_domains_) {
          if (host.ends_with(suffix) || "." + host == suffix) {
            government.push_back(link);
            break;
          }
        }
      }
      read.link_probes = co_await ProbeLinks(client, std::move(government), verify_tls_);
    }
    read.profile = std::move(user.profile);
    co_return read;
  }

 private:
  boost::asio::awaitable<fetch::Response> Get(fetch::HttpClient& client, std::string url,
                                              AccountRead& read) {
    fetch::Request request;
    request.url = std::move(url);
    request.verify_tls = verify_tls_;
    fetch::Response response = co_await client.Fetch(std::move(request));
    read.http_status = response.status;
    read.elapsed += response.elapsed;
    read.bytes += static_cast<std::int64_t>(response.body.size());
    co_return response;
  }

  std::string base_;
  std::string uid_;
  std::string profile_url_;
  bool verify_tls_;
  bool check_links_;
  std::vector<std::string> government_domains_;
};

}  // namespace

std::unique_ptr<AccountSource> MakeWeiboSource(const config::Account& account,
                                               const config::NewMediaSettings& settings) {
  return std::make_unique<WeiboSource>(account, settings);
}

}  // namespace govwatch::sources
