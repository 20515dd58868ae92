#include "schedule/articles.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <set>

#include "checks/personal_data.h"
#include "checks/column_freshness.h"
#include "checks/source_unit.h"
#include "extract/extract.h"

namespace govwatch::schedule {
namespace {

std::string HostOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find_first_of("/?#")));
}

bool SubjectOfArticle(const std::string& subject, const std::string& url) {
  return subject == url || subject.starts_with(url + "#");
}

}  // namespace

std::vector<core::Item> SelectArticles(const config::ArticleSettings& settings,
                                       const TargetOutcome& outcome,
                                       const std::vector<std::string>& unknown_urls) {
  std::vector<core::Item> out;
  if (!settings.enabled || !outcome.readable || outcome.target.column == nullptr) return out;
  const std::set<std::string> unknown(unknown_urls.begin(), unknown_urls.end());
  std::set<std::string> taken;
  std::map<std::string, int> per_host;
  for (const auto& item : outcome.items) {
    if (static_cast<int>(out.size()) >= settings.max_per_pass) break;
    if (!unknown.contains(item.url) || !taken.insert(item.url).second) continue;
    int& n = per_host[HostOf(item.url)];
    if (n >= settings.max_per_host) continue;
    ++n;
    out.push_back(item);
  }
  return out;
}

store::ArticleRecord ReadArticle(const config::Config& config, const Target& target,
                                 const core::Item& item, const fetch::Response& response,
                                 core::Timestamp now) {
  store::ArticleRecord a;
  a.target_id = target.id;
  a.site_id = target.site->id;
  a.url = item.url;
  a.list_title = item.title;
  a.fetched_at = now;
  if (item.published) a.published = core::DatedTime{*item.published, item.provenance};
  if (!response.ok()) {
    a.fetch_outcome = std::string(fetch::ToString(response.failure));
    return a;
  }
  extract::Context ctx;
  ctx.base_url = response.final_url.empty() ? item.url : response.final_url;
  ctx.tz = target.site->time_zone;
  ctx.now = now;
  const extract::Article article = extract::ExtractArticle(response.body, ctx);
  a.title = article.title.empty() ? item.title : article.title;
  // The article's own date beats the list's, except a date guessed from the URL.
  if (article.published &&
      (!a.published || article.published->provenance != core::DateProvenance::kUrlDate)) {
    a.published = article.published;
  }
  a.source_raw = article.source;
  a.doc_number = article.doc_number;
  a.text = article.text;
  if (!a.source_raw.empty()) {
    a.source_unit = checks::UnitMatcher(config.units).Match(a.source_raw).value_or("");
  }
  return a;
}

std::vector<std::string> ScopeOf(const ArticleCheck& check) {
  if (!check.yields.empty()) return check.yields;
  return {check.name};
}

std::vector<core::Finding> RunArticleChecks(const ArticleOptions& options,
                                            const ArticleContext& article) {
  std::vector<core::Finding> out;
  std::set<std::pair<std::string, std::string>> keys;
  for (const auto& check : options.checks) {
    for (core::Finding f : check.run(article)) {
      if (check.yields.empty()) {
        f.check = check.name;
      } else {
        // A check that names what it yields and yields something else is a bug.
        assert(std::find(check.yields.begin(), check.yields.end(), f.check) != check.yields.end());
      }
      f.target_id = article.target_id;
      f.unit_id = article.unit_id;
      f.subject = f.subject.empty() ? article.url : article.url + "#" + f.subject;
      if (f.evidence_url.empty()) f.evidence_url = article.url;
      if (!keys.insert({f.check, f.subject}).second) continue;  // one finding per key
      out.push_back(std::move(f));
    }
  }
  return out;
}

