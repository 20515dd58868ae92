#include "schedule/scheduler.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <set>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include "checks/availability.h"

namespace govwatch::schedule {
namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// Wrapped in optional: co_spawn needs a default-constructible result, Result<T> is not.
template <typename F>
asio::awaitable<std::optional<std::invoke_result_t<F&>>> CallOnce(F f) {
  co_return std::optional<std::invoke_result_t<F&>>(f());
}

bool SameWork(const Target& a, const Target& b) {
  if (a.kind != b.kind || a.url != b.url) return false;
  const bool a_tls = a.account != nullptr ? a.account->verify_tls : a.site->verify_tls;
  const bool b_tls = b.account != nullptr ? b.account->verify_tls : b.site->verify_tls;
  if (a_tls != b_tls) return false;
  if ((a.column == nullptr) != (b.column == nullptr)) return false;
  if (a.column != nullptr) {
    if (a.column->kind != b.column->kind || a.column->item_xpath != b.column->item_xpath ||
        a.column->title_xpath != b.column->title_xpath ||
        a.column->date_xpath != b.column->date_xpath ||
        a.column->reply_date_xpath != b.column->reply_date_xpath ||
        a.column->reply_state_xpath != b.column->reply_state_xpath) {
      return false;
    }
  }
  return true;
}

// The authority of a URL ("host:port" as written), the once mode's key for spreading runs over
// hosts. Only a spreading key: the HTTP client's limiter keys hosts its own way.
std::string HostKey(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  std::string key(url);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool IsNetworkFailure(fetch::FailureReason reason) {
  return reason == fetch::FailureReason::kDns || reason == fetch::FailureReason::kConnect ||
         reason == fetch::FailureReason::kTimeout;
}

}  // namespace

// The result of a target's store step, handed back to the io_context thread.
struct Scheduler::Processed {
  TargetOutcome outcome;
  std::vector<TargetCheck> checks;
  std::optional<core::Error> error;
};

template <typename F>
asio::awaitable<std::invoke_result_t<F&>> Scheduler::OnStoreThread(F f) {
  // co_spawn's completion is dispatched to this coroutine's executor: the io_context thread.
  auto result = co_await asio::co_spawn(store_thread_.get_executor(), CallOnce(std::move(f)),
                                       asio::use_awaitable);
  co_return std::move(*result);
}

Scheduler::Scheduler(asio::io_context& io, const config::Config& config,
                     fetch::HttpClient& client, store::Store& store, Clock& clock,
                     Listener& listener, Options options)
    : Scheduler(io, std::make_shared<const config::Config>(config), client, store, clock,
                listener, options) {}

Scheduler::Scheduler(asio::io_context& io, std::shared_ptr<const config::Config> config,
                     fetch::HttpClient& client, store::Store& store, Clock& clock,
                     Listener& listener, Options options)
    : io_(io),
      client_(client),
      store_(store),
      clock_(clock),
      listener_(listener),
      options_(options),
      wake_(io),
      stop_signal_(io, asio::steady_timer::time_point::max()),
      canary_timer_(io),
      prune_timer_(io),
      cycle_signal_(io, asio::steady_timer::time_point::max()) {
  Reload(std::move(config));
}

Scheduler::~Scheduler() { store_thread_.join(); }

core::Timestamp Scheduler::NowSeconds() {
  return std::chrono::floor<std::chrono::seconds>(clock_.Now());
}

void Scheduler::Spawn(asio::awaitable<void> task, std::string what) {
  ++tasks_;
  asio::co_spawn(io_, std::move(task), [this, what = std::move(what)](std::exception_ptr e) {
    --tasks_;
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      listener_.OnError(what, core::MakeError(std::string("scheduler: ") + ex.what()));
    }
  });
}

const std::string& Scheduler::UrlOf(const Entry& entry) {
  // The same URLs ResolveTargets puts into a Target.
  if (entry.account != nullptr) return entry.account->source.url;
  if (entry.column != nullptr) return entry.column->url;
  return entry.site->homepage;
}

