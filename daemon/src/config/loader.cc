#include "config/loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "config/validate.h"
#include "config/yaml_tree.h"
#include "core/time.h"

namespace govwatch::config {
namespace {

using yaml::Node;
using yaml::NodeKind;
using yaml::YamlDocument;

using Keys = std::span<const std::string_view>;

constexpr std::array<std::string_view, 16> kTopKeys = {
    "units",    "sites", "accounts", "profiles", "default_profile", "storage",  "http",    "web",
    "schedule", "crawl", "alerts",   "channels", "outbox",          "content",  "articles",
    "new_media"};
// Issue 4: alerts, channels, outbox.
constexpr std::array<std::string_view, 11> kAlertKeys = {
    "for_observations", "for_duration", "reminder_initial", "reminder_max", "send_resolved",
    "digest_time", "time_zone", "status_url", "upstream_min_targets", "routes", "silences"};
constexpr std::array<std::string_view, 6> kRouteKeys = {"units",        "regions",  "checks",
                                                        "min_severity", "channels", "unit_contacts"};
constexpr std::array<std::string_view, 10> kSilenceKeys = {
    "targets", "units", "checks", "from", "until", "weekly_days", "start", "end", "time_zone",
    "comment"};
constexpr std::array<std::string_view, 15> kChannelKeys = {
    "name",    "type",   "smtp_url", "smtp_require_tls", "verify_tls", "username",
    "password", "password_file", "from", "to", "url", "headers", "secret", "subject_template",
    "body_template"};
constexpr std::array<std::string_view, 4> kChannelTypes = {"email", "webhook", "dingtalk", "wecom"};
constexpr std::array<std::string_view, 4> kSeverityNames = {"veto", "deduction", "warning", "info"};
constexpr std::array<std::string_view, 4> kOutboxKeys = {"max_attempts", "initial_backoff",
                                                         "max_backoff", "send_timeout"};
constexpr std::array<std::string_view, 3> kArticleKeys = {"enabled", "max_per_pass",
                                                          "max_per_host"};
constexpr std::array<std::string_view, 5> kUnitKeys = {"id", "name", "region", "aliases",
                                                       "contacts"};
constexpr std::array<std::string_view, 3> kContactKeys = {"name", "email", "phone"};
constexpr std::array<std::string_view, 11> kSiteKeys = {"id",
                                                        "name",
                                                        "unit",
                                                        "homepage",
                                                        "time_zone",
                                                        "profile",
                                                        "verify_tls",
                                                        "homepage_stale_days",
                                                        "homepage_interval",
                                                        "columns",
                                                        "crawl"};
constexpr std::array<std::string_view, 11> kColumnKeys = {"id",         "name",       "url",
                                                         "kind",       "item_xpath", "title_xpath",
                                                         "date_xpath", "stale_days", "interval",
                                                         "reply_date_xpath", "reply_state_xpath"};
constexpr std::array<std::string_view, 9> kAccountKeys = {
    "id", "name", "platform", "unit", "source", "profile", "stale_days", "verify_tls", "interval"};
constexpr std::array<std::string_view, 7> kSourceKeys = {
    "type", "url", "base_url", "uid", "appid", "secret", "secret_file"};
constexpr std::array<std::string_view, 3> kSourceTypes = {"feed", "weibo_api", "wechat_api"};
constexpr std::array<std::string_view, 7> kNewMediaKeys = {
    "source_error_after", "service_menu_synonyms", "interaction_menu_synonyms", "closure_phrases",
    "government_domains", "commercial_domains",    "check_links"};
constexpr std::array<std::string_view, 2> kStorageKeys = {"path", "observation_retention"};
constexpr std::array<std::string_view, 3> kWebKeys = {"listen", "token", "token_file"};
constexpr std::array<std::string_view, 2> kScheduleKeys = {"canary_url", "jitter"};
constexpr std::array<std::string_view, 12> kCrawlKeys = {
    "enabled",           "max_depth",          "max_pages_per_site_per_day",
    "interval",          "external_check_ttl", "respect_robots_txt",
    "spider_user_agent", "cloaking_sample_pages", "concurrency",
    "illegal_domains",   "illegal_domains_file", "start_spread"};
constexpr std::array<std::string_view, 4> kSiteCrawlKeys = {"enabled", "max_depth",
                                                            "max_pages_per_day", "alias_hosts"};
constexpr std::array<std::string_view, 2> kContentKeys = {"lexicon_dir", "enabled"};
constexpr std::array<std::string_view, 10> kHttpKeys = {
    "user_agent",    "connect_timeout", "total_timeout", "max_connections",
    "max_connections_per_host", "per_host_delay", "max_body_bytes", "max_redirects",
    "retries",       "proxy"};
constexpr std::array<std::string_view, 26> kProfileKeys = {
    "inherits",
    "homepage_stale_days",
    "homepage_warn_days",
    "column_stale_days",
    "stale_key_columns_veto",
    "stale_columns_veto",
    "blank_columns_veto",
    "account_stale_days",
    "account_warn_days",
    "interaction_unanswered_days",
    "interaction_window_days",
    "availability_probes_per_day",
    "availability_timeout",
    "availability_veto_ratio",
    "availability_warn_ratio",
    "availability_window_days",
    "interpretation_working_days",
    "homepage_interval",
    "account_interval",
    "column_interval",
    "column_default_interval",
    "interpretation_doc_number_patterns",
    "interpretation_document_kinds",
    "interpretation_column_kinds",
    "extra_holidays",
    "extra_workdays",
};

// Shorter intervals would hammer sites that are often on small shared hosts, and scheduler
// overhead starts to matter; no rule needs more than a few reads an hour.
constexpr std::chrono::seconds kMinInterval{10};
// The homepage read is also the availability probe; a day between probes leaves the daily
// availability figure without data. (The national 20 probes a day need ≤ 72m; the daemon warns
// about that, since a test setup may deliberately probe less.)
constexpr std::chrono::seconds kMaxHomepageInterval{24 * 3600};
// Availability is a ratio over 7 days of observations; one day more keeps the oldest day whole
// while pruning runs.
constexpr std::chrono::seconds kMinObservationRetention{8 * 86400};

// Which bounds an interval has: the homepage's doubles as the availability probe.
enum class IntervalKind { kTarget, kHomepage };

constexpr std::array<core::ColumnKind, 11> kAllColumnKinds = {
    core::ColumnKind::kHomepage,   core::ColumnKind::kNews,       core::ColumnKind::kNotice,
    core::ColumnKind::kPolicy,     core::ColumnKind::kInterpretation,
    core::ColumnKind::kPersonnel,  core::ColumnKind::kPlanning,   core::ColumnKind::kInteraction,
    core::ColumnKind::kService,    core::ColumnKind::kDisclosure, core::ColumnKind::kOther};
constexpr std::array<core::Platform, 7> kAllPlatforms = {
    core::Platform::kWechat,   core::Platform::kWeibo,    core::Platform::kDouyin,
    core::Platform::kToutiao,  core::Platform::kKuaishou, core::Platform::kBilibili,
    core::Platform::kOther};

template <class E, size_t N>
std::string AllowedList(const std::array<E, N>& values) {
  std::string out;
  for (const E& v : values) {
    if (!out.empty()) out += ", ";
    out += core::ToString(v);
  }
  return out;
}

std::string JoinKeys(Keys keys) {
  std::string out;
  for (std::string_view k : keys) {
    if (!out.empty()) out += ", ";
    out += k;
  }
  return out;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string ToString() const { return std::to_string(line) + ":" + std::to_string(column); }
};

Position PositionOf(const Node& n) { return Position{n.line, n.column}; }

size_t Utf8Chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// One key/value pair of a YAML map.
struct Entry {
  std::string_view key;
  const Node* key_node;
  const Node* value;
};

// The entries of one map, after the unknown-key check; `what` names the map in messages.
struct Fields {
  const Node* map = nullptr;
  std::string_view what;  // "site", "column", …
  std::vector<Entry> entries;

  const Entry* Find(std::string_view key) const {
    for (const Entry& e : entries) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }
};

// Decodes a parsed document onto a Config, reporting every problem. One use per load.
class Decoder {
 public:
  Decoder(const YamlDocument& doc, const std::string& file, const EnvLookup& env,
          std::vector<Diagnostic>& diagnostics)
      : doc_(doc), file_(file), env_(env), diagnostics_(diagnostics) {}

  void Decode(Config& config);

 private:
  void Report(const Node& n, std::string message) {
    diagnostics_.push_back(Diagnostic{file_, static_cast<int>(n.line), static_cast<int>(n.column),
                                      std::move(message)});
  }

  // Reads the entries of `n` into `out` and reports unknown keys. False (after reporting) when
  // `n` is not a map. `<<` merge keys (YAML 1.1) are expanded: own keys win.
  bool ReadMap(const Node& n, std::string_view what, Keys allowed, Fields& out);
  void CollectEntries(const Node& n, std::vector<Entry>& out, bool merged);

