// Account sources (DESIGN.md §5): one interface, one adapter per way of reading a new-media
// account — `feed` (RSS/Atom/JSON Feed, e.g. RSSHub), `weibo_api` (the public mobile container
// API) and `wechat_api` (the official-account API with the office's credentials).
//
// An adapter reads one account through fetch::HttpClient and returns an AccountRead: the posts
// (pinned ones flagged), and what the account-interaction rules need (the Weibo profile and its
// links, the WeChat bottom menu) with the result of fetching the links those rules judge. Every
// failure is a value: a WAF or captcha page, a login wall or expired cookie, HTTP 418/432, a
// JSON `ok:0` or `errcode` reply all give readable == false with a reason, which the checks
// turn into `unknown` — never into "no new post". Parsing of platform responses is pure
// (feed_source.h, weibo_json.h, wechat_json.h); adapters only sequence requests.
//
// Thread-safety: an AccountSource keeps state between reads (the WeChat access token) and must
// be used by one coroutine at a time on the HttpClient's executor. SourceSet likewise.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "checks/account_observation.h"
#include "config/config.h"
#include "core/model.h"
#include "core/time.h"
#include "fetch/http_client.h"

namespace govwatch::sources {

// The values adapters produce and the account rules read (checks/account_observation.h).
using Post = checks::Post;
using MenuEntry = checks::MenuEntry;
using AccountProfile = checks::AccountProfile;
using LinkProbe = checks::LinkProbe;

// A reason the source could not be read, as data.
struct SourceFailure {
  std::string reason;  // "blocked", "captcha", "login_wall", "api_error", "http_status", "parse",
                       // "secret", or a fetch::FailureReason name
  std::string detail;  // English, for logs and JSON; never contains a secret or token
};

struct AccountRead {
  bool readable = false;
  SourceFailure failure;  // when !readable
  int http_status = 0;    // of the last API/feed response
  std::chrono::milliseconds elapsed{0};  // all requests of the read
  std::int64_t bytes = 0;                // body bytes of the API/feed responses
  std::string final_url;                 // evidence: the feed or profile URL (never a token URL)
  std::vector<Post> posts;               // document order
  std::optional<AccountProfile> profile;        // weibo_api
  std::optional<std::vector<MenuEntry>> menu;   // wechat_api; empty: the account has no menu
  std::vector<LinkProbe> link_probes;           // links fetched for the rules
};

class AccountSource {
 public:
  virtual ~AccountSource();
  // Reads the account once. Never throws; failures are values (see the file comment). `now`
  // resolves relative dates (3小时前) in Asia/Shanghai.
  virtual boost::asio::awaitable<AccountRead> Read(fetch::HttpClient& client,
                                                   core::Timestamp now) = 0;
};

// The adapter for `account.source.type` (the registry: adding an adapter is one file and one
// line in source.cc). The source keeps copies of what it needs, not references into `account`.
std::unique_ptr<AccountSource> MakeSource(const config::Account& account,
                                          const config::NewMediaSettings& settings);

// One source per account id, kept across reads (token caches) and rebuilt when the account's
// source settings change (on reload).
class SourceSet {
 public:
  AccountSource& For(const config::Account& account, const config::NewMediaSettings& settings);

 private:
  struct Slot {
    std::string fingerprint;
    std::unique_ptr<AccountSource> source;
  };
  std::map<std::string, Slot> slots_;
};

// For CLI commands (`govwatch probe`): runs an io_context on the calling thread and reads every
// account concurrently within the limits of `http`. Results are in account order.
std::vector<AccountRead> ReadAccounts(const config::HttpSettings& http, SourceSet& sources,
                                      const std::vector<const config::Account*>& accounts,
                                      const config::NewMediaSettings& settings,
                                      core::Timestamp now);

// Pure: the failure a fetched feed or API response stands for, or nullopt when it is content:
// any fetch failure (WAF/captcha pages come as "blocked"; HTTP 418 and 432, Weibo's
// anti-crawler answers, as "http_status"), a redirect to a login page ("login_wall", e.g.
// passport.weibo.cn or an expired cookie), a captcha or verification page ("captcha").
std::optional<SourceFailure> ClassifyResponse(const fetch::Response& response);

// Fetches `urls` (unique, in order) one after another and reports which work. A 200 page that says the
// page does not exist (页面不存在, 404) counts as dead.
boost::asio::awaitable<std::vector<LinkProbe>> ProbeLinks(fetch::HttpClient& client,
                                                          std::vector<std::string> urls,
                                                          bool verify_tls);

}  // namespace govwatch::sources
