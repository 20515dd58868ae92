// List extraction over realistic government CMS templates: exact items, urls, dates and the
// furniture (nav, footers, 友情链接, 热点排行) that must not be picked.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "extract/extract.h"
#include "fixture_util.h"

namespace govwatch::extract {
namespace {

using core::DateProvenance;

using testutil::Fixture;
using testutil::T;

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

// --- One-item columns -------------------------------------------------------------------------

TEST(ExtractListTest, SingleItemKaipuyunDivList) {
  // 开普云: div.list > div.item with the only article of a young 政策解读 column.
  const auto page = ExtractList(Fixture("kaipuyun_single.html"),
                                Ctx("http://127.0.0.1:8080/ld/zcjd.html"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->lists.size(), 1u);
  ExpectItems(page->items, {{"《隆德县城乡居民医疗保险实施办法》政策解读",
                             "http://127.0.0.1:8080/ld/c/4.html", "2021-06-11"}});
  ASSERT_TRUE(page->newest.has_value());
  EXPECT_EQ(core::FormatDate(page->newest->time, std::chrono::hours{8}), "2021-06-11");
}

TEST(ExtractListTest, SingleItemHanwebTableBesideLayoutColumn) {
  // Hanweb: one <tr> whose date sits in its own cell, inside a two-column layout table whose
  // columns (list, sidebar) repeat and would otherwise be taken for the items.
  const auto page = ExtractList(Fixture("hanweb_table_single.html"),
                                Ctx("http://127.0.0.1:8080/xj/gsgg.gbk.html"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items, {{"西吉县2021年度拟享受低保对象名单公示",
                             "http://127.0.0.1:8080/xj/art/s0.html", "2020-12-28"}});
}

TEST(ExtractListTest, SingleRecordHanwebDatastore) {
  const std::string html =
      "<html><body><div class='nav'><a href='/'>首页</a></div><div id='div1234'>"
      "<script type='text/xml'><datastore><nextgroup><![CDATA[<a href='/x'>下一页</a>]]>"
      "</nextgroup><recordset><record><![CDATA[<li><a href='/art/2021/6/3/art_1234_1.html' "
      "target='_blank'>西吉县2021年第一批建设项目环评审批公示</a><span>2021-06-03</span></li>]]>"
      "</record></recordset></datastore></script></div></body></html>";
  const auto page = ExtractList(html, Ctx("http://www.nxxj.gov.cn/col/col1234/index.html"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items, {{"西吉县2021年第一批建设项目环评审批公示",
                             "http://www.nxxj.gov.cn/art/2021/6/3/art_1234_1.html", "2021-06-03"}});
}

TEST(ExtractListTest, SingleItemUlWithBracketedDate) {
  const std::string html =
      "<div class='crumb'><a href='/'>首页</a> &gt; <a href='/zwgk/'>政务公开</a></div>"
      "<ul class='news'><li><a href='/zwgk/gsgg/1.html'>关于拟任干部的任前公示</a>"
      "[2021-06-20]</li></ul><div class='page'>共1页</div>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/zwgk/gsgg/"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items,
              {{"关于拟任干部的任前公示", "http://x.gov.cn/zwgk/gsgg/1.html", "2021-06-20"}});
}

TEST(ExtractListTest, ArticlePageSidebarLinkAndPrevNextAreNotAList) {
  // One dated related link in an unmarked sidebar under a heading the hot-box rule does not
  // know, and a dated 上一篇: the article's prose is what says this page is no list.
  const auto page = ExtractList(Fixture("article_single_related.html"),
                                Ctx("http://www.nxgy.gov.cn/xwzx/gydt/202106/t20210629_1.html"));
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty()) << page->items.front().title;
  EXPECT_FALSE(page->newest.has_value());
}

TEST(ExtractListTest, HomepageFooterReportLinkIsNotAList) {
  // A portal page whose blocks are undated link tiles; the unmarked footer (div.bq) has one
  // dated link, the annual 网站工作报表, next to its 版权所有 line.
  const auto page =
      ExtractList(Fixture("home_footer_single.html"), Ctx("http://www.pengyang.gov.cn/"));
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty()) << page->items.front().title;
}

struct NotAList {
  const char* name;
  const char* html;
};

class SingleDatedLinkNotAListTest : public ::testing::TestWithParam<NotAList> {};

TEST_P(SingleDatedLinkNotAListTest, NoItems) {
  const auto page = ExtractList(GetParam().html, Ctx("http://x.gov.cn/a/b.html"));
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty()) << page->items.front().title;
}

INSTANTIATE_TEST_SUITE_P(
    Furniture, SingleDatedLinkNotAListTest,
    ::testing::Values(
        NotAList{"Nav", "<div class='nav'><ul><li><a href='/tzgg/1.html'>关于端午节放假安排的通知"
                        "</a> 2021-06-10</li></ul></div>"},
        NotAList{"Footer", "<div id='footer'><ul><li><a href='/ndbb/1.html'>2020年政府网站年度"
                           "工作报表</a>2021-01-15</li></ul></div>"},
        NotAList{"HotBox", "<div class='box'><h3>热点排行</h3><ul><li><a href='/a/1.html'>"
                           "固原市召开防汛工作会议</a><span>2021-06-29</span></li></ul></div>"},
        NotAList{"Breadcrumb", "<div class='position'><ul><li><a href='/'>首页</a> &gt; "
                               "<a href='/zwgk/'>政务公开信息</a> 2021-06-30</li></ul></div>"},
        NotAList{"PrevInList", "<div class='list'><ul><li>上一篇：<a href='/a/1.html'>固原市召开"
                               "防汛工作会议</a> 2021-06-28</li></ul></div>"},
        NotAList{"UndatedSingle", "<ul class='list'><li><a href='/a/1.html'>固原市召开防汛工作"
                                  "会议</a></li></ul>"},
        NotAList{"UrlDateOnly", "<ul class='list'><li><a href='/a/202106/t20210628_1.html'>"
                                "固原市召开防汛工作会议</a></li></ul>"},
        NotAList{"ShortLabel", "<ul><li><a href='/zcjd/'>解读</a> 2021-06-28</li></ul>"},
        NotAList{"LinkInParagraph",
                 "<ul class='list'><li>2021-06-28，固原市召开防汛工作会议，会议传达学习了全区"
                 "防汛工作会议精神，安排部署了全市防汛重点任务，详见<a href='/a/1.html'>"
                 "固原市防汛工作方案</a>。</li></ul>"},
        NotAList{"TwoTitleLinks", "<ul class='list'><li><a href='/a/1.html'>固原市召开防汛工作"
                                  "会议</a><a href='/a/2.html'>固原市开展安全生产检查</a> "
                                  "2021-06-28</li></ul>"}),
    [](const ::testing::TestParamInfo<NotAList>& info) { return std::string(info.param.name); });

TEST(ExtractListTest, MultiItemListStillWinsOverASingleDatedEntry) {
  // With a real list on the page a lone dated entry elsewhere (here a 公告 box of one) is not
  // added to it.
  const std::string html =
      "<ul class='gg'><li><a href='/gg/1.html'>关于停水的公告说明文字</a> 2021-06-30</li></ul>"
      "<ul class='list'><li><a href='/a/2.html'>固原市召开防汛工作会议</a> 2021-06-29</li>"
      "<li><a href='/a/1.html'>固原市开展安全生产检查</a> 2021-06-20</li></ul>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].url, "http://x.gov.cn/a/2.html");
}

// --- Flat lists -------------------------------------------------------------------------------

TEST(ExtractListTest, FlatLinksWithDateSpansAndBreaks) {
  const auto page =
      ExtractList(Fixture("flat_span_br.html"), Ctx("http://www.nxjy.gov.cn/gzdt/index.html"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->lists.size(), 1u);
  ExpectItems(page->items,
              {{"泾源县召开2021年上半年经济运行分析会",
                "http://www.nxjy.gov.cn/gzdt/202106/t20210630_1.html", "2021-06-30"},
               {"泾源县开展“七一”党员志愿服务活动",
                "http://www.nxjy.gov.cn/gzdt/202106/t20210626_2.html", "2021-06-26"},
               {"泾源县全面推进河湖长制工作",
                "http://www.nxjy.gov.cn/gzdt/202106/t20210619_3.html", "2021-06-19"},
               {"泾源县举办乡村振兴专题培训班",
                "http://www.nxjy.gov.cn/gzdt/202106/t20210611_4.html", "2021-06-11"}});
}

TEST(ExtractListTest, FlatParagraphsAndLinksInOneCellWithTextDates) {
  // <p><a>…</a>（2021-06-29）</p> repeated, and <td><a>…</a> 2021-05-28<br><a>…</a> …</td>: the
  // dates are bare text after the link, no element of their own.
  const auto page =
      ExtractList(Fixture("flat_text_dates.html"), Ctx("http://www.nxjy.gov.cn/tzgg/index.html"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->lists.size(), 2u);
  ExpectItems(page->lists[0],
              {{"关于2021年泾源县事业单位公开招聘的公告",
                "http://www.nxjy.gov.cn/tzgg/202106/t20210629_11.html", "2021-06-29"},
               {"泾源县关于做好防汛工作的紧急通知",
                "http://www.nxjy.gov.cn/tzgg/202106/t20210622_10.html", "2021-06-22"},
               {"关于公布泾源县政务服务事项清单的通知",
                "http://www.nxjy.gov.cn/tzgg/202106/t20210608_9.html", "2021-06-08"}});
  ExpectItems(page->lists[1],
              {{"泾源县2021年度森林防火责任制公示",
                "http://www.nxjy.gov.cn/tzgg/202105/t20210528_8.html", "2021-05-28"},
               {"泾源县关于开展爱国卫生运动的通知",
                "http://www.nxjy.gov.cn/tzgg/202105/t20210520_7.html", "2021-05-20"},
               {"泾源县农村饮水安全工程建设公示",
                "http://www.nxjy.gov.cn/tzgg/202105/t20210512_6.html", "2021-05-12"}});
}

TEST(ExtractListTest, FlatLinksDateSpanPairsInsideSpans) {
  // The links are not siblings of each other: each sits in its own span, its date in the next.
  const std::string html =
      "<div class='list'><span class='t'><a href='/a/3.html'>固原市召开防汛工作会议</a></span>"
      "<span class='d'>2021-06-29</span><br><span class='t'><a href='/a/2.html'>"
      "固原市开展安全生产检查</a></span><span class='d'>2021-06-20</span><br>"
      "<span class='t'><a href='/a/1.html'>固原市举办农民丰收节</a></span>"
      "<span class='d'>2021-06-01</span><br></div>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items, {{"固原市召开防汛工作会议", "http://x.gov.cn/a/3.html", "2021-06-29"},
                            {"固原市开展安全生产检查", "http://x.gov.cn/a/2.html", "2021-06-20"},
                            {"固原市举办农民丰收节", "http://x.gov.cn/a/1.html", "2021-06-01"}});
}

TEST(ExtractListTest, FlatListDateDoesNotLeakFromNextLine) {
  // An undated line must not borrow the next line's date across the <br>.
  const std::string html =
      "<div class='list'><a href='/a/3.html'>固原市召开防汛工作会议</a><br>"
      "<a href='/a/2.html'>固原市开展安全生产检查</a> 2021-06-20<br>"
      "<a href='/a/1.html'>固原市举办农民丰收节</a> 2021-06-01<br></div>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items, {{"固原市召开防汛工作会议", "http://x.gov.cn/a/3.html", "none"},
                            {"固原市开展安全生产检查", "http://x.gov.cn/a/2.html", "2021-06-20"},
                            {"固原市举办农民丰收节", "http://x.gov.cn/a/1.html", "2021-06-01"}});
}

