// Article fields (title, date with provenance, source, 文号, main text), feeds, kind guessing,
// and inputs that must not crash.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>

#include "extract/extract.h"
#include "fixture_util.h"
#include "extract/url.h"

namespace govwatch::extract {
namespace {

using core::DateProvenance;

using testutil::Fixture;
using testutil::T;

Context Ctx(std::string base = "http://www.nxgy.gov.cn/") {
  return Context{std::move(base), core::TimeZone(), T("2021-07-01T04:00:00Z")};
}

std::string Local(const core::DatedTime& t) {
  return core::FormatIso8601(t.time, std::chrono::hours{8});
}

TEST(ExtractArticleTest, TrsArticleWithMetaTags) {
  const Article a = ExtractArticle(Fixture("article_trs.html"),
                                   Ctx("http://www.nxgy.gov.cn/zwgk/zcwj/202106/t20210630_1.html"));
  EXPECT_EQ(a.title, "固原市人民政府关于印发固原市城市绿化管理办法的通知");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(Local(*a.published), "2021-06-30T10:00:00+08:00");
  EXPECT_EQ(a.published->provenance, DateProvenance::kMetaPubdate);
  EXPECT_EQ(a.source, "固原市人民政府办公室");
  EXPECT_EQ(a.doc_number, "固政规发〔2021〕3号");
  EXPECT_TRUE(a.text.starts_with("各县（区）人民政府，市人民政府各部门、各直属机构：\n")) << a.text;
  EXPECT_NE(a.text.find("第二条 本办法适用于"), std::string::npos);
  EXPECT_TRUE(a.text.ends_with("2021年6月28日")) << a.text;
  EXPECT_EQ(a.text.find("首页"), std::string::npos);
  EXPECT_EQ(a.text.find("版权所有"), std::string::npos);
}

TEST(ExtractArticleTest, PlainArticleLabelledDateFullWidthAndBracketedDocNumber) {
  const Article a = ExtractArticle(Fixture("article_plain.html"), Ctx());
  EXPECT_EQ(a.title, "原州区召开防汛工作部署会");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(Local(*a.published), "2021-06-29T16:30:00+08:00");
  EXPECT_EQ(a.published->provenance, DateProvenance::kArticleDate);
  EXPECT_EQ(a.source, "原州区应急管理局");
  EXPECT_EQ(a.doc_number, "原政办发〔2021〕12号");
  EXPECT_TRUE(a.text.starts_with("6月29日，原州区召开防汛工作部署会")) << a.text;
  EXPECT_EQ(std::count(a.text.begin(), a.text.end(), '\n'), 3);
  EXPECT_EQ(a.text.find("政务服务"), std::string::npos);
}

TEST(ExtractArticleTest, WechatScriptVariable) {
  const Article a = ExtractArticle(Fixture("wechat_article.html"),
                                   Ctx("https://mp.weixin.qq.com/s/AbCdEf"));
  EXPECT_EQ(a.title, "我市召开疫情防控工作会议");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(a.published->time, core::Timestamp{std::chrono::seconds{1581516874}});
  EXPECT_EQ(a.published->provenance, DateProvenance::kScriptVar);
  EXPECT_TRUE(a.text.starts_with("2月12日，我市召开新冠肺炎疫情防控工作会议")) << a.text;
  EXPECT_EQ(a.text.find("微信扫一扫"), std::string::npos);
}

TEST(ExtractArticleTest, PublishTimeVariableWhenNoCt) {
  const std::string html =
      "<html><head><script>var publish_time = \"2020-02-12\" || \"\";</script></head>"
      "<body><h1>标题标题标题</h1><div id='js_content'><p>正文内容正文内容正文内容正文内容</p></div>"
      "</body></html>";
  const Article a = ExtractArticle(html, Ctx());
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(Local(*a.published), "2020-02-12T00:00:00+08:00");
  EXPECT_EQ(a.published->provenance, DateProvenance::kScriptVar);
}

TEST(ExtractArticleTest, UrlDateOnlyWhenNothingElse) {
  const std::string html = "<html><body><h1>没有日期的文章标题</h1><p>正文</p></body></html>";
  const Article a =
      ExtractArticle(html, Ctx("http://www.nxgy.gov.cn/zwgk/zcwj/202106/t20210630_1.html"));
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(Local(*a.published), "2021-06-30T00:00:00+08:00");
  EXPECT_EQ(a.published->provenance, DateProvenance::kUrlDate);
  const Article none = ExtractArticle(html, Ctx("http://www.nxgy.gov.cn/a.html"));
  EXPECT_FALSE(none.published.has_value());
}

TEST(ExtractArticleTest, TitleFromTitleTagWithoutSiteSuffix) {
  const Article a = ExtractArticle(
      "<html><head><title>关于开展安全检查的通知_通知公告_固原市人民政府</title></head>"
      "<body><p>正文</p></body></html>",
      Ctx());
  EXPECT_EQ(a.title, "关于开展安全检查的通知");
}

TEST(ExtractArticleTest, UnlabelledDateNextToTitle) {
  const Article a = ExtractArticle(
      "<html><body><div class='art'><h1>某某文章标题</h1><div>2021-06-20 本站</div>"
      "<div>正文</div></div></body></html>",
      Ctx());
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(Local(*a.published), "2021-06-20T00:00:00+08:00");
  EXPECT_EQ(a.published->provenance, DateProvenance::kArticleDate);
}

struct DocNumberCase {
  const char* name;
  const char* in;
  const char* out;
};

class NormalizeDocNumberTest : public testing::TestWithParam<DocNumberCase> {};

TEST_P(NormalizeDocNumberTest, Normalises) {
  EXPECT_EQ(NormalizeDocNumber(GetParam().in), GetParam().out);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, NormalizeDocNumberTest,
    testing::Values(DocNumberCase{"Canonical", "固政规发〔2021〕3号", "固政规发〔2021〕3号"},
                    DocNumberCase{"Square", "固政办发[2021]12号", "固政办发〔2021〕12号"},
                    DocNumberCase{"Round", "固政办发(2021)12号", "固政办发〔2021〕12号"},
                    DocNumberCase{"FullWidthRound", "固政办发（2021）12号", "固政办发〔2021〕12号"},
                    DocNumberCase{"Lenticular", "宁政发【2020】5号", "宁政发〔2020〕5号"},
                    DocNumberCase{"FullWidthSquare", "宁政发［２０２０］５号", "宁政发〔2020〕5号"},
                    DocNumberCase{"Spaces", "固政发 〔2021〕 3 号", "固政发〔2021〕3号"},
                    DocNumberCase{"NoYearUntouched", "附件(1)", "附件(1)"}),
    [](const testing::TestParamInfo<DocNumberCase>& info) { return std::string(info.param.name); });

TEST(FindDocNumberTest, FindsInSentence) {
  EXPECT_EQ(FindDocNumber("现将《办法》（固政规发[2021]3号）印发给你们"), "固政规发〔2021〕3号");
  EXPECT_EQ(FindDocNumber("〔2021〕3号"), "");  // no issuer
  EXPECT_EQ(FindDocNumber("2021年3号文件"), "");
}

TEST(ParseFeedTest, Rss) {
  const auto feed = ParseFeed(Fixture("rss.xml"), Ctx("https://rsshub.example/weibo/user/1"));
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_EQ(feed->title, "固原发布 - 微博");
  ASSERT_EQ(feed->items.size(), 4u);
  EXPECT_EQ(feed->items[0].title, "【防汛】固原市气象台发布暴雨蓝色预警");
  EXPECT_EQ(feed->items[0].url, "https://weibo.com/1234567890/KmA1b2C3d");
  EXPECT_EQ(core::FormatIso8601(*feed->items[0].published, {}, true), "2021-06-30T02:15:00Z");
  EXPECT_EQ(feed->items[0].provenance, DateProvenance::kFeedDate);
  EXPECT_EQ(core::FormatIso8601(*feed->items[1].published, {}, true), "2021-06-29T10:30:00Z");
  EXPECT_EQ(feed->items[2].url, "https://weibo.com/1234567890/KlZ9z8Y7x");
  EXPECT_EQ(core::FormatIso8601(*feed->items[2].published, {}, true), "2021-06-25T01:00:00Z");
  EXPECT_EQ(feed->items[3].url, "https://rsshub.example/relative/item.html");
  EXPECT_FALSE(feed->items[3].published.has_value());
  ASSERT_TRUE(feed->newest.has_value());
  EXPECT_EQ(core::FormatIso8601(feed->newest->time, {}, true), "2021-06-30T02:15:00Z");
  EXPECT_EQ(feed->newest->provenance, DateProvenance::kFeedDate);
}

TEST(ParseFeedTest, Atom) {
  const auto feed = ParseFeed(Fixture("atom.xml"), Ctx("http://www.nxgy.gov.cn/feed.xml"));
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_EQ(feed->title, "固原市人民政府 - 最新信息");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].url, "http://www.nxgy.gov.cn/zwdt/202106/t20210630_1.html");
  EXPECT_EQ(core::FormatIso8601(*feed->items[0].published, {}, true), "2021-06-30T01:30:00Z");
  EXPECT_EQ(feed->items[1].url, "http://www.nxgy.gov.cn/zwdt/202106/t20210628_2.html");
  EXPECT_EQ(core::FormatIso8601(*feed->items[1].published, {}, true), "2021-06-28T08:00:00Z");
  EXPECT_EQ(core::FormatIso8601(feed->newest->time, {}, true), "2021-06-30T01:30:00Z");
}