  // Each Get* reads one optional key; `required` makes a missing key or a null value an error.
  // They leave `out` untouched when the key is absent or invalid, so defaults survive.
  bool GetText(const Fields& f, std::string_view key, std::string& out, bool required);
  const Node* ValueOf(const Fields& f, std::string_view key, bool required);
  bool ExpandScalar(const Node& value, std::string_view key, std::string& out);
  // For a map keyed by column kind (column_stale_days, column_interval): reports a non-map, an
  // unknown kind or a missing value, and calls `use` with each valid entry's expanded text.
  void ForEachColumnKind(
      const Fields& f, std::string_view key, std::string_view value_name,
      const std::function<void(core::ColumnKind, const Entry&, const std::string&)>& use);
  bool GetOptText(const Fields& f, std::string_view key, std::optional<std::string>& out);
  bool GetId(const Fields& f, std::string_view key, std::string& out, bool required);
  bool GetInt(const Fields& f, std::string_view key, int& out, int min);
  bool GetOptInt(const Fields& f, std::string_view key, std::optional<int>& out, int min);
  bool GetRatio(const Fields& f, std::string_view key, double& out);
  bool GetBool(const Fields& f, std::string_view key, bool& out);
  bool GetDuration(const Fields& f, std::string_view key, std::chrono::milliseconds& out,
                   std::chrono::milliseconds min);
  // A duration in whole seconds; `text` receives the value as written (after ${VAR}), for
  // messages. False (after reporting) when absent, invalid or fractional.
  bool GetSeconds(const Fields& f, std::string_view key, std::chrono::seconds& out,
                  std::string& text);
  bool ParseSecondsText(const Node& value, std::string_view key, const std::string& text,
                        std::chrono::seconds& out);
  // A scheduling interval: whole seconds, ≥ kMinInterval, and ≤ kMaxHomepageInterval for a
  // homepage. CheckInterval reports a value out of bounds and returns false.
  bool CheckInterval(const Node& value, std::string_view key, const std::string& text,
                     std::chrono::seconds interval, IntervalKind kind);
  bool GetInterval(const Fields& f, std::string_view key, std::chrono::seconds& out,
                   IntervalKind kind);
  bool GetOptInterval(const Fields& f, std::string_view key,
                      std::optional<std::chrono::seconds>& out, IntervalKind kind);
  bool GetUrl(const Fields& f, std::string_view key, std::string& out, bool required);
  bool GetOptUrl(const Fields& f, std::string_view key, std::optional<std::string>& out);
  bool GetXPath(const Fields& f, std::string_view key, std::optional<std::string>& out);
  bool ParseIntText(const Node& value, std::string_view key, const std::string& text, int min,
                    int& out);

  // Calls `fn(item)` for each item of the sequence under `key`; reports a non-sequence.
  template <class Fn>
  void ForEachItem(const Fields& f, std::string_view key, Fn fn);

  void DecodeProfiles(const Fields& top, Config& config);
  const Profile* ResolveProfile(const std::string& id, std::vector<std::string>& chain);
  void DecodeUnits(const Fields& top, Config& config);
  void DecodeUnit(const Node& n, Unit& unit);
  void DecodeSites(const Fields& top, Config& config);
  void DecodeSite(const Node& n, Site& site, const Config& config);
  void DecodeColumn(const Node& n, Column& column);
  void DecodeAccounts(const Fields& top, Config& config);
  void DecodeAccount(const Node& n, Account& account, const Config& config);
  void DecodeStorage(const Fields& top, Config& config);
  void DecodeHttp(const Fields& top, Config& config);
  void DecodeWeb(const Fields& top, Config& config);
  void DecodeSchedule(const Fields& top, Config& config);
  void DecodeCrawl(const Fields& top, Config& config);
  void DecodeSiteCrawl(const Fields& site, SiteCrawl& crawl);
  // Issue 4. Channels before alerts: routes refer to channels.
  void DecodeChannels(const Fields& top, Config& config);
  void DecodeChannel(const Node& n, Channel& channel);
  void DecodeAlerts(const Fields& top, Config& config);
  void DecodeRoute(const Node& n, Route& route, const Config& config);
  void DecodeSilence(const Node& n, Silence& silence, const Config& config);
  void DecodeOutbox(const Fields& top, Config& config);
  // A sequence of strings under `key`; false when absent or not a sequence.
  bool GetTextList(const Fields& f, std::string_view key, std::vector<std::string>& out);
  // A list of non-empty strings (word lists); replaces `out` when the key is present.
  void GetNonEmptyTextList(const Fields& f, std::string_view key, std::vector<std::string>& out);
  // "HH:MM" local time of day.
  bool GetTimeOfDay(const Fields& f, std::string_view key, std::optional<std::chrono::minutes>& out);
  bool GetTimeZone(const Fields& f, std::string_view key, core::TimeZone& out);
  bool GetTimestamp(const Fields& f, std::string_view key, std::optional<core::Timestamp>& out);
  // A secret given inline (from ${ENV}) or by an absolute *_file path; never echoed in messages.
  void GetSecret(const Fields& f, std::string_view key, std::string_view file_key,
                 std::optional<std::string>& value, std::optional<std::string>& file);
  void DecodeContent(const Fields& top, Config& config);
  void DecodeArticles(const Fields& top, Config& config);
  // Policy-interpretation keys of a profile (issue 8).
  void DecodeInterpretation(const Fields& f, Profile& p);
  void DecodeAccountSource(const Node& n, AccountSource& source);
  void DecodeNewMedia(const Fields& top, Config& config);

  // Reports a reference to an undefined unit or profile.
  void CheckUnitRef(const Fields& f, const std::string& unit_id);
  void CheckProfileRef(const Fields& f, const std::string& profile_id, const Config& config);
  // Registers a site or account id; reports an id already taken by either.
  void RegisterTarget(const Fields& f, const std::string& id, std::string_view kind);

  const YamlDocument& doc_;
  const std::string& file_;
  const EnvLookup& env_;
  std::vector<Diagnostic>& diagnostics_;
  XPathChecker xpaths_;
  std::unordered_map<std::string, core::Result<core::TimeZone>> time_zones_;
  std::unordered_map<std::string, Position> unit_ids_;
  struct TargetId {
    std::string_view kind;
    Position at;
  };
  std::unordered_map<std::string, TargetId> target_ids_;

  struct ProfileDraft {
    const Node* key_node = nullptr;
    const Node* body = nullptr;
    enum class State { kPending, kResolving, kDone } state = State::kPending;
    Profile resolved;
  };
  std::map<std::string, ProfileDraft> profile_drafts_;
};

void Decoder::CollectEntries(const Node& n, std::vector<Entry>& out, bool merged) {
  const auto kids = doc_.children(n);
  const size_t own_start = out.size();
  std::vector<const Node*> merges;
  for (size_t i = 0; i + 1 < kids.size(); i += 2) {
    const Node& key = doc_.node(kids[i]);
    const Node& value = doc_.node(kids[i + 1]);
    if (key.kind != NodeKind::kScalar) {
      Report(key, "map keys must be strings, got " + std::string(yaml::KindName(key.kind)));
      continue;
    }
    if (key.plain && key.text == "<<") {
      merges.push_back(&value);
      continue;
    }
    if (merged) {
      // A merged key never overrides one the map (or an earlier merge) already has.
      const bool present = std::any_of(out.begin(), out.end(),
                                       [&](const Entry& e) { return e.key == key.text; });
      if (present) continue;
    }
    out.push_back(Entry{key.text, &key, &value});
  }
  (void)own_start;
  for (const Node* m : merges) {
    if (m->kind == NodeKind::kMap) {
      CollectEntries(*m, out, true);
    } else if (m->kind == NodeKind::kSequence) {
      for (std::uint32_t i : doc_.children(*m)) {
        const Node& item = doc_.node(i);
        if (item.kind == NodeKind::kMap) {
          CollectEntries(item, out, true);
        } else {
          Report(item, "'<<': expected a map to merge, got " +
                           std::string(yaml::KindName(item.kind)));
        }
      }
    } else {
      Report(*m, "'<<': expected a map to merge, got " + std::string(yaml::KindName(m->kind)));
    }
  }
}

bool Decoder::ReadMap(const Node& n, std::string_view what, Keys allowed, Fields& out) {
  out.map = &n;
  out.what = what;
  out.entries.clear();
  if (n.kind != NodeKind::kMap) {
    Report(n, "expected a map for " + std::string(what) + ", got " +
                  std::string(yaml::KindName(n.kind)));
    return false;
  }
  CollectEntries(n, out.entries, false);
  for (const Entry& e : out.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    std::string message = "unknown key " + Quote(e.key) + " in " + std::string(what);
    if (const auto suggestion = ClosestMatch(e.key, allowed)) {
      message += " (did you mean " + Quote(*suggestion) + "?)";
    } else {
      message += " (allowed: " + JoinKeys(allowed) + ")";
    }
    Report(*e.key_node, std::move(message));
  }
  return true;
}

const Node* Decoder::ValueOf(const Fields& f, std::string_view key, bool required) {
  const Entry* e = f.Find(key);
  if (e == nullptr) {
    if (required) {
      Report(*f.map, "missing required key " + Quote(key) + " in " + std::string(f.what));
    }
    return nullptr;
  }
  if (e->value->kind == NodeKind::kNull) {
    if (required) Report(*e->value, Quote(key) + ": missing value");
    return nullptr;
  }
  return e->value;
}

bool Decoder::ExpandScalar(const Node& value, std::string_view key, std::string& out) {
  if (value.kind != NodeKind::kScalar) {
    Report(value, Quote(key) + ": expected a string, got " +
                      std::string(yaml::KindName(value.kind)));
    return false;
  }
  if (value.text.find('$') == std::string_view::npos) {
    out.assign(value.text);
    return true;
  }
  EnvExpansion expanded = ExpandEnv(value.text, env_);
  if (expanded.error) {
    Node at = value;
    // Point at the `${` itself when the source text is the value as written.
    if (value.plain) at.column += static_cast<std::uint32_t>(
                                      Utf8Chars(value.text.substr(0, expanded.error_offset)));
    Report(at, Quote(key) + ": " + *expanded.error);
    return false;
  }
  out = std::move(expanded.value);
  return true;
}

bool Decoder::GetText(const Fields& f, std::string_view key, std::string& out, bool required) {
  const Node* v = ValueOf(f, key, required);
  if (v == nullptr) return false;
  std::string text;
  if (!ExpandScalar(*v, key, text)) return false;
  if (required && text.empty()) {
    Report(*v, Quote(key) + ": must not be empty");
    return false;
  }
  out = std::move(text);
  return true;
}

bool Decoder::GetOptText(const Fields& f, std::string_view key, std::optional<std::string>& out) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  std::string text;
  if (!ExpandScalar(*v, key, text)) return false;
  // Empty means unset, so `proxy: ${HTTPS_PROXY:-}` works whether or not the variable is set.
  if (text.empty()) {
    out.reset();
  } else {
    out = std::move(text);
  }
  return true;
}

bool Decoder::GetId(const Fields& f, std::string_view key, std::string& out, bool required) {
  std::string text;
  if (!GetText(f, key, text, required)) return false;
  if (!IsValidId(text)) {
    Report(*f.Find(key)->value,
           Quote(key) + ": invalid id " + Quote(text) + " (" + std::string(kIdRule) + ")");
    return false;
  }
  out = std::move(text);
  return true;
}

bool Decoder::ParseIntText(const Node& value, std::string_view key, const std::string& text,
                           int min, int& out) {
  int n = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const auto [ptr, ec] = std::from_chars(begin, end, n);
  if (ec == std::errc::result_out_of_range) {
    Report(value, Quote(key) + ": number out of range: " + text);
    return false;
  }
  if (ec != std::errc{} || ptr != end) {
    Report(value, Quote(key) + ": expected an integer, got " + Quote(text));
    return false;
  }
  if (n < min) {
    Report(value, Quote(key) + (min == 0 ? ": must not be negative, got "
                                         : ": must be at least " + std::to_string(min) +
                                               ", got ") +
                      text);
    return false;
  }
  out = n;
  return true;
}

bool Decoder::GetInt(const Fields& f, std::string_view key, int& out, int min) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  std::string text;
  if (!ExpandScalar(*v, key, text)) return false;
  return ParseIntText(*v, key, text, min, out);
}

