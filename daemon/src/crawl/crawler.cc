#include "crawl/crawler.h"

#include <deque>
#include <map>
#include <memory>
#include <unordered_map>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "checks/cloaking.h"
#include "checks/destination_class.h"
#include "checks/fake_link.h"
#include "checks/hidden_link.h"
#include "checks/outbound_drift.h"
#include "checks/soft_404.h"
#include "crawl/robots.h"
#include "crawl/site_scope.h"
#include "crawl/url_set.h"
#include "extract/links.h"

namespace govwatch::crawl {
namespace {

namespace asio = boost::asio;
using extract::Link;
using extract::LinkKind;
using fetch::FailureReason;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Linked stylesheets kept in memory for hidden-link detection: sites share a handful.
constexpr std::size_t kMaxStylesheets = 32;
constexpr std::size_t kMaxStylesheetBytes = 512 * 1024;
// Titles of same-site pages kept for the fake-link "text names a unit, lands elsewhere" rule.
constexpr std::size_t kMaxDestinationPages = 200'000;

bool Navigable(LinkKind kind) {
  switch (kind) {
    case LinkKind::kA:
    case LinkKind::kArea:
    case LinkKind::kIframe:
    case LinkKind::kFrame:
    case LinkKind::kMetaRefresh:
    case LinkKind::kScriptWritten:
      return true;
    default:
      return false;
  }
}

bool IsHtml(const fetch::Response& r) {
  return r.content_type.empty() || r.content_type == "text/html" ||
         r.content_type == "application/xhtml+xml";
}

// Chinese reason of a failed fetch, for people.
std::string BrokenReason(const fetch::Response& r) {
  switch (r.failure) {
    case FailureReason::kHttpStatus:
      return "HTTP " + std::to_string(r.status);
    case FailureReason::kDns:
      return "域名解析失败";
    case FailureReason::kConnect:
      return "无法连接服务器";
    case FailureReason::kTls:
      return "HTTPS 证书或握手错误";
    case FailureReason::kTimeout:
      return "访问超时";
    case FailureReason::kRedirectLoop:
      return "重定向循环";
    case FailureReason::kTooManyRedirects:
      return "重定向次数过多";
    case FailureReason::kInvalidUrl:
      return "链接地址无效";
    default:
      return "访问失败（" + std::string(fetch::ToString(r.failure)) + "）";
  }
}

// Failures that say nothing about the link: a WAF page, an oversized or oddly encoded body.
bool Inconclusive(FailureReason f) {
  return f == FailureReason::kBlocked || f == FailureReason::kTooLarge ||
         f == FailureReason::kBadEncoding;
}

enum class Purpose {
  kPage,      // same-site, navigable: GET, parse when within depth
  kResource,  // same-site or external img/script/link: HEAD, GET on failure
  kExternal,  // external navigable: GET, classify content
};

struct Job {
  std::string url;
  Purpose purpose = Purpose::kPage;
  int depth = 0;
  std::uint32_t found_on = 0;  // index into pages_
  std::string anchor;
  LinkKind kind = LinkKind::kA;
};

// A link judged after the crawl, when destinations are known.
struct PendingLink {
  std::uint32_t page = 0;
  Link link;
};

class CrawlSession {
 public:
  CrawlSession(fetch::HttpClient& client, CrawlOptions options, LinkStore* store)
      : client_(client),
        options_(std::move(options)),
        store_(store),
        scope_(options_.homepage, options_.alias_hosts) {
    report_.site_id = options_.site_id;
  }

  asio::awaitable<CrawlReport> Run() {
    const auto start = SteadyClock::now();
    auto executor = co_await asio::this_coro::executor;
    wake_ = std::make_unique<asio::steady_timer>(executor, SteadyClock::time_point::max());
    if (options_.respect_robots_txt) co_await LoadRobots();
    pages_.push_back(options_.homepage);
    seen_.Insert(WithoutFragment(options_.homepage));
    queue_.push_back(Job{options_.homepage, Purpose::kPage, 0, 0, "首页", LinkKind::kA});

    const int workers = std::max(1, options_.concurrency);
    running_ = workers;
    asio::steady_timer done(executor, SteadyClock::time_point::max());
    done_ = &done;
    for (int i = 0; i < workers; ++i) {
      asio::co_spawn(executor, Worker(), asio::detached);
    }
    // A worker may finish inline (co_spawn dispatches) before this wait starts.
    if (running_ > 0) co_await done.async_wait(kUseTuple);

    co_await CheckCloaking();
    Finish();
    report_.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        SteadyClock::now() - start);
    co_return std::move(report_);
  }

