#include "schedule/articles.h"

#include <algorithm>
#include <map>
#include <set>

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

core::Status RememberArticles(const config::Config& config, const ArticleOptions& options,
                              store::Store& store, const Target& target,
                              const std::vector<core::Item>& items,
                              const std::vector<fetch::Response>& responses, core::Timestamp now) {
  if (options.store == nullptr) return {};
  if (items.size() != responses.size()) {
    return core::MakeError("articles: " + std::to_string(responses.size()) + " responses for " +
                           std::to_string(items.size()) + " requests");
  }
  std::vector<std::string> scope;
  for (const auto& check : options.checks) scope.push_back(check.name);
  for (size_t i = 0; i < items.size(); ++i) {
    const store::ArticleRecord a = ReadArticle(config, target, items[i], responses[i], now);
    if (auto s = options.store->Put(a); !s) return s;
    if (!a.fetched() || options.checks.empty()) continue;
    ArticleContext ctx{target.id, a.source_unit.empty() ? target.site->unit : a.source_unit,
                       a.url, a.title, a.text, a.published, now};
    std::vector<core::Finding> fresh;
    for (const auto& check : options.checks) {
      std::set<std::string> subjects;
      for (core::Finding f : check.run(ctx)) {
        f.target_id = target.id;
        f.unit_id = ctx.unit_id;
        f.check = check.name;
        f.subject = f.subject.empty() ? a.url : a.url + "#" + f.subject;
        if (f.evidence_url.empty()) f.evidence_url = a.url;
        if (!subjects.insert(f.subject).second) continue;  // one finding per key
        fresh.push_back(std::move(f));
      }
    }
    // Keep the open findings of the column's other articles; replace this article's.
    auto open = store.OpenFindings(store::FindingFilter{target.id});
    if (!open) return open.error();
    std::vector<core::Finding> keep = std::move(fresh);
    for (const auto& stored : *open) {
      const auto& f = stored.finding;
      const bool in_scope = std::find(scope.begin(), scope.end(), f.check) != scope.end();
      if (in_scope && !SubjectOfArticle(f.subject, a.url)) keep.push_back(f);
    }
    if (auto s = store.ReplaceOpenFindings(target.id, scope, keep, now); !s) return s;
  }
  return {};
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

core::Status RunArticleStage(const config::Config& config, const ArticleOptions& options,
                             store::Store& store, const TargetOutcome& outcome,
                             const FetchFn& fetch, core::Timestamp now) {
  if (options.store == nullptr || outcome.target.column == nullptr || !outcome.readable) return {};
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
    if (auto s = RememberArticles(config, options, store, outcome.target, items, responses, now);
        !s) {
      return s;
    }
  }
  auto site_checks = RunSiteArticleChecks(config, options, store, outcome.target, now);
  if (!site_checks) return site_checks.error();
  return {};
}

}  // namespace govwatch::schedule