bool Decoder::GetOptInt(const Fields& f, std::string_view key, std::optional<int>& out, int min) {
  int n = 0;
  if (!GetInt(f, key, n, min)) return false;
  out = n;
  return true;
}

bool Decoder::GetRatio(const Fields& f, std::string_view key, double& out) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  std::string text;
  if (!ExpandScalar(*v, key, text)) return false;
  double d = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    Report(*v, Quote(key) + ": expected a number between 0 and 1, got " + Quote(text));
    return false;
  }
  if (!(d >= 0.0 && d <= 1.0)) {
    Report(*v, Quote(key) + ": must be between 0 and 1, got " + text);
    return false;
  }
  out = d;
  return true;
}

bool Decoder::GetBool(const Fields& f, std::string_view key, bool& out) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  std::string text;
  if (!ExpandScalar(*v, key, text)) return false;
  if (text == "true" || text == "True" || text == "TRUE") {
    out = true;
  } else if (text == "false" || text == "False" || text == "FALSE") {
    out = false;
  } else {
    // yes/no/on/off are YAML 1.1 booleans but strings in YAML 1.2; refusing both avoids the
    // ambiguity.
    Report(*v, Quote(key) + ": expected true or false, got " + Quote(text));
    return false;
  }
  return true;
}

bool Decoder::GetDuration(const Fields& f, std::string_view key, std::chrono::milliseconds& out,
                          std::chrono::milliseconds min) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  std::string text;
  if (!ExpandScalar(*v, key, text)) return false;
  const auto parsed = core::ParseDuration(text);
  if (!parsed.ok()) {
    Report(*v, Quote(key) + ": " + parsed.error().message);
    return false;
  }
  if (*parsed < min) {
    Report(*v, Quote(key) + ": must be at least " + std::to_string(min.count()) + "ms, got " +
                   Quote(text));
    return false;
  }
  out = *parsed;
  return true;
}

bool Decoder::ParseSecondsText(const Node& value, std::string_view key, const std::string& text,
                               std::chrono::seconds& out) {
  const auto parsed = core::ParseDuration(text);
  if (!parsed.ok()) {
    Report(value, Quote(key) + ": " + parsed.error().message);
    return false;
  }
  if (*parsed % std::chrono::seconds{1} != std::chrono::milliseconds{0}) {
    Report(value,
           Quote(key) + ": must be whole seconds, got " + std::to_string(parsed->count()) + "ms");
    return false;
  }
  out = std::chrono::duration_cast<std::chrono::seconds>(*parsed);
  return true;
}

bool Decoder::GetSeconds(const Fields& f, std::string_view key, std::chrono::seconds& out,
                         std::string& text) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  if (!ExpandScalar(*v, key, text)) return false;
  return ParseSecondsText(*v, key, text, out);
}

bool Decoder::CheckInterval(const Node& value, std::string_view key, const std::string& text,
                            std::chrono::seconds interval, IntervalKind kind) {
  if (interval < kMinInterval) {
    Report(value, Quote(key) + ": interval must be at least 10s, got " + Quote(text));
    return false;
  }
  if (kind == IntervalKind::kHomepage && interval > kMaxHomepageInterval) {
    Report(value, Quote(key) +
                      ": must be at most 24h (the homepage read is also the "
                      "availability probe), got " +
                      Quote(text));
    return false;
  }
  return true;
}

bool Decoder::GetInterval(const Fields& f, std::string_view key, std::chrono::seconds& out,
                          IntervalKind kind) {
  std::chrono::seconds interval{0};
  std::string text;
  if (!GetSeconds(f, key, interval, text)) return false;
  if (!CheckInterval(*f.Find(key)->value, key, text, interval, kind)) return false;
  out = interval;
  return true;
}

bool Decoder::GetOptInterval(const Fields& f, std::string_view key,
                             std::optional<std::chrono::seconds>& out, IntervalKind kind) {
  std::chrono::seconds interval{0};
  if (!GetInterval(f, key, interval, kind)) return false;
  out = interval;
  return true;
}

bool Decoder::GetUrl(const Fields& f, std::string_view key, std::string& out, bool required) {
  std::string text;
  if (!GetText(f, key, text, required)) return false;
  if (const auto problem = CheckHttpUrl(text)) {
    Report(*f.Find(key)->value, Quote(key) + ": invalid URL " + Quote(text) + ": " + *problem);
    return false;
  }
  out = std::move(text);
  return true;
}

bool Decoder::GetOptUrl(const Fields& f, std::string_view key, std::optional<std::string>& out) {
  std::optional<std::string> text;
  if (!GetOptText(f, key, text)) return false;
  if (text) {
    if (const auto problem = CheckHttpUrl(*text)) {
      Report(*f.Find(key)->value, Quote(key) + ": invalid URL " + Quote(*text) + ": " + *problem);
      return false;
    }
  }
  out = std::move(text);
  return true;
}

bool Decoder::GetXPath(const Fields& f, std::string_view key, std::optional<std::string>& out) {
  std::optional<std::string> text;
  if (!GetOptText(f, key, text)) return false;
  if (text) {
    if (const auto problem = xpaths_.Check(*text)) {
      Report(*f.Find(key)->value, Quote(key) + ": invalid XPath " + Quote(*text) + ": " + *problem);
      return false;
    }
  }
  out = std::move(text);
  return true;
}

template <class Fn>
void Decoder::ForEachItem(const Fields& f, std::string_view key, Fn fn) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return;
  if (v->kind != NodeKind::kSequence) {
    Report(*v, Quote(key) + ": expected a sequence, got " + std::string(yaml::KindName(v->kind)));
    return;
  }
  for (std::uint32_t i : doc_.children(*v)) fn(doc_.node(i));
}

void Decoder::CheckUnitRef(const Fields& f, const std::string& unit_id) {
  if (unit_id.empty() || unit_ids_.count(unit_id) != 0) return;
  std::string message = "'unit': unknown unit " + Quote(unit_id);
  // Suggesting costs one edit distance per unit; bounded so a config full of bad references
  // still loads quickly.
  if (unit_ids_.size() <= 5000) {
    std::vector<std::string_view> ids;
    ids.reserve(unit_ids_.size());
    for (const auto& [id, at] : unit_ids_) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    if (const auto s = ClosestMatch(unit_id, ids)) message += " (did you mean " + Quote(*s) + "?)";
  }
  Report(*f.Find("unit")->value, std::move(message));
}

void Decoder::CheckProfileRef(const Fields& f, const std::string& profile_id,
                              const Config& config) {
  if (config.profiles.count(profile_id) != 0) return;
  std::string message = "'profile': unknown profile " + Quote(profile_id) + " (defined: ";
  bool first = true;
  for (const auto& [id, p] : config.profiles) {
    message += (first ? "" : ", ") + id;
    first = false;
  }
  Report(*f.Find("profile")->value, message + ")");
}

void Decoder::RegisterTarget(const Fields& f, const std::string& id, std::string_view kind) {
  const Node& at = *f.Find("id")->value;
  const auto [it, inserted] = target_ids_.emplace(id, TargetId{kind, PositionOf(at)});
  if (inserted) return;
  if (it->second.kind == kind) {
    Report(at, "duplicate " + std::string(kind) + " id " + Quote(id) + " (first defined at " +
                   it->second.at.ToString() + ")");
  } else {
    // Findings are keyed by target id alone, so sites and accounts share one namespace.
    Report(at, std::string(kind) + " id " + Quote(id) + " is already used by a " +
                   std::string(it->second.kind) + " (at " + it->second.at.ToString() +
                   "); sites and accounts share one id namespace");
  }
}

