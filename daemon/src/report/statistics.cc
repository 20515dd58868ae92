#include "report/statistics.h"

#include <algorithm>
#include <map>

#include "checks/column_freshness.h"
#include "checks/source_unit.h"

namespace govwatch::report {

std::vector<SiteStatistics> ComputeDisclosureStatistics(
    const config::Config& config, const std::vector<const config::Site*>& sites,
    const std::vector<store::ListedItem>& items) {
  const checks::UnitMatcher matcher(config.units);
  std::map<std::string, std::map<std::string, std::int64_t>> by_column;  // target → source → n
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, std::string> site_unit_name;
  for (const config::Site* site : sites) {
    const config::Unit* unit = config.FindUnit(site->unit);
    site_unit_name[site->id] = unit != nullptr ? unit->name : site->unit;
  }
  for (const auto& item : items) {
    std::string source;
    if (!item.article_fetched) {
      source = kUnknownSource;
    } else if (item.source_raw.empty()) {
      const auto it = site_unit_name.find(item.site_id);
      source = it != site_unit_name.end() ? it->second : kUnknownSource;
    } else if (const auto id = matcher.Match(item.source_raw)) {
      const config::Unit* unit = config.FindUnit(*id);
      source = unit != nullptr ? unit->name : *id;
    } else {
      source = item.source_raw;
    }
    ++by_column[item.target_id][source];
    ++counts[item.target_id];
  }
  std::vector<SiteStatistics> out;
  for (const config::Site* site : sites) {
    SiteStatistics s;
    s.site_id = site->id;
    s.site_name = site->name;
    for (const auto& column : site->columns) {
      ColumnStatistics c;
      c.target_id = checks::ColumnTargetId(site->id, column.id);
      c.column_name = column.name;
      c.kind = column.kind;
      c.items = counts[c.target_id];
      for (const auto& [source, n] : by_column[c.target_id]) c.by_source.emplace_back(source, n);
      std::stable_sort(c.by_source.begin(), c.by_source.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      s.total += c.items;
      if (c.empty()) s.empty_columns.push_back(c.column_name);
      s.columns.push_back(std::move(c));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace govwatch::report
