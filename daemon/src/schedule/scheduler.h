// Scheduler: runs every target of a Config on its timetable (timetable.h) on the daemon's single
// io_context (issue 3, "Scheduler").
//
// One priority queue ordered by run time and one steady_timer wake the loop; each due target runs
// as its own coroutine (fetch → ReadResponse → store step → checks), so a slow host delays only
// its own targets; HttpClient's global and per-host limits bound the concurrency. A target still
// running when its next slot comes skips that slot (no pile-up, still on the grid).
//
// Store work (blocking SQLite) runs on a dedicated thread owned by the scheduler, one task at a
// time; the io_context thread never touches the database. Findings of a run replace the open
// findings of its checks, except when a check answers kUnknown: an unreadable source neither
// opens nor resolves findings. Homepage runs are the availability probes: after each, the
// availability check reads the window's probe counts. A site's aggregate is recomputed when one
// of its column verdicts changes and every column has a verdict in memory. Network-down
// detection: network_watch.h. Old observations are pruned on the store thread every
// Options::prune_every, in batches.
//
// Once mode (Options::once, `govwatch run --once`): every target runs exactly once, as soon as
// the fetcher's limits allow — no first-run window, no grid — and CycleDone() completes when all
// have ended. Runs are started round-robin over hosts, at most twice the HTTP client's limits
// in flight (globally and per host), so a province of 100,000 targets does not hold 100,000
// suspended coroutines and one slow host does not take every slot.
//
// Thread-safety: every member function must be called on the io_context's (single) thread.
// Lifetime: Stop(), then co_await Drain() (or run the io_context until it returns true), before
// destroying the Scheduler; the destructor joins the store thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "config/config.h"
#include "fetch/http_client.h"
#include "schedule/articles.h"
#include "schedule/clock.h"
#include "schedule/network_watch.h"
#include "schedule/poller.h"
#include "schedule/timetable.h"
#include "sources/source.h"
#include "store/store.h"

namespace govwatch::schedule {

// What the composition root plugs metrics and logging into. Called on the io_context thread.
// Every method has an empty default, so a listener overrides only what it uses.
class Listener {
 public:
  virtual ~Listener() = default;
  // A target's run ended and its results are stored: the outcome (with the store's last update)
  // and the checks that ran (freshness; availability too for a homepage).
  virtual void OnTargetDone(const TargetOutcome& /*outcome*/,
                            const std::vector<TargetCheck>& /*checks*/) {}
  // Every finished fetch: "ok", a fetch failure reason ("timeout", …), "parse", or "cancelled".
  virtual void OnFetch(std::string_view /*outcome*/) {}
  // Actual start − planned start of a run (>= 0 unless the clock stepped back).
  virtual void OnLag(std::chrono::milliseconds /*lag*/) {}
  // A site aggregate, or a site check over stored articles (policy interpretation), was
  // recomputed and stored; also a column's article content findings, after the article stage
  // checked new articles (the check then holds all of the column's open ones).
  virtual void OnSiteFindings(const TargetCheck& /*aggregate*/) {}
  // A store or internal failure; the run's result is lost, the next run retries.
  virtual void OnError(std::string_view /*target_id*/, const core::Error& /*error*/) {}
  // A pruning round deleted this many observations.
  virtual void OnPruned(std::int64_t /*rows*/) {}
};

class Scheduler {
 public:
  struct Options {
    std::chrono::seconds prune_every{3600};
    int prune_batch = 1000;  // observations per transaction
    std::chrono::seconds canary_every{60};
    bool once = false;  // one full cycle, then CycleDone() completes (see above)
    // The article stage of column runs (schedule/articles.h); off while articles.store is null.
    ArticleOptions articles;
  };

  // Keeps a copy of `config` as its snapshot.
  Scheduler(boost::asio::io_context& io, const config::Config& config,
            fetch::HttpClient& client, store::Store& store, Clock& clock, Listener& listener,
            Options options);
  // Shares the caller's configuration as its snapshot instead of copying it (a province's is
  // ~36 MB); it must not be modified while shared.
  Scheduler(boost::asio::io_context& io, std::shared_ptr<const config::Config> config,
            fetch::HttpClient& client, store::Store& store, Clock& clock, Listener& listener,
            Options options);
  Scheduler(boost::asio::io_context& io, const config::Config& config,
            fetch::HttpClient& client, store::Store& store, Clock& clock, Listener& listener)
      : Scheduler(io, config, client, store, clock, listener, Options{}) {}
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Reads each target's last run from the store, then schedules (catch-up for overdue ones).
  void Start();
  // Stops scheduling, cancels timers and in-flight fetches; store steps already running finish.
  void Stop();
  // Completes when every coroutine of the scheduler has ended (true) or after `bound` (false).
  boost::asio::awaitable<bool> Drain(std::chrono::milliseconds bound);
  // Swaps in a new config, diffing targets by id: new ones start, removed ones stop, changed
  // ones (url, kind, selectors, TLS, interval, offset) restart on their new grid; unchanged ones
  // keep their timetable.
  void Reload(const config::Config& config);
  // The same, sharing `config` rather than copying it (see the constructor).
  void Reload(std::shared_ptr<const config::Config> config);
  // Once mode: completes when every target has run once (results stored or error reported), or
  // when Stop() is called. Outside once mode it completes only on Stop().
  boost::asio::awaitable<void> CycleDone();