 private:
  // ---- the work queue --------------------------------------------------------------------------

  asio::awaitable<void> Worker() {
    for (;;) {
      if (queue_.empty()) {
        if (active_ == 0) break;
        // The timer never expires; cancel() wakes every waiter (changing the expiry would
        // cancel the other waiters and make them spin).
        co_await wake_->async_wait(kUseTuple);
        continue;
      }
      Job job = std::move(queue_.front());
      queue_.pop_front();
      ++active_;
      try {
        co_await Process(std::move(job));
      } catch (const std::exception& e) {
        // A bug; the crawl goes on and the report says what was not checked.
        ++report_.links_unchecked;
      }
      --active_;
      wake_->cancel();  // new jobs, or the end: every waiter looks again
    }
    wake_->cancel();
    if (--running_ == 0) done_->cancel();
  }

  asio::awaitable<void> Process(Job job) {
    const bool internal = job.purpose != Purpose::kExternal && scope_.IsInternal(job.url);
    if (internal) {
      if (const auto parts = SplitUrl(job.url);
          parts && parts->host == scope_.host() && !robots_.Allowed(parts->path_and_query)) {
        ++report_.robots_disallowed;
        ++report_.links_unchecked;
        co_return;
      }
      if (report_.requests >= options_.max_requests) {
        report_.budget_exhausted = true;
        ++report_.links_unchecked;
        co_return;
      }
    } else if (store_ != nullptr) {
      auto cached = store_->FreshCheck(job.url, options_.now, options_.external_ttl);
      if (!cached) {
        store_ = nullptr;  // the cache is an optimisation; carry on without it
      } else if (*cached) {
        ++report_.links_cached;
        ApplyCached(job, **cached);
        co_return;
      }
    }

    fetch::Request request;
    request.url = job.url;
    request.verify_tls = options_.verify_tls;
    request.head = job.purpose == Purpose::kResource;
    fetch::Response response = co_await Fetch(request, internal);
    if (request.head && !response.ok()) {
      // Many servers answer HEAD with 405/501 or nonsense; GET is the verdict.
      request.head = false;
      response = co_await Fetch(request, internal);
    }

    LinkCheck check;
    check.checked_at = options_.now;
    check.status = response.status;
    check.failure = std::string(fetch::ToString(response.failure));
    check.detail = response.detail;

    if (Inconclusive(response.failure)) {
      ++report_.links_unchecked;
      co_return;
    }
    ++report_.links_checked;
    if (!response.ok()) {
      AddBroken(job, BrokenReason(response), check.failure, response.status, !internal);
      if (!internal) report_.external_checks.emplace_back(job.url, std::move(check));
      co_return;
    }
    if (request.head || !IsHtml(response)) {
      if (!internal) report_.external_checks.emplace_back(job.url, std::move(check));
      co_return;
    }

    // An HTML page: soft-404, destination class, and for the site's own pages the links.
    std::string html = std::move(response.body);
    const extract::PageText text = extract::ReadPageText(html);
    if (const auto soft = checks::Soft404Reason(text)) {
      AddBroken(job, "软404：" + *soft, "soft_404", response.status, !internal);
      check.failure = "soft_404";
      check.detail = *soft;
    }
    if (!internal) {
      const checks::DestinationVerdict verdict = checks::ClassifyDestination(text.text, job.url);
      check.destination_class = verdict.klass == checks::DestinationClass::kNone
                                    ? ""
                                    : std::string(checks::ToString(verdict.klass));
      NoteOutbound(job, verdict, std::nullopt);
      report_.external_checks.emplace_back(job.url, std::move(check));
      co_return;
    }
    if (destination_pages_.size() < kMaxDestinationPages) {
      destination_pages_[job.url] = checks::DestinationPage{response.final_url, text.title};
    }
    // A same-site link that redirects off-site is checked, not crawled. A soft-404 page is
    // still parsed: its links are the site's own, and a soft-404 verdict that is wrong must not
    // hide the links behind it.
    if (job.purpose != Purpose::kPage || job.depth > options_.max_depth ||
        !scope_.IsInternal(response.final_url)) {
      co_return;
    }
    co_await ParsePage(job, response.final_url, std::move(html));
  }

