// CrawlService: the daemon's link-check crawls (issue 6). One loop per site with crawl enabled:
// a crawl every `crawl.interval` counted from the site's latest crawl in crawl_runs (so a restart
// does not re-crawl), the first one after a deterministic per-site offset of up to
// `crawl.start_spread` (10 minutes).
// At most `kMaxParallelCrawls` crawls run at once; they share the daemon's HttpClient, so every
// per-host limit and delay of the monitoring reads applies to them too.
//
// Off the scheduler's critical path: crawls are coroutines that interleave with the scheduler's
// work on the same io_context, and all database writes (findings for broken_link, hidden_link,
// fake_link, outbound_drift; the link cache; crawl_runs) go to a thread of this service over its
// own connections. `on_report` runs on the io_context after a crawl is stored (metrics, live
// state).
//
// Thread-safety: Start, Reload and Stop on the io_context's thread only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "config/config.h"
#include "core/result.h"
#include "crawl/crawler.h"
#include "crawl/link_store.h"
#include "fetch/http_client.h"
#include "store/sqlite_store.h"

namespace govwatch::crawl {

class CrawlService {
 public:
  static constexpr int kMaxParallelCrawls = 4;
  using ReportHandler = std::function<void(const CrawlReport&)>;

  CrawlService(boost::asio::any_io_executor executor, fetch::HttpClient& client,
               std::string db_path, ReportHandler on_report);
  ~CrawlService();

  // Opens the service's database connections (the file must already be migrated) and starts a
  // loop for every site with crawl enabled. Error when a connection cannot be opened.
  core::Status Start(std::shared_ptr<const config::Config> config);
  // Ends the current loops (a crawl in flight finishes and is stored) and starts new ones.
  void Reload(std::shared_ptr<const config::Config> config);
  void Stop();
  int running_crawls() const { return running_; }

 private:
  boost::asio::awaitable<void> SiteLoop(std::shared_ptr<const config::Config> config,
                                        std::string site_id, std::uint64_t generation);
  boost::asio::awaitable<void> Sleep(boost::asio::steady_timer::duration duration);
  void StartLoops();
  void Store(CrawlReport report, core::Timestamp started);

  boost::asio::any_io_executor executor_;
  fetch::HttpClient& client_;
  std::string db_path_;
  ReportHandler on_report_;
  std::shared_ptr<const config::Config> config_;
  std::unique_ptr<LinkStore> reader_;  // cache lookups, on the io_context
  std::unique_ptr<LinkStore> writer_;  // on writer_thread_
  std::unique_ptr<store::SqliteStore> findings_;  // on writer_thread_
  boost::asio::thread_pool writer_thread_{1};
  std::vector<std::shared_ptr<boost::asio::steady_timer>> timers_;
  std::uint64_t generation_ = 0;
  int running_ = 0;
  bool stopped_ = false;
};

}  // namespace govwatch::crawl
