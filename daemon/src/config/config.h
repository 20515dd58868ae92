// The configuration as typed values: plain structs whose in-class defaults are the documented
// defaults (DESIGN.md §2, docs/configuration.md). Loading and validation live in loader.h; once a
// Config exists it is complete and consistent (every reference resolves, every URL parses).
//
// Immutable after load; safe to share between threads by const reference.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/time_zone.h"

namespace govwatch::config {

struct Contact {
  std::string name;
  std::string email;  // validated as addr-spec
  std::string phone;
};

// 责任单位.
struct Unit {
  std::string id;
  std::string name;                  // 固原市人民政府办公室
  std::string region;                // 市本级, 原州区, …
  std::vector<std::string> aliases;  // other names seen in 来源 fields, e.g. 市应急局
  std::vector<Contact> contacts;
};

// 检查指标方案: the thresholds of one jurisdiction. Defaults are the national indicators
// (国办秘函〔2019〕19号); 固原 overrides account_stale_days to 7.
struct Profile {
  std::string id = "national";
  int homepage_stale_days = 14;   // veto
  int homepage_warn_days = 10;    // warning
  // Days without a new item after which a column of this kind is stale. Kinds not listed
  // (interaction, service, other, …) have no freshness rule unless a column sets stale_days.
  std::map<core::ColumnKind, int> column_stale_days = {
      {core::ColumnKind::kNews, 14},      {core::ColumnKind::kNotice, 180},
      {core::ColumnKind::kPolicy, 180},   {core::ColumnKind::kInterpretation, 180},
      {core::ColumnKind::kPersonnel, 365}, {core::ColumnKind::kPlanning, 365},
      {core::ColumnKind::kDisclosure, 365},
  };
  int stale_key_columns_veto = 5;   // ≥ this many stale news/notice/policy columns → veto
  int stale_columns_veto = 10;      // ≥ this many stale columns of any kind → veto
  int blank_columns_veto = 5;       // ≥ this many never-updated columns → veto
  int account_stale_days = 14;      // veto; 固原 uses 7
  int account_warn_days = 10;       // warning (0 disables)
  int interaction_unanswered_days = 90;
  int interaction_window_days = 365;
  int availability_probes_per_day = 20;
  std::chrono::seconds availability_timeout{15};
  double availability_veto_ratio = 0.05;
  double availability_warn_ratio = 0.03;
  int availability_window_days = 7;
  int interpretation_working_days = 3;
  // Policy interpretation (issue 8). A document needs an interpretation when its normalised 文号
  // matches one of these ECMAScript regexes (default: a 文号 containing 规 — a 规范性文件) and
  // its article was read in a column of one of `interpretation_document_kinds`.
  std::vector<std::string> interpretation_doc_number_patterns = {"规"};
  std::vector<core::ColumnKind> interpretation_document_kinds = {core::ColumnKind::kPolicy,
                                                                 core::ColumnKind::kDisclosure};
  // Columns whose articles count as interpretations (besides any article titled with 解读).
  std::vector<core::ColumnKind> interpretation_column_kinds = {core::ColumnKind::kInterpretation};
  // Working-day calendar on top of the built-in 国办 holiday notices (2021–2026): extra public
  // holidays and extra make-up workdays (调休上班), as "YYYY-MM-DD".
  std::vector<std::string> extra_holidays;
  std::vector<std::string> extra_workdays;