Target Scheduler::TargetOf(const std::string& id, const Entry& entry) {
  return Target{entry.kind, id, entry.site, entry.column, entry.account, UrlOf(entry)};
}

void Scheduler::ClearOncePending(Entry& entry) {
  if (!entry.once_pending) return;
  entry.once_pending = false;
  --once_left_;
}

void Scheduler::Push(const std::string& id, const Entry& entry, const Slot& slot) {
  queue_.push(Due{slot.run_at, slot.planned, entry.generation, id});
}

void Scheduler::Start() {
  if (started_) return;
  started_ = true;
  std::vector<std::string> ids;
  ids.reserve(entries_.size());
  for (const auto& [id, entry] : entries_) ids.push_back(id);
  if (options_.once) {
    // No store read and no grid: every target is due now.
    EnqueueOnce(ids);
    CheckCycleDone();  // an empty configuration is done at once
  } else {
    Spawn(Admit(std::move(ids)), "admit");
    Spawn(Loop(), "loop");
  }
  Spawn(CanaryLoop(), "canary");
  Spawn(PruneLoop(), "prune");
}

void Scheduler::Stop() {
  stopping_ = true;
  wake_.cancel();
  stop_signal_.cancel();
  canary_timer_.cancel();
  prune_timer_.cancel();
  cycle_signal_.cancel();
}

asio::awaitable<void> Scheduler::CycleDone() {
  if (cycle_done_ || stopping_) co_return;
  co_await cycle_signal_.async_wait(kUseTuple);
}

void Scheduler::CheckCycleDone() {
  if (!options_.once || !started_ || cycle_done_ || once_left_ > 0) return;
  cycle_done_ = true;
  cycle_signal_.cancel();
}

void Scheduler::EnqueueOnce(const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    auto it = entries_.find(id);
    if (it == entries_.end()) continue;
    if (it->second.once_pending) continue;
    it->second.once_pending = true;
    ++once_left_;
    once_waiting_[HostKey(UrlOf(it->second))].push_back(id);
  }
  DispatchOnce();
}

void Scheduler::DispatchOnce() {
  if (stopping_) return;
  // Twice the client's limits: enough that the limiter always has the next request queued,
  // few enough that waiting runs stay cheap.
  const int global = 2 * std::max(1, config_->http.max_connections);
  const int per_host = 2 * std::max(1, config_->http.max_connections_per_host);
  bool progress = true;
  while (progress && once_running_ < global) {
    progress = false;
    // One run per host per round: hosts share the global slots.
    for (auto it = once_waiting_.begin(); it != once_waiting_.end() && once_running_ < global;) {
      auto& [host, ids] = *it;
      int& running = once_host_running_[host];
      if (running < per_host) {
        const std::string id = std::move(ids.front());
        ids.pop_front();
        auto entry = entries_.find(id);
        if (entry != entries_.end()) {
          ++running;
          ++once_running_;
          entry->second.running = true;
          Spawn(RunOnce(id, entry->second.generation, host), id);
        }  // else removed by a reload before it ran (Reload uncounted it)
        progress = true;
      }
      it = ids.empty() ? once_waiting_.erase(it) : std::next(it);
    }
  }
  CheckCycleDone();
}

asio::awaitable<void> Scheduler::RunOnce(std::string id, std::uint64_t generation,
                                         std::string host) {
  try {
    co_await RunTarget(id, generation, NowSeconds());
  } catch (const std::exception& e) {
    listener_.OnError(id, core::MakeError(std::string("scheduler: ") + e.what()));
  }
  --once_running_;
  if (auto it = once_host_running_.find(host); it != once_host_running_.end()) {
    if (--it->second <= 0) once_host_running_.erase(it);
  }
  if (auto it = entries_.find(id); it != entries_.end()) ClearOncePending(it->second);
  DispatchOnce();
  CheckCycleDone();
}

