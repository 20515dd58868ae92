// `govwatch extract`: argument handling, exit codes and the exact JSON it prints.
#include "app/extract_command.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <sstream>

namespace govwatch::app {
namespace {

const core::Timestamp kNow = core::ParseIso8601("2021-07-01T04:00:00Z").value();

std::string Testdata(const std::string& name) {
  return std::string(GOVWATCH_SOURCE_DIR) + "/tests/unit/extract/testdata/" + name;
}

struct Outcome {
  int status;
  std::string out, err;
};

Outcome Extract(const Args& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int status = RunExtract(args, in, out, err, kNow);
  return Outcome{status, out.str(), err.str()};
}

TEST(ExtractCommandTest, ListJsonExact) {
  const std::string html =
      "<ul><li><a href='/a/1.html'>第一条比较长的新闻标题</a><span>2021-06-30</span></li>"
      "<li><a href='/a/2.html'>第二条比较长的新闻标题</a></li>"
      "<li><a href='/a/3.html'>第三条比较长的新闻标题</a><span>[06-28]</span></li></ul>";
  const Outcome r = Extract({"--kind", "list", "--base-url", "http://x.gov.cn/", "-"}, html);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"kind\":\"list\",\"items\":["
            "{\"title\":\"第一条比较长的新闻标题\",\"url\":\"http://x.gov.cn/a/1.html\","
            "\"published\":\"2021-06-30T00:00:00+08:00\",\"provenance\":\"list_date\"},"
            "{\"title\":\"第二条比较长的新闻标题\",\"url\":\"http://x.gov.cn/a/2.html\","
            "\"published\":null,\"provenance\":null},"
            "{\"title\":\"第三条比较长的新闻标题\",\"url\":\"http://x.gov.cn/a/3.html\","
            "\"published\":\"2021-06-28T00:00:00+08:00\",\"provenance\":\"list_date\"}],"
            "\"newest\":{\"published\":\"2021-06-30T00:00:00+08:00\",\"provenance\":\"list_date\"}}\n");
}

TEST(ExtractCommandTest, TabbedListsGetListsArray) {
  const Outcome r = Extract({"--base-url=http://yjj.nxgy.gov.cn/", Testdata("tabs_list.html")});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("kind").as_string(), "list");
  EXPECT_EQ(v.at("items").as_array().size(), 9u);
  ASSERT_TRUE(v.contains("lists"));
  EXPECT_EQ(v.at("lists").as_array().size(), 3u);
}

TEST(ExtractCommandTest, ArticleAutoDetectedWithOffsetInOtherZone) {
  const Outcome r = Extract({"--tz", "UTC", "--now", "2021-07-01T00:00:00Z", Testdata("article_trs.html")});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("kind").as_string(), "article");
  EXPECT_EQ(v.at("title").as_string(), "固原市人民政府关于印发固原市城市绿化管理办法的通知");
  EXPECT_EQ(v.at("published").as_string(), "2021-06-30T10:00:00+00:00");  // read in UTC
  EXPECT_EQ(v.at("provenance").as_string(), "meta_pubdate");
  EXPECT_EQ(v.at("source").as_string(), "固原市人民政府办公室");
  EXPECT_EQ(v.at("doc_number").as_string(), "固政规发〔2021〕3号");
  EXPECT_FALSE(v.at("text").as_string().empty());
}

TEST(ExtractCommandTest, FeedJson) {
  const Outcome r = Extract({"--kind", "feed", Testdata("atom.xml")});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("kind").as_string(), "feed");
  EXPECT_EQ(v.at("title").as_string(), "固原市人民政府 - 最新信息");
  EXPECT_EQ(v.at("items").as_array().size(), 2u);
  EXPECT_EQ(v.at("newest").at("published").as_string(), "2021-06-30T09:30:00+08:00");
  EXPECT_EQ(v.at("newest").at("provenance").as_string(), "feed_date");
}

TEST(ExtractCommandTest, NotAFeedExitsOne) {
  const Outcome r = Extract({"--kind", "feed", "-"}, "<html></html>");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("govwatch extract: feed:"), std::string::npos) << r.err;
}

struct UsageCase {
  const char* name;
  Args args;
  const char* message;
};

class ExtractUsageTest : public testing::TestWithParam<UsageCase> {};

TEST_P(ExtractUsageTest, ExitsTwoWithMessage) {
  const Outcome r = Extract(GetParam().args);
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.err.starts_with(std::string("govwatch extract: ") + GetParam().message))
      << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Usage, ExtractUsageTest,
    testing::Values(UsageCase{"NoInput", {}, "missing FILE (or - for stdin)"},
                    UsageCase{"UnknownOption", {"--bogus", "f"}, "unknown option '--bogus'"},
                    UsageCase{"BadKind", {"--kind", "page", "f"},
                              "--kind must be list, article, feed or auto, not 'page'"},
                    UsageCase{"MissingValue", {"f", "--tz"}, "--tz needs a value"},
                    UsageCase{"BadTz", {"--tz", "Mars/Olympus", "f"}, "--tz: "},
                    UsageCase{"BadNow", {"--now", "yesterday", "f"}, "--now: invalid ISO 8601"},
                    UsageCase{"TwoInputs", {"a", "b"}, "more than one input ('b')"},
                    UsageCase{"DateXPathAlone", {"--date-xpath", "span", "f"},
                              "--title-xpath and --date-xpath need --item-xpath"}),
    [](const testing::TestParamInfo<UsageCase>& info) { return std::string(info.param.name); });

