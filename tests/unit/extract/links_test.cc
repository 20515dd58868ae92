// Link extraction: every kind, resolution against <base href>, and each hiding technique of
// tests/data/links/ (one page per technique), plus benign hidden elements that must be marked
// benign (tabs, collapsed menus, the Hanweb signature, CNZZ statistics).
#include "extract/links.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace govwatch::extract {
namespace {

std::string Data(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/data/links/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr char kPage[] = "http://www.nxgy.gov.cn/index.html";
constexpr char kBad[] = "http://www.dubo-placeholder.com/";

const Link* Find(const std::vector<Link>& links, std::string_view url) {
  for (const Link& l : links) {
    if (l.url == url) return &l;
  }
  return nullptr;
}

TEST(ExtractLinks, EveryKindResolvedAgainstBaseHref) {
  const auto links = ExtractLinks(Data("all_kinds.html"), kPage);
  auto kind_of = [&](std::string_view url) {
    const Link* l = Find(links, url);
    return l == nullptr ? std::string("missing") : std::string(ToString(l->kind));
  };
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/sub/zwgk/index.html"), "a");
  EXPECT_EQ(kind_of("http://www.gov.cn/"), "area");
  EXPECT_EQ(kind_of("https://www.nx.gov.cn/frame.html"), "iframe");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/sub/left.html"), "frame");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/images/logo.png"), "img");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/sub/js/jquery.js"), "script");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/sub/css/a.css"), "link");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/search/search.jsp"), "form");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/index.html"), "meta_refresh");
  EXPECT_EQ(kind_of("http://www.nx.gov.cn/zwfw/"), "script_written");
  EXPECT_EQ(kind_of("http://www.nxgy.gov.cn/m/"), "script_written");
  // Links that lead nowhere stay, with their raw href, for the fake-link check.
  int nowhere = 0;
  for (const Link& l : links) {
    if (l.kind == LinkKind::kA && l.url.empty()) {
      ++nowhere;
      EXPECT_TRUE(l.href == "#" || l.href == "javascript:void(0)" || l.href.empty()) << l.href;
    }
  }
  EXPECT_EQ(nowhere, 3);
  const Link* image_link = nullptr;
  for (const Link& l : links) {
    if (l.text == "图片新闻" && l.kind == LinkKind::kA) image_link = &l;
  }
  ASSERT_NE(image_link, nullptr);  // text of an image link is the image's alt
  EXPECT_NE(image_link->url.find("a%20b.html"), std::string::npos);
  for (const Link& l : links) EXPECT_FALSE(l.hidden) << l.url << " " << l.hidden_reason;
}

struct Technique {
  const char* file;
  const char* reason_part;
};

class HidingTechnique : public ::testing::TestWithParam<Technique> {};

TEST_P(HidingTechnique, HidesTheGamblingLinkAndNothingElse) {
  const Technique t = GetParam();
  std::vector<std::string> sheets;
  if (std::string(t.file) == "hide_linked_stylesheet.html") {
    sheets.push_back(Data("hide_linked_stylesheet.css"));
  }
  const auto links = ExtractLinks(Data(t.file), kPage, sheets);
  const Link* bad = Find(links, kBad);
  ASSERT_NE(bad, nullptr);
  EXPECT_TRUE(bad->hidden);
  EXPECT_FALSE(bad->hidden_benign) << bad->benign_reason;
  EXPECT_NE(bad->hidden_reason.find(t.reason_part), std::string::npos) << bad->hidden_reason;
  const Link* visible = Find(links, "http://www.nxgy.gov.cn/xwzx/");
  ASSERT_NE(visible, nullptr);
  EXPECT_FALSE(visible->hidden) << visible->hidden_reason;
}

INSTANTIATE_TEST_SUITE_P(
    Pages, HidingTechnique,
    ::testing::Values(Technique{"hide_display_none.html", "display:none"},
                      Technique{"hide_visibility.html", "visibility:hidden"},
                      Technique{"hide_opacity.html", "opacity:0"},
                      Technique{"hide_font_size.html", "font-size:1px"},
                      Technique{"hide_offscreen.html", "left:-9999px"},
                      Technique{"hide_text_indent.html", "text-indent:-99999px"},
                      Technique{"hide_zero_container.html", "零尺寸容器"},
                      Technique{"hide_marquee.html", "marquee"},
                      Technique{"hide_same_colour.html", "#ffffff"},
                      Technique{"hide_style_block.html", "祖先元素 p"},
                      Technique{"hide_linked_stylesheet.html", "font-size:0px"},
                      Technique{"hide_iframe.html", "零尺寸 <iframe>"},
                      Technique{"hide_script.html", "unescape"}));

TEST(ExtractLinks, StyleBlockCommaListsAndIgnoredMediaRules) {
  const auto links = ExtractLinks(Data("hide_style_block.html"), kPage);
  const Link* porn = Find(links, "http://porn-placeholder.net/");
  ASSERT_NE(porn, nullptr);
  EXPECT_TRUE(porn->hidden);
  EXPECT_NE(porn->hidden_reason.find("div.gg"), std::string::npos) << porn->hidden_reason;
  // `.main { display:none }` sits in @media print: not applied.
  EXPECT_FALSE(Find(links, "http://www.nxgy.gov.cn/xwzx/")->hidden);
}

TEST(ExtractLinks, LinkedStylesheetOnlyCountsWhenPassedIn) {
  const auto links = ExtractLinks(Data("hide_linked_stylesheet.html"), kPage);
  EXPECT_FALSE(Find(links, kBad)->hidden);
  EXPECT_EQ(StylesheetUrls(Data("hide_linked_stylesheet.html"), kPage),
            std::vector<std::string>{"http://www.nxgy.gov.cn/css/site.css"});
}

