// The article stage of a column run (issue 8): when a column's list page shows items govwatch has
// no article row for, their article pages are fetched (at most ArticleSettings::max_per_pass per
// column run and max_per_host per host), read with extract::ExtractArticle, stored in the
// ArticleStore with their 来源 normalised to a configured unit, and handed to the content checks
// the composition root plugs in (ArticleOptions::checks). The stored text has personal numbers
// (ID, mobile, bank card) masked; the checks see the page as published.
//
// Findings of article checks belong to the column target, with subject "URL" or "URL#subject"
// (one key per article and problem). Each article is checked once, when it is first read: its
// findings replace that article's earlier ones and leave the open findings of other articles
// alone (they stay open until their own article is read again, or the integrator resolves them).
//
// The same checks run on the posts of every readable account read (CheckAccountPosts): a feed
// lists few posts, so all listed posts are scanned on each read — a post edited to fix a typo
// resolves its finding — and findings of posts no longer listed stay open.
//
// The selection and the reading are pure; RememberArticles is the store step. Thread-safety:
// none; the scheduler runs the store step on its store thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "fetch/http_client.h"
#include "schedule/poller.h"
#include "store/article_store.h"
#include "store/store.h"

namespace govwatch::schedule {

// What a content check sees of one new article.
struct ArticleContext {
  std::string target_id;  // the column target ("site/column")
  std::string unit_id;    // the matched 来源 unit, else the site's unit
  std::string url;
  std::string title;
  std::string text;
  std::optional<core::DatedTime> published;
  core::Timestamp now{};  // the run's time (content checks judge ID-card birth dates by it)
};

// A content check on articles. Its findings must carry check == name; target_id, unit_id and
// subject are filled in by the stage (subject: "URL" or "URL#" + the check's own subject).
struct ArticleCheck {
  std::string name;
  std::function<std::vector<core::Finding>(const ArticleContext&)> run;
  // Set when one run yields findings of several checks (the content checks scan a text once for
  // typo, severe_expression, sensitive_word and personal_data): then these are the stage's scope
  // for this check and each finding keeps its own check, which must be one of them.
  // (`= {}` keeps two-field aggregate initialisation {name, run} free of warnings.)
  std::vector<std::string> yields = {};
};

// The check names an ArticleCheck's findings carry: `yields`, else {name}.
std::vector<std::string> ScopeOf(const ArticleCheck& check);

// A check over all stored articles of one site (policy interpretation: a document in one column,
// its interpretation in another), run after the article stage of each column it `applies` to,
// whether or not that run read new articles — so a deadline that passes is noticed at the
// column's next run. Its findings carry check == name and a column target of the site; they
// replace the open findings of that name on every column of the site.
struct SiteArticleCheck {
  std::string name;
  // nullptr: every column.
  std::function<bool(const config::Config&, const config::Site&, const config::Column&)> applies;
  std::function<core::Result<std::vector<core::Finding>>(
      const config::Config&, const config::Site&, const std::vector<store::ArticleRecord>&,
      core::Timestamp now)>
      run;
};

struct ArticleOptions {
  store::ArticleStore* store = nullptr;  // nullptr: no article stage
  std::vector<ArticleCheck> checks;
  std::vector<SiteArticleCheck> site_checks;
};

// Pure: of a readable column outcome's items whose URLs are in `unknown_urls`, those to fetch in
// this run, in page order, within the settings' per-run and per-host bounds.
std::vector<core::Item> SelectArticles(const config::ArticleSettings& settings,
                                       const TargetOutcome& outcome,
                                       const std::vector<std::string>& unknown_urls);

// Pure: the article row for one fetched item. A failed fetch gives a row with its failure as
// fetch_outcome (so it is not fetched again each run) and the list's title and date.
store::ArticleRecord ReadArticle(const config::Config& config, const Target& target,
                                 const core::Item& item, const fetch::Response& response,
                                 core::Timestamp now);

// Pure: the findings of `options.checks` on one article or post, with target, unit, check and
// subject filled in as described above; one finding per key.
std::vector<core::Finding> RunArticleChecks(const ArticleOptions& options,
                                            const ArticleContext& article);

// The article stage's store step: stores each row, runs the checks on the fetched ones and
// stores their findings (see above). Returns, when checks ran on at least one article, the
// column's open findings in the checks' scope after the step (for listeners: metrics, alerts);
// nullopt otherwise. Error only when a store fails.
core::Result<std::optional<TargetCheck>> RememberArticles(
    const config::Config& config, const ArticleOptions& options, store::Store& store,
    const Target& target, const std::vector<core::Item>& items,
    const std::vector<fetch::Response>& responses, core::Timestamp now);

// The site checks that apply to `target` (a column; every site check when `all` is set, for the
// column run that first completes a site), over its site's stored articles; each
// result's findings are already stored (ReplaceOpenFindings per column of the site), and the
// returned TargetChecks name what was replaced, for the listener (alerts). Nothing to do for
// a target without a column or when no site check applies. Error only when a store or a check
// fails.
core::Result<std::vector<TargetCheck>> RunSiteArticleChecks(const config::Config& config,
                                                            const ArticleOptions& options,
                                                            store::Store& store,
                                                            const Target& target,
                                                            core::Timestamp now,
                                                            bool all = false);

// The whole stage for one column outcome with a synchronous fetch (govwatch probe, RunPass).
// Returns the column's open findings in the checks' scope (also when no article was new, so a
// probe shows them on every pass); nullopt when the stage or its checks are off.
core::Result<std::optional<TargetCheck>> RunArticleStage(const config::Config& config,
                                                         const ArticleOptions& options,
                                                         store::Store& store,
                                                         const TargetOutcome& outcome,
                                                         const FetchFn& fetch,
                                                         core::Timestamp now);

// The checks on the posts of one account outcome (o.account's posts, else its items' titles):
// every listed post with a URL is checked (target: the account; unit: the account's), and the
// open findings of posts not listed in this read are kept. Returns the TargetCheck to store
// (ReplaceOpenFindings) and report like the account rules; nullopt when there are no checks or
// the read failed (an unreadable source neither opens nor resolves). Reads the store's open
// findings; writes nothing. Error only when the store fails.
core::Result<std::optional<TargetCheck>> CheckAccountPosts(const ArticleOptions& options,
                                                           store::Store& store,
                                                           const TargetOutcome& o);

}  // namespace govwatch::schedule