void Decoder::ForEachColumnKind(
    const Fields& f, std::string_view key, std::string_view value_name,
    const std::function<void(core::ColumnKind, const Entry&, const std::string&)>& use) {
  const Node* kinds = ValueOf(f, key, false);
  if (kinds == nullptr) return;
  const std::string name(key);
  if (kinds->kind != NodeKind::kMap) {
    Report(*kinds, "'" + name + "': expected a map of column kind to " + std::string(value_name) +
                       ", got " + std::string(yaml::KindName(kinds->kind)));
    return;
  }
  std::vector<Entry> entries;
  CollectEntries(*kinds, entries, false);
  for (const Entry& e : entries) {
    const auto kind = core::ParseColumnKind(e.key);
    if (!kind) {
      Report(*e.key_node, "'" + name + "': invalid column kind " + Quote(e.key) +
                              " (allowed: " + AllowedList(kAllColumnKinds) + ")");
      continue;
    }
    if (e.value->kind == NodeKind::kNull) {
      Report(*e.value, Quote(e.key) + ": missing value");
      continue;
    }
    std::string text;
    if (!ExpandScalar(*e.value, e.key, text)) continue;
    use(*kind, e, text);
  }
}

// ---- profiles ----------------------------------------------------------------------------

void Decoder::DecodeProfiles(const Fields& top, Config& config) {
  config.profiles.clear();
  config.profiles.emplace("national", Profile{});
  const Node* v = ValueOf(top, "profiles", false);
  if (v != nullptr) {
    if (v->kind != NodeKind::kMap) {
      Report(*v, "'profiles': expected a map of profile id to settings, got " +
                     std::string(yaml::KindName(v->kind)));
    } else {
      std::vector<Entry> entries;
      CollectEntries(*v, entries, false);
      for (const Entry& e : entries) {
        const std::string id(e.key);
        if (!IsValidId(id)) {
          Report(*e.key_node,
                 "invalid profile id " + Quote(id) + " (" + std::string(kIdRule) + ")");
          continue;
        }
        ProfileDraft& draft = profile_drafts_[id];
        draft.key_node = e.key_node;
        draft.body = e.value;
      }
    }
  }
  for (auto& [id, draft] : profile_drafts_) {
    std::vector<std::string> chain;
    if (const Profile* p = ResolveProfile(id, chain)) config.profiles[id] = *p;
  }
}

const Profile* Decoder::ResolveProfile(const std::string& id, std::vector<std::string>& chain) {
  const auto found = profile_drafts_.find(id);
  if (found == profile_drafts_.end()) return nullptr;
  ProfileDraft& draft = found->second;
  if (draft.state == ProfileDraft::State::kDone) return &draft.resolved;
  if (draft.state == ProfileDraft::State::kResolving) return nullptr;
  draft.state = ProfileDraft::State::kResolving;
  chain.push_back(id);

  Profile p;  // the national defaults
  Fields f;
  const bool is_map = draft.body->kind == NodeKind::kNull ||
                      ReadMap(*draft.body, "profile", kProfileKeys, f);
  if (is_map && draft.body->kind == NodeKind::kMap) {
    std::string parent;
    if (GetId(f, "inherits", parent, false)) {
      const Node& at = *f.Find("inherits")->value;
      const auto parent_draft = profile_drafts_.find(parent);
      if (parent_draft == profile_drafts_.end()) {
        if (parent != "national") Report(at, "'inherits': unknown profile " + Quote(parent));
      } else if (parent_draft->second.state == ProfileDraft::State::kResolving) {
        std::string cycle;
        const auto start = std::find(chain.begin(), chain.end(), parent);
        for (auto it = start; it != chain.end(); ++it) cycle += *it + " -> ";
        Report(at, "'inherits': profile inheritance cycle: " + cycle + parent);
      } else if (const Profile* base = ResolveProfile(parent, chain)) {
        p = *base;
      }
    }
    GetInt(f, "homepage_stale_days", p.homepage_stale_days, 1);
    GetInt(f, "homepage_warn_days", p.homepage_warn_days, 0);
    ForEachColumnKind(f, "column_stale_days", "days",
                      [&](core::ColumnKind kind, const Entry& e, const std::string& text) {
                        int days = 0;
                        if (!ParseIntText(*e.value, e.key, text, 0, days)) return;
                        // 0 removes the rule: columns of this kind are then never stale by
                        // default.
                        if (days == 0) {
                          p.column_stale_days.erase(kind);
                        } else {
                          p.column_stale_days[kind] = days;
                        }
                      });
    GetInt(f, "stale_key_columns_veto", p.stale_key_columns_veto, 1);
    GetInt(f, "stale_columns_veto", p.stale_columns_veto, 1);
    GetInt(f, "blank_columns_veto", p.blank_columns_veto, 1);
    GetInt(f, "account_stale_days", p.account_stale_days, 1);
    GetInt(f, "account_warn_days", p.account_warn_days, 0);
    GetInt(f, "interaction_unanswered_days", p.interaction_unanswered_days, 1);
    GetInt(f, "interaction_window_days", p.interaction_window_days, 1);
    GetInt(f, "availability_probes_per_day", p.availability_probes_per_day, 1);
    std::chrono::milliseconds timeout = p.availability_timeout;
    if (GetDuration(f, "availability_timeout", timeout, std::chrono::seconds{1})) {
      if (timeout % std::chrono::seconds{1} != std::chrono::milliseconds{0}) {
        Report(*f.Find("availability_timeout")->value,
               "'availability_timeout': must be whole seconds, got " +
                   std::to_string(timeout.count()) + "ms");
      } else {
        p.availability_timeout = std::chrono::duration_cast<std::chrono::seconds>(timeout);
      }
    }
    GetRatio(f, "availability_veto_ratio", p.availability_veto_ratio);
    GetRatio(f, "availability_warn_ratio", p.availability_warn_ratio);
    GetInt(f, "availability_window_days", p.availability_window_days, 1);
    GetInt(f, "interpretation_working_days", p.interpretation_working_days, 1);
    GetInterval(f, "homepage_interval", p.homepage_interval, IntervalKind::kHomepage);
    GetInterval(f, "account_interval", p.account_interval, IntervalKind::kTarget);
    ForEachColumnKind(f, "column_interval", "duration",
                      [&](core::ColumnKind kind, const Entry& e, const std::string& text) {
                        std::chrono::seconds interval{0};
                        if (!ParseSecondsText(*e.value, e.key, text, interval)) return;
                        if (!CheckInterval(*e.value, e.key, text, interval,
                                           IntervalKind::kTarget)) {
                          return;
                        }
                        p.column_interval[kind] = interval;
                      });
    GetInterval(f, "column_default_interval", p.column_default_interval, IntervalKind::kTarget);
    DecodeInterpretation(f, p);
  }
  p.id = id;
  chain.pop_back();
  draft.resolved = std::move(p);
  draft.state = ProfileDraft::State::kDone;
  return &draft.resolved;
}

// ---- units -------------------------------------------------------------------------------

void Decoder::DecodeUnits(const Fields& top, Config& config) {
  ForEachItem(top, "units", [&](const Node& n) {
    Unit unit;
    DecodeUnit(n, unit);
    config.units.push_back(std::move(unit));
  });
}

