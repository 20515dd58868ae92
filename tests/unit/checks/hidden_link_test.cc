// Hidden links and cloaking: veto for hidden outbound/bad links, nothing for benign hidden
// elements (tabs, menus, Hanweb signature, CNZZ), info for hidden links to gov.cn.
#include "checks/cloaking.h"
#include "checks/hidden_link.h"
#include "links_fixture.h"

namespace govwatch::checks {
namespace {

using testlinks::Data;
using testlinks::kBad;
using testlinks::kPage;

const LinkCheckSubject kSite{"nxgy", "gy-gov"};

CheckResult Check(const std::string& html, const DestinationLookup& lookup = {},
                  const std::set<std::string>& illegal = {}) {
  return CheckHiddenLinks(kSite, kPage, extract::ExtractLinks(html, kPage), illegal, lookup);
}

TEST(CheckHiddenLinks, EveryTechniqueIsAVetoWithPageAnchorDestinationReasonRisk) {
  for (const char* f : {"hide_display_none.html", "hide_visibility.html", "hide_opacity.html",
                        "hide_font_size.html", "hide_offscreen.html", "hide_text_indent.html",
                        "hide_zero_container.html", "hide_marquee.html", "hide_same_colour.html",
                        "hide_style_block.html", "hide_iframe.html", "hide_script.html"}) {
    const CheckResult r = Check(Data(f));
    ASSERT_EQ(r.status, core::CheckStatus::kProblem) << f;
    const core::Finding& v = r.findings.front();
    EXPECT_EQ(v.severity, core::Severity::kVeto) << f;
    EXPECT_EQ(v.check, "hidden_link");
    EXPECT_EQ(v.target_id, "nxgy");
    EXPECT_EQ(v.evidence_url, kPage);
    EXPECT_NE(v.message.find("暗链"), std::string::npos) << v.message;
    EXPECT_NE(v.message.find("隐藏方式"), std::string::npos) << v.message;
    EXPECT_NE(v.message.find("风险："), std::string::npos) << v.message;
  }
}

TEST(CheckHiddenLinks, GamblingDestinationIsHighRisk) {
  DestinationLookup lookup;
  lookup[kBad] = {DestinationClass::kGambling, {"百家乐", "真人荷官"}};
  const CheckResult r = Check(Data("hide_display_none.html"), lookup);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("锚文本“网上赌场”"), std::string::npos);
  EXPECT_NE(r.findings[0].message.find("风险：高（目标页面为赌博内容（百家乐、真人荷官））"),
            std::string::npos)
      << r.findings[0].message;
  const CheckResult unknown = Check(Data("hide_display_none.html"));
  EXPECT_NE(unknown.findings[0].message.find("风险：中（非政府网站域名"), std::string::npos);
}

TEST(CheckHiddenLinks, BenignHiddenElementsRaiseNothing) {
  for (const char* f : {"benign_tabs.html", "benign_menu.html", "benign_hanweb.html",
                        "all_kinds.html"}) {
    const CheckResult r = Check(Data(f));
    EXPECT_EQ(r.status, core::CheckStatus::kOk) << f;
    for (const auto& finding : r.findings) ADD_FAILURE() << f << ": " << finding.message;
  }
}

TEST(CheckHiddenLinks, BenignShapeDoesNotLaunderAKnownBadDestination) {
  DestinationLookup lookup;
  lookup["http://www.people.com.cn/"] = {DestinationClass::kPorn, {"成人视频", "激情视频"}};
  const CheckResult r = Check(Data("benign_tabs.html"), lookup);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
  EXPECT_NE(r.findings[0].message.find("形似选项卡面板"), std::string::npos);
}

TEST(CheckHiddenLinks, HiddenGovLinkIsOnlyInfo) {
  const CheckResult r = Check(
      "<div style='display:none'><a href='http://www.nx.gov.cn/'>宁夏</a></div>");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kInfo);
}

TEST(CheckHiddenLinks, IllegalDomainListIsHighRisk) {
  const CheckResult r = Check(Data("hide_opacity.html"), {}, {"dubo-placeholder.com"});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("已知违法域名"), std::string::npos);
}

TEST(CheckCloaking, SpiderOnlyOutboundLinksAreVetoes) {
  const std::string normal =
      "<a href='/a.html'>新闻</a><a href='http://www.gov.cn/'>中国政府网</a>";
  const std::string spider = normal +
                             "<a href='/b.html'>新栏目</a><a href='http://www.nx.gov.cn/'>宁夏</a>"
                             "<a href='http://www.dubo-placeholder.com/'>彩票</a>"
                             "<a href='http://www.dubo-placeholder.com/'>彩票</a>";
  const auto normal_links = extract::ExtractLinks(normal, kPage);
  const auto spider_links = extract::ExtractLinks(spider, kPage);
  const auto cloaked = CloakedLinks(kPage, normal_links, spider_links);
  ASSERT_EQ(cloaked.size(), 1u);
  EXPECT_EQ(cloaked[0].url, kBad);
  const CheckResult r = CheckCloaking(kSite, kPage, normal_links, spider_links, {}, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].check, "hidden_link");
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
  EXPECT_NE(r.findings[0].message.find("搜索引擎蜘蛛"), std::string::npos);
  EXPECT_EQ(CheckCloaking(kSite, kPage, normal_links, normal_links, {}, {}).status,
            core::CheckStatus::kOk);
}

}  // namespace
}  // namespace govwatch::checks