  asio::awaitable<fetch::Response> Fetch(const fetch::Request& request, bool internal) {
    if (internal) {
      ++report_.requests;
    } else {
      ++report_.external_requests;
    }
    co_return co_await client_.Fetch(request);
  }

  // ---- pages -------------------------------------------------------------------------------------

  asio::awaitable<void> ParsePage(const Job& job, const std::string& page_url, std::string html) {
    ++report_.pages;
    const auto page = static_cast<std::uint32_t>(pages_.size());
    pages_.push_back(page_url);
    std::vector<std::string> sheets = co_await Stylesheets(html, page_url);
    std::vector<Link> links = extract::ExtractLinks(html, page_url, sheets);
    html.clear();
    html.shrink_to_fit();  // bodies are not kept (a 10,000-page crawl must not hold 10,000 pages)
    report_.links_found += static_cast<std::int64_t>(links.size());

    if (job.depth <= 1 && cloaking_samples_.size() <
                              static_cast<std::size_t>(1 + options_.cloaking_sample_pages)) {
      cloaking_samples_.push_back({page_url, links});
    }
    for (Link& link : links) {
      Judge(page, link);
      if (link.url.empty() || link.kind == LinkKind::kForm) continue;
      const std::string_view dest = WithoutFragment(link.url);
      if (!seen_.Insert(dest)) {
        CountReference(dest);
        continue;
      }
      Job next;
      next.url = std::string(dest);
      next.depth = job.depth + 1;
      next.found_on = page;
      next.anchor = link.text;
      next.kind = link.kind;
      const bool internal = scope_.IsInternal(next.url);
      next.purpose = !Navigable(link.kind) ? Purpose::kResource
                     : internal            ? Purpose::kPage
                                           : Purpose::kExternal;
      queue_.push_back(std::move(next));
    }
    wake_->cancel();
  }

  asio::awaitable<std::vector<std::string>> Stylesheets(const std::string& html,
                                                        const std::string& page_url) {
    std::vector<std::string> out;
    for (const std::string& url : extract::StylesheetUrls(html, page_url)) {
      auto it = stylesheets_.find(url);
      if (it == stylesheets_.end()) {
        if (stylesheets_.size() >= kMaxStylesheets) continue;
        const bool internal = scope_.IsInternal(url);
        if (internal && report_.requests >= options_.max_requests) continue;
        fetch::Request request;
        request.url = url;
        request.verify_tls = options_.verify_tls;
        fetch::Response r = co_await Fetch(request, internal);
        std::string text = r.ok() && r.body.size() <= kMaxStylesheetBytes ? std::move(r.body) : "";
        it = stylesheets_.emplace(url, std::move(text)).first;
      }
      if (!it->second.empty()) out.push_back(it->second);
    }
    co_return out;
  }

  // Hidden and fake links are judged after the crawl, when their destinations are known; only
  // one occurrence of each (destination, text, reason) is kept.
  void Judge(std::uint32_t page, const Link& link) {
    if (link.hidden && !link.hidden_benign && !link.url.empty()) {
      if (pending_keys_.Insert("h\n" + link.url + "\n" + link.hidden_reason)) {
        pending_hidden_.push_back({page, link});
      }
      return;
    }
    if (link.hidden) return;
    if ((link.kind == LinkKind::kA || link.kind == LinkKind::kArea) && !link.text.empty()) {
      if (pending_keys_.Insert("f\n" + link.url + "\n" + link.href + "\n" + link.text)) {
        pending_fake_.push_back({page, link});
      }
    }
  }

  // References beyond the first; the verdict may come before or after them.
  void CountReference(std::string_view dest) { ++extra_references_[UrlFingerprint(dest)]; }

  void AddBroken(const Job& job, std::string reason, std::string failure, int status,
                 bool external) {
    BrokenLink b;
    b.url = job.url;
    b.found_on = pages_[job.found_on];
    b.anchor_text = job.anchor;
    b.link_kind = std::string(extract::ToString(job.kind));
    b.reason = std::move(reason);
    b.failure = std::move(failure);
    b.status = status;
    b.external = external;
    report_.broken.push_back(std::move(b));
  }

