#include "report/statistics.h"

#include <gtest/gtest.h>

namespace govwatch::report {
namespace {

store::ListedItem Item(const char* target, bool fetched, const char* source) {
  store::ListedItem i;
  i.target_id = target;
  i.site_id = "gy";
  i.url = std::string("http://gy/") + target + "/" + source;
  i.article_fetched = fetched;
  i.source_raw = source;
  return i;
}

TEST(StatisticsTest, CountsBySourceUnitAndFlagsEmptyColumns) {
  config::Config config;
  config.units.resize(2);
  config.units[0].id = "office";
  config.units[0].name = "市政府办";
  config.units[1].id = "yj";
  config.units[1].name = "市应急管理局";
  config.units[1].aliases = {"市应急局"};
  config::Site site;
  site.id = "gy";
  site.name = "固原市人民政府";
  site.unit = "office";
  for (const auto& [id, name] : {std::pair{"aqsc", "安全生产"}, std::pair{"tpgj", "脱贫攻坚"}}) {
    config::Column c;
    c.id = id;
    c.name = name;
    c.kind = core::ColumnKind::kDisclosure;
    site.columns.push_back(c);
  }
  config.sites = {site};
  const std::vector<store::ListedItem> items = {
      Item("gy/aqsc", true, "市应急局"),   Item("gy/aqsc", true, "应急管理局"),
      Item("gy/aqsc", true, "市场监管局"), Item("gy/aqsc", true, ""),
      Item("gy/aqsc", false, ""),          Item("gy/other", true, "市应急局"),
  };
  const auto stats = ComputeDisclosureStatistics(config, {&config.sites[0]}, items);
  ASSERT_EQ(stats.size(), 1u);
  const SiteStatistics& s = stats[0];
  EXPECT_EQ(s.total, 5);  // the column not configured does not count
  ASSERT_EQ(s.columns.size(), 2u);
  const auto& aq = s.columns[0];
  EXPECT_EQ(aq.items, 5);
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  // 应急管理局 matches the name's end; an empty 来源 goes to the site's unit; the unread item to
  // 未知; the unconfigured 市场监管局 prints as written.
  EXPECT_EQ(aq.by_source, (Counts{{"市应急管理局", 2}, {"市场监管局", 1}, {"市政府办", 1},
                                  {kUnknownSource, 1}}));
  EXPECT_TRUE(s.columns[1].empty());
  EXPECT_EQ(s.empty_columns, std::vector<std::string>{"脱贫攻坚"});
}

}  // namespace
}  // namespace govwatch::report
