#include "report/render.h"

#include <xlsxwriter.h>

namespace govwatch::report {
namespace {

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string AnnexHeading(const Annex& a) { return "附件 " + std::to_string(a.number); }

constexpr char kStyle[] = R"css(
body { font-family: "FangSong", "仿宋", "SimSun", "Noto Serif CJK SC", serif; font-size: 12pt;
       line-height: 1.6; margin: 2em auto; max-width: 60em; color: #000; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 18pt;
     text-align: center; font-weight: normal; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 14pt;
     font-weight: normal; margin-top: 2em; }
h3 { font-size: 14pt; text-align: center; font-weight: bold; }
h4 { font-size: 12pt; margin: 1em 0 0.3em; }
p.summary { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: top; }
th { font-weight: bold; text-align: center; }
td.footer { font-weight: bold; }
p.note, p.generated { text-align: right; }
@page { size: A4; margin: 2.5cm 2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.annex { page-break-before: always; break-before: page; }
  table { page-break-inside: auto; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
}
)css";

}  // namespace

std::string RenderHtml(const Report& report) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
       EscapeHtml(report.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  h += "<h1>" + EscapeHtml(report.title) + "</h1>\n";
  h += "<h2>一、总体情况</h2>\n";
  for (const auto& p : report.summary) h += "<p class=\"summary\">" + EscapeHtml(p) + "</p>\n";
  h += "<p>附件：</p>\n<ol>\n";
  for (const Annex& a : report.annexes) h += "<li>" + EscapeHtml(a.title) + "</li>\n";
  h += "</ol>\n";
  for (const Annex& a : report.annexes) {
    h += "<section class=\"annex\" id=\"" + a.slug + "\">\n<h2>" + AnnexHeading(a) + "</h2>\n";
    h += "<h3>" + EscapeHtml(a.title) + "</h3>\n";
    for (const Table& t : a.tables) {
      if (!t.caption.empty()) h += "<h4>" + EscapeHtml(t.caption) + "</h4>\n";
      h += "<table>\n<thead><tr>";
      for (const auto& c : t.header) h += "<th>" + EscapeHtml(c) + "</th>";
      h += "</tr></thead>\n<tbody>\n";
      for (const auto& row : t.rows) {
        h += "<tr>";
        for (const auto& c : row) h += "<td>" + EscapeHtml(c) + "</td>";
        h += "</tr>\n";
      }
      if (!t.footer.empty()) {
        h += "<tr><td class=\"footer\" colspan=\"" + std::to_string(t.header.size()) + "\">" +
             EscapeHtml(t.footer) + "</td></tr>\n";
      }
      h += "</tbody>\n</table>\n";
    }
    if (!a.note.empty()) h += "<p class=\"note\">" + EscapeHtml(a.note) + "</p>\n";
    h += "</section>\n";
  }
  if (!report.footer.empty()) h += "<p class=\"generated\">" + EscapeHtml(report.footer) + "</p>\n";
  h += "</body>\n</html>\n";
  return h;
}

std::vector<std::pair<std::string, std::string>> RenderCsv(const Report& report) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Annex& a : report.annexes) {
    std::string csv = "\xEF\xBB\xBF";
    auto line = [&](const std::vector<std::string>& fields) {
      for (size_t i = 0; i < fields.size(); ++i) csv += (i ? "," : "") + CsvField(fields[i]);
      csv += "\r\n";
    };
    line({AnnexHeading(a) + " " + a.title});
    for (const Table& t : a.tables) {
      if (!t.caption.empty()) line({t.caption});
      line(t.header);
      for (const auto& row : t.rows) line(row);
      if (!t.footer.empty()) line({t.footer});
    }
    if (!a.note.empty()) line({a.note});
    if (!report.footer.empty()) line({report.footer});
    out.emplace_back(a.slug + ".csv", std::move(csv));
  }
  return out;
}

core::Status WriteXlsx(const Report& report, const std::string& path) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return core::MakeError("report: cannot create '" + path + "'");
  // Deterministic file: fixed document properties (libxlsxwriter stamps the creation time).
  std::string title = report.title;
  lxw_doc_properties props = {};
  props.title = title.data();
  props.created = 946684800;  // 2000-01-01: a fixed date, not the time of the run
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  lxw_worksheet* summary = workbook_add_worksheet(wb, "总体情况");
  worksheet_set_column(summary, 0, 0, 100, wrap);
  worksheet_write_string(summary, 0, 0, report.title.c_str(), bold);
  lxw_row_t r = 1;
  for (const auto& p : report.summary) worksheet_write_string(summary, r++, 0, p.c_str(), wrap);
  if (!report.footer.empty()) worksheet_write_string(summary, r++, 0, report.footer.c_str(), nullptr);

  for (const Annex& a : report.annexes) {
    const std::string name = AnnexHeading(a);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 7, 24, wrap);
    r = 0;
    worksheet_write_string(ws, r++, 0, (name + " " + a.title).c_str(), bold);
    for (const Table& t : a.tables) {
      if (!t.caption.empty()) worksheet_write_string(ws, r++, 0, t.caption.c_str(), bold);
      for (size_t c = 0; c < t.header.size(); ++c) {
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
      }
      ++r;
      for (const auto& row : t.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
          worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), row[c].c_str(), wrap);
        }
        ++r;
      }
      if (!t.footer.empty()) worksheet_write_string(ws, r++, 0, t.footer.c_str(), bold);
    }
    if (!a.note.empty()) worksheet_write_string(ws, r++, 0, a.note.c_str(), nullptr);
  }
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    return core::MakeError("report: cannot write '" + path + "': " + lxw_strerror(err));
  }
  return {};
}

}  // namespace govwatch::report