  // How often the daemon reads each kind of target (issue 3). The homepage read doubles as the
  // availability probe: once an hour is 24 probes a day, above the national minimum of 20.
  std::chrono::seconds homepage_interval{3600};
  std::chrono::seconds account_interval{6 * 3600};
  // Column kinds not listed use column_default_interval (daily).
  std::map<core::ColumnKind, std::chrono::seconds> column_interval = {
      {core::ColumnKind::kNews, std::chrono::seconds{4 * 3600}},
  };
  std::chrono::seconds column_default_interval{24 * 3600};
};

// 栏目.
struct Column {
  std::string id;    // unique within its site
  std::string name;  // 通知公告
  std::string url;   // absolute http(s) URL
  core::ColumnKind kind = core::ColumnKind::kOther;
  std::optional<std::string> item_xpath;   // selects one node per item; auto-detect when unset
  std::optional<std::string> title_xpath;  // relative to an item; default: the item's main link
  std::optional<std::string> date_xpath;   // relative to an item; default: search the item text
  // Interaction columns (互动回应差): relative to an item; default: detected (extract/messages.h).
  std::optional<std::string> reply_date_xpath;
  std::optional<std::string> reply_state_xpath;  // text such as 已回复/未回复/办理中
  std::optional<int> stale_days;           // overrides the profile for this column
  std::optional<std::chrono::seconds> interval;  // overrides the profile's interval for the kind
};

// Per-site overrides of the `crawl:` section (issue 6); unset fields take the global value.
struct SiteCrawl {
  std::optional<bool> enabled;
  std::optional<int> max_depth;
  std::optional<int> max_pages_per_day;
  // Other host names of the same site (www./non-www., an old domain): links to them are crawled
  // as the site's own pages, not checked as external links.
  std::vector<std::string> alias_hosts;
};

// 政府网站.
struct Site {
  std::string id;
  std::string name;
  std::string unit;      // Unit::id
  std::string homepage;  // absolute http(s) URL
  core::TimeZone time_zone;  // page dates are read in it; default Asia/Shanghai
  std::string profile;   // Profile::id; default: Config::default_profile
  bool verify_tls = true;  // many government sites serve broken chains; opt out per site
  std::optional<int> homepage_stale_days;  // overrides the profile
  std::optional<std::chrono::seconds> homepage_interval;  // overrides the profile
  std::vector<Column> columns;
  SiteCrawl crawl;  // issue 6: link-check crawl overrides
};

// Where an account is read from (docs/accounts.md). One adapter per type (sources/):
//   feed        RSS 2.0 / Atom / JSON Feed, e.g. a self-hosted RSSHub route; needs `url`.
//   weibo_api   the public Weibo mobile container API; needs `uid`.
//   wechat_api  the WeChat official-account API with the office's credentials; needs `appid`
//               and `secret` (give it as ${ENV}) or `secret_file`.
struct AccountSource {
  std::string type = "feed";  // feed | weibo_api | wechat_api
  // feed: the feed URL. API types: derived by the loader from base_url (the profile page for
  // weibo_api, the article-list endpoint for wechat_api): the target's URL in the store, its
  // host for politeness and the evidence URL of findings.
  std::string url;
  // API types: scheme://host[:port][/prefix] the API paths are appended to, so tests point it
  // at a fixture server. Defaults: https://m.weibo.cn, https://api.weixin.qq.com.
  std::string base_url;
  std::string uid;    // weibo_api: the numeric user id
  std::string appid;  // wechat_api
  // wechat_api: the AppSecret, from ${ENV} in the file or the first line of secret_file (an
  // absolute path, read when the token is fetched). Never logged or shown.
  std::optional<std::string> secret;
  std::optional<std::string> secret_file;
};

// 政务新媒体账号.
struct Account {
  std::string id;
  std::string name;
  core::Platform platform = core::Platform::kOther;
  std::string unit;
  AccountSource source;
  std::string profile;
  std::optional<int> stale_days;  // overrides the profile
  std::optional<std::chrono::seconds> interval;  // overrides the profile's account_interval
  bool verify_tls = true;
};

struct HttpSettings {
  std::string user_agent = "govwatch/0.1 (+https://github.com/govwatch/govwatch; site inspection)";
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};  // whole fetch incl. redirects and body
  int max_connections = 64;           // across all hosts
  int max_connections_per_host = 2;
  std::chrono::milliseconds per_host_delay{500};  // minimum gap between request starts per host
  std::uint64_t max_body_bytes = 10 * 1024 * 1024;  // after decompression
  int max_redirects = 10;
  int retries = 2;                    // on transient failures only (connect, timeout, 5xx, 429)
  std::optional<std::string> proxy;   // http://host:port
};

struct Storage {
  std::string path = "/var/lib/govwatch/govwatch.db";
  // Raw observations older than this are pruned (in small batches, off the scheduler's path);
  // items, findings and daily roll-ups are kept. Availability needs at least 7 days.
  std::chrono::seconds observation_retention{90 * 86400};
};

// The daemon's HTTP endpoints: /metrics, /-/healthy, /-/ready, /-/reload, /api/v1/…
struct WebSettings {
  std::string listen = "127.0.0.1:9816";  // host:port; [::1]:port for IPv6
  // Bearer token for /-/reload and, when listening beyond loopback, for /api/. Required when
  // `listen` is not a loopback address. Give it with ${ENV} or token_file (first line).
  std::optional<std::string> token;
  std::optional<std::string> token_file;
};

// The scheduler of `govwatch run`.
struct ScheduleSettings {
  // A URL that should always answer (e.g. a large public site reachable from the monitoring
  // host). When it fails, probe failures in the same minute are the monitoring host's network,
  // not the sites', and are not charged to availability.
  std::optional<std::string> canary_url;
  // Spread of the deterministic per-target offset, as a fraction of each target's interval.
  double jitter = 1.0;
};

