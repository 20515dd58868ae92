// govwatch run: the daemon. The composition root: one io_context on the main thread runs the
// scheduler, the HTTP client, the web server, signals and the systemd watchdog; the scheduler's
// own thread does the SQLite writes.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/alert_pipeline.h"
#include "app/article_checks.h"
#include "app/commands.h"
#include "app/content_checks.h"
#include "app/live_state.h"
#include "app/sd_notify.h"
#include "config/loader.h"
#include "crawl/crawl_service.h"
#include "fetch/http_client.h"
#include "metrics/metrics.h"
#include "schedule/clock.h"
#include "schedule/scheduler.h"
#include "store/sqlite_store.h"
#include "web/api.h"
#include "web/server.h"

namespace govwatch::app {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr const char* kRunUsage =
    "usage: govwatch run -c FILE [--once] [--log-level debug|info|warn|error]\n"
    "\n"
    "Monitors every site and account of the configuration continuously: each target on its\n"
    "timetable, results in the SQLite database, /metrics and the JSON API on web.listen.\n"
    "SIGHUP or POST /-/reload re-reads the configuration and the content lexicon (the old ones\n"
    "stay when either has errors); SIGTERM or SIGINT stop it within 10 s. Runs under systemd as\n"
    "Type=notify.\n"
    "\n"
    "  --once  one full cycle: every target runs once, as soon as the HTTP limits allow (no\n"
    "          timetable), then the daemon stops and exits 0. For cron.\n";

// How long a stop may take before the event loop is abandoned (systemd's TimeoutStopSec is 15).
constexpr auto kStopBound = 8s;

void SetUpLogging(const std::string& level) {
  // Logs go to stderr (the journal under systemd); stdout stays for command output.
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "govwatch", std::make_shared<spdlog::sinks::stderr_sink_mt>()));
  // Under systemd the journal stamps every line; elsewhere we do.
  if (std::getenv("JOURNAL_STREAM") != nullptr) {
    spdlog::set_pattern("[%l] %v");
  } else {
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
  }
  spdlog::set_level(spdlog::level::from_str(level));
}

core::Result<std::optional<std::string>> ReadToken(const config::WebSettings& web) {
  if (web.token) return std::optional<std::string>(*web.token);
  if (!web.token_file) return std::optional<std::string>();
  std::ifstream in(*web.token_file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    return core::MakeError("web.token_file: cannot read a token from " + *web.token_file);
  }
  return std::optional<std::string>(line);
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', from);
    lines.push_back(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
    if (nl == std::string::npos) return lines;
    from = nl + 1;
  }
}

void LogLexicon(const LoadedLexicon& lexicon, const config::ContentSettings& content) {
  if (lexicon.scanner != nullptr) {
    spdlog::info("content checks: lexicon {} ({} entries)", lexicon.dir,
                 lexicon.scanner->lexicon().entries.size());
  } else if (content.enabled) {
    spdlog::warn("content checks off: {}", lexicon.note);
  } else {
    spdlog::info("content checks off: {}", lexicon.note);
  }
}

// Everything the running daemon owns, in construction order.
class Daemon {
 public:
  Daemon(std::string config_path, config::Config config, std::unique_ptr<store::SqliteStore> store,
         std::unique_ptr<store::SqliteStore> reader, bool once,
         std::shared_ptr<const text::Scanner> scanner)
      : config_path_(std::move(config_path)),
        config_(std::make_shared<const config::Config>(std::move(config))),
        store_(std::move(store)),
        reader_(std::move(reader)),
        articles_(OpenArticles(*config_)),
        content_(MakeScannerSlot(std::move(scanner))),
        metrics_(GOVWATCH_VERSION_STRING),
        live_(metrics_),
        alerts_(OpenAlerts(config_, live_, metrics_)),
        client_(fetch::MakeHttpClient(io_.get_executor(), config_->http)),
        once_(once),
        scheduler_(io_, config_, *client_, *store_, clock_, Listener(),
                   SchedulerOptions(once, articles_.get(), content_)),
        crawls_(io_.get_executor(), *client_, config_->storage.path,
                [this](const crawl::CrawlReport& report) {
                  if (report.availability)
                    metrics_.SetLinkAvailability(report.site_id, *report.availability);
                }),
        signals_(io_, SIGINT, SIGTERM, SIGHUP),
        watchdog_(io_),
        stop_deadline_(io_) {}