  void ApplyCached(const Job& job, const LinkCheck& check) {
    if (check.failure == "blocked") {
      ++report_.links_unchecked;
      return;
    }
    ++report_.links_checked;
    if (check.failure != "none") {
      const std::string reason =
          check.failure == "soft_404"
              ? "软404：" + check.detail
              : (check.failure == "http_status" ? "HTTP " + std::to_string(check.status)
                                                : "访问失败（" + check.failure + "）");
      AddBroken(job, reason, check.failure, check.status, true);
    }
    if (!check.destination_class.empty()) {
      checks::DestinationVerdict verdict;
      verdict.klass = ParseClass(check.destination_class);
      NoteOutbound(job, verdict, verdict.klass);
    }
  }

  static checks::DestinationClass ParseClass(std::string_view name) {
    for (const auto c : {checks::DestinationClass::kGambling, checks::DestinationClass::kPorn,
                         checks::DestinationClass::kParked}) {
      if (checks::ToString(c) == name) return c;
    }
    return checks::DestinationClass::kNone;
  }

  // Outbound links whose destination classifies as bad feed drift, hidden-link risk and
  // cloaking. `previous` is the stored class when the verdict came from the cache; otherwise the
  // last stored one (whatever its age) is looked up.
  void NoteOutbound(const Job& job, const checks::DestinationVerdict& verdict,
                    std::optional<checks::DestinationClass> previous) {
    if (verdict.klass == checks::DestinationClass::kNone) return;
    destinations_[job.url] = verdict;
    if (!previous) {
      previous = checks::DestinationClass::kNone;
      if (store_ != nullptr) {
        auto last = store_->FreshCheck(job.url, options_.now, std::chrono::seconds::max() / 2);
        if (last && *last) previous = ParseClass((*last)->destination_class);
      }
    }
    checks::OutboundLinkState state;
    state.url = job.url;
    state.anchor_text = job.anchor;
    state.found_on = pages_[job.found_on];
    state.previous = *previous;
    state.current = verdict;
    outbound_.push_back(std::move(state));
  }

  // ---- robots.txt and cloaking ----------------------------------------------------------------

  asio::awaitable<void> LoadRobots() {
    if (scope_.origin().empty()) co_return;
    fetch::Request request;
    request.url = scope_.origin() + "/robots.txt";
    request.verify_tls = options_.verify_tls;
    const fetch::Response r = co_await Fetch(request, true);
    // RFC 9309: 4xx means no restrictions; unreachable (5xx) would mean "disallow all", but a
    // link checker that stops at a broken robots.txt checks nothing — treat as allowed.
    if (r.ok()) robots_ = RobotsRules::Parse(r.body, options_.user_agent);
  }

  asio::awaitable<void> CheckCloaking() {
    if (options_.spider_user_agent.empty()) co_return;
    for (auto& [page_url, normal] : cloaking_samples_) {
      if (report_.requests >= options_.max_requests) break;
      fetch::Request request;
      request.url = page_url;
      request.verify_tls = options_.verify_tls;
      request.user_agent = options_.spider_user_agent;
      fetch::Response r = co_await Fetch(request, true);
      if (!r.ok() || !IsHtml(r)) continue;
      const std::vector<Link> spider = extract::ExtractLinks(r.body, page_url);
      r.body.clear();
      const std::vector<Link> cloaked = checks::CloakedLinks(page_url, normal, spider);
      for (const Link& link : cloaked) {
        // Classify what the cloaked links lead to (they were never seen by the normal crawl).
        if (destinations_.count(link.url) != 0 || !seen_.Insert(WithoutFragment(link.url)))
          continue;
        fetch::Request dest;
        dest.url = link.url;
        dest.verify_tls = options_.verify_tls;
        const fetch::Response d = co_await Fetch(dest, false);
        if (d.ok() && IsHtml(d)) {
          auto verdict =
              checks::ClassifyDestination(extract::ReadPageText(d.body).text, link.url);
          if (verdict.klass != checks::DestinationClass::kNone)
            destinations_[link.url] = std::move(verdict);
        }
      }
      const checks::CheckResult result =
          checks::CheckCloaking(Subject(), page_url, normal, spider, options_.illegal_domains,
                                destinations_);
      AddFindings(result.findings);
    }
    cloaking_samples_.clear();
  }

  // ---- results -----------------------------------------------------------------------------------