// Content checks of new articles and posts (typos, severe expressions, sensitive words,
// personal data; docs/content-checks.md).
struct ContentSettings {
  // Directory of lexicon files (typos*.txt, severe*.txt, sensitive*.txt, allow*.txt); read at
  // start and on reload. A relative path in the file is resolved against the configuration
  // file's directory (the daemon may run in another working directory), so this is absolute.
  // "" (not set): /etc/govwatch/lexicon when it exists, else the installed default lexicon
  // (app/content_checks.h).
  std::string lexicon_dir;
  bool enabled = true;  // false: articles are not scanned
};

// ---- alerts and notification (issue 4) -----------------------------------------------------------

// A named destination of notifications.
struct Channel {
  enum class Type { kEmail, kWebhook, kDingTalk, kWeCom };
  std::string name;
  Type type = Type::kEmail;
  // e-mail
  std::string smtp_url;                 // smtp://host:587 (STARTTLS when offered) or smtps://host:465
  bool smtp_require_tls = false;        // refuse to send when STARTTLS is not available
  bool verify_tls = true;
  std::optional<std::string> username;  // AUTH; from ${ENV} or password_file
  std::optional<std::string> password;
  std::optional<std::string> password_file;
  std::string from;                     // addr-spec; shown as "govwatch 监测" <from>
  std::vector<std::string> to;          // always receives what is routed to this channel
  // webhook / dingtalk / wecom
  std::string url;
  std::map<std::string, std::string> headers;
  std::optional<std::string> secret;    // DingTalk signing secret (加签)
  // Templates (files) that override the built-in Chinese ones; empty: built-in.
  std::optional<std::string> subject_template;
  std::optional<std::string> body_template;
};

// A routing rule: notifications matching every given condition go to `channels`. All rules that
// match apply (not first-match), so the inspection office can take everything while each unit
// gets its own.
struct Route {
  std::vector<std::string> units;    // Unit::id; empty: any
  std::vector<std::string> regions;  // Unit::region; empty: any
  std::vector<std::string> checks;   // check names; empty: any
  std::optional<core::Severity> min_severity;  // veto > deduction > warning > info
  std::vector<std::string> channels;           // Channel::name
  bool unit_contacts = false;  // also mail the matching unit's contacts (on e-mail channels)
};

// Mutes notifications (not findings) for matching alerts. `until` absent: permanent. A
// maintenance window repeats: `weekly` days (1 = Monday … 7) from `start` to `end` local time.
struct Silence {
  std::vector<std::string> targets;  // target ids; empty: any
  std::vector<std::string> units;
  std::vector<std::string> checks;
  std::optional<core::Timestamp> from;
  std::optional<core::Timestamp> until;
  std::vector<int> weekly_days;                 // maintenance window days; empty: not weekly
  std::optional<std::chrono::minutes> start;    // local time of day
  std::optional<std::chrono::minutes> end;
  std::optional<core::TimeZone> time_zone;      // of start/end; default AlertSettings::time_zone
  std::string comment;
};

struct AlertSettings {
  // An alert fires when its finding has been open for `for_observations` consecutive
  // observations and at least `for_duration`.
  int for_observations = 1;
  std::chrono::seconds for_duration{0};
  // Reminders while firing: first after reminder_initial, each next interval ×2, capped.
  std::chrono::seconds reminder_initial{24 * 3600};
  std::chrono::seconds reminder_max{7 * 24 * 3600};
  bool send_resolved = true;
  // Non-veto alerts go into one digest per unit per day at this local time.
  std::chrono::minutes digest_time{9 * 60};
  core::TimeZone time_zone;                       // Asia/Shanghai by default
  std::optional<std::string> status_url;          // link shown in messages (status page / API)
  // One upstream failure, one message: when at least this many targets fail at once because the
  // monitoring host's network is down, or because one account source host (e.g. an RSSHub) is
  // down, a single "upstream" alert fires and their own alerts are muted meanwhile.
  int upstream_min_targets = 3;
  std::vector<Route> routes;
  std::vector<Silence> silences;
};

struct OutboxSettings {
  int max_attempts = 8;                        // then dead-lettered
  std::chrono::seconds initial_backoff{30};    // doubled per attempt
  std::chrono::seconds max_backoff{3600};
  std::chrono::seconds send_timeout{30};
};