  int Run() {
    live_.SetConfig(*config_);
    if (!alerts_ok_) return 1;
    if (alerts_) alerts_->Start();
    if (auto open = reader_->OpenFindings({}); open.ok()) live_.LoadOpenFindings(*open);
    auto token = ReadToken(config_->web);
    if (!token) {
      spdlog::critical("{}", token.error().message);
      return 1;
    }
    web::ServerOptions options;
    options.listen = config_->web.listen;
    options.token = *token;
    auto server = web::Server::Start(io_, options, Handlers());
    if (!server) {
      spdlog::critical("{}", server.error().message);
      return 1;
    }
    server_ = std::move(*server);
    scheduler_.Start();
    // Link-check crawls (issue 6) run beside the scheduler; --once is a monitoring cycle only.
    if (!once_ && config_->storage.path != ":memory:") {
      if (auto started = crawls_.Start(config_); !started) {
        spdlog::error("crawl: not started: {}", started.error().message);
      }
    }
    if (once_) {
      // The same stop path as SIGTERM once the cycle is done.
      asio::co_spawn(
          io_,
          [this]() -> asio::awaitable<void> {
            co_await scheduler_.CycleDone();
            Stop("once: cycle complete");
          },
          asio::detached);
    }
    metrics_.RecordReload(true, Now());
    WaitForSignal();
    StartWatchdog();
    const std::string status = Status();
    spdlog::info("govwatch {} monitoring {} targets; http://{}/metrics", GOVWATCH_VERSION_STRING,
                 scheduler_.target_count(), ListenDisplay());
    notifier_.Ready(status);
    io_.run();
    spdlog::info("stopped");
    return 0;
  }

 private:
  static schedule::Scheduler::Options SchedulerOptions(bool once, store::ArticleStore* articles,
                                                       std::shared_ptr<const ScannerSlot> content) {
    schedule::Scheduler::Options options;
    options.once = once;
    options.articles.store = articles;
    // The content checks of new articles and account posts (issue 5) read the slot, which a
    // reload refills; an empty slot (checks off) yields no findings.
    options.articles.checks.push_back(ContentArticleCheck(std::move(content), [] {
      return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }));
    // Policy interpretation over each site's stored articles (app/article_checks.h).
    if (articles != nullptr) AddPolicyInterpretation(options.articles);
    return options;
  }
  static std::shared_ptr<ScannerSlot> MakeScannerSlot(std::shared_ptr<const text::Scanner> scanner) {
    auto slot = std::make_shared<ScannerSlot>();
    slot->Set(std::move(scanner));
    return slot;
  }

  // The alert pipeline (issue 4) wraps LiveState as the scheduler's listener. It cannot fail the
  // constructor: a failure is logged and Run() exits 1.
  core::Result<std::unique_ptr<AlertPipeline>> OpenAlertsResult(
      const std::shared_ptr<const config::Config>& config, LiveState& live,
      metrics::Metrics& metrics) {
    return AlertPipeline::Open(config, live, metrics, AlertPipeline::Options{});
  }
  std::unique_ptr<AlertPipeline> OpenAlerts(const std::shared_ptr<const config::Config>& config,
                                            LiveState& live, metrics::Metrics& metrics) {
    auto opened = OpenAlertsResult(config, live, metrics);
    if (!opened) {
      spdlog::critical("alerts: {}", opened.error().message);
      alerts_ok_ = false;
      return nullptr;
    }
    return std::move(opened).value();
  }
  schedule::Listener& Listener() {
    if (alerts_) return *alerts_;
    return live_;
  }
  // The article stage's store (issue 8); nullptr (stage off) when disabled or in memory.
  static std::unique_ptr<store::ArticleStore> OpenArticles(const config::Config& config) {
    if (!config.articles.enabled || config.storage.path == ":memory:") return nullptr;
    auto articles = store::ArticleStore::Open(config.storage.path);
    if (!articles) {
      spdlog::error("articles off: {}", articles.error().message);
      return nullptr;
    }
    return std::move(*articles);
  }

  static double Now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  std::string ListenDisplay() const {
    const std::string& l = config_->web.listen;
    const auto colon = l.rfind(':');
    return l.substr(0, colon) + ":" + std::to_string(server_->port());
  }

