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