// The link-check crawl of every site (issue 6, docs/links.md): same-site pages within a depth
// and a daily page budget; external links checked once (HEAD, GET fallback) and cached.
struct CrawlSettings {
  bool enabled = false;  // off by default: a full crawl is heavier than the monitoring reads
  int max_depth = 5;     // link hops from the homepage; deeper links are checked, not parsed
  int max_pages_per_site_per_day = 2000;  // same-site requests (pages and resources) per UTC day
  std::chrono::seconds interval{24 * 3600};  // one crawl per site per interval
  // A site's first crawl (none recorded yet) starts after a deterministic per-site offset in
  // [0, start_spread), so that a province's sites do not all start at once; 0s starts at once.
  std::chrono::seconds start_spread{600};
  std::chrono::seconds external_check_ttl{7 * 24 * 3600};  // re-check an external URL after this
  bool respect_robots_txt = true;
  // Cloaking: the homepage and `cloaking_sample_pages` other pages are fetched again with this
  // user agent and their outbound links compared (暗链 shown only to search engines).
  std::string spider_user_agent =
      "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)";
  int cloaking_sample_pages = 4;
  int concurrency = 16;  // fetches in flight per crawl (the fetcher's per-host limits still apply)
  // Known illegal domains (gambling, porn, …): a link whose host is one of them or under one is
  // high risk (a hidden link to it is a veto). Entries normalised by NormalizeDomain; matched by
  // whole labels, never as substrings. `illegal_domains_file` (absolute path, one domain a line,
  // '#' comments) is read at the start of every crawl, so a list kept up to date by another
  // process applies without a reload.
  std::vector<std::string> illegal_domains;
  std::optional<std::string> illegal_domains_file;
};

// Article pages of new column items (issue 8): read for 来源/文号/text, the input of the
// disclosure statistics, the policy-interpretation check and content checks.
struct ArticleSettings {
  bool enabled = true;
  int max_per_pass = 20;     // article pages fetched per column run (new items beyond wait)
  int max_per_host = 5;      // of those, per host in one run
};

// Rules for new-media accounts beyond freshness (issue 7, docs/accounts.md). Word lists are
// matched as substrings of menu entry names, post texts or link hosts.
struct NewMediaSettings {
  // After this many consecutive unreadable reads of one account, its platform's 采集异常
  // (source_error) finding names it. One read already makes the freshness check `unknown`.
  int source_error_after = 3;
  // WeChat bottom menu: an entry (or sub-entry) whose name contains one of these counts as
  // 网上办事 / 互动交流.
  std::vector<std::string> service_menu_synonyms = {"网上办事", "办事服务", "在线办事", "政务服务",
                                                    "便民服务", "办事大厅", "我要办", "一网通办"};
  std::vector<std::string> interaction_menu_synonyms = {
      "互动交流", "留言", "互动", "咨询", "投诉", "建议", "信箱", "问政", "12345", "政民互动"};
  // The newest post announces the account's closure when its text contains one of these.
  std::vector<std::string> closure_phrases = {"关停", "停止更新", "停更", "不再更新",
                                              "停止运营", "迁移至", "注销", "暂停更新"};
  // Host suffixes of government websites (the Weibo profile must link to one).
  std::vector<std::string> government_domains = {".gov.cn"};
  // Host suffixes (or substrings of hosts) that are commercial or illegal destinations for links
  // in posts: shops, ad networks, gambling. Government and platform hosts never match.
  std::vector<std::string> commercial_domains = {
      "taobao.com", "tmall.com", "jd.com", "pinduoduo.com", "yangkeduo.com", "1688.com",
      "dianping.com", "meituan.com", "vip.com", "suning.com", "bet365", "bwin", "casino",
      "bocai", "lottery", "xpj", "amjs", "pujing"};
  // Fetch the links the rules depend on (Weibo profile link, WeChat menu view URLs) to tell
  // working from dead ones.
  bool check_links = true;
};

struct Config {
  std::string source_file;  // as given to the loader
  std::vector<Unit> units;
  std::vector<Site> sites;
  std::vector<Account> accounts;
  std::map<std::string, Profile> profiles;  // always holds "national"
  std::string default_profile = "national";
  Storage storage;
  HttpSettings http;
  WebSettings web;
  ScheduleSettings schedule;
  AlertSettings alerts;
  std::vector<Channel> channels;
  OutboxSettings outbox;
  CrawlSettings crawl;
  ContentSettings content;
  ArticleSettings articles;
  NewMediaSettings new_media;

  const Unit* FindUnit(const std::string& id) const;
  const Site* FindSite(const std::string& id) const;
  const Account* FindAccount(const std::string& id) const;
  const Channel* FindChannel(const std::string& name) const;
  // The profile in force for a site or account (its own, else default_profile).
  const Profile& ProfileFor(const std::string& profile_id) const;
  size_t ColumnCount() const;
};

}  // namespace govwatch::config
