// The scheduler against the fixture server, the real HttpClient and an in-memory store, on
// one-second intervals: repeated runs on the grid, a slow host that does not hold back others,
// a prompt Stop with requests in flight, Reload adding and removing targets, once mode (every
// target once, then CycleDone).
#include "schedule/scheduler.h"

#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>

#include "fixture_server.h"
#include "store/sqlite_store.h"

namespace govwatch::schedule {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using std::chrono::seconds;

const char* kPage =
    "<html><body><ul class=\"list\"><li><a href=\"/a1.html\">新闻一</a><span>2024-03-01</span>"
    "</li><li><a href=\"/a2.html\">新闻二</a><span>2024-02-28</span></li></ul></body></html>";

class RecordingListener : public Listener {
 public:
  void OnTargetDone(const TargetOutcome& o, const std::vector<TargetCheck>& checks) override {
    ++done[o.target.id];
    checks_run[o.target.id] = checks.size();
  }
  void OnFetch(std::string_view outcome) override { ++fetches[std::string(outcome)]; }
  void OnError(std::string_view id, const core::Error& e) override {
    ADD_FAILURE() << id << ": " << e.message;
  }
  std::map<std::string, int> done;
  std::map<std::string, size_t> checks_run;
  std::map<std::string, int> fetches;
};

config::Site Site(const std::string& id, const std::string& homepage) {
  config::Site site;
  site.id = id;
  site.name = id;
  site.unit = "u";
  site.homepage = homepage;
  return site;
}

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fast_.Route("/", testing::Html(kPage));
    testing::Reply slow = testing::Html(kPage);
    slow.delay = milliseconds{2500};
    slow_.Route("/", slow);
    config::Profile& profile = config_.profiles["national"];
    profile.homepage_interval = seconds{1};
    config_.http.per_host_delay = milliseconds{0};
    config_.http.retries = 0;
    config_.sites.push_back(Site("fast", fast_.Url("/")));
    config_.sites.push_back(Site("slow", slow_.Url("/")));
    auto opened = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    client_ = fetch::MakeHttpClient(io_.get_executor(), config_.http);
  }

  // Runs the io_context for `d` of real time.
  void RunFor(milliseconds d) { io_.run_for(d); io_.restart(); }

  asio::io_context io_;
  testing::FixtureServer fast_;
  testing::FixtureServer slow_;
  config::Config config_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<fetch::HttpClient> client_;
  SystemClock clock_;
  RecordingListener listener_;
};

// Stops the scheduler and checks that it winds down within `bound`.
void StopAndDrain(asio::io_context& io, Scheduler& scheduler, milliseconds bound, bool& drained,
                  milliseconds& took) {
  scheduler.Stop();
  const auto start = std::chrono::steady_clock::now();
  drained = false;
  asio::co_spawn(io, scheduler.Drain(bound), [&](std::exception_ptr, bool ok) { drained = ok; });
  while (!drained && std::chrono::steady_clock::now() - start < bound + milliseconds{500}) {
    io.run_for(milliseconds{20});
    io.restart();
  }
  took = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST_F(SchedulerTest, PollsOnTheGridAndASlowHostDoesNotDelayOthers) {
  Scheduler scheduler(io_, config_, *client_, *store_, clock_, listener_);
  scheduler.Start();
  RunFor(milliseconds{3600});
  // Every second on the grid: 3 or 4 runs of the fast site while the slow one answers once.
  EXPECT_GE(listener_.done["fast"], 3);
  EXPECT_LE(listener_.done["fast"], 5);
  EXPECT_GE(listener_.done["slow"], 1);
  EXPECT_LE(listener_.done["slow"], 2);  // a run still in flight skips its next slots
  EXPECT_EQ(listener_.checks_run["fast"], 2u);  // homepage freshness and availability
  // Arrivals at the fast host are about one second apart: the grid, not back-to-back. The
  // first run is the grid second already begun at start (timestamps are whole seconds), so the
  // first gap may be shorter.
  const auto arrivals = fast_.Arrivals("/");
  ASSERT_GE(arrivals.size(), 3u);
  for (size_t i = 2; i < arrivals.size(); ++i) {
    EXPECT_GT(arrivals[i] - arrivals[i - 1], milliseconds{700});
  }
  auto stored = store_->CountProbes("fast", core::Timestamp{}, core::Timestamp{} + std::chrono::days{100000},
                                    seconds{15});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->probes, listener_.done["fast"]);
  EXPECT_EQ(stored->failures, 0);

  bool drained = false;
  milliseconds took{0};
  StopAndDrain(io_, scheduler, milliseconds{2000}, drained, took);
  EXPECT_TRUE(drained);
}

TEST_F(SchedulerTest, ASharedConfigIsNotCopied) {
  auto shared = std::make_shared<const config::Config>(config_);
  {
    Scheduler scheduler(io_, shared, *client_, *store_, clock_, listener_, Scheduler::Options{});
    EXPECT_EQ(shared.use_count(), 2);  // held, not copied
    EXPECT_EQ(scheduler.target_count(), 2u);
    auto next = std::make_shared<config::Config>(config_);
    next->sites.pop_back();
    scheduler.Reload(std::shared_ptr<const config::Config>(next));
    EXPECT_EQ(shared.use_count(), 1);  // the old snapshot is released (no run was in flight)
    EXPECT_EQ(next.use_count(), 2);
    EXPECT_EQ(scheduler.target_count(), 1u);
  }
}

