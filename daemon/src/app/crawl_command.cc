// govwatch crawl: one link-check crawl of one site, stored like the daemon's and printed for
// people (table, Chinese) or programs (json).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "config/loader.h"
#include "crawl/crawler.h"
#include "crawl/link_store.h"
#include "crawl/options.h"
#include "fetch/http_client.h"
#include "store/sqlite_store.h"

namespace govwatch::app {
namespace {

constexpr const char* kCrawlUsage =
    "usage: govwatch crawl -c FILE [--db PATH] [--format table|json] [--now ISO8601] SITE_ID\n"
    "\n"
    "Crawls the site within its crawl budget (crawl: section), checks every link and prints\n"
    "broken, hidden and fake links, drifting outbound links and the link availability ratio.\n"
    "Findings and the external link cache are stored as the daemon stores them. The site is\n"
    "crawled even when crawl.enabled is false (that switch is for the daemon). Exit status 0\n"
    "whether or not problems were found; 1 when the crawl could not run; 2 on a usage error.\n"
    "\n"
    "  -c, --config FILE   configuration file\n"
    "  --db PATH           SQLite database; default: storage.path of the configuration\n"
    "  --format FORMAT     table (Chinese, default) or json\n"
    "  --now ISO8601       pretend it is this time (budget day, cache age); default: the clock\n";

struct CrawlArgs {
  std::string config_path;
  std::optional<std::string> db;
  std::optional<core::Timestamp> now;
  std::string format = "table";
  std::string site;
  bool help = false;
};

core::Result<CrawlArgs> ParseCrawlArgs(const Args& args) {
  CrawlArgs c;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> core::Result<std::string> {
      if (i + 1 >= args.size()) return core::MakeError("option '" + a + "' needs a value");
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      c.help = true;
    } else if (a == "-c" || a == "--config" || a == "--db" || a == "--format" || a == "--now") {
      auto v = value();
      if (!v) return v.error();
      if (a == "--db") {
        c.db = *v;
      } else if (a == "--format") {
        if (*v != "table" && *v != "json")
          return core::MakeError("--format: expected table or json, got '" + *v + "'");
        c.format = *v;
      } else if (a == "--now") {
        auto t = core::ParseIso8601(*v, std::chrono::hours{8});
        if (!t) return t.error().WithContext("--now");
        c.now = *t;
      } else {
        c.config_path = *v;
      }
    } else if (a.starts_with("-")) {
      return core::MakeError("unknown option '" + a + "'");
    } else if (!c.site.empty()) {
      return core::MakeError("one SITE_ID only (got '" + c.site + "' and '" + a + "')");
    } else {
      c.site = a;
    }
  }
  if (c.help) return c;
  if (c.config_path.empty()) return core::MakeError("missing -c FILE");
  if (c.site.empty()) return core::MakeError("no SITE_ID given");
  return c;
}

std::string Percent(const std::optional<double>& ratio) {
  if (!ratio) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", *ratio * 100);
  return buffer;
}

void PrintTable(const crawl::CrawlReport& r) {
  std::cout << "站点 " << r.site_id << "：抓取页面 " << r.pages << " 个，本站请求 " << r.requests
            << " 次，外部请求 " << r.external_requests << " 次，检查链接 " << r.links_checked
            << " 个（缓存 " << r.links_cached << " 个），未检查 " << r.links_unchecked
            << " 个，错链 " << r.broken.size() << " 个，链接可用率 " << Percent(r.availability)
            << "，用时 " << r.elapsed.count() / 1000.0 << " 秒\n";
  if (r.budget_exhausted) std::cout << "注意：已达到每日抓取上限，部分链接未检查\n";
  if (r.robots_disallowed > 0)
    std::cout << "robots.txt 禁止抓取的链接 " << r.robots_disallowed << " 个\n";
  for (const core::Finding& f : r.findings) {
    std::cout << "[" << core::ChineseName(f.severity) << "] " << f.check << "  " << f.message
              << "\n";
  }
}

void PrintJson(const crawl::CrawlReport& r) {
  boost::json::object o;
  o["site"] = r.site_id;
  o["pages"] = r.pages;
  o["requests"] = r.requests;
  o["external_requests"] = r.external_requests;
  o["links_found"] = r.links_found;
  o["links_checked"] = r.links_checked;
  o["links_cached"] = r.links_cached;
  o["links_unchecked"] = r.links_unchecked;
  o["robots_disallowed"] = r.robots_disallowed;
  o["budget_exhausted"] = r.budget_exhausted;
  o["availability"] = r.availability ? boost::json::value(*r.availability) : nullptr;
  o["elapsed_seconds"] = static_cast<double>(r.elapsed.count()) / 1000.0;
  boost::json::array broken;
  for (const crawl::BrokenLink& b : r.broken) {
    broken.push_back({{"url", b.url},
                      {"found_on", b.found_on},
                      {"anchor_text", b.anchor_text},
                      {"kind", b.link_kind},
                      {"reason", b.reason},
                      {"failure", b.failure},
                      {"status", b.status},
                      {"external", b.external},
                      {"referring_pages", b.referring_pages}});
  }
  o["broken"] = std::move(broken);
  boost::json::array findings;
  for (const core::Finding& f : r.findings) {
    findings.push_back({{"check", f.check},
                        {"subject", f.subject},
                        {"severity", core::ToString(f.severity)},
                        {"message", f.message},
                        {"evidence_url", f.evidence_url}});
  }
  o["findings"] = std::move(findings);
  std::cout << boost::json::serialize(o) << "\n";
}

}  // namespace