void Decoder::DecodeUnit(const Node& n, Unit& unit) {
  Fields f;
  if (!ReadMap(n, "unit", kUnitKeys, f)) return;
  if (GetId(f, "id", unit.id, true)) {
    const Node& at = *f.Find("id")->value;
    const auto [it, inserted] = unit_ids_.emplace(unit.id, PositionOf(at));
    if (!inserted) {
      Report(at, "duplicate unit id " + Quote(unit.id) + " (first defined at " +
                     it->second.ToString() + ")");
    }
  }
  GetText(f, "name", unit.name, true);
  GetText(f, "region", unit.region, false);
  ForEachItem(f, "aliases", [&](const Node& item) {
    std::string alias;
    if (!ExpandScalar(item, "aliases", alias)) return;
    unit.aliases.push_back(std::move(alias));
  });
  ForEachItem(f, "contacts", [&](const Node& item) {
    Contact contact;
    Fields c;
    if (!ReadMap(item, "contact", kContactKeys, c)) return;
    GetText(c, "name", contact.name, true);
    if (GetText(c, "email", contact.email, false) && !contact.email.empty() &&
        !IsValidEmail(contact.email)) {
      Report(*c.Find("email")->value, "'email': invalid e-mail address " + Quote(contact.email));
    }
    if (GetText(c, "phone", contact.phone, false) && !contact.phone.empty()) {
      const bool ok_chars =
          std::all_of(contact.phone.begin(), contact.phone.end(), [](char ch) {
            return (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == ' ' || ch == '(' ||
                   ch == ')';
          });
      const auto digits = std::count_if(contact.phone.begin(), contact.phone.end(),
                                        [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!ok_chars || digits < 3) {
        Report(*c.Find("phone")->value, "'phone': invalid phone number " + Quote(contact.phone) +
                                            " (digits, spaces, '+', '-', '(' and ')')");
      }
    }
    unit.contacts.push_back(std::move(contact));
  });
}

// ---- sites -------------------------------------------------------------------------------

void Decoder::DecodeSites(const Fields& top, Config& config) {
  ForEachItem(top, "sites", [&](const Node& n) {
    Site site;
    DecodeSite(n, site, config);
    config.sites.push_back(std::move(site));
  });
}

void Decoder::DecodeSite(const Node& n, Site& site, const Config& config) {
  Fields f;
  if (!ReadMap(n, "site", kSiteKeys, f)) return;
  if (GetId(f, "id", site.id, true)) RegisterTarget(f, site.id, "site");
  GetText(f, "name", site.name, true);
  if (GetId(f, "unit", site.unit, true)) CheckUnitRef(f, site.unit);
  GetUrl(f, "homepage", site.homepage, true);
  std::string zone;
  if (GetText(f, "time_zone", zone, false)) {
    auto it = time_zones_.find(zone);
    if (it == time_zones_.end()) it = time_zones_.emplace(zone, core::TimeZone::Load(zone)).first;
    if (it->second.ok()) {
      site.time_zone = *it->second;
    } else {
      Report(*f.Find("time_zone")->value,
             "'time_zone': invalid time zone " + Quote(zone) + ": " + it->second.error().message);
    }
  }
  site.profile = config.default_profile;
  if (GetId(f, "profile", site.profile, false)) CheckProfileRef(f, site.profile, config);
  GetBool(f, "verify_tls", site.verify_tls);
  GetOptInt(f, "homepage_stale_days", site.homepage_stale_days, 1);
  GetOptInterval(f, "homepage_interval", site.homepage_interval, IntervalKind::kHomepage);
  DecodeSiteCrawl(f, site.crawl);

  // Column ids are unique within a site; few per site, so a small sorted scan would do, but a
  // map keeps the first position for the message.
  std::unordered_map<std::string_view, Position> column_ids;
  ForEachItem(f, "columns", [&](const Node& item) {
    Column column;
    DecodeColumn(item, column);
    site.columns.push_back(std::move(column));
  });
  for (size_t i = 0; i < site.columns.size(); ++i) {
    const Column& c = site.columns[i];
    if (c.id.empty()) continue;
    const Node& item = doc_.node(doc_.children(*ValueOf(f, "columns", false))[i]);
    // The id node of this column, for the position of the message.
    Fields cf;
    cf.map = &item;
    const Node* id_node = &item;
    for (size_t k = 0; k + 1 < doc_.children(item).size(); k += 2) {
      const Node& key = doc_.node(doc_.children(item)[k]);
      if (key.kind == NodeKind::kScalar && key.text == "id") {
        id_node = &doc_.node(doc_.children(item)[k + 1]);
      }
    }
    const auto [it, inserted] = column_ids.emplace(c.id, PositionOf(*id_node));
    if (!inserted) {
      Report(*id_node, "duplicate column id " + Quote(c.id) + " in site " + Quote(site.id) +
                           " (first defined at " + it->second.ToString() + ")");
    }
  }
}

void Decoder::DecodeColumn(const Node& n, Column& column) {
  Fields f;
  if (!ReadMap(n, "column", kColumnKeys, f)) return;
  GetId(f, "id", column.id, true);
  GetText(f, "name", column.name, true);
  GetUrl(f, "url", column.url, true);
  std::string kind;
  if (GetText(f, "kind", kind, true)) {
    if (const auto parsed = core::ParseColumnKind(kind)) {
      column.kind = *parsed;
    } else {
      Report(*f.Find("kind")->value, "'kind': invalid column kind " + Quote(kind) +
                                         " (allowed: " + AllowedList(kAllColumnKinds) + ")");
    }
  }
  GetXPath(f, "item_xpath", column.item_xpath);
  GetXPath(f, "title_xpath", column.title_xpath);
  GetXPath(f, "date_xpath", column.date_xpath);
  GetXPath(f, "reply_date_xpath", column.reply_date_xpath);
  GetXPath(f, "reply_state_xpath", column.reply_state_xpath);
  GetOptInt(f, "stale_days", column.stale_days, 1);
  GetOptInterval(f, "interval", column.interval, IntervalKind::kTarget);
}

// ---- accounts ----------------------------------------------------------------------------

void Decoder::DecodeAccounts(const Fields& top, Config& config) {
  ForEachItem(top, "accounts", [&](const Node& n) {
    Account account;
    DecodeAccount(n, account, config);
    config.accounts.push_back(std::move(account));
  });
}

void Decoder::DecodeAccount(const Node& n, Account& account, const Config& config) {
  Fields f;
  if (!ReadMap(n, "account", kAccountKeys, f)) return;
  if (GetId(f, "id", account.id, true)) RegisterTarget(f, account.id, "account");
  GetText(f, "name", account.name, true);
  std::string platform;
  if (GetText(f, "platform", platform, true)) {
    if (const auto parsed = core::ParsePlatform(platform)) {
      account.platform = *parsed;
    } else {
      Report(*f.Find("platform")->value, "'platform': invalid platform " + Quote(platform) +
                                             " (allowed: " + AllowedList(kAllPlatforms) + ")");
    }
  }
  if (GetId(f, "unit", account.unit, true)) CheckUnitRef(f, account.unit);
  if (const Node* source = ValueOf(f, "source", true)) DecodeAccountSource(*source, account.source);
  account.profile = config.default_profile;
  if (GetId(f, "profile", account.profile, false)) CheckProfileRef(f, account.profile, config);
  GetOptInt(f, "stale_days", account.stale_days, 1);
  GetBool(f, "verify_tls", account.verify_tls);
  GetOptInterval(f, "interval", account.interval, IntervalKind::kTarget);
}

// Required keys per type: feed → url; weibo_api → uid; wechat_api → appid and secret or
// secret_file. Keys of another type are rejected, so a typo'd config does not silently read the
// wrong thing.
void Decoder::DecodeAccountSource(const Node& n, AccountSource& source) {
  Fields s;
  if (!ReadMap(n, "source", kSourceKeys, s)) return;
  if (GetText(s, "type", source.type, false) &&
      std::find(kSourceTypes.begin(), kSourceTypes.end(), source.type) == kSourceTypes.end()) {
    Report(*s.Find("type")->value, "'type': invalid source type " + Quote(source.type) +
                                       " (allowed: " + JoinKeys(kSourceTypes) + ")");
    return;
  }
  auto reject = [&](std::initializer_list<std::string_view> keys) {
    for (std::string_view key : keys) {
      if (const Entry* e = s.Find(key)) {
        Report(*e->key_node, Quote(key) + ": not used by source type " + Quote(source.type));
      }
    }
  };
  auto base = [&](std::string_view fallback) {
    if (!GetUrl(s, "base_url", source.base_url, false)) source.base_url = std::string(fallback);
    while (source.base_url.ends_with('/')) source.base_url.pop_back();
  };
  if (source.type == "feed") {
    reject({"base_url", "uid", "appid", "secret", "secret_file"});
    GetUrl(s, "url", source.url, true);
    return;
  }
  reject({"url"});
  if (source.type == "weibo_api") {
    reject({"appid", "secret", "secret_file"});
    base("https://m.weibo.cn");
    if (GetText(s, "uid", source.uid, true) &&
        (source.uid.size() > 20 ||
         !std::all_of(source.uid.begin(), source.uid.end(),
                      [](char c) { return c >= '0' && c <= '9'; }))) {
      Report(*s.Find("uid")->value, "'uid': expected the numeric Weibo user id, got " +
                                        Quote(source.uid));
    }
    source.url = source.base_url + "/u/" + source.uid;
    return;
  }
  // wechat_api
  reject({"uid"});
  base("https://api.weixin.qq.com");
  GetText(s, "appid", source.appid, true);
  GetOptText(s, "secret", source.secret);
  GetOptText(s, "secret_file", source.secret_file);
  if (source.secret && source.secret_file) {
    Report(*s.Find("secret_file")->value,
           "'secret_file': give either 'secret' or 'secret_file', not both");
  } else if (!source.secret && !source.secret_file && s.Find("secret") == nullptr &&
             s.Find("secret_file") == nullptr) {
    Report(*s.map, "missing required key 'secret' or 'secret_file' in source (type wechat_api)");
  } else if (source.secret_file && !source.secret_file->starts_with('/')) {
    Report(*s.Find("secret_file")->value,
           "'secret_file': must be an absolute path, got " + Quote(*source.secret_file));
  }
  source.url = source.base_url + "/cgi-bin/freepublish/batchget";
}

void Decoder::GetNonEmptyTextList(const Fields& f, std::string_view key,
                                  std::vector<std::string>& out) {
  if (ValueOf(f, key, false) == nullptr) return;
  std::vector<std::string> values;
  ForEachItem(f, key, [&](const Node& item) {
    std::string value;
    if (!ExpandScalar(item, key, value)) return;
    if (value.empty()) {
      Report(item, Quote(key) + ": entries must not be empty");
      return;
    }
    values.push_back(std::move(value));
  });
  out = std::move(values);
}

void Decoder::DecodeNewMedia(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "new_media", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "new_media", kNewMediaKeys, f)) return;
  NewMediaSettings& m = config.new_media;
  GetInt(f, "source_error_after", m.source_error_after, 1);
  GetNonEmptyTextList(f, "service_menu_synonyms", m.service_menu_synonyms);
  GetNonEmptyTextList(f, "interaction_menu_synonyms", m.interaction_menu_synonyms);
  GetNonEmptyTextList(f, "closure_phrases", m.closure_phrases);
  GetNonEmptyTextList(f, "government_domains", m.government_domains);
  GetNonEmptyTextList(f, "commercial_domains", m.commercial_domains);
  GetBool(f, "check_links", m.check_links);
}

// ---- storage, http, web, schedule ---------------------------------------------------------------

void Decoder::DecodeStorage(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "storage", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "storage", kStorageKeys, f)) return;
  if (f.Find("path") != nullptr) GetText(f, "path", config.storage.path, true);
  std::chrono::seconds retention{0};
  std::string text;
  if (GetSeconds(f, "observation_retention", retention, text)) {
    if (retention < kMinObservationRetention) {
      Report(*f.Find("observation_retention")->value,
             "'observation_retention': must be at least 8d (availability is computed over 7 "
             "days of observations), got " +
                 Quote(text));
    } else {
      config.storage.observation_retention = retention;
    }
  }
}