namespace {

std::vector<std::string> ScopeOfAll(const ArticleOptions& options) {
  std::vector<std::string> scope;
  for (const auto& check : options.checks) {
    for (auto& name : ScopeOf(check)) scope.push_back(std::move(name));
  }
  return scope;
}

bool InScope(const std::vector<std::string>& scope, const std::string& check) {
  return std::find(scope.begin(), scope.end(), check) != scope.end();
}

// The open findings of `target_id` in `scope`.
core::Result<std::vector<core::Finding>> OpenInScope(store::Store& store,
                                                     const std::string& target_id,
                                                     const std::vector<std::string>& scope) {
  auto open = store.OpenFindings(store::FindingFilter{target_id});
  if (!open) return open.error();
  std::vector<core::Finding> out;
  for (auto& stored : *open) {
    if (InScope(scope, stored.finding.check)) out.push_back(std::move(stored.finding));
  }
  return out;
}

TargetCheck MakeCheck(const std::string& target_id, std::vector<std::string> scope,
                      std::vector<core::Finding> findings) {
  TargetCheck check;
  check.target_id = target_id;
  check.scope = std::move(scope);
  check.result.status = findings.empty() ? core::CheckStatus::kOk : core::CheckStatus::kProblem;
  check.result.findings = std::move(findings);
  return check;
}

}  // namespace

core::Result<std::optional<TargetCheck>> RememberArticles(
    const config::Config& config, const ArticleOptions& options, store::Store& store,
    const Target& target, const std::vector<core::Item>& items,
    const std::vector<fetch::Response>& responses, core::Timestamp now) {
  std::optional<TargetCheck> checked;
  if (options.store == nullptr) return checked;
  if (items.size() != responses.size()) {
    return core::MakeError("articles: " + std::to_string(responses.size()) + " responses for " +
                           std::to_string(items.size()) + " requests");
  }
  const std::vector<std::string> scope = ScopeOfAll(options);
  for (size_t i = 0; i < items.size(); ++i) {
    store::ArticleRecord a = ReadArticle(config, target, items[i], responses[i], now);
    // Personal numbers a page publishes are problems to report, not data to keep (issue 5: the
    // full number is never stored): the stored text has them masked, as findings do.
    std::string text = std::move(a.text);
    a.text = checks::MaskPersonalData(text, now);
    if (auto s = options.store->Put(a); !s) return s.error();
    if (!a.fetched() || options.checks.empty()) continue;
    ArticleContext ctx{target.id, a.source_unit.empty() ? target.site->unit : a.source_unit,
                       a.url, a.title, std::move(text), a.published, now};
    std::vector<core::Finding> keep = RunArticleChecks(options, ctx);
    // Keep the open findings of the column's other articles; replace this article's.
    auto open = OpenInScope(store, target.id, scope);
    if (!open) return open.error();
    for (auto& f : *open) {
      if (!SubjectOfArticle(f.subject, a.url)) keep.push_back(std::move(f));
    }
    if (auto s = store.ReplaceOpenFindings(target.id, scope, keep, now); !s) return s.error();
    checked = MakeCheck(target.id, scope, std::move(keep));
  }
  return checked;
}

core::Result<std::vector<TargetCheck>> RunSiteArticleChecks(const config::Config& config,
                                                            const ArticleOptions& options,
                                                            store::Store& store,
                                                            const Target& target,
                                                            core::Timestamp now, bool all) {
  std::vector<TargetCheck> replaced;
  if (options.store == nullptr || target.site == nullptr || target.column == nullptr) {
    return replaced;
  }
  std::vector<const SiteArticleCheck*> due;
  for (const auto& check : options.site_checks) {
    if (all || !check.applies || check.applies(config, *target.site, *target.column)) {
      due.push_back(&check);
    }
  }
  if (due.empty()) return replaced;
  auto articles = options.store->Articles(target.site->id);
  if (!articles) return articles.error().WithContext("site checks of '" + target.site->id + "'");
  for (const SiteArticleCheck* check : due) {
    auto findings = check->run(config, *target.site, *articles, now);
    if (!findings) return findings.error().WithContext(check->name);
    // One replacement per column, so a column whose documents are all interpreted now is
    // cleared too.
    for (const config::Column& column : target.site->columns) {
      TargetCheck replacement;
      replacement.target_id = checks::ColumnTargetId(target.site->id, column.id);
      replacement.scope = {check->name};
      for (const core::Finding& f : *findings) {
        if (f.target_id == replacement.target_id) replacement.result.findings.push_back(f);
      }
      replacement.result.status = replacement.result.findings.empty()
                                      ? core::CheckStatus::kOk
                                      : core::CheckStatus::kProblem;
      if (auto s = store.ReplaceOpenFindings(replacement.target_id, replacement.scope,
                                             replacement.result.findings, now);
          !s) {
        return s.error().WithContext(check->name);
      }
      replaced.push_back(std::move(replacement));
    }
  }
  return replaced;
}

