// The account rules of issue 7, each on fixed observations and a fixed clock.
#include <gtest/gtest.h>

#include "check_test_util.h"
#include "checks/account_closed.h"
#include "checks/account_commercial.h"
#include "checks/account_duplicate.h"
#include "checks/account_freshness.h"
#include "checks/account_stats.h"
#include "checks/source_error.h"
#include "checks/url_host.h"
#include "checks/wechat_menu.h"
#include "checks/weibo_profile_link.h"

namespace govwatch::checks {
namespace {

using testing::At;
using testing::Dated;
using testing::kNow;

config::Account Account(core::Platform platform = core::Platform::kWeibo) {
  config::Account a;
  a.id = "xjfb";
  a.name = "西吉发布";
  a.platform = platform;
  a.unit = "xj-gov";
  a.source.url = "https://m.weibo.cn/u/1";
  return a;
}

Post PostOn(const std::string& date, std::string text, bool pinned = false) {
  Post p;
  p.item = Dated(date, pinned, core::DateProvenance::kFeedDate);
  p.item.title = text.substr(0, 30);
  p.text = std::move(text);
  return p;
}

AccountObservation Readable(std::vector<Post> posts) {
  AccountObservation o;
  o.readable = true;
  o.posts = std::move(posts);
  return o;
}

const config::NewMediaSettings kSettings;
const core::TimeZone kTz;

TEST(AccountClosed, NewestPostAnnouncingClosureIsAFindingWithItsDate) {
  const auto r = CheckAccountClosed(
      Account(), kSettings,
      Readable({PostOn("2021-06-20", "关于本账号停止更新的公告：即日起本账号不再更新，请关注“西吉县人民政府”"),
                PostOn("2021-06-10", "西吉县马铃薯喜获丰收")}),
      kTz);
  ASSERT_EQ(r.status, core::CheckStatus::kProblem);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].check, kAccountClosed);
  EXPECT_EQ(r.findings[0].message.find("新浪微博「西吉发布」已于 2021-06-20 发布停更公告"), 0u)
      << r.findings[0].message;
  EXPECT_EQ(r.findings[0].last_update->time, At("2021-06-20"));
}

TEST(AccountClosed, AnOldAnnouncementFollowedByNewPostsIsNotAClosure) {
  const auto r = CheckAccountClosed(
      Account(), kSettings,
      Readable({PostOn("2021-06-28", "西吉县今冬首场降雪"),
                PostOn("2021-01-01", "本账号迁移至“西吉融媒”，欢迎关注")}),
      kTz);
  EXPECT_EQ(r.status, core::CheckStatus::kOk);
}

TEST(AccountClosed, PinnedNoticeCountsUnlessTheAccountPostedAfterIt) {
  auto pinned = PostOn("2021-05-01", "【置顶】本账号已停更，相关信息请访问政府网站", true);
  EXPECT_EQ(CheckAccountClosed(Account(), kSettings, Readable({pinned, PostOn("2021-04-01", "旧闻")}), kTz)
                .status,
            core::CheckStatus::kProblem);
  EXPECT_EQ(CheckAccountClosed(Account(), kSettings, Readable({pinned, PostOn("2021-06-01", "新闻")}), kTz)
                .status,
            core::CheckStatus::kOk);
}

TEST(AccountClosed, UnreadableIsUnknown) {
  AccountObservation o;
  o.unreadable_reason = "blocked";
  EXPECT_EQ(CheckAccountClosed(Account(), kSettings, o, kTz).status, core::CheckStatus::kUnknown);
}

TEST(AccountFreshness, PinnedPostsDoNotHideSilence) {
  // 固原: 7 days. The pinned post is from yesterday; the newest ordinary one 9 days old.
  config::Profile guyuan;
  guyuan.account_stale_days = 7;
  SourceState state;
  state.readable = true;
  state.items = {Dated("2021-06-29", /*pinned=*/true), Dated("2021-06-21")};
  const auto r = CheckAccountFreshness(Account(), guyuan, state, kNow, kTz);
  ASSERT_EQ(r.status, core::CheckStatus::kProblem);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
  EXPECT_NE(r.findings[0].message.find("已 9 天未更新"), std::string::npos);
}

MenuEntry View(std::string name, std::string url) { return MenuEntry{std::move(name), "view", std::move(url), {}}; }

