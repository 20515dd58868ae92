#include "crawl/crawl_service.h"

// GCC 12 misreports asio's coroutine frame allocation (its own operator new/delete pair) as
// mismatched when a coroutine holds a co_await result of class type across a loop; the frame
// is allocated and freed by awaitable_frame_base in both cases.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawl/options.h"
#include "crawl/url_set.h"

namespace govwatch::crawl {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

core::Timestamp Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

CrawlService::CrawlService(asio::any_io_executor executor, fetch::HttpClient& client,
                           std::string db_path, ReportHandler on_report)
    : executor_(std::move(executor)),
      client_(client),
      db_path_(std::move(db_path)),
      on_report_(std::move(on_report)) {}

CrawlService::~CrawlService() {
  Stop();
  writer_thread_.join();  // pending writes finish before the connections close
}

core::Status CrawlService::Start(std::shared_ptr<const config::Config> config) {
  auto reader = LinkStore::Open(db_path_);
  if (!reader) return reader.error();
  auto writer = LinkStore::Open(db_path_);
  if (!writer) return writer.error();
  auto findings = store::SqliteStore::Open(db_path_);
  if (!findings) return findings.error();
  reader_ = std::move(*reader);
  writer_ = std::move(*writer);
  findings_ = std::move(*findings);
  config_ = std::move(config);
  StartLoops();
  return {};
}

void CrawlService::Reload(std::shared_ptr<const config::Config> config) {
  if (stopped_ || !reader_) return;
  config_ = std::move(config);
  StartLoops();
}

void CrawlService::Stop() {
  stopped_ = true;
  ++generation_;
  for (auto& timer : timers_) timer->cancel();
  timers_.clear();
}

void CrawlService::StartLoops() {
  ++generation_;  // loops of the previous configuration end at their next wake-up
  for (auto& timer : timers_) timer->cancel();
  timers_.clear();
  for (const config::Site& site : config_->sites) {
    if (!CrawlEnabled(*config_, site)) continue;
    asio::co_spawn(executor_, SiteLoop(config_, site.id, generation_),
                   [id = site.id](std::exception_ptr e) {
                     if (!e) return;
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                       spdlog::error("crawl {}: loop failed: {}", id, ex.what());
                     }
                   });
  }
}

asio::awaitable<void> CrawlService::Sleep(asio::steady_timer::duration duration) {
  auto timer = std::make_shared<asio::steady_timer>(executor_, duration);
  timers_.push_back(timer);
  co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
  std::erase(timers_, timer);
}

asio::awaitable<void> CrawlService::SiteLoop(std::shared_ptr<const config::Config> config,
                                             std::string site_id, std::uint64_t generation) {
  const config::Site* site = config->FindSite(site_id);
  if (site == nullptr) co_return;
  const auto interval = config->crawl.interval;
  // Deterministic offset, so that a province's sites do not all start crawling at once.
  const auto spread = static_cast<std::uint64_t>(config->crawl.start_spread.count());
  const std::chrono::seconds offset{spread > 0 ? UrlFingerprint(site_id) % spread : 0};
  while (!stopped_ && generation == generation_) {
    core::Timestamp due = Now() + offset;
    if (auto latest = reader_->LatestRun(site_id); latest && *latest) {
      due = std::max(Now(), (*latest)->started_at + interval);
    }
    co_await Sleep(due - Now());
    if (stopped_ || generation != generation_) co_return;
    if (running_ >= kMaxParallelCrawls) {
      co_await Sleep(30s);
      continue;
    }
    const core::Timestamp started = Now();
    const auto [day_start, day_end] = BudgetDay(started);
    auto used = reader_->RequestsBetween(site_id, day_start, day_end);
    CrawlOptions options = OptionsFor(*config, *site, started, used ? *used : 0);
    if (options.max_requests == 0) {
      co_await Sleep(day_end - Now() + 1s);  // budget spent today
      continue;
    }
    // Read for each crawl, so an updated list applies without a reload. A broken file must not
    // stop the broken-link checks: the crawl runs with the inline list, and says so.
    if (auto domains = IllegalDomains(config->crawl); domains) {
      options.illegal_domains = std::move(*domains);
    } else {
      spdlog::error("crawl {}: {}; using crawl.illegal_domains only", site_id,
                    domains.error().message);
    }
    ++running_;
    spdlog::info("crawl {}: starting (budget {} requests)", site_id, options.max_requests);
    CrawlReport report = co_await Crawl(client_, std::move(options), reader_.get());
    --running_;
    spdlog::info("crawl {}: {} pages, {} links checked, {} broken, {} findings in {} ms", site_id,
                 report.pages, report.links_checked, report.broken.size(), report.findings.size(),
                 report.elapsed.count());
    Store(std::move(report), started);
    // The next iteration reads the run just recorded; give the writer a moment to store it.
    co_await Sleep(1s);
  }
}

void CrawlService::Store(CrawlReport report, core::Timestamp started) {
  const config::Site* site = config_->FindSite(report.site_id);
  store::TargetRecord target;
  target.id = report.site_id;
  target.kind = store::TargetKind::kSite;
  if (site != nullptr) {
    target.unit = site->unit;
    target.name = site->name;
    target.url = site->homepage;
  }
  asio::post(writer_thread_, [this, target = std::move(target), started,
                              report = std::make_shared<CrawlReport>(std::move(report))] {
    const core::Timestamp now = Now();
    core::Status s = findings_->UpsertTarget(target);
    if (s) s = findings_->ReplaceOpenFindings(report->site_id, kLinkChecks, report->findings, now);
    if (s) s = writer_->SaveChecks(report->external_checks);
    if (s) {
      CrawlRun run;
      run.site_id = report->site_id;
      run.started_at = started;
      run.finished_at = now;
      run.requests = report->requests;
      run.pages = report->pages;
      run.links = report->links_checked;
      run.broken = static_cast<std::int64_t>(report->broken.size());
      run.availability = report->availability;
      s = writer_->RecordRun(run);
    }
    if (!s) spdlog::error("crawl {}: storing the results failed: {}", report->site_id,
                          s.error().message);
    asio::post(executor_, [this, report] {
      if (on_report_) on_report_(*report);
    });
  });
}

}  // namespace govwatch::crawl