void Decoder::DecodeHttp(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "http", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "http", kHttpKeys, f)) return;
  HttpSettings& h = config.http;
  if (f.Find("user_agent") != nullptr) GetText(f, "user_agent", h.user_agent, true);
  using std::chrono::milliseconds;
  GetDuration(f, "connect_timeout", h.connect_timeout, milliseconds{1});
  GetDuration(f, "total_timeout", h.total_timeout, milliseconds{1});
  GetInt(f, "max_connections", h.max_connections, 1);
  GetInt(f, "max_connections_per_host", h.max_connections_per_host, 1);
  GetDuration(f, "per_host_delay", h.per_host_delay, milliseconds{0});
  if (const Node* size = ValueOf(f, "max_body_bytes", false)) {
    std::string text;
    if (ExpandScalar(*size, "max_body_bytes", text)) {
      const auto parsed = ParseByteSize(text);
      if (!parsed.ok()) {
        Report(*size, "'max_body_bytes': " + parsed.error().message);
      } else if (*parsed == 0) {
        Report(*size, "'max_body_bytes': must be at least 1 byte");
      } else {
        h.max_body_bytes = *parsed;
      }
    }
  }
  GetInt(f, "max_redirects", h.max_redirects, 0);
  GetInt(f, "retries", h.retries, 0);
  GetOptUrl(f, "proxy", h.proxy);
}

void Decoder::DecodeWeb(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "web", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "web", kWebKeys, f)) return;
  WebSettings& w = config.web;
  std::optional<ListenAddress> listen;
  if (f.Find("listen") != nullptr) {
    std::string text;
    if (GetText(f, "listen", text, true)) {
      auto parsed = ParseListenAddress(text);
      if (parsed.ok()) {
        w.listen = std::move(text);
        listen = std::move(*parsed);
      } else {
        Report(*f.Find("listen")->value,
               "'listen': invalid listen address " + Quote(text) + ": " + parsed.error().message);
      }
    }
  }
  // A key that is present but bad has been reported; the token rule below would only repeat it.
  bool token_problem = false;
  if (f.Find("token") != nullptr) {
    std::optional<std::string> token;
    if (!GetOptText(f, "token", token) && ValueOf(f, "token", false) != nullptr) {
      token_problem = true;
    } else if (token && !std::all_of(token->begin(), token->end(),
                                     [](char c) { return c > ' ' && c < 0x7f; })) {
      // The value is a secret: the message never repeats it.
      Report(*f.Find("token")->value,
             "'token': must be printable ASCII without spaces (it is sent in an HTTP header)");
      token_problem = true;
    } else {
      w.token = std::move(token);
    }
  }
  if (f.Find("token_file") != nullptr) {
    std::optional<std::string> path;
    if (!GetOptText(f, "token_file", path) && ValueOf(f, "token_file", false) != nullptr) {
      token_problem = true;
    } else if (path && !path->starts_with('/')) {
      // The daemon may run with another working directory than check-config.
      Report(*f.Find("token_file")->value,
             "'token_file': must be an absolute path, got " + Quote(*path));
      token_problem = true;
    } else {
      w.token_file = std::move(path);
    }
  }
  if (w.token && w.token_file) {
    Report(*f.Find("token_file")->value,
           "'token_file': give either 'token' or 'token_file', not both");
  }
  if (listen && !listen->loopback && !w.token && !w.token_file && !token_problem) {
    Report(*f.Find("listen")->value,
           "'listen': a token is required when listening on a non-loopback address (set "
           "'token' or 'token_file')");
  }
}

void Decoder::DecodeSchedule(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "schedule", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "schedule", kScheduleKeys, f)) return;
  GetOptUrl(f, "canary_url", config.schedule.canary_url);
  GetRatio(f, "jitter", config.schedule.jitter);
}

void Decoder::DecodeCrawl(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "crawl", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "crawl", kCrawlKeys, f)) return;
  CrawlSettings& c = config.crawl;
  GetBool(f, "enabled", c.enabled);
  GetInt(f, "max_depth", c.max_depth, 0);
  GetInt(f, "max_pages_per_site_per_day", c.max_pages_per_site_per_day, 1);
  // A crawl more often than hourly would be a load test of the site, not an inspection.
  std::chrono::seconds interval{0};
  std::string text;
  if (GetSeconds(f, "interval", interval, text)) {
    if (interval < std::chrono::seconds{3600}) {
      Report(*f.Find("interval")->value,
             "'interval': a crawl interval must be at least 1h, got " + Quote(text));
    } else {
      c.interval = interval;
    }
  }
  GetSeconds(f, "external_check_ttl", c.external_check_ttl, text);
  GetSeconds(f, "start_spread", c.start_spread, text);
  GetBool(f, "respect_robots_txt", c.respect_robots_txt);
  if (f.Find("spider_user_agent") != nullptr)
    GetText(f, "spider_user_agent", c.spider_user_agent, true);
  GetInt(f, "cloaking_sample_pages", c.cloaking_sample_pages, 0);
  GetInt(f, "concurrency", c.concurrency, 1);
  ForEachItem(f, "illegal_domains", [&](const Node& item) {
    std::string text;
    if (!ExpandScalar(item, "illegal_domains", text)) return;
    auto domain = NormalizeDomain(text);
    if (!domain) {
      Report(item, "'illegal_domains': " + domain.error().message);
      return;
    }
    c.illegal_domains.push_back(std::move(*domain));
  });
  GetOptText(f, "illegal_domains_file", c.illegal_domains_file);
  // The daemon may run with another working directory than check-config.
  if (c.illegal_domains_file && !c.illegal_domains_file->starts_with('/')) {
    Report(*f.Find("illegal_domains_file")->value,
           "'illegal_domains_file': must be an absolute path, got " +
               Quote(*c.illegal_domains_file));
  }
}

void Decoder::DecodeSiteCrawl(const Fields& site, SiteCrawl& crawl) {
  const Node* v = ValueOf(site, "crawl", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "site crawl", kSiteCrawlKeys, f)) return;
  if (f.Find("enabled") != nullptr) {
    bool enabled = false;
    if (GetBool(f, "enabled", enabled)) crawl.enabled = enabled;
  }
  GetOptInt(f, "max_depth", crawl.max_depth, 0);
  GetOptInt(f, "max_pages_per_day", crawl.max_pages_per_day, 1);
  ForEachItem(f, "alias_hosts", [&](const Node& item) {
    if (item.kind != NodeKind::kScalar || item.text.empty() ||
        item.text.find_first_of("/: ") != std::string::npos) {
      Report(item, "'alias_hosts': expected a host name such as www.example.gov.cn");
      return;
    }
    std::string host(item.text);
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    crawl.alias_hosts.push_back(std::move(host));
  });
}

void Decoder::DecodeContent(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "content", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "content", kContentKeys, f)) return;
  if (f.Find("lexicon_dir") != nullptr) {
    std::string dir;
    if (GetText(f, "lexicon_dir", dir, true)) {
      // Relative to the configuration file, not to the working directory (which differs
      // between check-config and the daemon), as Prometheus does for rule files.
      namespace fs = std::filesystem;
      std::error_code ec;
      const fs::path parent = fs::path(file_).parent_path();
      const fs::path base = parent.empty() ? fs::current_path(ec) : fs::absolute(parent, ec);
      std::string resolved = ec ? dir : (base / dir).lexically_normal().string();
      if (resolved.size() > 1 && resolved.ends_with('/')) resolved.pop_back();
      config.content.lexicon_dir = std::move(resolved);
    }
  }
  GetBool(f, "enabled", config.content.enabled);
}

void Decoder::DecodeArticles(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "articles", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "articles", kArticleKeys, f)) return;
  GetBool(f, "enabled", config.articles.enabled);
  GetInt(f, "max_per_pass", config.articles.max_per_pass, 0);
  GetInt(f, "max_per_host", config.articles.max_per_host, 1);
}

void Decoder::DecodeInterpretation(const Fields& f, Profile& p) {
  if (f.Find("interpretation_doc_number_patterns") != nullptr) {
    std::vector<std::string> patterns;
    ForEachItem(f, "interpretation_doc_number_patterns", [&](const Node& item) {
      std::string text;
      if (!ExpandScalar(item, "interpretation_doc_number_patterns", text)) return;
      try {
        const std::regex compiled(text, std::regex::ECMAScript);
        (void)compiled;
        patterns.push_back(std::move(text));
      } catch (const std::regex_error& e) {
        Report(item, "'interpretation_doc_number_patterns': invalid regex " + Quote(text) + ": " +
                         e.what());
      }
    });
    p.interpretation_doc_number_patterns = std::move(patterns);
  }
  auto kinds = [&](std::string_view key, std::vector<core::ColumnKind>& out) {
    if (f.Find(key) == nullptr) return;
    std::vector<core::ColumnKind> read;
    ForEachItem(f, key, [&](const Node& item) {
      std::string text;
      if (!ExpandScalar(item, key, text)) return;
      const auto kind = core::ParseColumnKind(text);
      if (!kind) {
        Report(item, "'" + std::string(key) + "': unknown column kind " + Quote(text) +
                         " (allowed: " + AllowedList(kAllColumnKinds) + ")");
        return;
      }
      read.push_back(*kind);
    });
    out = std::move(read);
  };
  kinds("interpretation_document_kinds", p.interpretation_document_kinds);
  kinds("interpretation_column_kinds", p.interpretation_column_kinds);
  auto dates = [&](std::string_view key, std::vector<std::string>& out) {
    ForEachItem(f, key, [&](const Node& item) {
      std::string text;
      if (!ExpandScalar(item, key, text)) return;
      if (text.size() != 10 || !core::ParseIso8601(text)) {
        Report(item, "'" + std::string(key) + "': expected a date YYYY-MM-DD, got " + Quote(text));
        return;
      }
      out.push_back(std::move(text));
    });
  };
  dates("extra_holidays", p.extra_holidays);
  dates("extra_workdays", p.extra_workdays);
}