TEST(ParseFeedTest, JsonFeed) {
  const auto feed = ParseFeed(Fixture("feed.json"), Ctx("https://rsshub.example/douyin/user/1"));
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_EQ(feed->title, "固原发布 - 抖音");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].title, "固原 六盘山 夏日风光");
  EXPECT_EQ(feed->items[0].url, "https://www.douyin.com/video/7000000000000000001");
  EXPECT_EQ(core::FormatIso8601(*feed->items[1].published, {}, true), "2021-06-29T12:00:00Z");
  EXPECT_EQ(core::FormatIso8601(feed->newest->time, {}, true), "2021-06-29T12:00:00Z");
}

TEST(ParseFeedTest, NotAFeedIsAnError) {
  EXPECT_FALSE(ParseFeed("<html><body>hi</body></html>", Ctx()).ok());
  EXPECT_FALSE(ParseFeed("{\"a\":1}", Ctx()).ok());
  EXPECT_FALSE(ParseFeed("{not json", Ctx()).ok());
  EXPECT_FALSE(ParseFeed("", Ctx()).ok());
}

TEST(ParseFeedTest, BillionLaughsDoesNotExpand) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title>"
         "<link>http://x/1</link></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  const auto feed = ParseFeed(xml, Ctx());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  if (feed.ok()) {
    EXPECT_LT(feed->title.size(), 1000u);
    for (const auto& it : feed->items) EXPECT_LT(it.title.size(), 1000u);
  }
}

