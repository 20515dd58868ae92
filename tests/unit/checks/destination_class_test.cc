// Destination classification and soft-404 over fixture pages, with the negative cases: a news
// story that mentions 赌博 once, 成人教育, a phone number containing 404.
#include "checks/destination_class.h"
#include "checks/soft_404.h"
#include "extract/links.h"
#include "links_fixture.h"

namespace govwatch::checks {
namespace {

using testlinks::Data;

DestinationVerdict Classify(const char* file, const char* url) {
  return ClassifyDestination(extract::ReadPageText(Data(file)).text, url);
}

TEST(ClassifyDestination, GamblingPornParked) {
  const auto g = Classify("dest_gambling.html", "http://a-placeholder.com/");
  EXPECT_EQ(g.klass, DestinationClass::kGambling);
  EXPECT_GE(g.evidence.size(), 2u);
  EXPECT_EQ(Classify("dest_porn.html", "http://b-placeholder.com/").klass, DestinationClass::kPorn);
  const auto p = Classify("dest_parked.html", "http://c-placeholder.com/");
  EXPECT_EQ(p.klass, DestinationClass::kParked);
  EXPECT_EQ(p.evidence.front(), "域名出售");
  EXPECT_EQ(ChineseName(DestinationClass::kParked), "停放/待售域名");
}

TEST(ClassifyDestination, NewsAboutGamblingIsNotGambling) {
  EXPECT_EQ(Classify("article_normal.html", "http://www.nxgy.gov.cn/a.html").klass,
            DestinationClass::kNone);
}

TEST(ClassifyDestination, HostNameCountsAsOneTerm) {
  EXPECT_EQ(ClassifyDestination("欢迎光临 百家乐", "http://www.dubo-placeholder.com/").klass,
            DestinationClass::kGambling);
  EXPECT_EQ(ClassifyDestination("欢迎光临 百家乐", "http://www.example.com/").klass,
            DestinationClass::kNone);
}

TEST(AssessDestinationRisk, Levels) {
  const std::set<std::string> illegal = {"bad-placeholder.org"};
  DestinationLookup lookup;
  lookup["http://x-placeholder.com/"] = {DestinationClass::kPorn, {"成人视频"}};
  const char* page = "http://www.nxgy.gov.cn/index.html";
  EXPECT_EQ(AssessDestinationRisk("http://m.bad-placeholder.org/x", page, illegal, {}).risk,
            LinkRisk::kHigh);
  EXPECT_EQ(AssessDestinationRisk("http://x-placeholder.com/", page, {}, lookup).risk,
            LinkRisk::kHigh);
  EXPECT_EQ(AssessDestinationRisk("http://www.people.com.cn/", page, {}, {}).risk,
            LinkRisk::kMedium);
  EXPECT_EQ(AssessDestinationRisk("http://www.gov.cn/", page, {}, {}).risk, LinkRisk::kLow);
  EXPECT_EQ(AssessDestinationRisk("http://www.nxgy.gov.cn/a", page, {}, {}).risk, LinkRisk::kLow);
  // Suffix matching is by label, not by string: notbad-placeholder.org is another domain.
  EXPECT_FALSE(OnIllegalDomain("notbad-placeholder.org", illegal));
}

TEST(Soft404Reason, ErrorPagesSayWhy) {
  auto reason = [](const char* f) {
    return Soft404Reason(extract::ReadPageText(Data(f)).text).value_or("none");
  };
  EXPECT_EQ(reason("soft404_not_found.html"), "页面提示“页面不存在”");
  EXPECT_EQ(reason("soft404_deleted.html"), "页面提示“该信息已删除”");
  EXPECT_EQ(reason("soft404_expired.html"), "页面提示“域名已过期”");
  EXPECT_EQ(reason("soft404_bare_404.html"), "页面提示“404”");
  EXPECT_EQ(reason("dest_parked.html"), "停放/待售域名页面（域名出售）");
  // A real article: phone 0954-4041234 is no 404, 打击赌博 is no error.
  EXPECT_EQ(reason("article_normal.html"), "none");
  EXPECT_EQ(reason("messages_table.html"), "none");
}

TEST(Soft404Reason, LongArticleMentioningThePhraseIsNotSoft404) {
  std::string text = "关于网站管理的通知 ";
  for (int i = 0; i < 200; ++i) text += "各单位要加强网站内容保障。";
  text += "杜绝出现“页面不存在”等情况。";
  EXPECT_FALSE(Soft404Reason(text).has_value());
  EXPECT_TRUE(Soft404Reason("页面不存在 - 固原市人民政府 " + text).has_value());  // title
}

}  // namespace
}  // namespace govwatch::checks
