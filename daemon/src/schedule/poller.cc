#include "schedule/poller.h"

#include <map>
#include <set>

#include "checks/account_freshness.h"
#include "checks/column_freshness.h"
#include "checks/homepage_freshness.h"
#include "checks/site_aggregate.h"
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
  return o;
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
  for (size_t i = 0; i < targets.size(); ++i) {
    TargetOutcome o = ReadResponse(targets[i], responses[i], now);
    if (auto s = RememberOutcome(store, o, responses[i], now); !s) return s.error();
    if (auto s = RunArticleStage(config, articles, store, o, fetch, now); !s) return s.error();
    pass.outcomes.push_back(std::move(o));
  }

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
    }
    // The aggregate speaks for the whole site, so it runs only when every column was read.
    if (columns.size() == site->columns.size()) {
      const TargetCheck check = CheckSite(config, *site, columns);
      if (auto s = apply(check.target_id, check.scope, check.result); !s) return s.error();
    }
  }
  for (const auto& o : pass.outcomes) {
    if (o.target.account == nullptr) continue;
    const TargetCheck check = CheckOutcome(config, o, now);
    if (auto s = apply(check.target_id, check.scope, check.result); !s) return s.error();
  }
  return pass;
}

}  // namespace govwatch::schedule
