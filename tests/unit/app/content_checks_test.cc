// The content checks as the daemon wires them (app/content_checks.h): where the lexicon comes
// from, what a bad one reports, the one article check yielding four check names through the
// article stage, the reload slot, and the checks on account posts (schedule::CheckAccountPosts).
#include "app/content_checks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "schedule/articles.h"
#include "store/sqlite_store.h"

namespace govwatch::app {
namespace {

namespace fs = std::filesystem;

core::Timestamp At(const char* iso) { return core::ParseIso8601(iso).value(); }

class ContentChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("govwatch-content-checks-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A lexicon directory under the test's directory with `files` (name → content).
  std::string Lexicon(const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& files) {
    const fs::path dir = dir_ / name;
    fs::create_directories(dir);
    for (const auto& [file, content] : files) std::ofstream(dir / file) << content;
    return dir.string();
  }

  std::shared_ptr<const text::Scanner> Scanner(const std::string& dir) {
    config::ContentSettings content;
    content.lexicon_dir = dir;
    auto loaded = LoadContentScanner(content, {});
    EXPECT_TRUE(loaded.ok()) << loaded.error().message;
    return loaded.ok() ? loaded->scanner : nullptr;
  }

  fs::path dir_;
};

TEST_F(ContentChecksTest, LexiconDirectoryIsTheConfiguredOneElseTheFirstDefaultThatExists) {
  config::ContentSettings content;
  const std::string etc = (dir_ / "etc").string();
  const std::string share = Lexicon("share", {});
  EXPECT_EQ(LexiconDirFor(content, {etc, share}), share);  // etc does not exist
  fs::create_directories(etc);
  EXPECT_EQ(LexiconDirFor(content, {etc, share}), etc);
  EXPECT_EQ(LexiconDirFor(content, {}), std::nullopt);
  // A configured directory is used even when missing, so the mistake is reported.
  content.lexicon_dir = "/nonexistent/lexicon";
  EXPECT_EQ(LexiconDirFor(content, {etc, share}), "/nonexistent/lexicon");
  // The daemon's defaults: the office's copy, then the installed one.
  ASSERT_EQ(DefaultLexiconDirs().size(), 2u);
  EXPECT_EQ(DefaultLexiconDirs()[0], "/etc/govwatch/lexicon");
  EXPECT_TRUE(DefaultLexiconDirs()[1].ends_with("/govwatch/lexicon")) << DefaultLexiconDirs()[1];
}

TEST_F(ContentChecksTest, LoadingSaysWhyTheChecksAreOffAndReportsBadLines) {
  config::ContentSettings content;
  content.enabled = false;
  auto off = LoadContentScanner(content, {});
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->scanner, nullptr);
  EXPECT_EQ(off->note, "content.enabled is false");

  content.enabled = true;
  auto none = LoadContentScanner(content, {"/nonexistent/a", "/nonexistent/b"});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->scanner, nullptr);
  EXPECT_EQ(none->note,
            "content.lexicon_dir is not set and there is no lexicon at /nonexistent/a or "
            "/nonexistent/b");

  content.lexicon_dir = Lexicon("bad", {{"typos.txt", "布署\t部署\n再接再励\n"},
                                        {"sensitive.txt", "***\t反动\n"}});
  auto bad = LoadContentScanner(content, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find(content.lexicon_dir + "/typos.txt:2: "), std::string::npos)
      << bad.error().message;

  content.lexicon_dir = Lexicon("good", {{"typos.txt", "布署\t部署\n"}});
  auto good = LoadContentScanner(content, {});
  ASSERT_TRUE(good.ok()) << good.error().message;
  ASSERT_NE(good->scanner, nullptr);
  EXPECT_EQ(good->dir, content.lexicon_dir);
  EXPECT_EQ(good->scanner->lexicon().entries.size(), 1u);
}