TEST(ExtractCommandTest, UnreadableFileExitsOne) {
  const Outcome r = Extract({"/nonexistent/page.html"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "govwatch extract: cannot read '/nonexistent/page.html': No such file or directory\n");
  const Outcome dir = Extract({GOVWATCH_SOURCE_DIR});
  EXPECT_EQ(dir.status, 1);
}

TEST(ExtractCommandTest, UrlInputNeedsFetcher) {
  const Outcome r = Extract({"http://www.nxgy.gov.cn/"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no fetcher"), std::string::npos);
}

TEST(ExtractCommandTest, BadXPathExitsOne) {
  const Outcome r = Extract({"--item-xpath", "//li[", "-"}, "<ul></ul>");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("item_xpath: invalid XPath '//li['"), std::string::npos) << r.err;
}

TEST(ExtractCommandTest, Help) {
  const Outcome r = Extract({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.out.starts_with("usage: govwatch extract"));
}

}  // namespace
}  // namespace govwatch::app

namespace govwatch::app {
namespace {

// A fetcher that answers every URL with one canned response.
UrlFetcher Serve(std::string body, std::optional<std::string> last_modified) {
  return [body, last_modified](const std::string& url) {
    fetch::Response r;
    r.status = 200;
    r.final_url = url + "?from=redirect";
    r.body = body;
    r.last_modified = last_modified;
    return r;
  };
}

Outcome ExtractUrl(const Args& args, const UrlFetcher& fetcher) {
  std::istringstream in;
  std::ostringstream out, err;
  const int status = RunExtract(args, in, out, err, kNow, fetcher);
  return Outcome{status, out.str(), err.str()};
}

TEST(ExtractCommandTest, UrlArticleWithoutADateIsDatedByLastModified) {
  const std::string html =
      "<html><head><title>关于做好防汛工作的通知</title></head><body><h1>关于做好防汛工作的通知"
      "</h1><div id='zoom'><p>各乡镇人民政府，县直各部门：为切实做好今年防汛工作，现将有关事项通知如下。"
      "</p></div></body></html>";
  const Outcome r = ExtractUrl({"--kind", "article", "http://x.gov.cn/art/1.html"},
                               Serve(html, "Wed, 30 Jun 2021 02:00:00 GMT"));
  ASSERT_EQ(r.status, 0) << r.err;
  const auto json = boost::json::parse(r.out).as_object();
  EXPECT_EQ(json.at("published").as_string(), "2021-06-30T10:00:00+08:00");
  EXPECT_EQ(json.at("provenance").as_string(), "http_last_modified");
}

TEST(ExtractCommandTest, UrlArticleKeepsItsOwnDateOverLastModified) {
  const std::string html =
      "<html><head><meta name='PubDate' content='2021-06-01 09:00'></head><body><h1>标题</h1>"
      "</body></html>";
  const Outcome r = ExtractUrl({"--kind", "article", "http://x.gov.cn/art/2.html"},
                               Serve(html, "Wed, 30 Jun 2021 02:00:00 GMT"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(boost::json::parse(r.out).at("provenance").as_string(), "meta_pubdate");
}

TEST(ExtractCommandTest, UrlListResolvesAgainstTheFinalUrl) {
  const std::string html =
      "<ul><li><a href='a/1.html'>第一条比较长的新闻标题</a><span>2021-06-30</span></li>"
      "<li><a href='a/2.html'>第二条比较长的新闻标题</a><span>2021-06-29</span></li></ul>";
  const Outcome r = ExtractUrl({"--kind", "list", "http://x.gov.cn/col/"}, Serve(html, {}));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(boost::json::parse(r.out).at("items").at(0).at("url").as_string(),
            "http://x.gov.cn/col/a/1.html");
}

TEST(ExtractCommandTest, UrlFetchFailureIsExitOneWithTheReason) {
  const UrlFetcher failing = [](const std::string&) {
    fetch::Response r;
    r.failure = fetch::FailureReason::kTimeout;
    r.detail = "no answer within 30 s";
    return r;
  };
  const Outcome r = ExtractUrl({"http://x.gov.cn/"}, failing);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "govwatch extract: cannot fetch 'http://x.gov.cn/': timeout: no answer within 30 s\n");
}

}  // namespace
}  // namespace govwatch::app