asio::awaitable<bool> Scheduler::Drain(std::chrono::milliseconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  asio::steady_timer poll(io_);
  while (tasks_ > 0 && std::chrono::steady_clock::now() < deadline) {
    poll.expires_after(std::chrono::milliseconds{10});
    co_await poll.async_wait(kUseTuple);
  }
  co_return tasks_ == 0;
}

void Scheduler::Reload(const config::Config& config) {
  Reload(std::make_shared<const config::Config>(config));
}

void Scheduler::Reload(std::shared_ptr<const config::Config> next) {
  auto targets = ResolveTargets(*next, {"all"});
  if (!targets) {  // "all" cannot name an unknown id; keep the old config rather than crash
    listener_.OnError("reload", targets.error());
    return;
  }
  const core::Timestamp now = NowSeconds();
  std::set<std::string> seen;
  std::vector<std::string> admit;
  for (Target& t : *targets) {
    const auto interval = IntervalFor(*next, t);
    const Grid grid{interval, OffsetFor(t.id, interval, next->schedule.jitter)};
    seen.insert(t.id);
    auto it = entries_.find(t.id);
    if (it == entries_.end()) {
      Entry entry{t.kind, t.site, t.column, t.account, grid, next_generation_++,
                  std::nullopt, std::nullopt, false, false};
      entries_.emplace(t.id, entry);
      admit.push_back(std::move(t.id));
      continue;
    }
    Entry& entry = it->second;
    // The old entry's pointers still refer into the old config_, alive until the end of Reload.
    const bool same = SameWork(TargetOf(it->first, entry), t) &&
                      entry.grid.interval == grid.interval && entry.grid.offset == grid.offset;
    // Pointers into the new config.
    entry.kind = t.kind;
    entry.site = t.site;
    entry.column = t.column;
    entry.account = t.account;
    if (same) continue;
    entry.grid = grid;
    entry.generation = next_generation_++;
    entry.last_planned.reset();
    if (started_ && !options_.once) Push(it->first, entry, NextRun(grid, std::nullopt, entry.last_run, now));
  }
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (seen.contains(it->first)) {
      ++it;
      continue;
    }
    ClearOncePending(it->second);  // a removed target no longer holds the cycle open
    it = entries_.erase(it);
  }
  // Forget verdicts of columns and sites that are gone.
  for (auto site = column_verdicts_.begin(); site != column_verdicts_.end();) {
    for (auto col = site->second.begin(); col != site->second.end();) {
      col = entries_.contains(checks::ColumnTargetId(site->first, col->first))
                ? std::next(col)
                : site->second.erase(col);
    }
    site = entries_.contains(site->first) ? std::next(site) : column_verdicts_.erase(site);
  }
  config_ = std::move(next);
  if (started_ && !stopping_) {
    if (options_.once) {
      EnqueueOnce(admit);  // new targets belong to the cycle too
    } else if (!admit.empty()) {
      Spawn(Admit(std::move(admit)), "admit");
    }
    wake_.cancel();
  }
}

asio::awaitable<void> Scheduler::Admit(std::vector<std::string> ids) {
  // The last run of each target, read in one store task.
  store::Store& store = store_;
  auto last_runs = co_await OnStoreThread([&store, &ids] {
    std::vector<std::optional<core::Timestamp>> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
      auto latest = store.LatestObservation(id);
      out.push_back(latest && *latest ? std::optional((*latest)->observation.started_at)
                                      : std::nullopt);
    }
    return out;
  });
  if (stopping_) co_return;
  const core::Timestamp now = NowSeconds();
  for (size_t i = 0; i < ids.size(); ++i) {
    auto it = entries_.find(ids[i]);
    if (it == entries_.end()) continue;
    Entry& entry = it->second;
    if (!entry.last_run) entry.last_run = last_runs[i];
    Push(ids[i], entry, NextRun(entry.grid, std::nullopt, entry.last_run, now));
  }
  wake_.cancel();
}

