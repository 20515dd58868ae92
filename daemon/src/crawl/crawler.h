// Crawler: one link-check crawl of one site (issue 6, docs/links.md).
//
// From the homepage it follows the site's own links (SiteScope) breadth-first up to `max_depth`
// hops, fetching at most `max_requests` same-site URLs; every link of every parsed page is judged:
//   - broken (错链): the destination fails (4xx, 5xx, DNS, connect, timeout, TLS, redirect loop,
//     invalid URL) or answers 200 with a soft-404 page (checks::Soft404Reason);
//   - hidden (暗链), fake (伪链), cloaking and drifting outbound links through the pure checks of
//     checks/{hidden_link,fake_link,cloaking,outbound_drift}.h.
// External links are never crawled: each distinct URL is checked once per crawl, or not at all
// while the LinkStore has a result younger than `external_ttl`. Navigable external links (a,
// area, iframe, frame, meta refresh, script-written) are fetched with GET, because drift and
// soft-404 judge their content; resources (img, script, link) with HEAD, falling back to GET when
// HEAD fails. Forms are not submitted. Page bodies are dropped as soon as a page is parsed;
// distinct URLs are remembered as 64-bit fingerprints (UrlSet).
//
// Findings are aggregated per (check, subject): a broken link referenced by 300 pages is one
// finding naming the first page and the count.
//
// Thread-safety: Crawl runs on the HttpClient's executor (single-threaded, like the client) and
// uses `store` from there; the caller owns both and keeps them alive until Crawl completes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/model.h"
#include "core/time.h"
#include "crawl/link_store.h"
#include "fetch/http_client.h"

namespace govwatch::crawl {

struct CrawlOptions {
  std::string site_id;
  std::string unit_id;
  std::string homepage;                  // absolute http(s) URL; depth 0
  std::vector<std::string> alias_hosts;  // lower-case host names crawled as the site's own
  int max_depth = 5;
  std::int64_t max_requests = 2000;  // same-site requests this crawl may make (daily budget left)
  bool respect_robots_txt = true;
  std::string user_agent;  // the fetcher's; picks the robots.txt group
  std::string spider_user_agent;
  int cloaking_sample_pages = 4;  // besides the homepage
  int concurrency = 16;
  bool verify_tls = true;
  std::chrono::seconds external_ttl{7 * 24 * 3600};
  std::set<std::string> illegal_domains;  // lower-case; a host on or under one is high risk
  core::Timestamp now{};                  // for the cache's TTL and checked_at
};

// One broken destination, as found.
struct BrokenLink {
  std::string url;          // destination (without fragment)
  std::string found_on;     // first page that links to it
  std::string anchor_text;  // on that page
  std::string link_kind;    // extract::ToString(LinkKind)
  std::string reason;       // Chinese: "HTTP 404", "域名解析失败", "软404：页面提示“页面不存在”"
  std::string failure;      // fetch::ToString(FailureReason), "soft_404" for soft-404s
  int status = 0;           // HTTP status when one arrived
  bool external = false;
  std::int64_t referring_pages = 1;
};

struct CrawlReport {
  std::string site_id;
  std::int64_t requests = 0;        // same-site requests made (the budget's unit)
  std::int64_t external_requests = 0;
  std::int64_t pages = 0;           // pages parsed for links
  std::int64_t links_found = 0;     // link occurrences in parsed pages
  std::int64_t links_checked = 0;   // distinct destinations with a verdict (incl. cached ones)
  std::int64_t links_cached = 0;    // of those, answered from the LinkStore
  std::int64_t links_unchecked = 0;  // distinct destinations left out: budget, robots.txt, WAF
  std::int64_t robots_disallowed = 0;
  bool budget_exhausted = false;
  std::vector<BrokenLink> broken;  // in discovery order
  // (links_checked − broken) / links_checked; nullopt when nothing was checked.
  std::optional<double> availability;
  // Ready for Store::ReplaceOpenFindings(site_id, kLinkChecks, findings, now).
  std::vector<core::Finding> findings;
  // Fresh external results for LinkStore::SaveChecks.
  std::vector<std::pair<std::string, LinkCheck>> external_checks;
  std::chrono::milliseconds elapsed{0};
};

// The checks whose findings a crawl replaces.
inline const std::vector<std::string> kLinkChecks = {"broken_link", "hidden_link", "fake_link",
                                                     "outbound_drift"};

// Runs one crawl. `store` may be null (no external cache). Never throws: fetch failures are
// findings, a store failure only disables the cache for the rest of the crawl.
boost::asio::awaitable<CrawlReport> Crawl(fetch::HttpClient& client, CrawlOptions options,
                                          LinkStore* store);

// The broken-link finding of `link` (check "broken_link", subject = destination URL, deduction).
core::Finding BrokenLinkFinding(const BrokenLink& link, const std::string& site_id,
                                const std::string& unit_id);

}  // namespace govwatch::crawl