  std::string Status() const {
    return "监测 " + std::to_string(scheduler_.target_count()) + " 个对象，未解决问题 " +
           std::to_string(live_.open_findings()) + " 个";
  }

  web::Handlers Handlers() {
    web::Handlers h;
    h.metrics = [this] { return metrics_.Serialize(); };
    h.ready = [this] { return !stopping_; };
    h.reload = [this] { return Reload(); };
    h.api = [this](const web::Request& request) {
      web::ApiSource source;
      source.targets = [this] { return live_.Targets(); };
      source.findings = [this] {
        std::vector<web::FindingView> out;
        store::FindingFilter all;
        all.include_resolved = true;
        auto stored = reader_->Findings(all);
        if (!stored) {
          spdlog::error("api: {}", stored.error().message);
          return out;
        }
        for (const auto& f : *stored) {
          out.push_back({f.finding, f.first_seen_at, f.last_seen_at, f.resolved_at});
        }
        return out;
      };
      source.now = [] {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
      };
      return web::ServeApi(request, source);
    };
    h.on_error = [](std::string_view message) { spdlog::error("web: {}", message); };
    return h;
  }

  // Validates a whole new configuration to the side and swaps it in only when it has no errors.
  core::Result<std::string> Reload() {
    notifier_.Reloading();
    config::LoadResult loaded = config::LoadConfigFile(config_path_);
    if (!loaded.config) {
      for (const auto& d : loaded.diagnostics) spdlog::error("reload: {}", d.ToString());
      metrics_.RecordReload(false, Now());
      notifier_.Ready(Status() + "；重新加载配置失败，沿用原配置");
      return core::MakeError("configuration has " + std::to_string(loaded.diagnostics.size()) +
                             " error(s); kept the running configuration: " +
                             loaded.diagnostics.front().ToString());
    }
    // The lexicon is re-read too (an office edits typos-local.txt, then reloads); a broken one
    // fails the whole reload, like a broken config.
    auto lexicon = LoadContentScanner(loaded.config->content);
    if (!lexicon) {
      for (const auto& line : SplitLines(lexicon.error().message)) spdlog::error("reload: {}", line);
      metrics_.RecordReload(false, Now());
      notifier_.Ready(Status() + "；重新加载词库失败，沿用原配置和词库");
      return core::MakeError("the lexicon has errors; kept the running configuration and lexicon: " +
                             SplitLines(lexicon.error().message).front());
    }
    config::Config next = std::move(*loaded.config);
    // These are bound at start; say so rather than pretend they changed.
    if (next.storage.path != config_->storage.path) {
      spdlog::warn("reload: storage.path changed; it takes effect after a restart");
    }
    if (next.web.listen != config_->web.listen) {
      spdlog::warn("reload: web.listen changed; it takes effect after a restart");
    }
    // The scheduler shares the configuration (its targets point into it) rather than copying a
    // province's worth of it.
    config_ = std::make_shared<const config::Config>(std::move(next));
    scheduler_.Reload(config_);
    crawls_.Reload(config_);
    live_.SetConfig(*config_);
    if (alerts_) alerts_->Reload(config_);
    LogLexicon(*lexicon, config_->content);
    content_->Set(lexicon->scanner);
    metrics_.RecordReload(true, Now());
    const std::string message = "reloaded " + config_path_ + ": " +
                                std::to_string(scheduler_.target_count()) + " targets";
    spdlog::info("{}", message);
    notifier_.Ready(Status());
    return message;
  }