TEST(ExtractLinks, ScriptInjectedLinksAndNavigations) {
  const auto links = ExtractLinks(Data("hide_script.html"), kPage);
  const Link* jump = Find(links, "http://jump-placeholder.com/");
  ASSERT_NE(jump, nullptr);
  EXPECT_EQ(jump->kind, LinkKind::kScriptWritten);
  EXPECT_TRUE(jump->hidden);
  EXPECT_NE(jump->hidden_reason.find("location.href"), std::string::npos);
  const Link* porn = Find(links, "http://porn-placeholder.net/");
  ASSERT_NE(porn, nullptr);
  EXPECT_TRUE(porn->hidden);
  EXPECT_NE(porn->hidden_reason.find("display:none"), std::string::npos) << porn->hidden_reason;
  EXPECT_EQ(porn->text, "成人");
  const Link* encoded = Find(links, kBad);
  ASSERT_NE(encoded, nullptr);
  EXPECT_EQ(encoded->text, "网上");  // %uXXXX decoded
}

TEST(ExtractLinks, TabPanelsAreBenign) {
  const auto links = ExtractLinks(Data("benign_tabs.html"), kPage);
  for (const char* url : {"http://www.people.com.cn/", "http://www.xinhuanet.com/"}) {
    const Link* l = Find(links, url);
    ASSERT_NE(l, nullptr) << url;
    EXPECT_TRUE(l->hidden) << url;
    EXPECT_TRUE(l->hidden_benign) << url << " " << l->hidden_reason;
    EXPECT_EQ(l->benign_reason, "选项卡面板");
  }
  EXPECT_FALSE(Find(links, "http://www.nxgy.gov.cn/yw/1.html")->hidden);
  int tab_headers = 0;
  for (const Link& l : links) {
    if (l.href == "#") {
      ++tab_headers;
      EXPECT_TRUE(l.has_handler);  // onmouseover on the <li>
    }
  }
  EXPECT_EQ(tab_headers, 2);
}

TEST(ExtractLinks, CollapsedMenusAreBenign) {
  const auto links = ExtractLinks(Data("benign_menu.html"), kPage);
  int hidden = 0;
  for (const Link& l : links) {
    if (!l.hidden) continue;
    ++hidden;
    EXPECT_TRUE(l.hidden_benign) << l.url;
    EXPECT_EQ(l.benign_reason, "折叠的下拉菜单") << l.url;
  }
  EXPECT_EQ(hidden, 3);
}

TEST(ExtractLinks, HanwebSignatureAndStatisticsAreBenign) {
  const auto links = ExtractLinks(Data("benign_hanweb.html"), kPage);
  const Link* hanweb = Find(links, "http://www.hanweb.com");
  ASSERT_NE(hanweb, nullptr);
  EXPECT_TRUE(hanweb->hidden && hanweb->hidden_benign);
  EXPECT_NE(hanweb->benign_reason.find("大汉"), std::string::npos);
  const Link* cnzz = Find(links, "https://www.cnzz.com/stat/website.php?web_id=1000000001");
  ASSERT_NE(cnzz, nullptr);
  EXPECT_TRUE(cnzz->hidden && cnzz->hidden_benign);
  EXPECT_EQ(cnzz->benign_reason, "网站统计代码");
}

TEST(ExtractLinks, HiddenGamblingLinkNextToAVisibleDivIsNotATab) {
  // The hack's usual shape: a bare hidden div among the page's other divs.
  const auto links = ExtractLinks(
      "<body><div class='a'>x</div><div style='display:none'><a href='http://x-placeholder.com/'>"
      "彩票</a></div><div class='b'>y</div></body>",
      kPage);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_TRUE(links[0].hidden);
  EXPECT_FALSE(links[0].hidden_benign);
}

TEST(ExtractLinks, GarbageInputNeverCrashes) {
  EXPECT_TRUE(ExtractLinks("", kPage).empty());
  const auto links = ExtractLinks(
      "<a href='x'><style>{{{}}}@media{</style><script>document.write('<a href=\"y",
      "not a url");
  EXPECT_FALSE(links.empty());
  EXPECT_TRUE(ReadPageText("").text.empty());
}

TEST(ReadPageText, TitleMetaAndBody) {
  const PageText t = ReadPageText(
      "<html><head><title>页面不存在</title><meta name='keywords' content='域名出售'>"
      "<script>var x='脚本';</script></head><body><p>抱歉 <b>404</b></p></body></html>");
  EXPECT_EQ(t.title, "页面不存在");
  EXPECT_EQ(t.text, "页面不存在 域名出售 抱歉 404");
}

TEST(ReadPageText, MessageLeavesOutLinksAndMenus) {
  const PageText t = ReadPageText(
      "<title>政务公开</title><body><nav><a href='/'>首页</a> 导航</nav><h1>第3页</h1>"
      "<div><h2>通知<b>公告</b></h2><p>正文<a href='/x'>已失效</a>内容</p>"
      "<select><option>部门网站</option></select><button>搜索</button></div></body>");
  EXPECT_EQ(t.headings, "第3页 通知公告");
  EXPECT_EQ(t.message, "第3页 通知公告 正文 内容");
  EXPECT_NE(t.text.find("已失效"), std::string::npos);  // the whole text keeps them
}

}  // namespace
}  // namespace govwatch::extract
