// The content checks in the daemon (issue 5), end to end: the real `govwatch run` against a
// scripted FixtureServer (in this process, so the test can change a page between runs and count
// the requests) serving a small site and feed.
//   - A new article's typo, wrong region name and ID number become findings in the database
//     (the number masked everywhere); an article is read once, so fixing the page later does
//     not resolve them (docs/content-checks.md), while a fixed account post does, since posts
//     are checked on every read.
//   - The lexicon is re-read on SIGHUP; a broken one keeps the old one and fails the reload.
//   - A broken lexicon stops the daemon at start with FILE:LINE.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "fixture_server.h"
#include "process.h"

namespace govwatch::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr char kFullId[] = "640402198703150014";

// Yesterday in Beijing time, formatted with strftime's `format`.
std::string Yesterday(const char* format) {
  const std::time_t t = std::time(nullptr) - 86400 + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string Article(const std::string& first_paragraph) {
  const std::string published = Yesterday("%Y-%m-%d 10:00");
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
         "<meta name=\"PubDate\" content=\"" + published + "\">"
         "<title>市政府常务会议研究部署秋冬季农业生产工作</title></head><body>"
         "<div class=\"article\"><h1>市政府常务会议研究部署秋冬季农业生产工作</h1>"
         "<div class=\"info\">发布时间：" + published + "　来源：固原市人民政府办公室</div>"
         "<div class=\"TRS_Editor\"><p>" + first_paragraph + "</p>"
         "<p>会议指出，我市认真落实宁夏自治区党委、政府关于粮食安全的决策部署。</p>"
         "<p>受表彰的种粮大户马某某（身份证号：" + kFullId + "）介绍了经验。</p>"
         "</div></div></body></html>";
}

std::string Feed(const std::string& title) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
         "<title>固原发布</title><link>https://mp.weixin.qq.com/</link>"
         "<item><title>" + title + "</title><link>https://mp.weixin.qq.com/s/post1</link>"
         "<pubDate>" + Yesterday("%a, %d %b %Y 10:00:00 +0800") + "</pubDate></item>"
         "</channel></rss>";
}

std::string ListPage() {
  return "<html><head><meta charset=\"utf-8\"></head><body><ul class=\"list\">"
         "<li><a href=\"/gy/zwyw/t1.html\">市政府常务会议研究部署秋冬季农业生产工作</a>"
         "<span>" + Yesterday("%Y-%m-%d") + "</span></li></ul></body></html>";
}

