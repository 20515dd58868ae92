// List extraction over realistic government CMS templates: exact items, urls, dates and the
// furniture (nav, footers, 友情链接, 热点排行) that must not be picked.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "extract/extract.h"

namespace govwatch::extract {
namespace {

using core::DateProvenance;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/unit/extract/testdata/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

core::Timestamp T(const char* iso) { return core::ParseIso8601(iso).value(); }

Context Ctx(std::string base, const char* now = "2021-07-01T04:00:00Z") {
  return Context{std::move(base), core::TimeZone(), T(now)};
}

std::string LocalDate(const core::Item& it) {
  return it.published ? core::FormatDate(*it.published, std::chrono::hours{8}) : "none";
}

struct Expected {
  const char* title;
  const char* url;
  const char* date;  // local date in Shanghai, "none" when undated
};

void ExpectItems(const std::vector<core::Item>& items, const std::vector<Expected>& expected,
                 DateProvenance provenance = DateProvenance::kListDate) {
  ASSERT_EQ(items.size(), expected.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE("item " + std::to_string(i));
    EXPECT_EQ(items[i].title, expected[i].title);
    EXPECT_EQ(items[i].url, expected[i].url);
    EXPECT_EQ(LocalDate(items[i]), expected[i].date);
    if (items[i].published) {
      EXPECT_EQ(items[i].provenance, provenance);
    }
  }
}

TEST(ExtractListTest, TrsWcmListSkipsNavHotBoxLinksAndFooter) {
  const auto page =
      ExtractList(Fixture("trs_list.html"), Ctx("http://www.nxgy.gov.cn/zwgk/tzgg/index.html"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->lists.size(), 1u);
  ExpectItems(
      page->items,
      {{"固原市人民政府办公室关于做好2021年防汛抗旱工作的通知",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202106/t20210630_2891234.html", "2021-06-30"},
       {"关于开展安全生产月活动的通知",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202106/t20210628_2890011.html", "2021-06-28"},
       {"固原市2021年上半年重点工作督查情况通报",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202106/t20210625_2889876.html", "2021-06-25"},
       {"关于公布固原市第二批市级非物质文化遗产代表性项目名录的通知",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202106/t20210618_2885432.html", "2021-06-18"},
       {"固原市人民政府关于调整城市最低生活保障标准的通知",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202106/t20210610_2880001.html", "2021-06-10"},
       {"关于2021年端午节放假安排的通知",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202105/t20210531_2870123.html", "2021-05-31"},
       {"固原市2021年度市级部门预算公开目录",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202105/t20210520_2865555.html", "2021-05-20"},
       {"关于征求《固原市城市绿化管理办法（征求意见稿）》意见的公告",
        "http://www.nxgy.gov.cn/zwgk/tzgg/202105/t20210507_2860707.html", "2021-05-07"}});
  ASSERT_TRUE(page->newest.has_value());
  EXPECT_EQ(core::FormatIso8601(page->newest->time, std::chrono::hours{8}),
            "2021-06-30T00:00:00+08:00");
  EXPECT_EQ(page->newest->provenance, DateProvenance::kListDate);
}

TEST(ExtractListTest, HanwebTableDateInOwnCell) {
  const auto page = ExtractList(Fixture("hanweb_table.html"),
                                Ctx("http://www.yzh.gov.cn/col/col10/index.html"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items,
              {{"原州区召开2021年第三次常务会议",
                "http://www.yzh.gov.cn/art/2021/6/29/art_10_301.html", "2021-06-29"},
               {"原州区开展“七一”走访慰问老党员活动",
                "http://www.yzh.gov.cn/art/2021/6/27/art_10_300.html", "2021-06-27"},
               {"原州区召开党史学习教育推进会",
                "http://www.yzh.gov.cn/art/2021/6/21/art_10_299.html", "2021-06-21"},
               {"原州区扎实推进农村人居环境整治",
                "http://www.yzh.gov.cn/art/2021/6/15/art_10_298.html", "2021-06-15"},
               {"原州区召开安全生产工作会议", "http://www.yzh.gov.cn/art/2021/6/2/art_10_297.html",
                "2021-06-02"}});
}

TEST(ExtractListTest, HanwebDatastoreRecordsInScript) {
  const auto page = ExtractList(Fixture("hanweb_datastore.html"),
                                Ctx("http://www.nxxj.gov.cn/col/col1234/index.html"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items,
              {{"西吉县关于开展夏季消防检查工作的通知",
                "http://www.nxxj.gov.cn/art/2021/6/29/art_1234_90001.html", "2021-06-29"},
               {"西吉县2021年高考期间交通管制公告",
                "http://www.nxxj.gov.cn/art/2021/6/24/art_1234_90000.html", "2021-06-24"},
               {"关于西吉县城区部分路段停水的通知",
                "http://www.nxxj.gov.cn/art/2021/6/11/art_1234_89990.html", "2021-06-11"},
               {"西吉县2021年公开招聘社区工作者公告",
                "http://www.nxxj.gov.cn/art/2021/5/28/art_1234_89900.html", "2021-05-28"}});
}

TEST(ExtractListTest, KaipuyunDivItemsSkipReadingRankAndPager) {
  const auto page = ExtractList(Fixture("kaipuyun_list.html"),
                                Ctx("http://www.nxld.gov.cn/zwgk/zcwj/index.html"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 6u);
  EXPECT_EQ(page->items[0].title,
            "隆德县人民政府关于印发《隆德县2021年重点工作任务分解方案》的通知");
  EXPECT_EQ(page->items[0].url, "http://www.nxld.gov.cn/zwgk/zcwj/202106/t20210630_123451.html");
  EXPECT_EQ(LocalDate(page->items[0]), "2021-06-30");
  EXPECT_EQ(LocalDate(page->items[5]), "2021-04-20");
  for (const auto& it : page->items) {
    EXPECT_EQ(it.provenance, DateProvenance::kListDate);
  }
}

TEST(ExtractListTest, JiyuehuaDateInsideLinkAndBaseHref) {
  // The page's <base href> wins over the URL it was fetched from.
  const auto page =
      ExtractList(Fixture("jiyuehua_list.html"), Ctx("http://mirror.example/cache/page.html"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 5u);
  EXPECT_EQ(page->items[0].title, "泾源县林业局开展森林防火宣传活动");
  EXPECT_EQ(page->items[0].url, "http://www.nxjy.gov.cn/xwzx/bmdt/202106/t20210630_3001.html");
  EXPECT_EQ(LocalDate(page->items[0]), "2021-06-30");
  EXPECT_EQ(page->items[4].title, "泾源县市场监管局开展食品安全检查");
  EXPECT_EQ(LocalDate(page->items[4]), "2021-06-15");
}

TEST(ExtractListTest, DlDdYearlessDatesNearNewYear) {
  const auto page = ExtractList(Fixture("dl_yearless.html"),
                                Ctx("http://www.pengyang.gov.cn/xwzx/xzdt/", "2021-01-05T02:00:00Z"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items,
              {{"白阳镇召开新年第一次党委会议",
                "http://www.pengyang.gov.cn/xwzx/xzdt/202101/t20210104_501.html", "2021-01-04"},
               {"红河镇开展冬季安全隐患排查",
                "http://www.pengyang.gov.cn/xwzx/xzdt/202101/t20210102_500.html", "2021-01-02"},
               {"古城镇召开2020年度工作总结会",
                "http://www.pengyang.gov.cn/xwzx/xzdt/202012/t20201230_499.html", "2020-12-30"},
               {"新集乡举办冬季农民培训班",
                "http://www.pengyang.gov.cn/xwzx/xzdt/202012/t20201228_498.html", "2020-12-28"}});
  EXPECT_EQ(core::FormatDate(page->newest->time, std::chrono::hours{8}), "2021-01-04");
}

TEST(ExtractListTest, TabbedListsIncludingHiddenTabs) {
  const auto page = ExtractList(Fixture("tabs_list.html"), Ctx("http://yjj.nxgy.gov.cn/"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->lists.size(), 3u);
  EXPECT_EQ(page->lists[0].size(), 3u);
  EXPECT_EQ(page->lists[1].size(), 4u);
  EXPECT_EQ(page->lists[2].size(), 2u);
  EXPECT_EQ(page->items.size(), 9u);
  EXPECT_EQ(page->lists[1][0].title, "关于做好汛期地质灾害防范工作的通知");
  EXPECT_EQ(page->lists[1][0].url, "http://yjj.nxgy.gov.cn/tzgg/202106/t20210629_801.html");
  EXPECT_EQ(LocalDate(page->lists[2][1]), "2021-03-15");
  EXPECT_EQ(core::FormatDate(page->newest->time, std::chrono::hours{8}), "2021-06-30");
}

TEST(ExtractListTest, UrlDateOnlyWhenNothingElse) {
  const auto page = ExtractList(Fixture("url_date_only.html"),
                                Ctx("http://www.nxgy.gov.cn/zwgk/zcjd/index.html"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items,
              {{"《固原市城市绿化管理办法》政策解读",
                "http://www.nxgy.gov.cn/zwgk/zcjd/202106/t20210615_11.html", "2021-06-15"},
               {"图解：固原市2021年政府工作报告",
                "http://www.nxgy.gov.cn/zwgk/zcjd/202105/t20210503_10.html", "2021-05-03"},
               {"《关于加快发展现代农业的实施意见》解读",
                "http://www.nxgy.gov.cn/zwgk/zcjd/202104/t20210420_9.html", "2021-04-20"}},
              DateProvenance::kUrlDate);
  EXPECT_EQ(page->newest->provenance, DateProvenance::kUrlDate);
}

TEST(ExtractListTest, ListDateWinsOverUrlDate) {
  // The TRS URL says 0630 but the list prints 06-29: the printed date is the one used.
  const std::string html =
      "<ul><li><a href='/a/202106/t20210630_1.html'>第一条比较长的新闻标题内容</a>"
      "<span>2021-06-29</span></li><li><a href='/a/202106/t20210628_2.html'>"
      "第二条比较长的新闻标题内容</a><span>2021-06-28</span></li></ul>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(LocalDate(page->items[0]), "2021-06-29");
  EXPECT_EQ(page->items[0].provenance, DateProvenance::kListDate);
}

TEST(ExtractListTest, ConfiguredXPath) {
  ListSelectors sel;
  sel.item_xpath = "//ul[@class='list']/li";
  sel.title_xpath = "a/@title";
  sel.date_xpath = "span";
  const auto page =
      ExtractList(Fixture("trs_list.html"), Ctx("http://www.nxgy.gov.cn/zwgk/tzgg/"), sel);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 8u);
  EXPECT_EQ(page->items[3].title, "关于公布固原市第二批市级非物质文化遗产代表性项目名录的通知");
  EXPECT_EQ(LocalDate(page->items[3]), "2021-06-18");
  ASSERT_EQ(page->lists.size(), 1u);
}

TEST(ExtractListTest, ConfiguredXPathDefaultsTitleAndDate) {
  ListSelectors sel;
  sel.item_xpath = "//div[@class='sidebar-box']//li";  // deliberately the hot box
  const auto page =
      ExtractList(Fixture("trs_list.html"), Ctx("http://www.nxgy.gov.cn/zwgk/tzgg/"), sel);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].title, "固原市人民政府关于进一步优化营商环境的若干意见");
  EXPECT_EQ(LocalDate(page->items[0]), "2021-04-12");
}

TEST(ExtractListTest, ConfiguredXPathMatchingNothing) {
  ListSelectors sel;
  sel.item_xpath = "//ul[@class='no-such-list']/li";
  const auto page = ExtractList(Fixture("trs_list.html"), Ctx("http://www.nxgy.gov.cn/"), sel);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_TRUE(page->lists.empty());
  EXPECT_FALSE(page->newest.has_value());
}

TEST(ExtractListTest, InvalidXPathIsAnError) {
  ListSelectors sel;
  sel.item_xpath = "//ul[";
  const auto page = ExtractList("<ul></ul>", Ctx("http://x.gov.cn/"), sel);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.error().message.find("item_xpath: invalid XPath '//ul['"), std::string::npos)
      << page.error().message;
  sel.item_xpath = "//li";
  sel.date_xpath = "span[";
  const auto bad_date = ExtractList("<ul></ul>", Ctx("http://x.gov.cn/"), sel);
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.error().message.find("date_xpath"), std::string::npos);
}

TEST(ExtractListTest, NavigationOnlyPageHasNoItems) {
  const std::string html =
      "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/a/'>政务公开</a></li>"
      "<li><a href='/b/'>政务服务</a></li></ul></div>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_FALSE(page->newest.has_value());
}

}  // namespace
}  // namespace govwatch::extract
