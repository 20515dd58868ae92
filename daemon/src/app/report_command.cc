// govwatch report: the periodic inspection report (通报) from the store, as HTML, CSV and XLSX.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/commands.h"
#include "config/loader.h"
#include "core/time.h"
#include "report/period.h"
#include "report/render.h"
#include "report/report.h"
#include "store/article_store.h"
#include "store/sqlite_store.h"

namespace govwatch::app {
namespace {

constexpr const char* kReportUsage =
    "usage: govwatch report -c FILE --period PERIOD [--region REGION] [--out DIR]\n"
    "                       [--format html,csv,xlsx] [--db PATH] [--now ISO8601]\n"
    "\n"
    "Writes the inspection report of a period from the store: report.html, one CSV per annex\n"
    "(annex1-sites.csv, …) and report.xlsx. Exit status 0 when written; 1 when it could not be\n"
    "made; 2 on a usage error.\n"
    "\n"
    "  -c, --config FILE   configuration file\n"
    "  --period PERIOD     2021Q2, 2021-05, 2021H1, 2021 or 2021-04-01..2021-06-30\n"
    "  --region REGION     only units of this region (Unit.region, e.g. 市本级)\n"
    "  --out DIR           output directory (created); default: the current directory\n"
    "  --format LIST       comma-separated: html, csv, xlsx; default: all three\n"
    "  --db PATH           SQLite database; default: storage.path of the configuration\n"
    "  --now ISO8601       the report's 'now' (checks as of min(now, end of period)); also\n"
    "                      printed as the generation time. Default: the clock, not printed\n";

struct ReportArgs {
  std::string config_path;
  std::string period;
  std::optional<std::string> region;
  std::string out = ".";
  bool html = true, csv = true, xlsx = true;
  std::optional<std::string> db;
  std::optional<core::Timestamp> now;
  bool help = false;
};

core::Result<ReportArgs> ParseReportArgs(const Args& args) {
  ReportArgs r;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> core::Result<std::string> {
      if (i + 1 >= args.size()) return core::MakeError("option '" + a + "' needs a value");
      return args[++i];
    };
    if (a == "-h" || a == "--help") {
      r.help = true;
      continue;
    }
    if (a != "-c" && a != "--config" && a != "--period" && a != "--region" && a != "--out" &&
        a != "--format" && a != "--db" && a != "--now") {
      return core::MakeError(a.starts_with("-") ? "unknown option '" + a + "'"
                                                : "unexpected argument '" + a + "'");
    }
    auto v = value();
    if (!v) return v.error();
    if (a == "-c" || a == "--config") {
      r.config_path = *v;
    } else if (a == "--period") {
      r.period = *v;
    } else if (a == "--region") {
      r.region = *v;
    } else if (a == "--out") {
      r.out = *v;
    } else if (a == "--db") {
      r.db = *v;
    } else if (a == "--now") {
      auto t = core::ParseIso8601(*v, std::chrono::hours{8});
      if (!t) return t.error().WithContext("--now");
      r.now = *t;
    } else {  // --format
      r.html = r.csv = r.xlsx = false;
      std::string_view list = *v;
      while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string_view f = list.substr(0, comma);
        if (f == "html") {
          r.html = true;
        } else if (f == "csv") {
          r.csv = true;
        } else if (f == "xlsx") {
          r.xlsx = true;
        } else {
          return core::MakeError("--format: unknown format '" + std::string(f) +
                                 "' (expected html, csv, xlsx)");
        }
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    }
  }
  if (r.help) return r;
  if (r.config_path.empty()) return core::MakeError("missing -c FILE");
  if (r.period.empty()) return core::MakeError("missing --period");
  return r;
}

core::Status WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) return core::MakeError("cannot write '" + path.string() + "'");
  return {};
}

}  // namespace

