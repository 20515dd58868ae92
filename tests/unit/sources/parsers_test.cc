// The pure parsers of the account sources, on replies shaped like the platforms' real ones.
#include <gtest/gtest.h>

#include "core/time.h"
#include "core/time_zone.h"
#include "extract/extract.h"
#include "fixture.h"
#include "sources/feed_source.h"
#include "sources/post_text.h"
#include "sources/wechat_json.h"
#include "sources/weibo_json.h"

namespace govwatch::sources {
namespace {

using testing::Fixture;

core::Timestamp At(const char* iso) { return *core::ParseIso8601(iso); }

// 2021-07-10 10:00 Beijing time.
const core::Timestamp kNow = At("2021-07-10T10:00:00+08:00");

TEST(WeiboDate, EveryFormTheApiPrints) {
  const core::TimeZone tz;
  struct Case {
    const char* text;
    const char* expected;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"Sat Jul 04 15:51:28 +0800 2020", "2020-07-04T15:51:28+08:00"},
           {"刚刚", "2021-07-10T10:00:00+08:00"},
           {"5分钟前", "2021-07-10T09:55:00+08:00"},
           {"3小时前", "2021-07-10T07:00:00+08:00"},
           {"昨天 12:00", "2021-07-09T12:00:00+08:00"},
           {"今天 08:15", "2021-07-10T08:15:00+08:00"},
           {"07-04", "2021-07-04T00:00:00+08:00"},
           {"12-30", "2020-12-30T00:00:00+08:00"},  // would be in the future: last year
           {"2019-07-04", "2019-07-04T00:00:00+08:00"},
       }) {
    const auto t = ParseWeiboDate(c.text, kNow, tz);
    ASSERT_TRUE(t.has_value()) << c.text;
    EXPECT_EQ(*t, At(c.expected)) << c.text;
  }
  for (const char* bad : {"", "昨天", "明天 12:00", "abc", "13-45", "昨天 25:00"}) {
    EXPECT_FALSE(ParseWeiboDate(bad, kNow, tz).has_value()) << bad;
  }
}

TEST(WeiboJson, UserInfoGivesProfileLinksAndThePostContainer) {
  const WeiboUserPage page = ParseWeiboUser(Fixture("weibo-user.json"));
  ASSERT_FALSE(page.failure.has_value());
  EXPECT_EQ(page.profile.screen_name, "固原发布");
  EXPECT_EQ(page.posts_containerid, "1076032656274875");
  ASSERT_EQ(page.profile.links.size(), 1u);
  EXPECT_EQ(page.profile.links[0], "http://www.nxgy.gov.cn");
}

TEST(WeiboJson, PostsFlagPinnedAndReadDatesAndOutboundLinks) {
  const WeiboPostsPage page = ParseWeiboPosts(Fixture("weibo-posts.json"), kNow, core::TimeZone());
  ASSERT_FALSE(page.failure.has_value());
  ASSERT_EQ(page.posts.size(), 4u);
  EXPECT_TRUE(page.posts[0].item.pinned);
  EXPECT_EQ(*page.posts[0].item.published, At("2021-03-01T10:00:00+08:00"));
  EXPECT_FALSE(page.posts[1].item.pinned);
  EXPECT_EQ(*page.posts[1].item.published, At("2021-07-10T07:00:00+08:00"));
  EXPECT_EQ(page.posts[1].item.url, "https://m.weibo.cn/status/KmN0pQrS2");
  EXPECT_EQ(page.posts[1].item.provenance, core::DateProvenance::kFeedDate);
  // sinaurl unwrapped; the topic search link on m.weibo.cn is not outbound.
  ASSERT_EQ(page.posts[1].links.size(), 1u);
  EXPECT_EQ(page.posts[1].links[0], "http://www.nxgy.gov.cn/xwzx/gydt/202107/t20210710_1.html");
  EXPECT_EQ(page.posts[2].links.at(0), "https://item.taobao.com/item.htm?id=123");
  EXPECT_EQ(*page.posts[3].item.published, At("2021-07-01T00:00:00+08:00"));
  EXPECT_EQ(page.posts[1].text.find("<a"), std::string::npos);
}

TEST(WeiboJson, OkZeroAndLoginWallAreFailuresNotEmptyAccounts) {
  const auto empty = ParseWeiboPosts(Fixture("weibo-empty-ok0.json"), kNow, core::TimeZone());
  ASSERT_TRUE(empty.failure.has_value());
  EXPECT_EQ(empty.failure->reason, "api_error");
  EXPECT_NE(empty.failure->detail.find("这里还没有内容"), std::string::npos);
  const auto login = ParseWeiboUser(Fixture("weibo-login.json"));
  ASSERT_TRUE(login.failure.has_value());
  EXPECT_EQ(login.failure->reason, "login_wall");
  const auto html = ParseWeiboPosts(Fixture("waf.html"), kNow, core::TimeZone());
  ASSERT_TRUE(html.failure.has_value());
  EXPECT_EQ(html.failure->reason, "parse");
}

