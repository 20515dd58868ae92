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

std::string Soft404Of(std::string_view html) {
  return Soft404Reason(extract::ReadPageText(html)).value_or("none");
}

TEST(Soft404Reason, ErrorPagesSayWhy) {
  auto reason = [](const char* f) { return Soft404Of(Data(f)); };
  EXPECT_EQ(reason("soft404_not_found.html"), "页面提示“页面不存在”");
  EXPECT_EQ(reason("soft404_deleted.html"), "页面提示“该信息已删除”");
  EXPECT_EQ(reason("soft404_expired.html"), "页面提示“域名已过期”");
  EXPECT_EQ(reason("soft404_bare_404.html"), "页面提示“404”");
  EXPECT_EQ(reason("dest_parked.html"), "停放/待售域名页面（域名出售）");
  // A real article: phone 0954-4041234 is no 404, 打击赌博 is no error.
  EXPECT_EQ(reason("article_normal.html"), "none");
  EXPECT_EQ(reason("messages_table.html"), "none");
}

TEST(Soft404Reason, TheCodeNearAnErrorWordInTitleHeadingOrShortBody) {
  EXPECT_EQ(Soft404Of("<title>404 错误 - 固原市人民政府</title><body>返回首页</body>"),
            "页面提示“404”");
  EXPECT_EQ(Soft404Of("<title>固原市人民政府</title><body><h1>404</h1><p>请检查网址</p></body>"),
            "页面提示“404”");
  EXPECT_EQ(Soft404Of("<title>提示</title><body><p>抱歉，出现 404 错误。</p></body>"),
            "页面提示“404”");
  EXPECT_EQ(Soft404Of("<title>提示</title><body><p>该链接已失效，请返回。</p></body>"),
            "页面提示“链接已失效”");
}

// The benchmark site's page 404 (tests/bench/link_check.sh): a page number is no error code,
// although the page's body says 页面 elsewhere.
TEST(Soft404Reason, PageNumberIsNotTheErrorCode) {
  std::string filler;
  for (int i = 0; i < 20; ++i) filler += "本页为基准测试生成的政府网站页面内容。";
  EXPECT_EQ(Soft404Of("<title>第404页 某市人民政府</title><body><h1>政务公开 第404页</h1><p>" +
                      filler + "</p><ul><li><a href='/p/1213.html'>第1213页</a></li></ul></body>"),
            "none");
  EXPECT_EQ(Soft404Of("<title>通知</title><body><p>固政发〔2021〕404号 页面正文</p></body>"),
            "none");
}

// Link texts describe other pages: a page listing dead or deleted links is not itself one.
TEST(Soft404Reason, LinkTextsAreNotThePagesMessage) {
  EXPECT_EQ(Soft404Of("<title>政务公开</title><body><h1>政务公开</h1><p>本栏目的页面内容。</p>"
                      "<ul><li><a href='/missing/1.html'>已失效</a></li>"
                      "<li><a href='/x.html'>链接已失效</a></li>"
                      "<li><a href='/y.html'>该信息已删除</a></li>"
                      "<li><a href='http://127.0.0.1:9/e/404.html'>外站404</a></li></ul></body>"),
            "none");
  EXPECT_EQ(Soft404Of("<title>首页</title><body><nav>页面不存在</nav><p>欢迎</p></body>"), "none");
}

TEST(Soft404Reason, LongArticleMentioningThePhraseIsNotSoft404) {
  std::string body;
  for (int i = 0; i < 200; ++i) body += "各单位要加强网站内容保障。";
  body += "杜绝出现“页面不存在”等情况。";
  EXPECT_EQ(Soft404Of("<title>关于网站管理的通知</title><body><p>" + body + "</p></body>"), "none");
  EXPECT_EQ(Soft404Of("<title>页面不存在 - 固原市人民政府</title><body><p>" + body + "</p></body>"),
            "页面提示“页面不存在”");  // the title is the page's message whatever its length
}

}  // namespace
}  // namespace govwatch::checks