TEST(WechatMenu, SynonymsInEntriesAndSubEntriesSatisfyTheRule) {
  AccountObservation o = Readable({});
  MenuEntry parent{"互动", "", "", {View("我要留言", "http://www.nxgy.gov.cn/hdjl/")}};
  o.menu = std::vector<MenuEntry>{View("政务服务", "http://zwfw.nxgy.gov.cn/"), parent};
  o.link_probes = {{"http://zwfw.nxgy.gov.cn/", true, "", 200},
                   {"http://www.nxgy.gov.cn/hdjl/", true, "", 200}};
  const auto r = CheckWechatMenu(Account(core::Platform::kWechat), kSettings, o);
  EXPECT_EQ(r.status, core::CheckStatus::kOk) << (r.findings.empty() ? "" : r.findings[0].message);
}

TEST(WechatMenu, MissingEntriesAndDeadLinksAreFindings) {
  AccountObservation o = Readable({});
  o.menu = std::vector<MenuEntry>{View("走进固原", "http://www.nxgy.gov.cn/zjgy/"),
                                  View("在线办事", "http://zwfw.nxgy.gov.cn/old/")};
  o.link_probes = {{"http://www.nxgy.gov.cn/zjgy/", true, "", 200},
                   {"http://zwfw.nxgy.gov.cn/old/", false, "http_status", 404}};
  const auto r = CheckWechatMenu(Account(core::Platform::kWechat), kSettings, o);
  ASSERT_EQ(r.status, core::CheckStatus::kProblem);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].subject, "menu_interaction");
  EXPECT_EQ(r.findings[0].message, "微信公众号「西吉发布」底部菜单缺少“互动交流”入口");
  EXPECT_EQ(r.findings[1].subject, "menu_dead:http://zwfw.nxgy.gov.cn/old/");
  EXPECT_EQ(r.findings[1].message, "微信公众号「西吉发布」底部菜单“在线办事”链接无法访问（HTTP 404）");
}

TEST(WechatMenu, NoMenuAtAllLacksBothAndConfiguredSynonymsApply) {
  AccountObservation o = Readable({});
  o.menu = std::vector<MenuEntry>{};
  auto r = CheckWechatMenu(Account(core::Platform::kWechat), kSettings, o);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_NE(r.findings[0].message.find("未设置底部菜单"), std::string::npos);

  config::NewMediaSettings custom;
  custom.service_menu_synonyms = {"一件事"};
  custom.interaction_menu_synonyms = {"民意"};
  o.menu = std::vector<MenuEntry>{View("一件事一次办", "http://a.gov.cn/"), View("民意直通车", "http://b.gov.cn/")};
  r = CheckWechatMenu(Account(core::Platform::kWechat), custom, o);
  EXPECT_EQ(r.status, core::CheckStatus::kOk);
  // Without a menu read (a feed source), the rule cannot judge.
  EXPECT_EQ(CheckWechatMenu(Account(), kSettings, Readable({})).status, core::CheckStatus::kUnknown);
}

TEST(WeiboProfileLink, MissingDeadAndWorkingLinks) {
  AccountObservation o = Readable({});
  o.profile = AccountProfile{"西吉发布", "西吉县人民政府新闻办公室", "https://m.weibo.cn/u/1", {}};
  auto r = CheckWeiboProfileLink(Account(), kSettings, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].subject, "profile_link_missing");
  EXPECT_EQ(r.findings[0].message, "新浪微博「西吉发布」简介未链接政府网站");

  o.profile->links = {"https://shop.example.com/", "http://www.nxxj.gov.cn"};
  o.link_probes = {{"http://www.nxxj.gov.cn", false, "dns", 0}};
  r = CheckWeiboProfileLink(Account(), kSettings, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].subject, "profile_link_dead");
  EXPECT_EQ(r.findings[0].evidence_url, "http://www.nxxj.gov.cn");

  o.link_probes = {{"http://www.nxxj.gov.cn", true, "", 200}};
  EXPECT_EQ(CheckWeiboProfileLink(Account(), kSettings, o).status, core::CheckStatus::kOk);
  EXPECT_TRUE(IsGovernmentUrl("https://WWW.NXGY.GOV.CN:8443/x", {".gov.cn"}));
  EXPECT_FALSE(IsGovernmentUrl("http://gov.cn.example.com/", {".gov.cn"}));
}