asio::awaitable<void> Scheduler::Loop() {
  while (!stopping_) {
    const auto now = clock_.Now();
    while (!queue_.empty() && queue_.top().run_at <= now) {
      Due due = queue_.top();
      queue_.pop();
      auto it = entries_.find(due.id);
      if (it == entries_.end() || it->second.generation != due.generation) continue;  // stale
      Entry& entry = it->second;
      entry.last_planned = due.planned;
      Push(due.id, entry, NextRun(entry.grid, due.planned, std::nullopt, NowSeconds()));
      if (entry.running) continue;  // still busy with the previous slot: skip this one
      entry.running = true;
      Spawn(RunTarget(due.id, due.generation, due.planned), due.id);
    }
    if (queue_.empty()) {
      wake_.expires_after(std::chrono::hours{1});
    } else {
      wake_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          queue_.top().run_at - now));
    }
    co_await wake_.async_wait(kUseTuple);
  }
}

asio::awaitable<void> Scheduler::RunTarget(std::string id, std::uint64_t generation,
                                           core::Timestamp planned) {
  auto it = entries_.find(id);
  if (stopping_ || it == entries_.end()) co_return;
  // Copies: a Reload may replace the entry while this run is suspended; the config snapshot
  // keeps the target's pointers valid.
  if (it->second.account != nullptr) {
    co_await RunAccount(std::move(id), generation, planned);
    co_return;
  }
  const std::shared_ptr<const config::Config> config = config_;
  const Target target = TargetOf(it->first, it->second);
  auto finish = [this, &id, generation](std::optional<core::Timestamp> ran_at) {
    auto e = entries_.find(id);
    if (e == entries_.end() || e->second.generation != generation) return;
    e->second.running = false;
    if (ran_at) e->second.last_run = ran_at;
  };

  const auto started = clock_.Now();
  listener_.OnLag(std::chrono::duration_cast<std::chrono::milliseconds>(started - planned));
  fetch::Request request;
  request.url = target.url;
  request.verify_tls = target.account != nullptr ? target.account->verify_tls
                                                 : target.site->verify_tls;
  auto raced = co_await (client_.Fetch(std::move(request)) || stop_signal_.async_wait(kUseTuple));
  if (raced.index() != 0) {
    listener_.OnFetch("cancelled");
    finish(std::nullopt);
    co_return;
  }
  const fetch::Response response = std::get<0>(std::move(raced));
  const core::Timestamp now = std::chrono::floor<std::chrono::seconds>(started);
  TargetOutcome outcome = ReadResponse(target, response, now);
  listener_.OnFetch(outcome.readable ? std::string_view(store::Observation::kOk)
                                     : std::string_view(outcome.failure));
  const bool turned_down =
      network_.RecordFetch(now, !response.ok() && IsNetworkFailure(response.failure));
  const bool network_down = network_.Down(now);
  if (turned_down) Spawn(MarkDown(NetworkWatch::MinuteOf(now)), "network");
  outcome.network_down = !outcome.readable && network_down;

  store::Store& store = store_;
  Processed processed = co_await OnStoreThread([&]() {
    Processed p;
    p.outcome = std::move(outcome);
    if (auto s = RememberOutcome(store, p.outcome, response, now, network_down); !s) {
      p.error = s.error();
      return p;
    }
    auto apply = [&](const TargetCheck& check) -> bool {
      if (check.result.status == core::CheckStatus::kUnknown) return true;
      if (auto s = store.ReplaceOpenFindings(check.target_id, check.scope,
                                             check.result.findings, now);
          !s) {
        p.error = s.error();
        return false;
      }
      return true;
    };
    p.checks.push_back(CheckOutcome(*config, p.outcome, now));
    if (!apply(p.checks.back())) return p;
    if (auto interaction = CheckInteraction(*config, p.outcome, now)) {
      p.checks.push_back(std::move(*interaction));
      if (!apply(p.checks.back())) return p;
    }
    if (target.site != nullptr && target.column == nullptr) {
      const config::Profile& profile = config->ProfileFor(target.site->profile);
      const auto window = std::chrono::days{profile.availability_window_days};
      auto counts = store.CountProbes(target.id, now - window, now + std::chrono::seconds{1},
                                      profile.availability_timeout);
      if (!counts) {
        p.error = counts.error();
        return p;
      }
      TargetCheck availability;
      availability.target_id = target.id;
      availability.scope = {checks::kAvailability};
      availability.availability =
          checks::AvailabilityInput{counts->probes, counts->failures, counts->first_probe};
      availability.result =
          checks::CheckAvailability(*target.site, profile, *availability.availability, now);
      p.checks.push_back(std::move(availability));
      apply(p.checks.back());
    }
    return p;
  });
  finish(now);
  if (processed.error) {
    listener_.OnError(id, *processed.error);
    co_return;
  }
  listener_.OnTargetDone(processed.outcome, processed.checks);
  if (options_.articles.store != nullptr && target.column != nullptr && !stopping_) {
    co_await RunArticles(config, target, processed.outcome, now);
  }

  const TargetCheck& first = processed.checks.front();
  auto e = entries_.find(id);
  if (!first.column || target.site == nullptr || e == entries_.end() ||
      e->second.generation != generation || stopping_) {
    co_return;
  }
  auto& verdicts = column_verdicts_[target.site->id];
  auto [slot, inserted] = verdicts.try_emplace(target.column->id, first.column->verdict);
  const bool changed = inserted || slot->second != first.column->verdict;
  slot->second = first.column->verdict;
  if (changed && verdicts.size() == target.site->columns.size()) {
    Spawn(UpdateSite(config, target.site->id), target.site->id);
  }
}