void Decoder::Decode(Config& config) {
  const Node& root = doc_.root();
  if (root.kind == NodeKind::kNull) {
    diagnostics_.push_back(Diagnostic{file_, 1, 1,
                                      "the configuration is empty (expected a map with units, "
                                      "sites, accounts, …)"});
    return;
  }
  Fields top;
  if (!ReadMap(root, "the configuration (top level)", kTopKeys, top)) return;
  // Profiles first: sites and accounts refer to them, wherever they appear in the file.
  DecodeProfiles(top, config);
  if (GetId(top, "default_profile", config.default_profile, false) &&
      config.profiles.count(config.default_profile) == 0) {
    Report(*top.Find("default_profile")->value,
           "'default_profile': unknown profile " + Quote(config.default_profile));
  }
  DecodeUnits(top, config);
  DecodeSites(top, config);
  DecodeAccounts(top, config);
  DecodeStorage(top, config);
  DecodeHttp(top, config);
  DecodeWeb(top, config);
  DecodeSchedule(top, config);
  DecodeCrawl(top, config);
  DecodeChannels(top, config);
  DecodeAlerts(top, config);
  DecodeOutbox(top, config);
  DecodeContent(top, config);
  DecodeArticles(top, config);
  DecodeNewMedia(top, config);
}

// ---- channels, alerts, outbox (issue 4) --------------------------------------------------------

bool Decoder::GetTextList(const Fields& f, std::string_view key, std::vector<std::string>& out) {
  const Node* v = ValueOf(f, key, false);
  if (v == nullptr) return false;
  if (v->kind != NodeKind::kSequence) {
    Report(*v, Quote(key) + ": expected a sequence, got " + std::string(yaml::KindName(v->kind)));
    return false;
  }
  out.clear();
  for (std::uint32_t i : doc_.children(*v)) {
    std::string text;
    if (ExpandScalar(doc_.node(i), key, text)) out.push_back(std::move(text));
  }
  return true;
}

bool Decoder::GetTimeOfDay(const Fields& f, std::string_view key,
                           std::optional<std::chrono::minutes>& out) {
  std::string text;
  if (!GetText(f, key, text, false)) return false;
  int h = -1, m = -1;
  const bool shape = text.size() == 5 && text[2] == ':' &&
                     std::all_of(text.begin(), text.end(),
                                 [](char c) { return (c >= '0' && c <= '9') || c == ':'; });
  if (shape) {
    h = (text[0] - '0') * 10 + (text[1] - '0');
    m = (text[3] - '0') * 10 + (text[4] - '0');
  }
  // 24:00 is allowed as the end of a window that runs to midnight.
  if (!shape || m > 59 || h > 24 || (h == 24 && m != 0)) {
    Report(*f.Find(key)->value,
           Quote(key) + ": expected a local time HH:MM (00:00 to 24:00), got " + Quote(text));
    return false;
  }
  out = std::chrono::minutes{h * 60 + m};
  return true;
}

bool Decoder::GetTimeZone(const Fields& f, std::string_view key, core::TimeZone& out) {
  std::string zone;
  if (!GetText(f, key, zone, false)) return false;
  auto it = time_zones_.find(zone);
  if (it == time_zones_.end()) it = time_zones_.emplace(zone, core::TimeZone::Load(zone)).first;
  if (!it->second.ok()) {
    Report(*f.Find(key)->value, Quote(key) + ": invalid time zone " + Quote(zone) + ": " +
                                    it->second.error().message);
    return false;
  }
  out = *it->second;
  return true;
}

bool Decoder::GetTimestamp(const Fields& f, std::string_view key,
                           std::optional<core::Timestamp>& out) {
  std::string text;
  if (!GetText(f, key, text, false)) return false;
  // Times without an offset are Beijing time, like everything people write in this config.
  auto parsed = core::ParseIso8601(text, std::chrono::hours{8});
  if (!parsed) {
    Report(*f.Find(key)->value, Quote(key) + ": expected a time such as 2021-07-01T08:00:00+08:00, "
                                             "got " + Quote(text));
    return false;
  }
  out = *parsed;
  return true;
}

void Decoder::GetSecret(const Fields& f, std::string_view key, std::string_view file_key,
                        std::optional<std::string>& value, std::optional<std::string>& file) {
  if (f.Find(key) != nullptr) GetOptText(f, key, value);
  if (f.Find(file_key) != nullptr) {
    std::optional<std::string> path;
    if (GetOptText(f, file_key, path) && path) {
      if (!path->starts_with('/')) {
        Report(*f.Find(file_key)->value,
               Quote(file_key) + ": must be an absolute path, got " + Quote(*path));
      } else {
        file = std::move(path);
      }
    }
  }
  if (value && file) {
    Report(*f.Find(file_key)->value, Quote(file_key) + ": give either " + Quote(key) + " or " +
                                         Quote(file_key) + ", not both");
  }
}

void Decoder::DecodeChannels(const Fields& top, Config& config) {
  std::unordered_map<std::string, Position> names;
  ForEachItem(top, "channels", [&](const Node& n) {
    Channel channel;
    DecodeChannel(n, channel);
    if (!channel.name.empty()) {
      const auto [it, inserted] = names.emplace(channel.name, PositionOf(n));
      if (!inserted) {
        Report(n, "duplicate channel name " + Quote(channel.name) + " (first defined at " +
                      it->second.ToString() + ")");
      }
    }
    config.channels.push_back(std::move(channel));
  });
}

void Decoder::DecodeChannel(const Node& n, Channel& channel) {
  Fields f;
  if (!ReadMap(n, "channel", kChannelKeys, f)) return;
  GetId(f, "name", channel.name, true);
  std::string type;
  if (GetText(f, "type", type, true)) {
    if (type == "email") {
      channel.type = Channel::Type::kEmail;
    } else if (type == "webhook") {
      channel.type = Channel::Type::kWebhook;
    } else if (type == "dingtalk") {
      channel.type = Channel::Type::kDingTalk;
    } else if (type == "wecom") {
      channel.type = Channel::Type::kWeCom;
    } else {
      Report(*f.Find("type")->value, "'type': unknown channel type " + Quote(type) +
                                         " (allowed: " + JoinKeys(kChannelTypes) + ")");
      return;
    }
  } else {
    return;
  }
  const bool email = channel.type == Channel::Type::kEmail;
  // Keys of the other kind of channel are mistakes, not options.
  const std::array<std::string_view, 7> email_only = {"smtp_url", "smtp_require_tls", "username",
                                                      "password", "password_file", "from", "to"};
  const std::array<std::string_view, 3> hook_only = {"url", "headers", "secret"};
  for (std::string_view k : email ? std::span<const std::string_view>(hook_only)
                                  : std::span<const std::string_view>(email_only)) {
    if (const Entry* e = f.Find(k)) {
      Report(*e->key_node, Quote(k) + ": not used by a " + type + " channel");
    }
  }
  GetBool(f, "verify_tls", channel.verify_tls);
  GetOptText(f, "subject_template", channel.subject_template);
  GetOptText(f, "body_template", channel.body_template);
  for (const char* k : {"subject_template", "body_template"}) {
    const auto& v = std::string_view(k) == "subject_template" ? channel.subject_template
                                                              : channel.body_template;
    if (v && !v->starts_with('/')) {
      Report(*f.Find(k)->value, Quote(k) + ": must be an absolute path, got " + Quote(*v));
    }
  }
  if (email) {
    if (GetText(f, "smtp_url", channel.smtp_url, true) &&
        !channel.smtp_url.starts_with("smtp://") && !channel.smtp_url.starts_with("smtps://")) {
      Report(*f.Find("smtp_url")->value,
             "'smtp_url': expected smtp://HOST[:PORT] or smtps://HOST[:PORT], got " +
                 Quote(channel.smtp_url));
    }
    GetBool(f, "smtp_require_tls", channel.smtp_require_tls);
    if (f.Find("username") != nullptr) GetOptText(f, "username", channel.username);
    GetSecret(f, "password", "password_file", channel.password, channel.password_file);
    if (GetText(f, "from", channel.from, true) && !IsValidEmail(channel.from)) {
      Report(*f.Find("from")->value, "'from': invalid e-mail address " + Quote(channel.from));
    }
    if (GetTextList(f, "to", channel.to)) {
      const Node* list = ValueOf(f, "to", false);
      const auto kids = doc_.children(*list);
      for (size_t i = 0; i < channel.to.size() && i < kids.size(); ++i) {
        if (!IsValidEmail(channel.to[i])) {
          Report(doc_.node(kids[i]), "'to': invalid e-mail address " + Quote(channel.to[i]));
        }
      }
    }
    return;
  }
  // The URL of a robot carries its access token: messages name the key, not the value.
  if (GetText(f, "url", channel.url, true)) {
    if (const auto problem = CheckHttpUrl(channel.url)) {
      Report(*f.Find("url")->value, "'url': invalid URL: " + *problem);
    }
  }
  if (const Node* headers = ValueOf(f, "headers", false)) {
    if (headers->kind != NodeKind::kMap) {
      Report(*headers, "'headers': expected a map, got " +
                           std::string(yaml::KindName(headers->kind)));
    } else {
      std::vector<Entry> entries;
      CollectEntries(*headers, entries, false);
      for (const Entry& e : entries) {
        std::string value;
        if (ExpandScalar(*e.value, e.key, value)) channel.headers[std::string(e.key)] = value;
      }
    }
  }
  if (f.Find("secret") != nullptr) GetOptText(f, "secret", channel.secret);
  if (channel.secret && channel.type != Channel::Type::kDingTalk) {
    Report(*f.Find("secret")->key_node, "'secret': only DingTalk robots sign requests");
  }
}