  void WaitForSignal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      if (signal == SIGHUP) {
        if (auto r = Reload(); !r) spdlog::error("reload failed: {}", r.error().message);
        WaitForSignal();
        return;
      }
      Stop(signal == SIGINT ? "SIGINT" : "SIGTERM");
    });
  }

  void Stop(const char* why) {
    if (stopping_) return;
    stopping_ = true;
    spdlog::info("{}: stopping", why);
    notifier_.Stopping();
    signals_.cancel();
    watchdog_.cancel();
    scheduler_.Stop();
    crawls_.Stop();
    if (server_) server_->Stop();
    stop_deadline_.expires_after(kStopBound);
    stop_deadline_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      spdlog::warn("stop: work still running after {} s; leaving it", kStopBound.count());
      io_.stop();
    });
    asio::co_spawn(
        io_,
        [this]() -> asio::awaitable<void> {
          const bool drained = co_await scheduler_.Drain(kStopBound);
          if (drained) spdlog::info("stop: all in-flight work finished");
          stop_deadline_.cancel();
          io_.stop();
        },
        asio::detached);
  }

  void StartWatchdog() {
    const auto interval = notifier_.watchdog_interval();
    if (!interval) return;
    watchdog_.expires_after(*interval);
    watchdog_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      // The ping comes from the event loop itself: a stuck loop stops pinging.
      notifier_.Watchdog();
      StartWatchdog();
    });
  }

  std::string config_path_;
  std::shared_ptr<const config::Config> config_;
  std::unique_ptr<store::SqliteStore> store_;   // written by the scheduler's store thread
  std::unique_ptr<store::SqliteStore> reader_;  // read by the API on the io_context thread
  std::unique_ptr<store::ArticleStore> articles_;  // the scheduler's store thread only
  std::shared_ptr<ScannerSlot> content_;  // set here, read by the store thread's checks
  asio::io_context io_{1};
  metrics::Metrics metrics_;
  LiveState live_;
  bool alerts_ok_ = true;
  // Outlives the scheduler (it is its listener); its destructor finishes queued alert work.
  std::unique_ptr<AlertPipeline> alerts_;
  schedule::SystemClock clock_;
  std::unique_ptr<fetch::HttpClient> client_;
  bool once_ = false;
  schedule::Scheduler scheduler_;
  crawl::CrawlService crawls_;
  std::unique_ptr<web::Server> server_;
  asio::signal_set signals_;
  asio::steady_timer watchdog_;
  asio::steady_timer stop_deadline_;
  SystemdNotifier notifier_;
  bool stopping_ = false;
};

core::Result<std::unique_ptr<store::SqliteStore>> OpenStore(const std::string& path) {
  if (path != ":memory:") {
    std::error_code ec;
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (ec) return core::MakeError("cannot create " + dir.string() + ": " + ec.message());
  }
  return store::SqliteStore::Open(path);
}

}  // namespace

int RunDaemon(const Args& args) {
  std::string config_path;
  std::string log_level = "info";
  bool once = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kRunUsage;
      return 0;
    }
    if (a == "--once") {
      once = true;
    } else if ((a == "-c" || a == "--config" || a == "--log-level") && i + 1 < args.size()) {
      (a == "--log-level" ? log_level : config_path) = args[++i];
    } else {
      std::cerr << "govwatch run: unexpected argument '" << a << "'\n\n" << kRunUsage;
      return 2;
    }
  }
  if (config_path.empty()) {
    std::cerr << "govwatch run: missing -c FILE\n\n" << kRunUsage;
    return 2;
  }
  SetUpLogging(log_level);

  config::LoadResult loaded = config::LoadConfigFile(config_path);
  if (!loaded.config) {
    for (const auto& d : loaded.diagnostics) std::cerr << d.ToString() << "\n";
    spdlog::critical("the configuration has errors; not starting");
    return 1;
  }
  config::Config config = std::move(*loaded.config);
  auto lexicon = LoadContentScanner(config.content);
  if (!lexicon) {
    std::cerr << lexicon.error().message << "\n";
    spdlog::critical("the lexicon has errors; not starting");
    return 1;
  }
  LogLexicon(*lexicon, config.content);
  for (const auto& [id, profile] : config.profiles) {
    if (profile.homepage_interval.count() * profile.availability_probes_per_day > 86400) {
      spdlog::warn("profile {}: homepage_interval {}s gives fewer than {} availability probes a "
                   "day (national rule)",
                   id, profile.homepage_interval.count(), profile.availability_probes_per_day);
    }
  }
  auto store = OpenStore(config.storage.path);
  if (!store) {
    spdlog::critical("{}", store.error().message);
    return 1;
  }
  auto reader = store::SqliteStore::Open(config.storage.path);
  if (!reader) {
    spdlog::critical("{}", reader.error().message);
    return 1;
  }
  Daemon daemon(config_path, std::move(config), std::move(*store), std::move(*reader),
                once, lexicon->scanner);
  return daemon.Run();
}

}  // namespace govwatch::app