// A small region: one site with one news column listing one article, one account.
class ContentDaemon : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Route("/gy/index.html", testing::Html(ListPage()));
    server_.Route("/gy/zwyw/index.html", testing::Html(ListPage()));
    ServeArticle("市政府召开常务会议，研究布署下一阶段重点工作。");
    ServeFeed("全市干部要再接再励，推动工作落实");
    config_ = dir_.path() + "/govwatch.yaml";
    db_ = dir_.path() + "/state/govwatch.db";
  }

  void ServeArticle(const std::string& first_paragraph) {
    server_.Route("/gy/zwyw/t1.html", testing::Html(Article(first_paragraph)));
  }
  void ServeFeed(const std::string& title) {
    server_.Route("/feed.xml", testing::Html(Feed(title), "application/rss+xml; charset=utf-8"));
  }

  void WriteConfig(const std::string& lexicon_dir) {
    const std::string base = server_.Url("");
    std::ofstream(config_)
        << "default_profile: fast\n"
           "profiles:\n"
           "  fast: {homepage_interval: 10s, column_default_interval: 10s, account_interval: 10s,\n"
           "         column_interval: {news: 10s}}\n"
           "storage: {path: " << db_ << "}\n"
           "web: {listen: '127.0.0.1:0'}\n"
           "http: {per_host_delay: 0s}\n"
           "units:\n"
           "  - {id: gy, name: 固原市人民政府办公室, region: 市本级}\n"
           "sites:\n"
           "  - id: guyuan\n    name: 固原市人民政府\n    unit: gy\n    homepage: " << base
        << "/gy/index.html\n"
           "    columns:\n"
           "      - {id: zwyw, name: 政务要闻, kind: news, url: '" << base << "/gy/zwyw/index.html'}\n"
           "accounts:\n"
           "  - {id: gyfb, name: 固原发布, platform: wechat, unit: gy, source: {type: feed, url: '"
        << base << "/feed.xml'}}\n"
           "content: {lexicon_dir: '" << lexicon_dir << "'}\n";
  }

  CommandResult RunOnce() {
    return RunCommand({Binary("daemon/govwatch"), "run", "--once", "-c", config_});
  }

  // Rows of `sql` (one column), in order.
  std::vector<std::string> Query(const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      return rows;
    }
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(st, 0);
        rows.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
  }

  // "check subject" of the open content findings of `target`.
  std::set<std::string> OpenContent(const std::string& target) {
    const auto rows = Query(
        "SELECT check_name || ' ' || subject FROM findings WHERE resolved_at IS NULL AND "
        "target_id = '" + target + "' AND check_name IN "
        "('typo', 'severe_expression', 'sensitive_word', 'personal_data')");
    return {rows.begin(), rows.end()};
  }

  std::string DatabaseBytes() {
    std::string all;
    for (const auto& entry : fs::directory_iterator(fs::path(db_).parent_path())) {
      std::ifstream in(entry.path(), std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }

  std::string Url(const std::string& path) const { return server_.Url(path); }

  TempDir dir_;
  testing::FixtureServer server_;
  std::string config_, db_;
};

TEST_F(ContentDaemon, StoresContentFindingsOfNewArticlesAndPosts) {
  WriteConfig(Source("config/lexicon"));
  CommandResult r = RunOnce();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("content checks: lexicon " + Source("config/lexicon")), std::string::npos)
      << r.err;

  const std::string article = Url("/gy/zwyw/t1.html");
  const std::set<std::string> expected_article = {
      "typo " + article + "#布署", "severe_expression " + article + "#宁夏自治区",
      "personal_data " + article + "#640402********0014"};
  EXPECT_EQ(OpenContent("guyuan/zwyw"), expected_article);
  const std::set<std::string> expected_post = {"typo https://mp.weixin.qq.com/s/post1#再接再励"};
  EXPECT_EQ(OpenContent("gyfb"), expected_post);
  // Findings carry the unit of the article's 来源 / the account, and Chinese evidence.
  EXPECT_EQ(Query("SELECT unit_id || ' ' || severity FROM findings WHERE check_name = "
                  "'severe_expression'"),
            std::vector<std::string>{"gy veto"});
  const auto messages = Query("SELECT message FROM findings WHERE check_name = 'personal_data'");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("【640402********0014】"), std::string::npos) << messages[0];
  // The full number is stored nowhere (findings, article text, journal), nor logged.
  EXPECT_EQ(DatabaseBytes().find(kFullId), std::string::npos);
  EXPECT_EQ(r.err.find(kFullId), std::string::npos);

  // The page and the post are fixed; the next cycle reads the post again (posts are checked on
  // every read) but not the article (articles are read once, when first listed).
  EXPECT_EQ(server_.Count("/gy/zwyw/t1.html"), 1);
  ServeArticle("市政府召开常务会议，研究部署下一阶段重点工作。");
  ServeFeed("全市干部要再接再厉，推动工作落实");
  r = RunOnce();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(OpenContent("gyfb"), std::set<std::string>{}) << r.err;
  EXPECT_EQ(Query("SELECT count(*) FROM findings WHERE target_id = 'gyfb' AND check_name = "
                  "'typo' AND resolved_at IS NOT NULL"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(OpenContent("guyuan/zwyw"), expected_article);
  const auto bodies = Query("SELECT body FROM articles WHERE url = '" + article + "'");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_NE(bodies[0].find("研究布署"), std::string::npos) << "the article was read again";
  EXPECT_EQ(server_.Count("/gy/zwyw/t1.html"), 1);
  EXPECT_EQ(server_.Count("/feed.xml"), 2);
  EXPECT_EQ(Query("SELECT id FROM observations WHERE target_id = 'guyuan/zwyw'").size(), 2u);
}

TEST_F(ContentDaemon, ReloadRereadsTheLexiconAndKeepsTheOldOneWhenBroken) {
  // A lexicon of the office's own, without the post's typo at first.
  const std::string lexicon = dir_.path() + "/lexicon";
  fs::create_directories(lexicon);
  std::ofstream(lexicon + "/severe.txt") << "宁夏自治区\t宁夏回族自治区\tdivision\n";
  WriteConfig(lexicon);
  BackgroundProcess daemon({Binary("daemon/govwatch"), "run", "-c", config_}, {});
  const std::regex listening(R"(http://127\.0\.0\.1:(\d+)/metrics)");
  int port = 0;
  ASSERT_TRUE(WaitFor(
      [&] {
        std::smatch m;
        const std::string err = daemon.Stderr();
        if (!std::regex_search(err, m, listening)) return false;
        port = std::stoi(m[1]);
        return true;
      },
      10s))
      << daemon.Stderr();
  auto metrics_have = [&](const std::string& line) {
    return Http(port, "GET", "/metrics").body.find(line) != std::string::npos;
  };
  // The article's severe expression is found with this lexicon; its typo is not.
  const std::string article = Url("/gy/zwyw/t1.html");
  ASSERT_TRUE(WaitFor([&] { return OpenContent("guyuan/zwyw").size() == 2; }, 20s))
      << daemon.Stderr();
  EXPECT_EQ(OpenContent("guyuan/zwyw"),
            (std::set<std::string>{"severe_expression " + article + "#宁夏自治区",
                                   "personal_data " + article + "#640402********0014"}));
  ASSERT_TRUE(WaitFor([&] { return !Query("SELECT id FROM observations WHERE target_id = "
                                          "'gyfb'").empty(); },
                      20s));
  EXPECT_EQ(OpenContent("gyfb"), std::set<std::string>{});

  // The office adds the typo and reloads: the next read of the account finds it.
  std::ofstream(lexicon + "/typos-local.txt") << "再接再励\t再接再厉\n";
  daemon.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return daemon.Stderr().find("reloaded ") != std::string::npos; }, 5s))
      << daemon.Stderr();
  EXPECT_TRUE(metrics_have("govwatch_config_last_reload_successful 1"));
  const std::set<std::string> post_typo = {"typo https://mp.weixin.qq.com/s/post1#再接再励"};
  ASSERT_TRUE(WaitFor([&] { return OpenContent("gyfb") == post_typo; }, 25s)) << daemon.Stderr();
  // …and the findings reached the live state (metrics), not only the database.
  EXPECT_TRUE(WaitFor(
      [&] {
        return metrics_have("govwatch_open_findings{check=\"typo\",severity=\"deduction\"");
      },
      5s));

  // A broken lexicon file: the reload fails with FILE:LINE, the old lexicon stays in use (the
  // post's finding is not resolved by later reads), the daemon keeps running.
  std::ofstream(lexicon + "/typos-bad.txt") << "# no tab on the next line\n写错的词\n";
  daemon.Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return metrics_have("govwatch_config_last_reload_successful 0"); }, 5s))
      << daemon.Stderr();
  EXPECT_NE(daemon.Stderr().find("reload: " + lexicon + "/typos-bad.txt:2: "), std::string::npos)
      << daemon.Stderr();
  const auto reads = Query("SELECT id FROM observations WHERE target_id = 'gyfb'").size();
  ASSERT_TRUE(WaitFor(
      [&] {
        return Query("SELECT id FROM observations WHERE target_id = 'gyfb'").size() > reads;
      },
      25s));
  EXPECT_EQ(OpenContent("gyfb"), post_typo);
  EXPECT_EQ(daemon.Wait(0ms), -1) << "the daemon died on a bad lexicon";
  daemon.Signal(SIGTERM);
  EXPECT_EQ(daemon.Wait(10s), 0) << daemon.Stderr();
}

TEST_F(ContentDaemon, ABrokenLexiconStopsTheStart) {
  const std::string lexicon = dir_.path() + "/lexicon";
  fs::create_directories(lexicon);
  std::ofstream(lexicon + "/severe.txt") << "宁夏自治区\t宁夏回族自治区\tregion\n";
  WriteConfig(lexicon);
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "run", "-c", config_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(lexicon + "/severe.txt:1: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the lexicon has errors; not starting"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db_));
}

}  // namespace
}  // namespace govwatch::e2e
