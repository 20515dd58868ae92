// govwatch probe: one pass over the named targets, printed for people (table) or programs (json).
#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/article_checks.h"
#include "app/commands.h"
#include "app/content_checks.h"
#include "app/probe_render.h"
#include "config/loader.h"
#include "core/time.h"
#include "fetch/http_client.h"
#include "schedule/articles.h"
#include "schedule/poller.h"
#include "store/article_store.h"
#include "sources/source.h"
#include "store/sqlite_store.h"

namespace govwatch::app {
namespace {

constexpr const char* kProbeUsage =
    "usage: govwatch probe -c FILE [--now ISO8601] [--db PATH] [--format table|json] TARGET_ID...\n"
    "\n"
    "Fetches, extracts, stores and checks the targets once and prints the findings.\n"
    "TARGET_ID is 'all', a site id (its homepage and every column), SITE/COLUMN, or an account\n"
    "id. Exit status 0 whether or not problems were found; 1 when the probe could not run;\n"
    "2 on a usage error.\n"
    "\n"
    "  -c, --config FILE   configuration file\n"
    "  --now ISO8601       pretend it is this time (dates, freshness); default: the clock\n"
    "  --db PATH           SQLite database; default: storage.path of the configuration\n"
    "  --format FORMAT     table (Chinese, default) or json\n";

struct ProbeArgs {
  std::string config_path;
  std::optional<core::Timestamp> now;
  std::optional<std::string> db;
  std::string format = "table";
  std::vector<std::string> targets;
  bool help = false;
};

core::Result<ProbeArgs> ParseProbeArgs(const Args& args) {
  ProbeArgs p;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> core::Result<std::string> {
      if (i + 1 >= args.size()) return core::MakeError("option '" + a + "' needs a value");
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      p.help = true;
    } else if (a == "-c" || a == "--config") {
      auto v = value();
      if (!v) return v.error();
      p.config_path = *v;
    } else if (a == "--now") {
      auto v = value();
      if (!v) return v.error();
      auto t = core::ParseIso8601(*v, std::chrono::hours{8});
      if (!t) return t.error().WithContext("--now");
      p.now = *t;
    } else if (a == "--db") {
      auto v = value();
      if (!v) return v.error();
      p.db = *v;
    } else if (a == "--format") {
      auto v = value();
      if (!v) return v.error();
      if (*v != "table" && *v != "json") {
        return core::MakeError("--format: expected table or json, got '" + *v + "'");
      }
      p.format = *v;
    } else if (a.starts_with("-") && a != "-") {
      return core::MakeError("unknown option '" + a + "'");
    } else {
      p.targets.push_back(a);
    }
  }
  if (p.help) return p;
  if (p.config_path.empty()) return core::MakeError("missing -c FILE");
  if (p.targets.empty()) return core::MakeError("no TARGET_ID given (use 'all' for everything)");
  return p;
}

}  // namespace

int RunProbe(const Args& args) {
  auto parsed = ParseProbeArgs(args);
  if (!parsed) {
    std::cerr << "govwatch probe: " << parsed.error().message << "\n\n" << kProbeUsage;
    return 2;
  }
  if (parsed->help) {
    std::cout << kProbeUsage;
    return 0;
  }
  const ProbeArgs& p = *parsed;

  const config::LoadResult loaded = config::LoadConfigFile(p.config_path);
  if (!loaded.config) {
    for (const auto& d : loaded.diagnostics) std::cerr << d.ToString() << "\n";
    std::cerr << "govwatch probe: the configuration has errors; nothing was probed\n";
    return 1;
  }
  const config::Config& config = *loaded.config;
  auto targets = schedule::ResolveTargets(config, p.targets);
  if (!targets) {
    std::cerr << "govwatch probe: " << targets.error().message << "\n";
    return 1;
  }

  const std::string db_path = p.db.value_or(config.storage.path);
  if (db_path != ":memory:") {
    std::error_code ec;
    const auto dir = std::filesystem::path(db_path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (ec) {
      std::cerr << "govwatch probe: cannot create " << dir << ": " << ec.message() << "\n";
      return 1;
    }
  }
  auto store = store::SqliteStore::Open(db_path);
  if (!store) {
    std::cerr << "govwatch probe: " << store.error().message << "\n";
    return 1;
  }

  const core::Timestamp now =
      p.now.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  const schedule::FetchFn fetch = [&config](std::vector<fetch::Request> requests) {
    return fetch::FetchAll(config.http, std::move(requests));
  };
  // Article pages of new column items (issue 8), unless disabled or the store is in memory.
  schedule::ArticleOptions articles;
  std::unique_ptr<store::ArticleStore> article_store;
  if (config.articles.enabled && db_path != ":memory:") {
    auto opened = store::ArticleStore::Open(db_path);
    if (!opened) {
      std::cerr << "govwatch probe: " << opened.error().message << "\n";
      return 1;
    }
    article_store = std::move(*opened);
    articles.store = article_store.get();
    // Policy interpretation over the stored articles (app/article_checks.h).
    AddPolicyInterpretation(articles);
  }
  // Content checks of new articles and of account posts (issue 5), with the lexicon the config
  // names; a broken lexicon stops the probe like a broken config.
  const auto lexicon = LoadContentScanner(config.content);
  if (!lexicon) {
    std::cerr << lexicon.error().message << "\n"
              << "govwatch probe: the lexicon has errors; nothing was probed\n";
    return 1;
  }
  if (lexicon->scanner == nullptr && config.content.enabled) {
    std::cerr << "govwatch probe: warning: content checks off: " << lexicon->note << "\n";
  }
  if (lexicon->scanner != nullptr) {
    auto slot = std::make_shared<ScannerSlot>();
    slot->Set(lexicon->scanner);
    articles.checks.push_back(ContentArticleCheck(slot, [now] { return now; }));
  }
  // Accounts are read through their source adapters (feed, weibo_api, wechat_api).
  sources::SourceSet sources;
  const schedule::AccountReadFn read_accounts =
      [&config, &sources, now](std::vector<const config::Account*> accounts) {
        return sources::ReadAccounts(config.http, sources, accounts, config.new_media, now);
      };
  schedule::SourceHealthBook health;
  auto pass = schedule::RunPass(config, *targets, fetch, read_accounts, health, **store, now,
                               articles);
  if (!pass) {
    std::cerr << "govwatch probe: " << pass.error().message << "\n";
    return 1;
  }
  const core::TimeZone display_zone;  // reports read in Beijing time
  std::cout << (p.format == "json" ? RenderProbeJson(config, *pass, now, display_zone)
                                   : RenderProbeTable(config, *pass, now, display_zone));
  return 0;
}

}  // namespace govwatch::app