TEST_F(SchedulerTest, StopReturnsPromptlyWithRequestsInFlight) {
  testing::Reply stuck = testing::Html(kPage);
  stuck.delay = milliseconds{8000};
  slow_.Route("/", stuck);
  Scheduler scheduler(io_, config_, *client_, *store_, clock_, listener_);
  scheduler.Start();
  RunFor(milliseconds{1500});
  ASSERT_EQ(slow_.Count("/"), 1);  // in flight
  bool drained = false;
  milliseconds took{0};
  StopAndDrain(io_, scheduler, milliseconds{3000}, drained, took);
  EXPECT_TRUE(drained);
  EXPECT_LT(took, milliseconds{1000});
  EXPECT_GE(listener_.fetches["cancelled"], 1);
  EXPECT_EQ(listener_.done["slow"], 0);
}

TEST_F(SchedulerTest, ReloadAddsAndRemovesTargets) {
  config_.sites.pop_back();  // only "fast"
  Scheduler scheduler(io_, config_, *client_, *store_, clock_, listener_);
  scheduler.Start();
  RunFor(milliseconds{1200});
  EXPECT_EQ(scheduler.target_count(), 1u);

  config::Config next = config_;
  next.sites.clear();
  config::Site other = Site("other", slow_.Url("/quick"));
  slow_.Route("/quick", testing::Html(kPage));
  next.sites.push_back(other);
  scheduler.Reload(next);
  EXPECT_EQ(scheduler.target_count(), 1u);
  const int fast_before = fast_.Count("/");
  RunFor(milliseconds{2500});
  EXPECT_LE(fast_.Count("/"), fast_before + 1);  // at most the run already in flight
  EXPECT_GE(slow_.Count("/quick"), 2);
  EXPECT_GE(listener_.done["other"], 2);

  bool drained = false;
  milliseconds took{0};
  StopAndDrain(io_, scheduler, milliseconds{2000}, drained, took);
  EXPECT_TRUE(drained);
}

TEST_F(SchedulerTest, OnceRunsEveryTargetOnceThenCompletes) {
  // Day-long intervals: in normal mode these would wait for their grid slot (up to the first-run
  // window); once mode starts them all now.
  config::Profile& profile = config_.profiles["national"];
  profile.homepage_interval = std::chrono::days{1};
  profile.column_default_interval = std::chrono::days{1};
  for (int i = 0; i < 6; ++i) {
    const std::string path = "/col" + std::to_string(i);
    fast_.Route(path, testing::Html(kPage));
    config::Column column;
    column.id = "c" + std::to_string(i);
    column.name = "栏目" + std::to_string(i);
    column.url = fast_.Url(path);
    config_.sites.front().columns.push_back(column);
  }
  Scheduler::Options options;
  options.once = true;
  Scheduler scheduler(io_, config_, *client_, *store_, clock_, listener_, options);
  ASSERT_EQ(scheduler.target_count(), 8u);  // 2 homepages + 6 columns
  bool done = false;
  asio::co_spawn(io_, scheduler.CycleDone(), [&](std::exception_ptr) { done = true; });
  const auto start = std::chrono::steady_clock::now();
  scheduler.Start();
  while (!done && std::chrono::steady_clock::now() - start < seconds{10}) {
    io_.run_for(milliseconds{20});
    io_.restart();
  }
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(done);
  EXPECT_GE(took, milliseconds{2400});  // waited for the slow host's one run
  EXPECT_LT(took, milliseconds{5000});
  EXPECT_EQ(listener_.done.size(), 8u);
  for (const auto& [id, runs] : listener_.done) EXPECT_EQ(runs, 1) << id;
  EXPECT_EQ(fast_.Count("/"), 1);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(fast_.Count("/col" + std::to_string(i)), 1) << i;
  EXPECT_EQ(slow_.Count("/"), 1);

  // Nothing runs again after the cycle.
  RunFor(milliseconds{1500});
  EXPECT_EQ(fast_.TotalRequests(), 7);
  bool drained = false;
  milliseconds stop_took{0};
  StopAndDrain(io_, scheduler, milliseconds{2000}, drained, stop_took);
  EXPECT_TRUE(drained);
}

TEST_F(SchedulerTest, OnceWithNoTargetsIsDoneAtStart) {
  config_.sites.clear();
  Scheduler::Options options;
  options.once = true;
  Scheduler scheduler(io_, config_, *client_, *store_, clock_, listener_, options);
  scheduler.Start();
  bool done = false;
  asio::co_spawn(io_, scheduler.CycleDone(), [&](std::exception_ptr) { done = true; });
  RunFor(milliseconds{100});
  EXPECT_TRUE(done);
  bool drained = false;
  milliseconds took{0};
  StopAndDrain(io_, scheduler, milliseconds{2000}, drained, took);
  EXPECT_TRUE(drained);
}

}  // namespace
}  // namespace govwatch::schedule
