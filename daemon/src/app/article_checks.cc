#include "app/article_checks.h"


#include "checks/policy_interpretation.h"
#include "report/interpretation.h"
#include "report/period.h"

namespace govwatch::app {

void AddPolicyInterpretation(schedule::ArticleOptions& options) {
  schedule::SiteArticleCheck check;
  check.name = checks::kPolicyInterpretation;
  // Documents sit in document columns and interpretations in interpretation columns; a run of
  // either is when a verdict can change (a new article, or a deadline passed since the last).
  check.applies = [](const config::Config& config, const config::Site& site,
                     const config::Column& column) {
    const config::Profile& profile = config.ProfileFor(site.profile);
    auto in = [&column](const std::vector<core::ColumnKind>& kinds) {
      return std::find(kinds.begin(), kinds.end(), column.kind) != kinds.end();
    };
    return in(profile.interpretation_document_kinds) || in(profile.interpretation_column_kinds);
  };
  check.run = [](const config::Config& config, const config::Site& site,
                 const std::vector<store::ArticleRecord>& articles,
                 core::Timestamp now) -> core::Result<std::vector<core::Finding>> {
    auto interpretation =
        report::InterpretSite(config, site, articles, report::LocalDay(now, site.time_zone));
    if (!interpretation) return interpretation.error();
    return std::move(interpretation->result.result.findings);
  };
  options.site_checks.push_back(std::move(check));
}

}  // namespace govwatch::app
