// The crawler against a real site: two FixtureServers on 127.0.0.1 (the site and "the rest of
// the web"), the production HttpClient, a real database for the external link cache.
#include "crawl/crawler.h"

#include <algorithm>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "fixture_server.h"
#include "store/sqlite_store.h"

namespace govwatch::crawl {
namespace {

using testing::FixtureRequest;
using testing::FixtureServer;
using testing::Reply;

// A page that answers HEAD like nginx does: same status and headers, no body.
testing::Handler Page(std::string html, int status = 200) {
  return [html = std::move(html), status](const FixtureRequest& r) {
    Reply reply = testing::Html(r.method == "HEAD" ? "" : html);
    reply.status = status;
    return reply;
  };
}

class CrawlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string ext = External();
    site_.Route("/robots.txt", Page("User-agent: *\nDisallow: /private/\n"));
    site_.Route("/", Page(
        "<html><head><title>首页</title><link rel=stylesheet href=/s.css></head><body>"
        "<a href='/a.html'>栏目A</a> <a href='/missing.html'>缺失页面</a>"
        "<a href='/soft.html'>旧文章</a> <a href='/private/x.html'>内部</a>"
        "<a href='/loop1'>循环</a> <img src='/logo.png' alt='标志'>"
        "<a href='" + ext + "/ok.html'>友情链接</a> <a href='" + ext + "/gone.html'>失效外链</a>"
        "<div class=hl><a href='" + ext + "/casino.html'>彩票</a></div>"
        "<a href='#'>空链接</a>"
        "</body></html>"));
    site_.Route("/s.css", Page(".hl{display:none}"));
    site_.Route("/a.html", Page("<html><title>栏目A</title><body><a href='/b.html'>B</a>"
                                "<a href='/missing.html#x'>缺失页面</a></body></html>"));
    site_.Route("/b.html", Page("<html><title>B</title><body><a href='/c.html'>C</a></body></html>"));
    site_.Route("/c.html", Page("<html><title>C</title><body><a href='/d.html'>D</a></body></html>"));
    site_.Route("/soft.html", Page("<html><title>提示</title><body>对不起，您访问的页面不存在！"
                                   "</body></html>"));
    site_.Route("/logo.png", [](const FixtureRequest& r) {
      Reply reply;
      reply.headers = {{"Content-Type", "image/png"}};
      reply.body = r.method == "HEAD" ? "" : "PNG";
      return reply;
    });
    site_.Route("/loop1", testing::Redirect("/loop2"));
    site_.Route("/loop2", testing::Redirect("/loop1"));
    web_.Route("/ok.html", Page("<html><title>友好网站</title><body>正常的网站内容</body></html>"));
    web_.Route("/gone.html", Page("<html><body>error</body></html>", 500));
    web_.Route("/casino.html",
               Page("<html><title>澳门赌场 百家乐</title><body>在线投注 百家乐 老虎机 博彩 "
                    "六合彩 澳门赌场 真人荷官 体育投注</body></html>"));
    auto s = store::SqliteStore::Open(dir_.File("g.db"));
    ASSERT_TRUE(s.ok()) << s.error().message;
    main_ = std::move(*s);
    auto l = LinkStore::Open(dir_.File("g.db"));
    ASSERT_TRUE(l.ok()) << l.error().message;
    links_ = std::move(*l);
  }

  // The rest of the web on another host name: the checks compare hosts, not ports.
  std::string External() const { return "http://localhost:" + std::to_string(web_.port()); }