TEST_F(ContentChecksTest, OneArticleCheckYieldsTheFourContentChecks) {
  auto slot = std::make_shared<ScannerSlot>();
  slot->Set(Scanner(Lexicon("lex", {{"typos.txt", "布署\t部署\n"},
                                     {"severe.txt", "宁夏自治区\t宁夏回族自治区\tdivision\n"}})));
  schedule::ArticleOptions options;
  options.checks.push_back(ContentArticleCheck(slot, [] { return At("2021-07-01T00:00:00Z"); }));
  EXPECT_EQ(schedule::ScopeOf(options.checks[0]),
            (std::vector<std::string>{"typo", "severe_expression", "sensitive_word",
                                      "personal_data"}));

  const schedule::ArticleContext article{
      "gy/zwyw", "gy", "http://gy/a.html", "研究布署工作",
      "落实宁夏自治区党委部署。\n马某某（身份证号：640402198703150014），研究布署。", std::nullopt};
  const auto findings = schedule::RunArticleChecks(options, article);
  std::set<std::string> keys;
  for (const auto& f : findings) {
    keys.insert(f.check + " " + f.subject);
    EXPECT_EQ(f.target_id, "gy/zwyw");
    EXPECT_EQ(f.unit_id, "gy");
    EXPECT_EQ(f.evidence_url, "http://gy/a.html");
    EXPECT_EQ(f.message.find("640402198703150014"), std::string::npos) << f.message;
  }
  EXPECT_EQ(keys, (std::set<std::string>{"typo http://gy/a.html#布署",
                                         "severe_expression http://gy/a.html#宁夏自治区",
                                         "personal_data http://gy/a.html#640402********0014"}));
  for (const auto& f : findings) {
    if (f.check == "typo") {
      EXPECT_NE(f.message.find("位置：标题第3字"), std::string::npos) << f.message;
      EXPECT_NE(f.message.find("（共2处）"), std::string::npos) << f.message;
    }
  }

  // An empty slot (content checks off after a reload) yields nothing; a refilled one the new
  // lexicon's findings.
  slot->Set(nullptr);
  EXPECT_TRUE(schedule::RunArticleChecks(options, article).empty());
  slot->Set(Scanner(Lexicon("lex2", {{"typos.txt", "再接再励\t再接再厉\n"}})));
  const schedule::ArticleContext post{"gyfb", "gy", "https://mp/s/1", "", "要再接再励", std::nullopt};
  const auto again = schedule::RunArticleChecks(options, post);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].subject, "https://mp/s/1#再接再励");
}

TEST_F(ContentChecksTest, AccountPostsAreCheckedOnEveryReadAndUnlistedOnesKeepTheirFindings) {
  auto store = store::SqliteStore::Open((dir_ / "g.db").string());
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE((*store)->UpsertTarget({"gyfb", store::TargetKind::kAccount, "", "gy", "固原发布",
                                      "http://feed"})
                  .ok());
  auto slot = std::make_shared<ScannerSlot>();
  slot->Set(Scanner(Lexicon("lex", {{"typos.txt", "再接再励\t再接再厉\n布署\t部署\n"}})));
  schedule::ArticleOptions options;
  options.checks.push_back(ContentArticleCheck(slot, [] { return At("2021-07-01T00:00:00Z"); }));

  config::Account account;
  account.id = "gyfb";
  account.unit = "gy";
  schedule::TargetOutcome o;
  o.target.kind = store::TargetKind::kAccount;
  o.target.id = "gyfb";
  o.target.account = &account;
  o.readable = true;
  auto post = [](const char* url, const char* text) {
    checks::Post p;
    p.item.url = url;
    p.item.title = text;
    p.text = text;
    return p;
  };
  o.account = checks::AccountObservation{true, "", {post("https://mp/s/1", "要再接再励"),
                                                    post("https://mp/s/2", "研究布署")},
                                         {}, {}, {}};
  auto apply = [&](const schedule::TargetOutcome& outcome, const char* now) {
    auto checked = schedule::CheckAccountPosts(options, **store, outcome);
    EXPECT_TRUE(checked.ok());
    if (!checked.ok() || !*checked) return std::set<std::string>{"(none)"};
    const auto& c = **checked;
    EXPECT_TRUE((*store)->ReplaceOpenFindings(c.target_id, c.scope, c.result.findings, At(now)).ok());
    std::set<std::string> subjects;
    for (const auto& f : c.result.findings) {
      EXPECT_EQ(f.unit_id, "gy");
      subjects.insert(f.subject);
    }
    return subjects;
  };
  EXPECT_EQ(apply(o, "2021-07-01T00:00:00Z"),
            (std::set<std::string>{"https://mp/s/1#再接再励", "https://mp/s/2#布署"}));
  // Post 1 is fixed and post 2 has dropped off the feed: 1's finding resolves, 2's stays.
  o.account->posts = {post("https://mp/s/1", "要再接再厉"), post("https://mp/s/3", "通知")};
  EXPECT_EQ(apply(o, "2021-07-01T06:00:00Z"), (std::set<std::string>{"https://mp/s/2#布署"}));
  // An unreadable read neither opens nor resolves.
  o.readable = false;
  EXPECT_EQ(apply(o, "2021-07-01T12:00:00Z"), (std::set<std::string>{"(none)"}));
  // Without checks there is nothing to do.
  o.readable = true;
  EXPECT_EQ(apply(o, "2021-07-01T12:00:00Z").size(), 1u);
  options.checks.clear();
  EXPECT_EQ(apply(o, "2021-07-01T12:00:00Z"), (std::set<std::string>{"(none)"}));
}

}  // namespace
}  // namespace govwatch::app
