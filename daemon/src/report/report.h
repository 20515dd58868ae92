// The periodic inspection report (通报, DESIGN.md §1) in the layout of the reference notice
// (reference/guyuan-2021Q2-inspection-notice.txt): a summary and six annexes —
//   1 site inspection results (单位 / 检查情况 / 存在问题)
//   2 problem new-media accounts (序号 / 平台类型 / 名称 / 责任单位 / 评测结果 / 问题描述)
//   3 disclosure statistics per column (栏目名称 / 数据（条） / 供稿单位), one table per site
//   4 policy documents not interpreted (序号 / 文件名称 / 文号 / 责任单位 / 发布日期 / 情况)
//   5 per-site detection detail (单位 / 检测项 / 结果 / 问题详情)
//   6 typo list (序号 / 错误 / 建议 / 位置 / 链接)
//
// BuildReport is pure: it turns what the store holds (findings, listed items, articles, which
// targets were observed) into a Report of plain tables (policy interpretation is recomputed
// from the articles as of the end of the period, report/interpretation.h, not read from stored
// findings); every renderer (HTML, CSV, XLSX) prints
// the same tables, so the formats agree word for word. A check group whose findings never
// appear in the store (its check is not deployed) is reported as 未检测, never as 无问题.
//
// Pure; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "report/period.h"
#include "store/article_store.h"
#include "store/store.h"

namespace govwatch::report {

struct Table {
  std::string caption;  // "" for the annex's only table
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string footer;  // "合计：321 条"; "" when none
};

struct Annex {
  int number = 0;
  std::string title;  // 2021年第2季度政府网站检查情况
  std::string slug;   // file name stem: annex1-sites
  std::vector<Table> tables;
  std::string note;   // 检查时间：… / 统计时间：…
};

struct Report {
  std::string title;
  std::vector<std::string> summary;  // paragraphs
  std::vector<Annex> annexes;        // 1..6
  std::string footer;                // generation time line, only when given
};

struct ReportInput {
  const config::Config* config = nullptr;
  Period period;
  std::optional<std::string> region;            // Unit::region; all regions when unset
  std::vector<store::StoredFinding> findings;   // all findings the store holds (incl. resolved)
  std::set<std::string> observed_targets;       // targets with an observation in the period
  std::set<std::string> crawled_sites;          // sites with a link-check crawl in the period
  std::vector<store::ListedItem> items;         // items listed in the period (ListedItems)
  std::vector<store::ArticleRecord> articles;   // every article row
  core::Timestamp as_of{};                      // now, or the end of the period if earlier
  std::optional<core::Timestamp> generated_at;  // printed only when given (--now)
};

// Error only when the profile's calendar additions do not parse.
core::Result<Report> BuildReport(const ReportInput& input);

}  // namespace govwatch::report
