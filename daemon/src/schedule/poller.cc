#include "schedule/poller.h"

#include <algorithm>
#include <map>
#include <set>

#include "checks/account_closed.h"
#include "checks/account_commercial.h"
#include "checks/account_duplicate.h"
#include "checks/account_freshness.h"
#include "checks/column_freshness.h"
#include "checks/homepage_freshness.h"
#include "checks/interaction_response.h"
#include "checks/site_aggregate.h"
#include "checks/source_error.h"
#include "checks/wechat_menu.h"
#include "checks/weibo_profile_link.h"
#include "extract/extract.h"
#include "schedule/articles.h"

namespace govwatch::schedule {
namespace {

Target HomepageTarget(const config::Site& site) {
  return Target{store::TargetKind::kSite, site.id, &site, nullptr, nullptr, site.homepage};
}

Target ColumnTarget(const config::Site& site, const config::Column& column) {
  return Target{store::TargetKind::kColumn, checks::ColumnTargetId(site.id, column.id), &site,
                &column, nullptr, column.url};
}

Target AccountTarget(const config::Account& account) {
  return Target{store::TargetKind::kAccount, account.id, nullptr, nullptr, &account,
                account.source.url};
}

void AddSite(const config::Site& site, std::vector<Target>& out) {
  out.push_back(HomepageTarget(site));
  for (const auto& column : site.columns) out.push_back(ColumnTarget(site, column));
}

store::TargetRecord RecordOf(const Target& t) {
  store::TargetRecord r;
  r.id = t.id;
  r.kind = t.kind;
  r.url = t.url;
  if (t.account != nullptr) {
    r.unit = t.account->unit;
    r.name = t.account->name;
  } else {
    r.unit = t.site->unit;
    r.name = t.column != nullptr ? t.column->name : t.site->name;
    if (t.column != nullptr) r.parent = t.site->id;
  }
  return r;
}

checks::SourceState StateOf(const TargetOutcome& o) {
  checks::SourceState s;
  s.readable = o.readable;
  s.unreadable_reason = o.failure;
  s.items = o.items;
  s.stored_last_update = o.last_update;
  s.items_ever_seen = o.items_ever_seen;
  return s;
}

// What the account rules see of an outcome read the old way (a feed through FetchFn): the
// items, their titles as texts.
checks::AccountObservation ObservationOf(const TargetOutcome& o) {
  if (o.account) return *o.account;
  checks::AccountObservation obs;
  obs.readable = o.readable;
  obs.unreadable_reason = o.failure;
  for (const auto& item : o.items) obs.posts.push_back(checks::Post{item, item.title, {}});
  return obs;
}

void AppendFindings(const checks::CheckResult& result, std::vector<core::Finding>& out) {
  out.insert(out.end(), result.findings.begin(), result.findings.end());
}
void AppendFindings(std::vector<core::Finding> findings, std::vector<core::Finding>& out) {
  for (auto& f : findings) out.push_back(std::move(f));
}

// The checks of a pass whose outcomes are read and stored: site by site, then accounts (and,
// with `health`, the source_error check of each platform read).
core::Result<PassResult> CheckPass(const config::Config& config, PassResult pass,
                                   store::Store& store, core::Timestamp now,
                                   const SourceHealthBook* health);

}  // namespace

core::Status RememberOutcome(store::Store& store, TargetOutcome& o,
                             const fetch::Response& response, core::Timestamp now,
                             bool network_down) {
  if (auto s = store.UpsertTarget(RecordOf(o.target)); !s) return s;
  store::Observation obs;
  obs.started_at = now;
  obs.duration = o.elapsed;
  obs.outcome = o.readable ? store::Observation::kOk : o.failure;
  if (o.http_status != 0) obs.http_status = o.http_status;
  obs.bytes = static_cast<std::int64_t>(response.body.size());
  obs.detail = o.readable ? response.final_url : o.failure_detail;
  obs.network_down = network_down && !o.readable;
  const std::vector<core::Item> none;
  if (auto r = store.RecordObservation(o.target.id, obs, o.readable ? o.items : none); !r) {
    return r.error();
  }
  store::LastUpdateOptions options;
  // The homepage rule counts only dated items; an account's pinned post says nothing of
  // whether it is still posting.
  options.include_first_seen = o.target.kind != store::TargetKind::kSite;
  options.include_pinned = o.target.kind != store::TargetKind::kAccount;
  auto last = store.LastUpdate(o.target.id, options);
  if (!last) return last.error();
  o.last_update = *last;
  auto count = store.ItemCount(o.target.id);
  if (!count) return count.error();
  o.items_ever_seen = *count;
  return {};
}

TargetCheck CheckOutcome(const config::Config& config, const TargetOutcome& o,
                         core::Timestamp now) {
  TargetCheck out;
  out.target_id = o.target.id;
  const checks::SourceState state = StateOf(o);
  if (o.target.account != nullptr) {
    // Account posts are dated in Beijing time whatever the platform's server says.
    const core::TimeZone shanghai;
    const config::Profile& profile = config.ProfileFor(o.target.account->profile);
    out.scope = {checks::kAccountFreshness};
    out.result = checks::CheckAccountFreshness(*o.target.account, profile, state, now, shanghai);
    return out;
  }
  const config::Site& site = *o.target.site;
  const config::Profile& profile = config.ProfileFor(site.profile);
  if (o.target.column == nullptr) {
    out.scope = {checks::kHomepageFreshness};
    out.result = checks::CheckHomepageFreshness(site, profile, state, now);
    return out;
  }
  auto column = checks::CheckColumnFreshness(site, *o.target.column, profile, state, now);
  out.scope = {checks::kColumnFreshness, checks::kBlankColumn};
  out.result = std::move(column.result);
  out.column = checks::ColumnOutcome{o.target.column->name, o.target.column->kind,
                                     column.verdict};
  return out;
}

TargetCheck CheckSite(const config::Config& config, const config::Site& site,
                      const std::vector<checks::ColumnOutcome>& columns) {
  TargetCheck out;
  out.target_id = site.id;
  out.scope = {checks::kSiteStaleColumns, checks::kSiteBlankColumns};
  out.result = checks::CheckSiteAggregate(site, config.ProfileFor(site.profile), columns);
  return out;
}

core::Result<std::vector<Target>> ResolveTargets(const config::Config& config,
                                                 const std::vector<std::string>& ids) {
  std::vector<Target> targets;
  std::vector<std::string> unknown;
  for (const auto& id : ids) {
    if (id == "all") {
      for (const auto& site : config.sites) AddSite(site, targets);
      for (const auto& account : config.accounts) targets.push_back(AccountTarget(account));
    } else if (const auto slash = id.find('/'); slash != std::string::npos) {
      const config::Site* site = config.FindSite(id.substr(0, slash));
      const config::Column* column = nullptr;
      if (site != nullptr) {
        for (const auto& c : site->columns) {
          if (c.id == id.substr(slash + 1)) column = &c;
        }
      }
      if (column == nullptr) {
        unknown.push_back(id);
      } else {
        targets.push_back(ColumnTarget(*site, *column));
      }
    } else if (const auto* site = config.FindSite(id)) {
      AddSite(*site, targets);
    } else if (const auto* account = config.FindAccount(id)) {
      targets.push_back(AccountTarget(*account));
    } else {
      unknown.push_back(id);
    }
  }
  if (!unknown.empty()) {
    std::string message = "unknown target";
    message += unknown.size() > 1 ? "s " : " ";
    for (size_t i = 0; i < unknown.size(); ++i) message += (i ? ", '" : "'") + unknown[i] + "'";
    return core::MakeError(message +
                           " (expected 'all', a site id, SITE/COLUMN or an account id)");
  }
  std::set<std::string> seen;
  std::vector<Target> unique;
  for (auto& t : targets) {
    if (seen.insert(t.id).second) unique.push_back(std::move(t));
  }
  return unique;
}

TargetOutcome ReadResponse(const Target& target, const fetch::Response& response,
                           core::Timestamp now) {
  TargetOutcome o;
  o.target = target;
  o.http_status = response.status;
  o.probed_at = now;
  o.elapsed = response.elapsed;
  if (!response.ok()) {
    o.failure = std::string(fetch::ToString(response.failure));
    o.failure_detail = response.detail;
    return o;
  }
  o.readable = true;
  if (response.not_modified) return o;  // nothing new; the store holds the history
  extract::Context ctx;
  ctx.base_url = response.final_url.empty() ? target.url : response.final_url;
  ctx.now = now;
  if (target.account != nullptr) {
    auto feed = extract::ParseFeed(response.body, ctx);
    if (!feed) {
      o.readable = false;
      o.failure = "parse";
      o.failure_detail = feed.error().message;
      return o;
    }
    o.items = std::move(feed->items);
    return o;
  }
  ctx.tz = target.site->time_zone;
  extract::ListSelectors selectors;
  if (target.column != nullptr) {
    selectors.item_xpath = target.column->item_xpath;
    selectors.title_xpath = target.column->title_xpath;
    selectors.date_xpath = target.column->date_xpath;
  }
  auto page = extract::ExtractList(response.body, ctx, selectors);
  if (!page) {
    o.readable = false;
    o.failure = "parse";
    o.failure_detail = page.error().message;
    return o;
  }
  o.items = std::move(page->items);
  if (target.column != nullptr && target.column->kind == core::ColumnKind::kInteraction) {
    extract::MessageSelectors sel;
    sel.item_xpath = target.column->item_xpath;
    sel.title_xpath = target.column->title_xpath;
    sel.submitted_xpath = target.column->date_xpath;
    sel.replied_xpath = target.column->reply_date_xpath;
    sel.state_xpath = target.column->reply_state_xpath;
    if (auto messages = extract::ExtractMessages(response.body, ctx, sel)) {
      o.messages = std::move(*messages);
    } else {
      o.messages_failure = messages.error().message;
    }
  }
  return o;
}

std::optional<TargetCheck> CheckInteraction(const config::Config& config, const TargetOutcome& o,
                                            core::Timestamp now) {
  if (o.target.column == nullptr || o.target.column->kind != core::ColumnKind::kInteraction) {
    return std::nullopt;
  }
  const config::Site& site = *o.target.site;
  TargetCheck out;
  out.target_id = o.target.id;
  out.scope = {checks::kInteractionResponse};
  if (o.messages) {
    out.result = checks::CheckInteractionResponse(site, *o.target.column,
                                                  config.ProfileFor(site.profile), *o.messages,
                                                  now);
  } else {
    // Unreadable, unchanged (304) or a configured XPath that failed: no verdict either way.
    out.result.status = core::CheckStatus::kUnknown;
    out.result.note = !o.messages_failure.empty() ? o.messages_failure
                      : o.readable               ? "page not modified; messages not read"
                                                 : "unreadable: " + o.failure;
  }
  return out;
}

namespace {

core::Result<PassResult> CheckPass(const config::Config& config, PassResult pass,
                                   store::Store& store, core::Timestamp now,
                                   const SourceHealthBook* health) {
  // Checks, site by site so a site's findings stay together, then accounts.
  auto apply = [&](const std::string& target_id, std::vector<std::string> scope,
                   const checks::CheckResult& result) -> core::Status {
    // An unreadable source neither opens nor resolves findings (as in the scheduler): a
    // finding stays open until a successful read shows the problem gone.
    if (result.status == core::CheckStatus::kUnknown) {
      ++pass.unknown_checks;
      return {};
    }
    pass.findings.insert(pass.findings.end(), result.findings.begin(), result.findings.end());
    return store.ReplaceOpenFindings(target_id, scope, result.findings, now);
  };
  std::map<const config::Site*, std::vector<const TargetOutcome*>> by_site;
  std::vector<const config::Site*> site_order;
  for (const auto& o : pass.outcomes) {
    if (o.target.site == nullptr) continue;
    if (!by_site.contains(o.target.site)) site_order.push_back(o.target.site);
    by_site[o.target.site].push_back(&o);
  }
  for (const config::Site* site : site_order) {
    std::vector<checks::ColumnOutcome> columns;
    for (const TargetOutcome* o : by_site[site]) {
      const TargetCheck check = CheckOutcome(config, *o, now);
      if (auto s = apply(check.target_id, check.scope, check.result); !s) return s.error();
      if (check.column) columns.push_back(*check.column);
      if (const auto interaction = CheckInteraction(config, *o, now)) {
        if (auto s = apply(interaction->target_id, interaction->scope, interaction->result); !s)
          return s.error();
      }
    }
    // The aggregate speaks for the whole site, so it runs only when every column was read.
    if (columns.size() == site->columns.size()) {
      const TargetCheck check = CheckSite(config, *site, columns);
      if (auto s = apply(check.target_id, check.scope, check.result); !s) return s.error();
    }
  }
  std::vector<core::Platform> platforms;
  for (const auto& o : pass.outcomes) {
    if (o.target.account == nullptr) continue;
    const TargetCheck check = CheckOutcome(config, o, now);
    if (auto s = apply(check.target_id, check.scope, check.result); !s) return s.error();
    for (const TargetCheck& rule : CheckAccountRules(config, o)) {
      if (auto s = apply(rule.target_id, rule.scope, rule.result); !s) return s.error();
    }
    if (std::find(platforms.begin(), platforms.end(), o.target.account->platform) ==
        platforms.end()) {
      platforms.push_back(o.target.account->platform);
    }
  }
  if (health != nullptr) {
    for (core::Platform platform : platforms) {
      const TargetCheck check = CheckSourceHealth(config, *health, platform);
      if (auto s = RememberSourceHealth(store, check, platform, now); !s) return s.error();
      pass.findings.insert(pass.findings.end(), check.result.findings.begin(),
                           check.result.findings.end());
    }
  }
  return pass;
}

}  // namespace

void SourceHealthBook::Record(const config::Account& account, bool readable,
                              const std::string& reason, core::Timestamp now) {
  Entry& e = entries_[account.id];
  if (readable) {
    e = Entry{};
    return;
  }
  if (e.failures == 0) e.since = now;
  ++e.failures;
  e.reason = reason;
}

void SourceHealthBook::Seed(const config::Account& account, int failures,
                            const std::string& reason) {
  if (entries_.contains(account.id) || failures <= 0) return;
  entries_[account.id] = Entry{failures, reason, std::nullopt};
}

std::vector<checks::SourceHealth> SourceHealthBook::For(const config::Config& config,
                                                        core::Platform platform) const {
  std::vector<checks::SourceHealth> out;
  for (const auto& account : config.accounts) {
    if (account.platform != platform) continue;
    const auto it = entries_.find(account.id);
    if (it == entries_.end()) continue;
    out.push_back(checks::SourceHealth{&account, it->second.failures, it->second.reason,
                                       it->second.since});
  }
  return out;
}

TargetOutcome ReadAccount(const Target& target, sources::AccountRead read, core::Timestamp now,
                          std::int64_t items_seen_before) {
  TargetOutcome o;
  o.target = target;
  o.http_status = read.http_status;
  o.probed_at = now;
  o.elapsed = read.elapsed;
  checks::AccountObservation obs;
  if (!read.readable) {
    o.failure = read.failure.reason;
    o.failure_detail = read.failure.detail;
  } else if (read.posts.empty() && items_seen_before > 0) {
    o.failure = "empty_list";
    o.failure_detail = "the source listed no post although " + std::to_string(items_seen_before) +
                       " were seen before";
  } else {
    o.readable = true;
    for (const auto& post : read.posts) o.items.push_back(post.item);
    obs.posts = std::move(read.posts);
    obs.profile = std::move(read.profile);
    obs.menu = std::move(read.menu);
    obs.link_probes = std::move(read.link_probes);
  }
  obs.readable = o.readable;
  obs.unreadable_reason = o.failure;
  o.account = std::move(obs);
  return o;
}

core::Status RememberAccountOutcome(store::Store& store, TargetOutcome& o, std::int64_t bytes,
                                    const std::string& final_url, core::Timestamp now,
                                    bool network_down) {
  if (auto s = store.UpsertTarget(RecordOf(o.target)); !s) return s;
  if (o.readable && o.items.empty()) {
    auto before = store.ItemCount(o.target.id);
    if (!before) return before.error();
    if (*before > 0) {
      o.readable = false;
      o.failure = "empty_list";
      o.failure_detail = "the source listed no post although " + std::to_string(*before) +
                         " were seen before";
      if (o.account) {
        o.account = checks::AccountObservation{false, o.failure, {}, {}, {}, {}};
      }
    }
  }
  store::Observation obs;
  obs.started_at = now;
  obs.duration = o.elapsed;
  obs.outcome = o.readable ? store::Observation::kOk : o.failure;
  if (o.http_status != 0) obs.http_status = o.http_status;
  obs.bytes = bytes;
  obs.detail = o.readable ? final_url : o.failure_detail;
  obs.network_down = network_down && !o.readable;
  const std::vector<core::Item> none;
  if (auto r = store.RecordObservation(o.target.id, obs, o.readable ? o.items : none); !r) {
    return r.error();
  }
  store::LastUpdateOptions options;
  options.include_first_seen = true;
  options.include_pinned = false;  // a pinned post says nothing of whether it is still posting
  auto last = store.LastUpdate(o.target.id, options);
  if (!last) return last.error();
  o.last_update = *last;
  auto count = store.ItemCount(o.target.id);
  if (!count) return count.error();
  o.items_ever_seen = *count;
  std::optional<core::Timestamp> stored;
  if (o.last_update) stored = o.last_update->time;
  o.account_stats = checks::ComputeAccountStats(o.readable ? o.items : none, stored, now);
  return {};
}

std::vector<TargetCheck> CheckAccountRules(const config::Config& config, const TargetOutcome& o) {
  std::vector<TargetCheck> out;
  if (o.target.account == nullptr) return out;
  const config::Account& account = *o.target.account;
  const checks::AccountObservation obs = ObservationOf(o);
  auto add = [&](const char* check, checks::CheckResult result) {
    TargetCheck t;
    t.target_id = account.id;
    t.scope = {check};
    t.result = std::move(result);
    out.push_back(std::move(t));
  };
  // Account posts are dated in Beijing time whatever the platform's server says.
  const core::TimeZone shanghai;
  add(checks::kAccountClosed, checks::CheckAccountClosed(account, config.new_media, obs, shanghai));
  const config::Unit* unit = config.FindUnit(account.unit);
  add(checks::kAccountDuplicate,
      checks::CheckAccountDuplicate(account, config.accounts, unit != nullptr ? unit->name : ""));
  add(checks::kAccountCommercial, checks::CheckAccountCommercial(account, config.new_media, obs));
  if (obs.menu || account.source.type == "wechat_api") {
    add(checks::kWechatMenu, checks::CheckWechatMenu(account, config.new_media, obs));
  }
  if (obs.profile || account.source.type == "weibo_api") {
    add(checks::kWeiboProfileLink, checks::CheckWeiboProfileLink(account, config.new_media, obs));
  }
  return out;
}

TargetCheck CheckSourceHealth(const config::Config& config, const SourceHealthBook& health,
                              core::Platform platform) {
  TargetCheck out;
  out.target_id = checks::SourceErrorTargetId(platform);
  out.scope = {checks::kSourceError};
  out.result = checks::CheckSourceErrors(platform, health.For(config, platform),
                                         config.new_media.source_error_after);
  return out;
}

core::Status RememberSourceHealth(store::Store& store, const TargetCheck& check,
                                  core::Platform platform, core::Timestamp now) {
  store::TargetRecord record;
  record.id = check.target_id;
  record.kind = store::TargetKind::kAccount;
  record.name = std::string(core::ChineseName(platform)) + "采集";
  if (auto s = store.UpsertTarget(record); !s) return s;
  return store.ReplaceOpenFindings(check.target_id, check.scope, check.result.findings, now);
}

core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, const AccountReadFn& read_accounts,
                                 SourceHealthBook& health, store::Store& store,
                                 core::Timestamp now) {
  return RunPass(config, targets, fetch, read_accounts, health, store, now, ArticleOptions{});
}