TEST(WechatJson, TokenAndItsErrors) {
  const WechatToken token = ParseWechatToken(Fixture("wechat-token.json"));
  ASSERT_FALSE(token.failure.has_value());
  EXPECT_EQ(token.access_token, "61_Tk1xQ2VhbGx5QUxvbmdUb2tlblN0cmluZ0ZvclRlc3Rz");
  EXPECT_EQ(token.expires_in, std::chrono::seconds{7200});
  const WechatToken bad = ParseWechatToken(Fixture("wechat-error-40013.json"));
  ASSERT_TRUE(bad.failure.has_value());
  EXPECT_EQ(bad.failure->reason, "api_error");
  EXPECT_NE(bad.failure->detail.find("40013"), std::string::npos);
  const auto e = ParseWechatError(Fixture("wechat-error-40001.json"));
  ASSERT_TRUE(e.has_value());
  EXPECT_TRUE(IsTokenError(*e));
  EXPECT_FALSE(IsTokenError(WechatError{40013, ""}));
  EXPECT_TRUE(IsTokenError(WechatError{42001, "access_token expired"}));
}

TEST(WechatJson, PublishedArticlesSkipDeletedOnesAndKeepSourceLinks) {
  const WechatArticles a = ParseWechatArticles(Fixture("wechat-batchget.json"));
  ASSERT_FALSE(a.failure.has_value());
  ASSERT_EQ(a.posts.size(), 2u);
  EXPECT_EQ(a.posts[0].item.title, "固原市召开2021年第二季度政务公开工作推进会");
  EXPECT_EQ(*a.posts[0].item.published, core::Timestamp{std::chrono::seconds{1625900000}});
  EXPECT_TRUE(a.posts[0].links.empty());
  EXPECT_EQ(a.posts[1].links.at(0), "https://shop.jd.com/promo/123");
  const WechatArticles expired = ParseWechatArticles(Fixture("wechat-error-40001.json"));
  ASSERT_TRUE(expired.error.has_value());
  EXPECT_EQ(expired.error->code, 40001);
}

TEST(WechatJson, MenuWithNestedSubButtons) {
  const WechatMenu menu = ParseWechatMenu(Fixture("wechat-menu.json"));
  ASSERT_FALSE(menu.failure.has_value());
  ASSERT_EQ(menu.entries.size(), 3u);
  EXPECT_EQ(menu.entries[0].name, "政务服务");
  EXPECT_EQ(menu.entries[0].url, "http://zwfw.nxgy.gov.cn/");
  ASSERT_EQ(menu.entries[1].children.size(), 2u);
  EXPECT_EQ(menu.entries[1].children[0].name, "留言咨询");
  EXPECT_EQ(menu.entries[1].children[0].type, "view");
  const WechatMenu closed = ParseWechatMenu(R"({"is_menu_open":0})");
  EXPECT_FALSE(closed.failure.has_value());
  EXPECT_TRUE(closed.entries.empty());
}

TEST(FeedSource, RssHubWeiboPinnedEntryIsFlagged) {
  extract::Context ctx;
  ctx.now = kNow;
  auto feed = extract::ParseFeed(Fixture("rsshub-weibo-user.xml"), ctx);
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  const auto posts = PostsFromFeed(*feed);
  ASSERT_EQ(posts.size(), 3u);
  EXPECT_TRUE(posts[0].item.pinned);
  EXPECT_FALSE(posts[1].item.pinned);
  EXPECT_FALSE(posts[2].item.pinned);
  EXPECT_TRUE(HasPinnedMarker("【置顶】关于本账号"));
  EXPECT_TRUE(HasPinnedMarker("  [置顶] x"));
  EXPECT_FALSE(HasPinnedMarker("关于置顶的说明"));
}

TEST(PostText, LinksAndText) {
  EXPECT_EQ(PlainText("a<br/>b &amp; c<span>d</span>"), "a\nb & cd");
  const auto links = FindLinks("见 www.nxgy.gov.cn，和 https://a.example.com/x?y=1&amp;z=2。");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0], "http://www.nxgy.gov.cn");
  EXPECT_EQ(links[1], "https://a.example.com/x?y=1&z=2");
  EXPECT_TRUE(FindLinks("www.example.com").empty());  // bare hosts only for government sites
}

TEST(ClassifyResponse, WafCaptchaLoginAndAntiCrawlerStatuses) {
  fetch::Response waf;
  waf.failure = fetch::FailureReason::kBlocked;
  EXPECT_EQ(ClassifyResponse(waf)->reason, "blocked");
  for (int status : {418, 432}) {
    fetch::Response r;
    r.failure = fetch::FailureReason::kHttpStatus;
    r.status = status;
    const auto f = ClassifyResponse(r);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->reason, "http_status");
    EXPECT_NE(f->detail.find("anti-crawler"), std::string::npos);
  }
  fetch::Response login;
  login.final_url = "https://passport.weibo.cn/signin/welcome?entry=mweibo";
  EXPECT_EQ(ClassifyResponse(login)->reason, "login_wall");
  fetch::Response captcha;
  captcha.final_url = "http://127.0.0.1/x";
  captcha.content_type = "text/html";
  captcha.body = Fixture("captcha.html");
  EXPECT_EQ(ClassifyResponse(captcha)->reason, "captcha");
  fetch::Response ok;
  ok.final_url = "https://m.weibo.cn/api/container/getIndex";
  ok.content_type = "application/json";
  ok.body = Fixture("weibo-user.json");
  EXPECT_FALSE(ClassifyResponse(ok).has_value());
}

}  // namespace
}  // namespace govwatch::sources
