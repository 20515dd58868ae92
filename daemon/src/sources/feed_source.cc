#include "sources/feed_source.h"

#include <array>

namespace govwatch::sources {
namespace {

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  // U+3000 IDEOGRAPHIC SPACE, common before Chinese titles.
  while (s.starts_with("\u3000")) s.remove_prefix(3);
  return s;
}

class FeedSource final : public AccountSource {
 public:
  explicit FeedSource(const config::Account& account)
      : url_(account.source.url), verify_tls_(account.verify_tls) {}

  boost::asio::awaitable<AccountRead> Read(fetch::HttpClient& client,
                                           core::Timestamp now) override {
    fetch::Request request;
    request.url = url_;
    request.verify_tls = verify_tls_;
    const fetch::Response response = co_await client.Fetch(std::move(request));
    AccountRead read;
    read.http_status = response.status;
    read.elapsed = response.elapsed;
    read.bytes = static_cast<std::int64_t>(response.body.size());
    read.final_url = response.final_url.empty() ? url_ : response.final_url;
    if (auto failure = ClassifyResponse(response)) {
      read.failure = std::move(*failure);
      co_return read;
    }
    extract::Context ctx;
    ctx.base_url = read.final_url;
    ctx.now = now;
    auto feed = extract::ParseFeed(response.body, ctx);
    if (!feed) {
      read.failure = SourceFailure{"parse", feed.error().message};
      co_return read;
    }
    read.readable = true;
    read.posts = PostsFromFeed(*feed);
    co_return read;
  }

 private:
  std::string url_;
  bool verify_tls_;
};

}  // namespace

bool HasPinnedMarker(std::string_view title) {
  title = TrimLeft(title);
  constexpr std::array<std::string_view, 7> kMarkers = {
      "置顶", "[置顶]", "【置顶】", "（置顶）", "(置顶)", "Pinned:", "[Pinned]"};
  for (std::string_view marker : kMarkers) {
    if (title.starts_with(marker)) return true;
  }
  return false;
}

std::vector<Post> PostsFromFeed(const extract::Feed& feed) {
  std::vector<Post> posts;
  posts.reserve(feed.items.size());
  for (const core::Item& item : feed.items) {
    Post post;
    post.item = item;
    post.item.pinned = item.pinned || HasPinnedMarker(item.title);
    post.text = item.title;
    posts.push_back(std::move(post));
  }
  return posts;
}

std::unique_ptr<AccountSource> MakeFeedSource(const config::Account& account) {
  return std::make_unique<FeedSource>(account);
}

}  // namespace govwatch::sources