namespace {

// The article stage proper for one column outcome (RunArticleStage without the site checks).
core::Result<std::optional<TargetCheck>> RunColumnArticleStage(const config::Config& config,
                                                               const ArticleOptions& options,
                                                               store::Store& store,
                                                               const TargetOutcome& outcome,
                                                               const FetchFn& fetch,
                                                               core::Timestamp now) {
  std::optional<TargetCheck> none;
  if (options.store == nullptr || outcome.target.column == nullptr || !outcome.readable) {
    return none;
  }
  std::vector<std::string> urls;
  for (const auto& item : outcome.items) urls.push_back(item.url);
  auto unknown = options.store->UnknownUrls(outcome.target.id, urls);
  if (!unknown) return unknown.error();
  const std::vector<core::Item> items = SelectArticles(config.articles, outcome, *unknown);
  if (!items.empty()) {
    std::vector<fetch::Request> requests;
    for (const auto& item : items) {
      fetch::Request r;
      r.url = item.url;
      r.verify_tls = outcome.target.site->verify_tls;
      requests.push_back(std::move(r));
    }
    const std::vector<fetch::Response> responses = fetch(std::move(requests));
    auto checked =
        RememberArticles(config, options, store, outcome.target, items, responses, now);
    if (!checked || *checked) return checked;
  }
  if (options.checks.empty()) return none;
  // No article was checked now: the column's content findings are still open.
  const std::vector<std::string> scope = ScopeOfAll(options);
  auto open = OpenInScope(store, outcome.target.id, scope);
  if (!open) return open.error();
  return std::optional<TargetCheck>(MakeCheck(outcome.target.id, scope, std::move(*open)));
}

}  // namespace

core::Result<std::optional<TargetCheck>> RunArticleStage(const config::Config& config,
                                                         const ArticleOptions& options,
                                                         store::Store& store,
                                                         const TargetOutcome& outcome,
                                                         const FetchFn& fetch,
                                                         core::Timestamp now) {
  auto column = RunColumnArticleStage(config, options, store, outcome, fetch, now);
  if (!column) return column;
  // The site checks (policy interpretation) after every readable column run: their findings are
  // stored by RunSiteArticleChecks; a probe shows them from the store.
  if (options.store != nullptr && outcome.readable) {
    auto site = RunSiteArticleChecks(config, options, store, outcome.target, now);
    if (!site) return site.error();
  }
  return column;
}

core::Result<std::optional<TargetCheck>> CheckAccountPosts(const ArticleOptions& options,
                                                           store::Store& store,
                                                           const TargetOutcome& o) {
  std::optional<TargetCheck> none;
  if (options.checks.empty() || o.target.account == nullptr || !o.readable) return none;
  std::vector<checks::Post> listed;
  if (o.account) {
    if (!o.account->readable) return none;
    listed = o.account->posts;
  } else {
    for (const auto& item : o.items) listed.push_back(checks::Post{item, item.title, {}});
  }
  const std::vector<std::string> scope = ScopeOfAll(options);
  std::vector<core::Finding> findings;
  std::set<std::string> urls;
  for (const auto& post : listed) {
    if (post.item.url.empty() || !urls.insert(post.item.url).second) continue;
    // Sources without a body give the title as the text: scan it once.
    const bool title_in_text = post.text.starts_with(post.item.title);
    ArticleContext ctx{o.target.id, o.target.account->unit, post.item.url,
                       title_in_text ? std::string() : post.item.title, post.text, std::nullopt,
                       core::Timestamp{}};
    if (post.item.published) ctx.published = core::DatedTime{*post.item.published, post.item.provenance};
    for (auto& f : RunArticleChecks(options, ctx)) findings.push_back(std::move(f));
  }
  auto open = OpenInScope(store, o.target.id, scope);
  if (!open) return open.error();
  for (auto& f : *open) {
    const bool listed_now = std::any_of(urls.begin(), urls.end(), [&](const std::string& url) {
      return SubjectOfArticle(f.subject, url);
    });
    if (!listed_now) findings.push_back(std::move(f));
  }
  return std::optional<TargetCheck>(MakeCheck(o.target.id, scope, std::move(findings)));
}

}  // namespace govwatch::schedule