asio::awaitable<void> Scheduler::RunArticles(std::shared_ptr<const config::Config> config,
                                             Target target, TargetOutcome outcome,
                                             core::Timestamp now) {
  if (!config->articles.enabled || !outcome.readable) co_return;
  const ArticleOptions& options = options_.articles;
  std::vector<std::string> urls;
  for (const auto& item : outcome.items) urls.push_back(item.url);
  auto unknown = co_await OnStoreThread([&] { return options.store->UnknownUrls(target.id, urls); });
  if (!unknown) {
    listener_.OnError(target.id, unknown.error());
    co_return;
  }
  const std::vector<core::Item> items = SelectArticles(config->articles, outcome, *unknown);
  if (items.empty()) {
    co_await RunSiteChecks(config, target, now);
    co_return;
  }
  std::vector<fetch::Response> responses;
  for (const auto& item : items) {
    fetch::Request request;
    request.url = item.url;
    request.verify_tls = target.site->verify_tls;
    auto raced =
        co_await (client_.Fetch(std::move(request)) || stop_signal_.async_wait(kUseTuple));
    if (raced.index() != 0) co_return;  // stopping: the unread ones are fetched next run
    responses.push_back(std::get<0>(std::move(raced)));
  }
  store::Store& store = store_;
  const auto checked = co_await OnStoreThread([&]() {
    return RememberArticles(*config, options, store, target, items, responses, now);
  });
  if (!checked) {
    listener_.OnError(target.id, checked.error());
  } else if (*checked) {
    // The column's content findings changed outside its run: metrics and alerts hear of it
    // like of a recomputed site aggregate.
    listener_.OnSiteFindings(**checked);
  }
  co_await RunSiteChecks(config, target, now);
}

