// Renderers of a Report: HTML (one page, printable on A4 through its print stylesheet), CSV (one
// file per annex, UTF-8 with BOM so Excel detects the encoding, CRLF line ends per RFC 4180) and
// XLSX (one workbook, a sheet for the summary and one per annex, via libxlsxwriter).
//
// Each prints the same tables and words: an annex's title row, its header, its rows, its footer
// and note. Output depends only on the Report (no clock), so golden files can pin it.
// RenderHtml and RenderCsv are pure; WriteXlsx writes a file. Thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "report/report.h"

namespace govwatch::report {

std::string RenderHtml(const Report& report);

// One CSV document per annex: {file name "annexN-….csv", contents}.
std::vector<std::pair<std::string, std::string>> RenderCsv(const Report& report);

// Writes the workbook to `path`. Error names the file and libxlsxwriter's reason.
core::Status WriteXlsx(const Report& report, const std::string& path);

}  // namespace govwatch::report