int RunReport(const Args& args) {
  auto parsed = ParseReportArgs(args);
  if (!parsed) {
    std::cerr << "govwatch report: " << parsed.error().message << "\n\n" << kReportUsage;
    return 2;
  }
  if (parsed->help) {
    std::cout << kReportUsage;
    return 0;
  }
  const ReportArgs& a = *parsed;
  auto period = report::ParsePeriod(a.period);
  if (!period) {
    std::cerr << "govwatch report: --period: " << period.error().message << "\n";
    return 2;
  }
  const config::LoadResult loaded = config::LoadConfigFile(a.config_path);
  if (!loaded.config) {
    for (const auto& d : loaded.diagnostics) std::cerr << d.ToString() << "\n";
    std::cerr << "govwatch report: the configuration has errors; no report written\n";
    return 1;
  }
  const config::Config& config = *loaded.config;
  if (a.region) {
    bool known = false;
    for (const auto& u : config.units) known = known || u.region == *a.region;
    if (!known) {
      std::cerr << "govwatch report: --region: no unit has region '" << *a.region << "'\n";
      return 1;
    }
  }
  const std::string db_path = a.db.value_or(config.storage.path);
  if (db_path == ":memory:" || !std::filesystem::exists(db_path)) {
    std::cerr << "govwatch report: no database at '" << db_path << "'\n";
    return 1;
  }
  auto store = store::SqliteStore::Open(db_path);  // also migrates an older file
  if (!store) {
    std::cerr << "govwatch report: " << store.error().message << "\n";
    return 1;
  }
  auto articles = store::ArticleStore::Open(db_path);
  if (!articles) {
    std::cerr << "govwatch report: " << articles.error().message << "\n";
    return 1;
  }

  const core::TimeZone tz;  // reports are dated in Beijing time
  const core::Timestamp from = period->From(tz), to = period->To(tz);
  const core::Timestamp now =
      a.now.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  report::ReportInput input;
  input.config = &config;
  input.period = *period;
  input.region = a.region;
  input.as_of = std::min(now, to - std::chrono::seconds{1});
  if (a.now) input.generated_at = *a.now;
  store::FindingFilter all;
  all.include_resolved = true;
  auto findings = (*store)->Findings(all);
  auto observed = (*articles)->ObservedTargets(from, to);
  auto crawled = (*articles)->CrawledSites(from, to);
  auto items = (*articles)->ListedItems(from, to);
  auto rows = (*articles)->Articles();
  for (const core::Error* e : {findings ? nullptr : &findings.error(),
                               observed ? nullptr : &observed.error(),
                               crawled ? nullptr : &crawled.error(),
                               items ? nullptr : &items.error(), rows ? nullptr : &rows.error()}) {
    if (e != nullptr) {
      std::cerr << "govwatch report: " << e->message << "\n";
      return 1;
    }
  }
  input.findings = std::move(*findings);
  input.observed_targets = std::move(*observed);
  input.crawled_sites = std::move(*crawled);
  input.items = std::move(*items);
  input.articles = std::move(*rows);
  auto built = report::BuildReport(input);
  if (!built) {
    std::cerr << "govwatch report: " << built.error().message << "\n";
    return 1;
  }

  const std::filesystem::path out(a.out);
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "govwatch report: cannot create " << out << ": " << ec.message() << "\n";
    return 1;
  }
  std::vector<std::string> written;
  auto fail = [](const core::Error& e) {
    std::cerr << "govwatch report: " << e.message << "\n";
    return 1;
  };
  if (a.html) {
    if (auto s = WriteFile(out / "report.html", report::RenderHtml(*built)); !s) return fail(s.error());
    written.push_back((out / "report.html").string());
  }
  if (a.csv) {
    for (const auto& [name, contents] : report::RenderCsv(*built)) {
      if (auto s = WriteFile(out / name, contents); !s) return fail(s.error());
      written.push_back((out / name).string());
    }
  }
  if (a.xlsx) {
    if (auto s = report::WriteXlsx(*built, (out / "report.xlsx").string()); !s) {
      return fail(s.error());
    }
    written.push_back((out / "report.xlsx").string());
  }
  for (const auto& w : written) std::cout << w << "\n";
  return 0;
}

}  // namespace govwatch::app
