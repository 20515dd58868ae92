// Benchmark (issue 2, "figures to reach"): list-extraction throughput in pages per second on one
// core over the fixture corpus (every list template in tests/unit/extract/testdata/). Runs the
// automatic detector for about 2 s, round-robin over the pages, and prints pages/s and MB/s.
// Fails only when throughput collapses (< 100 pages/s), which would mean a quadratic blow-up.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"

namespace govwatch::extract {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/unit/extract/testdata/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ExtractBench, ListPagesPerSecond) {
  const std::vector<std::string> pages = {
      Fixture("trs_list.html"),      Fixture("hanweb_table.html"),  Fixture("hanweb_datastore.html"),
      Fixture("kaipuyun_list.html"), Fixture("jiyuehua_list.html"), Fixture("dl_yearless.html"),
      Fixture("tabs_list.html"),     Fixture("url_date_only.html")};
  const Context ctx{"http://www.nxgy.gov.cn/zwgk/tzgg/index.html", core::TimeZone(),
                    core::ParseIso8601("2021-07-01T04:00:00Z").value()};
  std::size_t bytes_per_round = 0;
  for (const auto& p : pages) {
    ASSERT_FALSE(p.empty());
    ASSERT_FALSE(ExtractList(p, ctx)->items.empty());  // every page really yields items
    bytes_per_round += p.size();
  }
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::size_t done = 0, bytes = 0, items = 0;
  while (Clock::now() - start < std::chrono::seconds(2)) {
    for (const auto& p : pages) items += ExtractList(p, ctx)->items.size();
    done += pages.size();
    bytes += bytes_per_round;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double pages_per_second = static_cast<double>(done) / seconds;
  std::printf("list extraction: %zu pages (%zu items) in %.2f s = %.0f pages/s, %.1f MB/s\n", done,
              items, seconds, pages_per_second, static_cast<double>(bytes) / seconds / 1e6);
  RecordProperty("pages_per_second", static_cast<int>(pages_per_second));
  EXPECT_GT(pages_per_second, 100.0);
}

}  // namespace
}  // namespace govwatch::extract
