// Policy interpretation (应解读未解读) of one site over its stored articles: the one place that
// turns ArticleStore rows into checks::PolicyArticle values (column kind, responsible unit from
// the 来源, title, publish day in the site's zone) and runs checks::CheckPolicyInterpretation.
// The report (annex 4, as of the end of its period) and the daemon's article stage (findings
// stored for alerts and the API, as of now) both call it, so they agree on every verdict.
//
// Pure; thread-safe.
#pragma once

#include <chrono>
#include <vector>

#include "checks/policy_interpretation.h"
#include "config/config.h"
#include "core/result.h"
#include "store/article_store.h"

namespace govwatch::report {

// The verdicts point into `articles`, so the value is movable (a moved vector keeps its
// elements) but not copyable.
struct SiteInterpretation {
  std::vector<checks::PolicyArticle> articles;  // the site's fetched articles
  checks::PolicyInterpretationResult result;
  bool any_article = false;  // the site had at least one fetched article (else: not checked)

  SiteInterpretation() = default;
  SiteInterpretation(SiteInterpretation&&) = default;
  SiteInterpretation& operator=(SiteInterpretation&&) = default;
  SiteInterpretation(const SiteInterpretation&) = delete;
  SiteInterpretation& operator=(const SiteInterpretation&) = delete;
};

// Of `rows` (any sites), those of `site` that were fetched take part; `today` is the civil day
// the deadlines are measured to. Error only when the profile's calendar additions do not parse
// (the loader rejects those, so only a hand-built config reaches it).
core::Result<SiteInterpretation> InterpretSite(const config::Config& config,
                                               const config::Site& site,
                                               const std::vector<store::ArticleRecord>& rows,
                                               std::chrono::sys_days today);

}  // namespace govwatch::report