TEST(AccountDuplicate, TwoAccountsOfOneUnitOnOnePlatformAreInfo) {
  std::vector<config::Account> all = {Account(), Account(), Account(core::Platform::kWechat)};
  all[1].id = "xjzf";
  all[1].name = "西吉县政府";
  all[2].id = "xjwx";
  const auto r = CheckAccountDuplicate(all[0], all, "西吉县人民政府办公室");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kInfo);
  EXPECT_EQ(r.findings[0].message,
            "西吉县人民政府办公室在新浪微博开设多个账号：「西吉发布」与「西吉县政府」，"
            "同一单位原则上在同一平台只开设一个账号（国办发〔2018〕123号）");
  EXPECT_EQ(CheckAccountDuplicate(all[2], all, "").status, core::CheckStatus::kOk);
}

TEST(AccountCommercial, ShopAndGamblingLinksButNotGovernmentOnes) {
  Post shop = PostOn("2021-06-20", "好物推荐");
  shop.links = {"https://item.taobao.com/item.htm?id=1", "https://detail.tmall.com/x"};
  Post gov = PostOn("2021-06-21", "详见政府网站");
  gov.links = {"http://www.nxgy.gov.cn/a.html", "https://www.bocai-888.com/"};
  const auto r = CheckAccountCommercial(Account(), kSettings, Readable({shop, gov}));
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(r.findings[0].subject, "commercial:item.taobao.com");
  EXPECT_EQ(r.findings[2].subject, "commercial:www.bocai-888.com");
  EXPECT_NE(r.findings[0].message.find("含有指向商业或违规网站的链接"), std::string::npos);
  // taobao.com must not match a host that merely ends with the letters.
  Post lookalike = PostOn("2021-06-22", "x");
  lookalike.links = {"https://nottaobao.com/"};
  EXPECT_EQ(CheckAccountCommercial(Account(), kSettings, Readable({lookalike})).status,
            core::CheckStatus::kOk);
}

TEST(SourceError, OneFindingPerPlatformNamingEveryBrokenAccount) {
  config::Account a = Account(), b = Account(), c = Account(core::Platform::kWechat);
  b.id = "gyfb";
  b.name = "固原发布";
  b.unit = "gy";
  std::vector<SourceHealth> health = {{&a, 3, "blocked", At("2021-06-29")},
                                      {&b, 5, "login_wall", At("2021-06-28")},
                                      {&c, 9, "api_error", At("2021-06-20")}};
  const auto r = CheckSourceErrors(core::Platform::kWeibo, health, 3);
  ASSERT_EQ(r.findings.size(), 1u);
  const auto& f = r.findings[0];
  EXPECT_EQ(f.target_id, "@weibo");
  EXPECT_EQ(f.check, kSourceError);
  EXPECT_EQ(f.unit_id, "");  // two units: no single owner
  EXPECT_EQ(f.message,
            "新浪微博 2 个账号采集异常，无法判断是否更新：「西吉发布」（被防火墙或验证码拦截，连续 3 "
            "次）、「固原发布」（需要登录或 Cookie 已失效，连续 5 次）");
  health[0].consecutive_failures = 2;
  health[1].consecutive_failures = 0;
  EXPECT_EQ(CheckSourceErrors(core::Platform::kWeibo, health, 3).status, core::CheckStatus::kOk);
}

TEST(AccountStats, NewestGapAndCountsSkipPinnedPosts) {
  const std::vector<core::Item> items = {Dated("2021-06-29", /*pinned=*/true),
                                         Dated("2021-06-25"), Dated("2021-06-05"),
                                         Dated("2021-05-01")};
  const AccountStats s = ComputeAccountStats(items, std::nullopt, kNow);
  EXPECT_EQ(*s.newest_post, At("2021-06-25"));
  EXPECT_EQ(s.posts_7d, 1);
  EXPECT_EQ(s.posts_30d, 2);
  EXPECT_EQ(s.longest_gap, std::chrono::days{35});  // 05-01 → 06-05
  const AccountStats none = ComputeAccountStats({}, std::nullopt, kNow);
  EXPECT_FALSE(none.newest_post.has_value());
  EXPECT_EQ(none.longest_gap.count(), 0);
}

TEST(UrlHost, LowerCaseHostWithoutPortPathOrQuery) {
  EXPECT_EQ(UrlHost("https://WWW.Guyuan.GOV.cn:8443/zwgk/index.html?a=1"), "www.guyuan.gov.cn");
  EXPECT_EQ(UrlHost("http://shop.example.com#top"), "shop.example.com");
  EXPECT_EQ(UrlHost("www.gov.cn/no-scheme"), "");
}

}  // namespace
}  // namespace govwatch::checks