asio::awaitable<void> Scheduler::RunSiteChecks(std::shared_ptr<const config::Config> config,
                                               Target target, core::Timestamp now) {
  if (options_.articles.site_checks.empty() || stopping_ || target.site == nullptr) co_return;
  // As for the site aggregate: only once every other column of the site has run (and so had its
  // article stage), or a document would count as not interpreted on the first cycle merely
  // because its interpretation's column had not been read yet — a false alert at every start.
  const auto verdicts = column_verdicts_.find(target.site->id);
  for (const config::Column& column : target.site->columns) {
    if (&column == target.column) continue;
    if (verdicts == column_verdicts_.end() || !verdicts->second.contains(column.id)) co_return;
  }
  // The run that completes the site runs every site check, whatever its column's kind.
  const bool all = site_checks_ready_.insert(target.site->id).second;
  store::Store& store = store_;
  auto replaced = co_await OnStoreThread([&]() {
    return RunSiteArticleChecks(*config, options_.articles, store, target, now, all);
  });
  if (!replaced) {
    listener_.OnError(target.id, replaced.error());
    co_return;
  }
  for (const TargetCheck& check : *replaced) listener_.OnSiteFindings(check);
}

asio::awaitable<void> Scheduler::RunAccount(std::string id, std::uint64_t generation,
                                            core::Timestamp planned) {
  auto it = entries_.find(id);
  if (stopping_ || it == entries_.end()) co_return;
  const std::shared_ptr<const config::Config> config = config_;
  const Target target = TargetOf(it->first, it->second);
  auto finish = [this, &id, generation](std::optional<core::Timestamp> ran_at) {
    auto e = entries_.find(id);
    if (e == entries_.end() || e->second.generation != generation) return;
    e->second.running = false;
    if (ran_at) e->second.last_run = ran_at;
  };
  const auto started = clock_.Now();
  listener_.OnLag(std::chrono::duration_cast<std::chrono::milliseconds>(started - planned));
  const core::Timestamp now = std::chrono::floor<std::chrono::seconds>(started);
  sources::AccountSource& source = sources_.For(*target.account, config->new_media);
  auto raced = co_await (source.Read(client_, now) || stop_signal_.async_wait(kUseTuple));
  if (raced.index() != 0) {
    listener_.OnFetch("cancelled");
    finish(std::nullopt);
    co_return;
  }
  sources::AccountRead read = std::get<0>(std::move(raced));
  const std::int64_t bytes = read.bytes;
  const std::string final_url = read.final_url;
  const bool network_failure = !read.readable && (read.failure.reason == "dns" ||
                                                  read.failure.reason == "connect" ||
                                                  read.failure.reason == "timeout");
  TargetOutcome outcome = ReadAccount(target, std::move(read), now, 0);
  const bool turned_down = network_.RecordFetch(now, network_failure);
  const bool network_down = network_.Down(now);
  if (turned_down) Spawn(MarkDown(NetworkWatch::MinuteOf(now)), "network");

  store::Store& store = store_;
  Processed processed = co_await OnStoreThread([&]() {
    Processed p;
    p.outcome = std::move(outcome);
    if (auto s = RememberAccountOutcome(store, p.outcome, bytes, final_url, now, network_down);
        !s) {
      p.error = s.error();
      return p;
    }
    p.checks.push_back(CheckOutcome(*config, p.outcome, now));
    for (auto& rule : CheckAccountRules(*config, p.outcome)) p.checks.push_back(std::move(rule));
    auto posts = CheckAccountPosts(options_.articles, store, p.outcome);
    if (!posts) {
      p.error = posts.error();
      return p;
    }
    if (*posts) p.checks.push_back(std::move(**posts));
    for (const TargetCheck& check : p.checks) {
      if (check.result.status == core::CheckStatus::kUnknown) continue;
      if (auto s = store.ReplaceOpenFindings(check.target_id, check.scope, check.result.findings,
                                             now);
          !s) {
        p.error = s.error();
        return p;
      }
    }
    return p;
  });
  listener_.OnFetch(processed.outcome.readable ? std::string_view(store::Observation::kOk)
                                               : std::string_view(processed.outcome.failure));
  finish(now);
  if (processed.error) {
    listener_.OnError(id, *processed.error);
    co_return;
  }
  listener_.OnTargetDone(processed.outcome, processed.checks);

  // The platform's 采集异常 finding names every account of the platform failing long enough.
  source_health_.Record(*target.account, processed.outcome.readable, processed.outcome.failure,
                        now);
  const core::Platform platform = target.account->platform;
  const TargetCheck health = CheckSourceHealth(*config, source_health_, platform);
  auto stored = co_await OnStoreThread(
      [&]() { return RememberSourceHealth(store, health, platform, now); });
  if (!stored) listener_.OnError(health.target_id, stored.error());
}