int RunCrawl(const Args& args) {
  auto parsed = ParseCrawlArgs(args);
  if (!parsed) {
    std::cerr << "govwatch crawl: " << parsed.error().message << "\n\n" << kCrawlUsage;
    return 2;
  }
  if (parsed->help) {
    std::cout << kCrawlUsage;
    return 0;
  }
  config::LoadResult loaded = config::LoadConfigFile(parsed->config_path);
  if (!loaded.config) {
    for (const auto& d : loaded.diagnostics) std::cerr << d.ToString() << "\n";
    return 1;
  }
  const config::Config& config = *loaded.config;
  const config::Site* site = config.FindSite(parsed->site);
  if (site == nullptr) {
    std::cerr << "govwatch crawl: no site '" << parsed->site << "' in " << parsed->config_path
              << "\n";
    return 1;
  }
  const std::string db_path = parsed->db.value_or(config.storage.path);
  if (const auto dir = std::filesystem::path(db_path).parent_path(); !dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
  }
  auto store = store::SqliteStore::Open(db_path);
  if (!store) {
    std::cerr << "govwatch crawl: " << store.error().message << "\n";
    return 1;
  }
  auto links = crawl::LinkStore::Open(db_path);
  if (!links) {
    std::cerr << "govwatch crawl: " << links.error().message << "\n";
    return 1;
  }
  const core::Timestamp now = parsed->now.value_or(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  const auto [day_start, day_end] = crawl::BudgetDay(now);
  auto used = (*links)->RequestsBetween(site->id, day_start, day_end);
  if (!used) {
    std::cerr << "govwatch crawl: " << used.error().message << "\n";
    return 1;
  }
  crawl::CrawlOptions options = crawl::OptionsFor(config, *site, now, *used);
  auto illegal = crawl::IllegalDomains(config.crawl);
  if (!illegal) {
    std::cerr << "govwatch crawl: " << illegal.error().message << "\n";
    return 1;
  }
  options.illegal_domains = std::move(*illegal);

  boost::asio::io_context io{1};
  auto client = fetch::MakeHttpClient(io.get_executor(), config.http);
  auto future = boost::asio::co_spawn(io, crawl::Crawl(*client, options, links->get()),
                                      boost::asio::use_future);
  io.run();
  crawl::CrawlReport report = future.get();

  store::TargetRecord target;
  target.id = site->id;
  target.kind = store::TargetKind::kSite;
  target.unit = site->unit;
  target.name = site->name;
  target.url = site->homepage;
  core::Status saved = (*store)->UpsertTarget(target);
  if (saved) saved = (*store)->ReplaceOpenFindings(site->id, crawl::kLinkChecks, report.findings, now);
  if (saved) saved = (*links)->SaveChecks(report.external_checks);
  if (saved) {
    crawl::CrawlRun run;
    run.site_id = site->id;
    run.started_at = now;
    run.finished_at = now + std::chrono::duration_cast<std::chrono::seconds>(report.elapsed);
    run.requests = report.requests;
    run.pages = report.pages;
    run.links = report.links_checked;
    run.broken = static_cast<std::int64_t>(report.broken.size());
    run.availability = report.availability;
    saved = (*links)->RecordRun(run);
  }
  if (parsed->format == "json") {
    PrintJson(report);
  } else {
    PrintTable(report);
  }
  if (!saved) {
    std::cerr << "govwatch crawl: " << saved.error().message << "\n";
    return 1;
  }
  return 0;
}

}  // namespace govwatch::app