TEST(GuessKindTest, Kinds) {
  EXPECT_EQ(GuessKind(Fixture("rss.xml")), PageKind::kFeed);
  EXPECT_EQ(GuessKind(Fixture("atom.xml")), PageKind::kFeed);
  EXPECT_EQ(GuessKind(Fixture("feed.json")), PageKind::kFeed);
  EXPECT_EQ(GuessKind(Fixture("article_trs.html")), PageKind::kArticle);
  EXPECT_EQ(GuessKind(Fixture("wechat_article.html")), PageKind::kArticle);
  EXPECT_EQ(GuessKind(Fixture("article_plain.html")), PageKind::kArticle);
  EXPECT_EQ(GuessKind(Fixture("trs_list.html")), PageKind::kList);
  EXPECT_EQ(GuessKind(Fixture("hanweb_table.html")), PageKind::kList);
  EXPECT_EQ(GuessKind(Fixture("tabs_list.html")), PageKind::kList);
}

TEST(ResolveUrlTest, Cases) {
  EXPECT_EQ(ResolveUrl("http://a.gov.cn/x/y/index.html", "./202106/t1.html"),
            "http://a.gov.cn/x/y/202106/t1.html");
  EXPECT_EQ(ResolveUrl("http://a.gov.cn/x/y/index.html", "../../z.html"), "http://a.gov.cn/z.html");
  EXPECT_EQ(ResolveUrl("http://a.gov.cn/x/", "//b.gov.cn/p"), "http://b.gov.cn/p");
  EXPECT_EQ(ResolveUrl("http://a.gov.cn/x/", "https://c.gov.cn/q?a=1"), "https://c.gov.cn/q?a=1");
  EXPECT_EQ(ResolveUrl("http://a.gov.cn/x/", "/文件 1.pdf"),
            "http://a.gov.cn/%E6%96%87%E4%BB%B6%201.pdf");
  EXPECT_FALSE(ResolveUrl("http://a.gov.cn/", "javascript:void(0)").has_value());
  EXPECT_FALSE(ResolveUrl("http://a.gov.cn/", "#top").has_value());
  EXPECT_FALSE(ResolveUrl("http://a.gov.cn/", "mailto:a@b.cn").has_value());
  EXPECT_FALSE(ResolveUrl("http://a.gov.cn/", "  ").has_value());
  EXPECT_EQ(ResolveUrl("", "./a.html"), "./a.html");
}