asio::awaitable<void> Scheduler::UpdateSite(std::shared_ptr<const config::Config> config,
                                            std::string site_id) {
  const config::Site* site = config->FindSite(site_id);
  auto verdicts = column_verdicts_.find(site_id);
  if (site == nullptr || verdicts == column_verdicts_.end()) co_return;
  std::vector<checks::ColumnOutcome> columns;
  for (const config::Column& column : site->columns) {
    auto v = verdicts->second.find(column.id);
    if (v == verdicts->second.end()) co_return;  // a column not read yet
    columns.push_back({column.name, column.kind, v->second});
  }
  const TargetCheck check = CheckSite(*config, *site, columns);
  const core::Timestamp now = NowSeconds();
  store::Store& store = store_;
  // The site's row may not exist yet: its columns can all be read before its homepage's first
  // run is stored (always possible in once mode, and on a first start), and findings refer to it.
  store::TargetRecord record;
  record.id = site->id;
  record.kind = store::TargetKind::kSite;
  record.unit = site->unit;
  record.name = site->name;
  record.url = site->homepage;
  const core::Status status = co_await OnStoreThread([&]() -> core::Status {
    if (auto s = store.UpsertTarget(record); !s) return s;
    return store.ReplaceOpenFindings(check.target_id, check.scope, check.result.findings, now);
  });
  if (!status) {
    listener_.OnError(site_id, status.error());
    co_return;
  }
  listener_.OnSiteFindings(check);
}

asio::awaitable<void> Scheduler::MarkDown(core::Timestamp minute) {
  store::Store& store = store_;
  auto marked = co_await OnStoreThread(
      [&] { return store.MarkNetworkDown(minute, minute + std::chrono::minutes{1}); });
  if (!marked) listener_.OnError("network", marked.error());
}

asio::awaitable<void> Scheduler::CanaryLoop() {
  while (!stopping_) {
    if (const auto& url = config_->schedule.canary_url) {
      const core::Timestamp now = NowSeconds();
      fetch::Request request;
      request.url = *url;
      auto raced =
          co_await (client_.Fetch(std::move(request)) || stop_signal_.async_wait(kUseTuple));
      if (raced.index() != 0) co_return;
      if (network_.RecordCanary(now, std::get<0>(raced).ok())) {
        Spawn(MarkDown(NetworkWatch::MinuteOf(now)), "network");
      }
    }
    canary_timer_.expires_after(options_.canary_every);
    co_await canary_timer_.async_wait(kUseTuple);
  }
}

asio::awaitable<void> Scheduler::PruneLoop() {
  store::Store& store = store_;
  while (!stopping_) {
    const core::Timestamp older_than = NowSeconds() - config_->storage.observation_retention;
    const int batch = options_.prune_batch;
    std::int64_t total = 0;
    // One batch per store task, so other targets' store steps run in between.
    for (;;) {
      auto deleted = co_await OnStoreThread(
          [&store, older_than, batch] { return store.PruneObservations(older_than, batch); });
      if (!deleted) {
        listener_.OnError("prune", deleted.error());
        break;
      }
      total += *deleted;
      if (*deleted < batch || stopping_) break;
    }
    if (total > 0) listener_.OnPruned(total);
    prune_timer_.expires_after(options_.prune_every);
    co_await prune_timer_.async_wait(kUseTuple);
  }
}

}  // namespace govwatch::schedule