  CrawlOptions Options() const {
    CrawlOptions o;
    o.site_id = "s";
    o.unit_id = "u";
    o.homepage = site_.Url("/");
    o.max_depth = 5;
    o.max_requests = 100;
    o.user_agent = settings_.user_agent;
    o.spider_user_agent = "Mozilla/5.0 (compatible; Baiduspider/2.0)";
    o.concurrency = 4;
    o.now = core::Timestamp(std::chrono::seconds(1'700'000'000));
    return o;
  }

  CrawlReport Run(const CrawlOptions& options, bool with_cache = true) {
    boost::asio::io_context io{1};
    auto client = fetch::MakeHttpClient(io.get_executor(), settings_);
    auto future = boost::asio::co_spawn(io, Crawl(*client, options,
                                                  with_cache ? links_.get() : nullptr),
                                        boost::asio::use_future);
    io.run();
    CrawlReport report = future.get();
    if (with_cache) {
      EXPECT_TRUE(links_->SaveChecks(report.external_checks).ok());
    }
    return report;
  }

  static std::set<std::string> BrokenPaths(const CrawlReport& r) {
    std::set<std::string> out;
    for (const BrokenLink& b : r.broken) out.insert(b.url.substr(b.url.find('/', 8)));
    return out;
  }

  static const BrokenLink* FindBroken(const CrawlReport& r, std::string_view suffix) {
    for (const BrokenLink& b : r.broken) {
      if (b.url.ends_with(suffix)) return &b;
    }
    return nullptr;
  }

  config::HttpSettings settings_ = [] {
    config::HttpSettings s;
    s.per_host_delay = std::chrono::milliseconds{0};
    s.retries = 0;
    s.max_connections_per_host = 4;
    return s;
  }();
  FixtureServer site_{FixtureServer::Options{.tls = false, .threads = 2, .port = 0}};
  FixtureServer web_{FixtureServer::Options{.tls = false, .threads = 2, .port = 0}};
  store::testing::TempDir dir_;
  std::unique_ptr<store::SqliteStore> main_;
  std::unique_ptr<LinkStore> links_;
};

TEST_F(CrawlerTest, FindsEveryKindOfBrokenLinkWithItsPageAndAnchor) {
  const CrawlReport r = Run(Options());
  EXPECT_EQ(BrokenPaths(r), (std::set<std::string>{"/missing.html", "/soft.html", "/loop1",
                                                    "/gone.html", "/d.html"}));
  const BrokenLink* missing = FindBroken(r, "/missing.html");
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->found_on, site_.Url("/"));
  EXPECT_EQ(missing->anchor_text, "缺失页面");
  EXPECT_EQ(missing->reason, "HTTP 404");
  EXPECT_EQ(missing->referring_pages, 2);  // the homepage and /a.html (with a fragment)
  EXPECT_FALSE(missing->external);
  EXPECT_EQ(FindBroken(r, "/loop1")->reason, "重定向循环");
  EXPECT_EQ(FindBroken(r, "/soft.html")->failure, "soft_404");
  EXPECT_TRUE(FindBroken(r, "/gone.html")->external);
  EXPECT_EQ(FindBroken(r, "/gone.html")->reason, "HTTP 500");

  EXPECT_EQ(r.robots_disallowed, 1);
  EXPECT_EQ(site_.Count("/private/x.html"), 0);
  // Parsed: /, /a, /b, /c and the soft-404 page (its links are the site's own); not /d (404).
  EXPECT_EQ(r.pages, 5);
  // The image is checked with HEAD; the page links with GET.
  EXPECT_EQ(site_.Count("/logo.png"), 1);
  ASSERT_TRUE(r.availability);
  EXPECT_NEAR(*r.availability,
              static_cast<double>(r.links_checked - 5) / static_cast<double>(r.links_checked),
              1e-9);

  // One broken_link finding per destination, deduction, naming page, anchor and destination.
  const auto broken_findings = std::count_if(r.findings.begin(), r.findings.end(),
                                             [](const auto& f) { return f.check == "broken_link"; });
  EXPECT_EQ(broken_findings, 5);
  for (const core::Finding& f : r.findings) {
    if (f.check != "broken_link" || !f.subject.ends_with("/missing.html")) continue;
    EXPECT_EQ(f.severity, core::Severity::kDeduction);
    EXPECT_EQ(f.message, "错链：页面 " + site_.Url("/") + " 中的链接“缺失页面”指向 " + f.subject +
                             "，HTTP 404（本站链接，风险：低；共 2 处引用）");
  }
}

TEST_F(CrawlerTest, ReportsHiddenFakeAndDriftingLinksThroughTheChecks) {
  const CrawlReport r = Run(Options());
  std::set<std::string> checks;
  for (const core::Finding& f : r.findings) {
    checks.insert(f.check);
    EXPECT_EQ(f.target_id, "s");
    EXPECT_EQ(f.unit_id, "u");
  }
  EXPECT_TRUE(checks.count("hidden_link")) << "the display:none link from the stylesheet";
  EXPECT_TRUE(checks.count("fake_link")) << "the href='#' link";
  EXPECT_TRUE(checks.count("outbound_drift")) << "the gambling destination";
  for (const core::Finding& f : r.findings) {
    if (f.check == "hidden_link") {
      EXPECT_EQ(f.severity, core::Severity::kVeto) << f.message;
    }
  }
}

// Known illegal domains (crawl.illegal_domains) make a hidden link high risk whatever its page
// says, matched by whole labels: "host" is not "localhost".
TEST_F(CrawlerTest, IllegalDomainsAreMatchedOnHostSuffix) {
  site_.Route("/", Page("<html><title>首页</title><body><a href='/a.html'>栏目A</a>"
                        "<div style='display:none'><a href='" + External() +
                        "/ok.html'>友情链接</a></div></body></html>"));
  auto hidden_message = [&](std::set<std::string> illegal) {
    CrawlOptions o = Options();
    o.illegal_domains = std::move(illegal);
    const CrawlReport r = Run(o, false);
    for (const core::Finding& f : r.findings) {
      if (f.check == "hidden_link" && f.subject == External() + "/ok.html") return f.message;
    }
    return std::string("no finding");
  };
  EXPECT_NE(hidden_message({"localhost"}).find("风险：高（已知违法域名（localhost））"),
            std::string::npos);
  for (const char* other : {"host", "calhost", "example.org"}) {
    const std::string m = hidden_message({other});
    EXPECT_NE(m.find("风险：中（非政府网站域名（localhost））"), std::string::npos) << other << m;
  }
}

TEST_F(CrawlerTest, DepthAndBudgetBoundTheCrawl) {
  CrawlOptions o = Options();
  o.max_depth = 1;  // parse /, /a.html and /soft.html; /b.html is checked but not parsed
  CrawlReport r = Run(o, false);
  EXPECT_EQ(r.pages, 3);
  EXPECT_EQ(site_.Count("/b.html"), 1);
  EXPECT_EQ(site_.Count("/c.html"), 0);

  site_.ResetStats();
  o = Options();
  o.max_requests = 3;  // robots.txt, the homepage, one more
  r = Run(o, false);
  EXPECT_TRUE(r.budget_exhausted);
  EXPECT_LE(r.requests, 3);
  EXPECT_GT(r.links_unchecked, 0);
  EXPECT_LE(site_.TotalRequests(), 3);
}

TEST_F(CrawlerTest, ExternalLinksAreCheckedOncePerTtl) {
  Run(Options());
  EXPECT_EQ(web_.Count("/gone.html"), 1);
  const CrawlReport again = Run(Options());
  EXPECT_EQ(web_.Count("/gone.html"), 1) << "answered from the cache";
  EXPECT_GE(again.links_cached, 3);
  EXPECT_NE(FindBroken(again, "/gone.html"), nullptr) << "a cached failure is still broken";

  CrawlOptions later = Options();
  later.now += later.external_ttl + std::chrono::seconds{1};
  Run(later);
  EXPECT_EQ(web_.Count("/gone.html"), 2) << "re-checked after the TTL";
}

TEST_F(CrawlerTest, HeadFailureFallsBackToGet) {
  site_.Route("/logo.png", [](const FixtureRequest& r) {
    Reply reply;
    reply.status = r.method == "HEAD" ? 405 : 200;
    reply.headers = {{"Content-Type", "image/png"}};
    reply.body = r.method == "HEAD" ? "" : "PNG";
    return reply;
  });
  const CrawlReport r = Run(Options(), false);
  EXPECT_EQ(site_.Count("/logo.png"), 2);
  EXPECT_EQ(FindBroken(r, "/logo.png"), nullptr);
}

TEST_F(CrawlerTest, CloakedOutboundLinksAreHiddenLinks) {
  const std::string ext = External();
  site_.Route("/", [ext](const FixtureRequest& r) {
    std::string body = "<html><title>首页</title><body><a href='/a.html'>栏目A</a>";
    if (r.Header("user-agent").find("Baiduspider") != std::string::npos) {
      body += "<a href='" + ext + "/casino.html'>彩票</a>";
    }
    return testing::Html(r.method == "HEAD" ? "" : body + "</body></html>");
  });
  const CrawlReport r = Run(Options(), false);
  bool cloaked = false;
  for (const core::Finding& f : r.findings) {
    if (f.check == "hidden_link" && f.message.find("casino") != std::string::npos) cloaked = true;
  }
  EXPECT_TRUE(cloaked);
}

}  // namespace
}  // namespace govwatch::crawl