// Inputs from the wild that must not crash, hang or overflow the stack.
TEST(RobustnessTest, TruncatedPages) {
  for (const char* name : {"trs_list.html", "hanweb_datastore.html", "article_trs.html"}) {
    const std::string full = Fixture(name);
    for (std::size_t cut : {std::size_t{1}, full.size() / 3, full.size() / 2, full.size() - 7}) {
      const std::string part = full.substr(0, cut);
      EXPECT_TRUE(ExtractList(part, Ctx()).ok());
      (void)ExtractArticle(part, Ctx());
      (void)GuessKind(part);
    }
  }
  const std::string rss = Fixture("rss.xml");
  (void)ParseFeed(rss.substr(0, rss.size() / 2), Ctx());
  const std::string json = Fixture("feed.json");
  EXPECT_FALSE(ParseFeed(json.substr(0, json.size() / 2), Ctx()).ok());
}

TEST(RobustnessTest, BinaryGarbage) {
  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::string junk(4096, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    EXPECT_TRUE(ExtractList(junk, Ctx()).ok());
    (void)ExtractArticle(junk, Ctx());
    (void)ParseFeed(junk, Ctx());
    (void)ParseFeed("<rss>" + junk, Ctx());
    (void)GuessKind(junk);
  }
}

TEST(RobustnessTest, DeeplyNested) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "<ul><li><a href='/1.html'>很深的第一条新闻标题</a><span>2021-06-30</span></li>"
          "<li><a href='/2.html'>很深的第二条新闻标题</a><span>2021-06-29</span></li></ul>";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "</body></html>";
  const auto page = ExtractList(html, Ctx());
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 2u);  // depth is no reason to lose the list
  const Article a = ExtractArticle(html, Ctx());
  (void)a;
  std::string xml = "<rss><channel>";
  for (int i = 0; i < 10000; ++i) xml += "<x>";
  (void)ParseFeed(xml, Ctx());
  std::string json;
  for (int i = 0; i < 10000; ++i) json += "[";
  EXPECT_FALSE(ParseFeed(json, Ctx()).ok());
}

}  // namespace
}  // namespace govwatch::extract
