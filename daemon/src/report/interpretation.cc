#include "report/interpretation.h"

#include "checks/source_unit.h"
#include "checks/working_days.h"
#include "report/period.h"

namespace govwatch::report {

core::Result<SiteInterpretation> InterpretSite(const config::Config& config,
                                               const config::Site& site,
                                               const std::vector<store::ArticleRecord>& rows,
                                               std::chrono::sys_days today) {
  const config::Profile& profile = config.ProfileFor(site.profile);
  auto calendar =
      checks::WorkingDayCalendar::WithExtra(profile.extra_holidays, profile.extra_workdays);
  if (!calendar) return calendar.error().WithContext("profile " + profile.id);
  const checks::UnitMatcher matcher(config.units);
  SiteInterpretation out;
  for (const store::ArticleRecord& a : rows) {
    if (a.site_id != site.id || !a.fetched()) continue;
    out.any_article = true;
    checks::PolicyArticle p;
    p.target_id = a.target_id;
    p.unit_id = site.unit;
    if (!a.source_raw.empty()) {
      if (auto id = matcher.Match(a.source_raw)) p.unit_id = *id;
    }
    const auto slash = a.target_id.find('/');
    if (slash != std::string::npos) {
      for (const config::Column& c : site.columns) {
        if (c.id == a.target_id.substr(slash + 1)) p.column_kind = c.kind;
      }
    }
    p.url = a.url;
    p.title = a.title.empty() ? a.list_title : a.title;
    p.doc_number = a.doc_number;
    p.text = a.text;
    if (a.published) p.day = LocalDay(a.published->time, site.time_zone);
    out.articles.push_back(std::move(p));
  }
  out.result = checks::CheckPolicyInterpretation(out.articles, profile, *calendar, today,
                                                 config.units);
  return out;
}

}  // namespace govwatch::report