  std::size_t target_count() const { return entries_.size(); }
  int tasks() const { return tasks_; }  // coroutines alive (runs, loops, store steps)

 private:
  // One target (a province has ~122,000). What it is lives in the config snapshot: kind and
  // pointers into config_ only (re-pointed by Reload), no copies of the id (the map key) or the
  // URL; TargetOf builds the full Target for a run.
  struct Entry {
    store::TargetKind kind = store::TargetKind::kSite;
    const config::Site* site = nullptr;
    const config::Column* column = nullptr;
    const config::Account* account = nullptr;
    Grid grid;
    std::uint64_t generation = 0;
    std::optional<core::Timestamp> last_planned;
    std::optional<core::Timestamp> last_run;
    bool running = false;
    bool once_pending = false;  // once mode: queued or running, the cycle waits for it
  };
  struct Due {
    core::Timestamp run_at;
    core::Timestamp planned;
    std::uint64_t generation = 0;
    std::string id;
    bool operator>(const Due& o) const { return run_at > o.run_at; }
  };
  struct Processed;

  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F&>> OnStoreThread(F f);
  void Spawn(boost::asio::awaitable<void> task, std::string what);
  core::Timestamp NowSeconds();
  void Push(const std::string& id, const Entry& entry, const Slot& slot);
  static const std::string& UrlOf(const Entry& entry);
  static Target TargetOf(const std::string& id, const Entry& entry);
  void ClearOncePending(Entry& entry);

  boost::asio::awaitable<void> Admit(std::vector<std::string> ids);
  boost::asio::awaitable<void> Loop();
  boost::asio::awaitable<void> RunTarget(std::string id, std::uint64_t generation,
                                         core::Timestamp planned);
  // The article stage after a column run: fetches new items' article pages, one at a time.
  boost::asio::awaitable<void> RunArticles(std::shared_ptr<const config::Config> config,
                                           Target target, TargetOutcome outcome,
                                           core::Timestamp now);
  // After the article stage: the site checks over the site's stored articles (policy
  // interpretation); what they replaced goes to the listener like a site aggregate.
  boost::asio::awaitable<void> RunSiteChecks(std::shared_ptr<const config::Config> config,
                                             Target target, core::Timestamp now);
  // Account targets (issue 7): read through the account's source adapter, then the store step,
  // freshness and the account rules, then the platform's source_error check.
  boost::asio::awaitable<void> RunAccount(std::string id, std::uint64_t generation,
                                          core::Timestamp planned);
  boost::asio::awaitable<void> UpdateSite(std::shared_ptr<const config::Config> config,
                                          std::string site_id);
  boost::asio::awaitable<void> CanaryLoop();
  boost::asio::awaitable<void> PruneLoop();
  boost::asio::awaitable<void> MarkDown(core::Timestamp minute);
  void EnqueueOnce(const std::vector<std::string>& ids);
  void DispatchOnce();
  boost::asio::awaitable<void> RunOnce(std::string id, std::uint64_t generation, std::string host);
  void CheckCycleDone();

  boost::asio::io_context& io_;
  std::shared_ptr<const config::Config> config_;
  fetch::HttpClient& client_;
  store::Store& store_;
  Clock& clock_;
  Listener& listener_;
  Options options_;

  std::unordered_map<std::string, Entry> entries_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
  // Last column verdict per site id → column id, for the site aggregate.
  std::map<std::string, std::map<std::string, checks::ColumnVerdict>> column_verdicts_;
  // Sites whose site checks over articles (RunSiteChecks) have run once since the start.
  std::set<std::string> site_checks_ready_;
  NetworkWatch network_;
  sources::SourceSet sources_;   // per account, kept across runs (WeChat token cache)
  SourceHealthBook source_health_;
  std::uint64_t next_generation_ = 1;
  bool started_ = false;
  bool stopping_ = false;
  int tasks_ = 0;

  // Once mode: ids waiting to start, by host (URL authority); runs in flight, in all and per
  // host; entries not finished yet (those with once_pending: a count, not a set of 122,000 ids).
  std::map<std::string, std::deque<std::string>> once_waiting_;
  std::unordered_map<std::string, int> once_host_running_;
  int once_running_ = 0;
  std::size_t once_left_ = 0;
  bool cycle_done_ = false;

  boost::asio::steady_timer wake_;
  boost::asio::steady_timer stop_signal_;  // never expires; cancelled by Stop()
  boost::asio::steady_timer canary_timer_;
  boost::asio::steady_timer prune_timer_;
  boost::asio::steady_timer cycle_signal_;  // never expires; cancelled when the cycle is done
  boost::asio::thread_pool store_thread_{1};
};

}  // namespace govwatch::schedule