TEST(ExtractListTest, EntriesWithCategoryLinkAndBreakStayWhole) {
  // Each li has a category link, the title link, a <br> and an abstract: still one entry per li.
  const std::string html =
      "<ul class='list'><li><a href='/lm/1/'>[通知]</a><a href='/a/2.html'>固原市召开防汛工作会议"
      "</a><br>会议安排部署全市防汛工作 2021-06-29</li><li><a href='/lm/2/'>[动态]</a>"
      "<a href='/a/1.html'>固原市开展安全生产检查</a><br>检查覆盖全市重点企业 2021-06-20</li></ul>";
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  ExpectItems(page->items, {{"固原市召开防汛工作会议", "http://x.gov.cn/a/2.html", "2021-06-29"},
                            {"固原市开展安全生产检查", "http://x.gov.cn/a/1.html", "2021-06-20"}});
}

// --- Furniture words --------------------------------------------------------------------------

struct ContainerCase {
  const char* name;
  const char* open;   // the element around the list, e.g. "<div class='list_head'>"
  const char* close;
  bool kept;
};

class ListContainerNameTest : public ::testing::TestWithParam<ContainerCase> {};

TEST_P(ListContainerNameTest, KeptOrDropped) {
  const std::string html =
      std::string(GetParam().open) +
      "<ul><li><a href='/a/2.html'>固原市召开防汛工作会议</a><span>2021-06-29</span></li>"
      "<li><a href='/a/1.html'>固原市开展安全生产检查</a><span>2021-06-20</span></li></ul>" +
      GetParam().close;
  const auto page = ExtractList(html, Ctx("http://x.gov.cn/"));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), GetParam().kept ? 2u : 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Words, ListContainerNameTest,
    ::testing::Values(
        // Words that only describe part of a list do not make it furniture…
        ContainerCase{"ListHead", "<div class='list_head'>", "</div>", true},
        ContainerCase{"TopList", "<div id='toplist'>", "</div>", true},
        ContainerCase{"NewslistTop10", "<div class='newslist-top10'>", "</div>", true},
        ContainerCase{"ListLink", "<div class='list-link'>", "</div>", true},
        ContainerCase{"HeadlineNews", "<div class='headline'>", "</div>", true},
        ContainerCase{"TopicList", "<div class='topic'>", "</div>", true},
        ContainerCase{"PhotoNews", "<div class='photo-news'>", "</div>", true},
        // …while the same words alone, and unambiguous words anywhere, still do.
        ContainerCase{"Top", "<div class='top'>", "</div>", false},
        ContainerCase{"TopWrap", "<div class='top_wrap clearfix'>", "</div>", false},
        ContainerCase{"Top10", "<div class='top10'>", "</div>", false},
        ContainerCase{"Head", "<div class='head'>", "</div>", false},
        ContainerCase{"Link", "<div class='w1200 link'>", "</div>", false},
        ContainerCase{"HeaderId", "<div id='header'>", "</div>", false},
        ContainerCase{"Nav", "<div class='nav'>", "</div>", false},
        ContainerCase{"TopNavCamel", "<div class='topNav'>", "</div>", false},
        ContainerCase{"Footer", "<div class='footer'>", "</div>", false},
        ContainerCase{"FooterLinks", "<div class='footer-links'>", "</div>", false},
        ContainerCase{"HotList", "<div class='hot_list'>", "</div>", false},
        ContainerCase{"Yqlj", "<div id='yqlj'>", "</div>", false},
        ContainerCase{"HeaderElement", "<header>", "</header>", false}),
    [](const ::testing::TestParamInfo<ContainerCase>& info) {
      return std::string(info.param.name);
    });

}  // namespace
}  // namespace govwatch::extract