  checks::LinkCheckSubject Subject() const {
    return checks::LinkCheckSubject{options_.site_id, options_.unit_id};
  }

  // Keeps the first finding of each (check, subject); later ones only count.
  void AddFindings(const std::vector<core::Finding>& findings) {
    for (const core::Finding& f : findings) {
      const std::string key = f.check + "\n" + f.subject;
      if (finding_keys_.emplace(key, report_.findings.size()).second) {
        report_.findings.push_back(f);
      }
    }
  }

  template <class Check>
  void JudgeByPage(std::vector<PendingLink>& pending, Check check) {
    std::map<std::uint32_t, std::vector<Link>> by_page;
    for (PendingLink& p : pending) by_page[p.page].push_back(std::move(p.link));
    pending.clear();
    for (auto& [page, links] : by_page) AddFindings(check(pages_[page], links).findings);
  }

  void Finish() {
    for (BrokenLink& b : report_.broken) {
      if (const auto it = extra_references_.find(UrlFingerprint(b.url));
          it != extra_references_.end()) {
        b.referring_pages += it->second;
      }
      AddFindings({BrokenLinkFinding(b, options_.site_id, options_.unit_id)});
    }
    JudgeByPage(pending_hidden_, [&](const std::string& page, const std::vector<Link>& links) {
      return checks::CheckHiddenLinks(Subject(), page, links, options_.illegal_domains,
                                      destinations_);
    });
    JudgeByPage(pending_fake_, [&](const std::string& page, const std::vector<Link>& links) {
      return checks::CheckFakeLinks(Subject(), page, options_.homepage, links,
                                    destination_pages_);
    });
    AddFindings(checks::CheckOutboundDrift(Subject(), outbound_).findings);
    if (report_.links_checked > 0) {
      report_.availability =
          static_cast<double>(report_.links_checked -
                              static_cast<std::int64_t>(report_.broken.size())) /
          static_cast<double>(report_.links_checked);
    }
  }

  fetch::HttpClient& client_;
  CrawlOptions options_;
  LinkStore* store_;
  SiteScope scope_;
  RobotsRules robots_;
  CrawlReport report_;

  std::deque<Job> queue_;
  std::unique_ptr<asio::steady_timer> wake_;
  asio::steady_timer* done_ = nullptr;
  int active_ = 0;
  int running_ = 0;

  UrlSet seen_;                     // destinations queued (or judged) once
  std::vector<std::string> pages_;  // URLs of parsed pages, for "found on"
  // Destination fingerprint → references after the first (only repeated destinations appear).
  std::unordered_map<std::uint64_t, std::uint32_t> extra_references_;
  std::map<std::string, std::string> stylesheets_;
  checks::DestinationPages destination_pages_;
  checks::DestinationLookup destinations_;
  std::vector<checks::OutboundLinkState> outbound_;
  UrlSet pending_keys_;
  std::vector<PendingLink> pending_hidden_;
  std::vector<PendingLink> pending_fake_;
  std::vector<std::pair<std::string, std::vector<Link>>> cloaking_samples_;
  std::map<std::string, std::size_t> finding_keys_;
};

}  // namespace

boost::asio::awaitable<CrawlReport> Crawl(fetch::HttpClient& client, CrawlOptions options,
                                          LinkStore* store) {
  auto session = std::make_unique<CrawlSession>(client, std::move(options), store);
  CrawlReport report = co_await session->Run();
  co_return report;
}

core::Finding BrokenLinkFinding(const BrokenLink& link, const std::string& site_id,
                                const std::string& unit_id) {
  core::Finding f;
  f.target_id = site_id;
  f.unit_id = unit_id;
  f.check = "broken_link";
  f.subject = link.url;
  f.severity = core::Severity::kDeduction;
  const std::string anchor = link.anchor_text.empty() ? "（无文字）" : "“" + link.anchor_text + "”";
  f.message = "错链：页面 " + link.found_on + " 中的链接" + anchor + "指向 " + link.url + "，" +
              link.reason + "（" + (link.external ? "外部链接" : "本站链接") + "，风险：低";
  if (link.referring_pages > 1) {
    f.message += "；共 " + std::to_string(link.referring_pages) + " 处引用";
  }
  f.message += "）";
  f.evidence_url = link.found_on;
  return f;
}

}  // namespace govwatch::crawl
