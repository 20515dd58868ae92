// Fake links: "#"/javascript:void(0)/empty hrefs without handlers, and unit/column anchors that
// land on the homepage or an unrelated page; tab headers and honest links are not fake.
#include "checks/fake_link.h"
#include "checks/outbound_drift.h"
#include "links_fixture.h"

namespace govwatch::checks {
namespace {

using testlinks::Data;
using testlinks::kPage;

const LinkCheckSubject kSite{"nxgy", "gy-gov"};
constexpr char kColumnPage[] = "http://www.nxgy.gov.cn/zwgk/index.html";
constexpr char kHome[] = "http://www.nxgy.gov.cn/";

TEST(CheckFakeLinks, LinksThatGoNowhere) {
  const auto links = extract::ExtractLinks(Data("all_kinds.html"), kColumnPage);
  const CheckResult r = CheckFakeLinks(kSite, kColumnPage, kHome, links, {});
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_NE(r.findings[0].message.find("锚文本“更多”，链接地址为“#”"), std::string::npos)
      << r.findings[0].message;
  EXPECT_NE(r.findings[1].message.find("javascript:void(0)"), std::string::npos);
  EXPECT_NE(r.findings[2].message.find("链接地址为“空”"), std::string::npos);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kDeduction);
  EXPECT_EQ(r.findings[0].check, "fake_link");
}

TEST(CheckFakeLinks, TabHeadersWithHandlersAreNotFake) {
  const auto links = extract::ExtractLinks(Data("benign_tabs.html"), kColumnPage);
  EXPECT_EQ(CheckFakeLinks(kSite, kColumnPage, kHome, links, {}).status, core::CheckStatus::kOk);
}

TEST(FakeLinkReason, UnitAnchorLandingOnHomepage) {
  const auto links = extract::ExtractLinks(
      "<a href='/jyj/'>市教育局</a><a href='/tzgg/'>通知公告</a><a href='/wsj/'>市卫健委</a>"
      "<a href='/a.html'>今日要闻</a>",
      kColumnPage);
  ASSERT_EQ(links.size(), 4u);
  const DestinationPage home{"http://www.nxgy.gov.cn/index.html", "固原市人民政府门户网站"};
  EXPECT_EQ(FakeLinkReason(links[0], kColumnPage, kHome, &home).value_or("none"),
            "锚文本指向“市教育局”，实际跳转到网站首页（http://www.nxgy.gov.cn/index.html）");
  const DestinationPage unrelated{"http://www.nxgy.gov.cn/tzgg/", "招商引资 - 固原市"};
  EXPECT_NE(FakeLinkReason(links[1], kColumnPage, kHome, &unrelated).value_or("none")
                .find("无关页面“招商引资 - 固原市”"),
            std::string::npos);
  // Honest destinations: the title carries the name (or its core, 卫健 of 市卫健委).
  const DestinationPage edu{"http://www.nxgy.gov.cn/jyj/", "固原市教育局"};
  EXPECT_FALSE(FakeLinkReason(links[0], kColumnPage, kHome, &edu).has_value());
  const DestinationPage health{"http://www.nxgy.gov.cn/wsj/", "固原市卫健委"};
  EXPECT_FALSE(FakeLinkReason(links[2], kColumnPage, kHome, &health).has_value());
  // Not a unit or column name: never judged by title.
  EXPECT_FALSE(FakeLinkReason(links[3], kColumnPage, kHome, &home).has_value());
  // Unknown destination: not judged.
  EXPECT_FALSE(FakeLinkReason(links[0], kColumnPage, kHome, nullptr).has_value());
}

TEST(CheckOutboundDrift, DestinationsTurnedBadAreVetoes) {
  std::vector<OutboundLinkState> links(3);
  links[0] = {"http://www.friend-placeholder.com/", "某某协会", kPage, DestinationClass::kNone,
              {DestinationClass::kParked, {"域名出售"}}};
  links[1] = {"http://www.people.com.cn/", "人民网", kPage, DestinationClass::kNone, {}};
  links[2] = {"http://old-placeholder.com/", "旧友链", kPage, DestinationClass::kGambling,
              {DestinationClass::kGambling, {"百家乐", "娱乐城"}}};
  const CheckResult r = CheckOutboundDrift(kSite, links);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
  EXPECT_EQ(r.findings[0].check, "outbound_drift");
  EXPECT_NE(r.findings[0].message.find("外链“某某协会”"), std::string::npos);
  EXPECT_NE(r.findings[0].message.find("已变为停放/待售域名（命中：域名出售）"), std::string::npos)
      << r.findings[0].message;
  EXPECT_NE(r.findings[1].message.find("仍为赌博"), std::string::npos);
  EXPECT_EQ(CheckOutboundDrift(kSite, {links[1]}).status, core::CheckStatus::kOk);
}

}  // namespace
}  // namespace govwatch::checks