core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, const AccountReadFn& read_accounts,
                                 SourceHealthBook& health, store::Store& store, core::Timestamp now,
                                 const ArticleOptions& articles) {
  std::vector<fetch::Request> requests;
  std::vector<const config::Account*> accounts;
  for (const auto& t : targets) {
    if (t.account != nullptr) {
      accounts.push_back(t.account);
      continue;
    }
    fetch::Request r;
    r.url = t.url;
    r.verify_tls = t.site->verify_tls;
    requests.push_back(std::move(r));
  }
  const size_t page_count = requests.size();
  std::vector<fetch::Response> responses;
  if (page_count > 0) responses = fetch(std::move(requests));
  if (responses.size() != page_count) {
    return core::MakeError("fetch returned " + std::to_string(responses.size()) +
                           " responses for " + std::to_string(page_count) + " requests");
  }
  std::vector<sources::AccountRead> reads;
  if (!accounts.empty()) reads = read_accounts(accounts);
  if (reads.size() != accounts.size()) {
    return core::MakeError("sources returned " + std::to_string(reads.size()) + " reads for " +
                           std::to_string(accounts.size()) + " accounts");
  }
  PassResult pass;
  std::vector<core::Finding> content;  // of the article stage and the account posts
  size_t next_page = 0;
  size_t next_account = 0;
  for (const auto& t : targets) {
    if (t.account == nullptr) {
      const fetch::Response& response = responses[next_page++];
      TargetOutcome o = ReadResponse(t, response, now);
      if (auto s = RememberOutcome(store, o, response, now); !s) return s.error();
      auto checked = RunArticleStage(config, articles, store, o, fetch, now);
      if (!checked) return checked.error();
      if (*checked) AppendFindings((*checked)->result, content);
      pass.outcomes.push_back(std::move(o));
      continue;
    }
    sources::AccountRead& read = reads[next_account++];
    // History says how long the account has been failing before this pass.
    auto latest = store.LatestObservation(t.id);
    if (!latest) return latest.error();
    if (*latest && !(*latest)->observation.ok()) {
      health.Seed(*t.account, 1, (*latest)->observation.outcome);
    }
    const std::int64_t bytes = read.bytes;
    const std::string final_url = read.final_url;
    TargetOutcome o = ReadAccount(t, std::move(read), now, 0);
    if (auto s = RememberAccountOutcome(store, o, bytes, final_url, now); !s) return s.error();
    health.Record(*t.account, o.readable, o.failure, now);
    auto posts = CheckAccountPosts(articles, store, o);
    if (!posts) return posts.error();
    if (*posts) {
      const TargetCheck& check = **posts;
      if (auto s = store.ReplaceOpenFindings(check.target_id, check.scope, check.result.findings,
                                             now);
          !s) {
        return s.error();
      }
      AppendFindings(check.result, content);
    }
    pass.outcomes.push_back(std::move(o));
  }
  auto checked = CheckPass(config, std::move(pass), store, now, &health);
  if (checked) AppendFindings(std::move(content), checked->findings);
  return checked;
}