void Decoder::DecodeAlerts(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "alerts", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "alerts", kAlertKeys, f)) return;
  AlertSettings& a = config.alerts;
  GetInt(f, "for_observations", a.for_observations, 1);
  std::string text;
  GetSeconds(f, "for_duration", a.for_duration, text);
  std::chrono::seconds reminder{0};
  if (GetSeconds(f, "reminder_initial", reminder, text)) {
    if (reminder < std::chrono::minutes{1}) {
      Report(*f.Find("reminder_initial")->value,
             "'reminder_initial': must be at least 1m, got " + Quote(text));
    } else {
      a.reminder_initial = reminder;
    }
  }
  if (GetSeconds(f, "reminder_max", reminder, text)) {
    if (reminder < a.reminder_initial) {
      Report(*f.Find("reminder_max")->value,
             "'reminder_max': must not be shorter than reminder_initial, got " + Quote(text));
    } else {
      a.reminder_max = reminder;
    }
  }
  GetBool(f, "send_resolved", a.send_resolved);
  std::optional<std::chrono::minutes> digest;
  if (GetTimeOfDay(f, "digest_time", digest)) {
    if (*digest >= std::chrono::minutes{24 * 60}) {
      Report(*f.Find("digest_time")->value, "'digest_time': must be before 24:00");
    } else {
      a.digest_time = *digest;
    }
  }
  GetTimeZone(f, "time_zone", a.time_zone);
  GetOptUrl(f, "status_url", a.status_url);
  GetInt(f, "upstream_min_targets", a.upstream_min_targets, 2);
  ForEachItem(f, "routes", [&](const Node& n) {
    Route route;
    DecodeRoute(n, route, config);
    a.routes.push_back(std::move(route));
  });
  ForEachItem(f, "silences", [&](const Node& n) {
    Silence silence;
    DecodeSilence(n, silence, config);
    a.silences.push_back(std::move(silence));
  });
}

void Decoder::DecodeRoute(const Node& n, Route& route, const Config& config) {
  Fields f;
  if (!ReadMap(n, "route", kRouteKeys, f)) return;
  auto check_each = [&](std::string_view key, const std::vector<std::string>& values,
                        const std::function<std::optional<std::string>(const std::string&)>& bad) {
    const Node* list = ValueOf(f, key, false);
    if (list == nullptr || list->kind != NodeKind::kSequence) return;
    const auto kids = doc_.children(*list);
    for (size_t i = 0; i < values.size() && i < kids.size(); ++i) {
      if (auto problem = bad(values[i])) Report(doc_.node(kids[i]), *problem);
    }
  };
  if (GetTextList(f, "units", route.units)) {
    check_each("units", route.units, [&](const std::string& id) -> std::optional<std::string> {
      if (unit_ids_.count(id) != 0) return std::nullopt;
      return "'units': unknown unit " + Quote(id);
    });
  }
  if (GetTextList(f, "regions", route.regions)) {
    check_each("regions", route.regions, [&](const std::string& r) -> std::optional<std::string> {
      for (const Unit& u : config.units) {
        if (u.region == r) return std::nullopt;
      }
      return "'regions': no unit is in region " + Quote(r);
    });
  }
  GetTextList(f, "checks", route.checks);
  std::string severity;
  if (GetText(f, "min_severity", severity, false)) {
    bool found = false;
    for (core::Severity s : {core::Severity::kVeto, core::Severity::kDeduction,
                             core::Severity::kWarning, core::Severity::kInfo}) {
      if (core::ToString(s) == severity) {
        route.min_severity = s;
        found = true;
      }
    }
    if (!found) {
      Report(*f.Find("min_severity")->value, "'min_severity': unknown severity " +
                                                 Quote(severity) + " (allowed: " +
                                                 JoinKeys(kSeverityNames) + ")");
    }
  }
  if (!GetTextList(f, "channels", route.channels)) {
    if (ValueOf(f, "channels", false) == nullptr) {
      Report(*f.map, "missing required key 'channels' in route");
    }
  } else {
    check_each("channels", route.channels,
               [&](const std::string& name) -> std::optional<std::string> {
                 if (config.FindChannel(name) != nullptr) return std::nullopt;
                 std::string message = "'channels': unknown channel " + Quote(name);
                 std::vector<std::string_view> names;
                 for (const Channel& c : config.channels) names.push_back(c.name);
                 if (const auto s = ClosestMatch(name, names)) {
                   message += " (did you mean " + Quote(*s) + "?)";
                 }
                 return message;
               });
  }
  GetBool(f, "unit_contacts", route.unit_contacts);
}

void Decoder::DecodeSilence(const Node& n, Silence& silence, const Config& config) {
  (void)config;
  Fields f;
  if (!ReadMap(n, "silence", kSilenceKeys, f)) return;
  if (GetTextList(f, "targets", silence.targets)) {
    const auto kids = doc_.children(*ValueOf(f, "targets", false));
    for (size_t i = 0; i < silence.targets.size() && i < kids.size(); ++i) {
      const std::string& t = silence.targets[i];
      if (target_ids_.count(t.substr(0, t.find('/'))) == 0) {
        Report(doc_.node(kids[i]), "'targets': unknown site or account " + Quote(t));
      }
    }
  }
  if (GetTextList(f, "units", silence.units)) {
    const auto kids = doc_.children(*ValueOf(f, "units", false));
    for (size_t i = 0; i < silence.units.size() && i < kids.size(); ++i) {
      if (unit_ids_.count(silence.units[i]) == 0) {
        Report(doc_.node(kids[i]), "'units': unknown unit " + Quote(silence.units[i]));
      }
    }
  }
  GetTextList(f, "checks", silence.checks);
  GetTimestamp(f, "from", silence.from);
  GetTimestamp(f, "until", silence.until);
  if (silence.from && silence.until && *silence.until <= *silence.from) {
    Report(*f.Find("until")->value, "'until': must be after 'from'");
  }
  std::vector<std::string> days;
  if (GetTextList(f, "weekly_days", days)) {
    static constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu",
                                                              "fri", "sat", "sun"};
    const auto kids = doc_.children(*ValueOf(f, "weekly_days", false));
    for (size_t i = 0; i < days.size() && i < kids.size(); ++i) {
      int day = 0;
      for (size_t d = 0; d < kDays.size(); ++d) {
        if (days[i] == kDays[d] || days[i] == std::to_string(d + 1)) day = static_cast<int>(d + 1);
      }
      if (day == 0) {
        Report(doc_.node(kids[i]), "'weekly_days': expected 1-7 or mon … sun, got " +
                                       Quote(days[i]));
      } else {
        silence.weekly_days.push_back(day);
      }
    }
  }
  GetTimeOfDay(f, "start", silence.start);
  GetTimeOfDay(f, "end", silence.end);
  if (!silence.weekly_days.empty() && (!silence.start || !silence.end)) {
    Report(*f.Find("weekly_days")->value,
           "'weekly_days': a maintenance window needs 'start' and 'end'");
  }
  core::TimeZone zone;
  if (GetTimeZone(f, "time_zone", zone)) silence.time_zone = zone;
  GetText(f, "comment", silence.comment, false);
  if (silence.targets.empty() && silence.units.empty() && silence.checks.empty()) {
    Report(n, "silence: give at least one of 'targets', 'units' or 'checks' (a silence of "
              "everything would hide every alert)");
  }
}

void Decoder::DecodeOutbox(const Fields& top, Config& config) {
  const Node* v = ValueOf(top, "outbox", false);
  if (v == nullptr) return;
  Fields f;
  if (!ReadMap(*v, "outbox", kOutboxKeys, f)) return;
  OutboxSettings& o = config.outbox;
  GetInt(f, "max_attempts", o.max_attempts, 1);
  std::string text;
  std::chrono::seconds d{0};
  for (auto [key, out] : {std::pair<const char*, std::chrono::seconds*>{"initial_backoff", &o.initial_backoff},
                          {"max_backoff", &o.max_backoff},
                          {"send_timeout", &o.send_timeout}}) {
    if (!GetSeconds(f, key, d, text)) continue;
    if (d < std::chrono::seconds{1}) {
      Report(*f.Find(key)->value, Quote(key) + ": must be at least 1s, got " + Quote(text));
      continue;
    }
    *out = d;
  }
  if (o.max_backoff < o.initial_backoff && f.Find("max_backoff") != nullptr) {
    Report(*f.Find("max_backoff")->value,
           "'max_backoff': must not be shorter than initial_backoff");
  }
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

LoadResult LoadConfigString(std::string_view yaml, const std::string& file_name_for_messages,
                            const EnvLookup& env) {
  LoadResult result;
  const YamlDocument doc = YamlDocument::Parse(yaml, file_name_for_messages, result.diagnostics);
  const bool syntax_error = !result.diagnostics.empty() && doc.empty();
  if (!syntax_error) {
    Config config;
    config.source_file = file_name_for_messages;
    Decoder(doc, file_name_for_messages, env, result.diagnostics).Decode(config);
    if (result.diagnostics.empty()) result.config = std::move(config);
  }
  SortByPosition(result.diagnostics);
  return result;
}

LoadResult LoadConfigString(std::string_view yaml, const std::string& file_name_for_messages) {
  return LoadConfigString(yaml, file_name_for_messages, ProcessEnv());
}

LoadResult LoadConfigFile(const std::string& path, const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    LoadResult result;
    result.diagnostics.push_back(Diagnostic{
        path, 0, 0, std::string("cannot read configuration file: ") + std::strerror(err)});
    return result;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    LoadResult result;
    result.diagnostics.push_back(Diagnostic{path, 0, 0, "cannot read configuration file"});
    return result;
  }
  return LoadConfigString(text, path, env);
}

LoadResult LoadConfigFile(const std::string& path) { return LoadConfigFile(path, ProcessEnv()); }

}  // namespace govwatch::config