core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, store::Store& store, core::Timestamp now) {
  return RunPass(config, targets, fetch, store, now, ArticleOptions{});
}

core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, store::Store& store, core::Timestamp now,
                                 const ArticleOptions& articles) {
  std::vector<fetch::Request> requests;
  requests.reserve(targets.size());
  for (const auto& t : targets) {
    fetch::Request r;
    r.url = t.url;
    r.verify_tls = t.account != nullptr ? t.account->verify_tls : t.site->verify_tls;
    requests.push_back(std::move(r));
  }
  const std::vector<fetch::Response> responses = fetch(std::move(requests));
  if (responses.size() != targets.size()) {
    return core::MakeError("fetch returned " + std::to_string(responses.size()) +
                           " responses for " + std::to_string(targets.size()) + " requests");
  }

  PassResult pass;
  std::vector<core::Finding> content;  // of the article stage
  for (size_t i = 0; i < targets.size(); ++i) {
    TargetOutcome o = ReadResponse(targets[i], responses[i], now);
    if (auto s = RememberOutcome(store, o, responses[i], now); !s) return s.error();
    auto checked = RunArticleStage(config, articles, store, o, fetch, now);
    if (!checked) return checked.error();
    if (*checked) AppendFindings((*checked)->result, content);
    pass.outcomes.push_back(std::move(o));
  }

  auto checked = CheckPass(config, std::move(pass), store, now, nullptr);
  if (checked) AppendFindings(std::move(content), checked->findings);
  return checked;
}

}  // namespace govwatch::schedule
