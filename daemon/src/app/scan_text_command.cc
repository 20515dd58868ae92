#include "app/scan_text_command.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/content_checks.h"
#include "checks/content.h"
#include "config/loader.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/scanner.h"

namespace govwatch::app {
namespace {

constexpr const char* kUsage =
    "usage: govwatch scan-text [--lexicon DIR] [-c FILE] [--format json|table] [--now ISO8601]\n"
    "                          [--engine ac|hyperscan] [FILE|-]\n"
    "Checks a text (UTF-8; default stdin) for typos, severe expression errors, sensitive words\n"
    "and personal data with the daemon's rules. Prints one JSON object per finding (or a table).\n"
    "Lexicon: --lexicon DIR, else content.lexicon_dir of -c FILE, else the daemon's default\n"
    "(/etc/govwatch/lexicon, else the installed lexicon), else ./config/lexicon.\n"
    "Exit status: 0 no findings, 1 findings, 2 usage, input or lexicon error.\n";

core::Result<std::string> ReadInput(const std::string& input) {
  if (input == "-") {
    return std::string((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) return core::MakeError(input + ": cannot read");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return core::MakeError(input + ": read error");
  return text;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return s;
}

}  // namespace

core::Result<ScanTextInvocation> ParseScanTextArgs(const Args& args) {
  ScanTextInvocation inv;
  bool have_input = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h" || arg == "--help") {
      inv.help = true;
      return inv;
    }
    if (arg != "-" && arg.starts_with("-")) {
      std::string value;
      bool has_value = false;
      if (const auto eq = arg.find('='); eq != std::string::npos && arg.starts_with("--")) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_value = true;
      }
      const bool known = arg == "--lexicon" || arg == "-c" || arg == "--config" ||
                         arg == "--format" || arg == "--now" || arg == "--engine";
      if (!known) return core::MakeError("unknown option '" + arg + "'");
      if (!has_value) {
        if (i + 1 >= args.size()) return core::MakeError(arg + " needs a value");
        value = args[++i];
      }
      if (arg == "--lexicon") {
        inv.lexicon_dir = value;
      } else if (arg == "-c" || arg == "--config") {
        inv.config_path = value;
      } else if (arg == "--format") {
        if (value != "json" && value != "table") {
          return core::MakeError("--format must be json or table, got '" + value + "'");
        }
        inv.format = value;
      } else if (arg == "--now") {
        auto t = core::ParseIso8601(value, std::chrono::hours(8));
        if (!t) return core::MakeError("--now: " + t.error().message);
        inv.now = *t;
      } else if (arg == "--engine") {
        if (value == "ac") {
          inv.engine = text::MatcherEngine::kAhoCorasick;
        } else if (value == "hyperscan") {
          inv.engine = text::MatcherEngine::kHyperscan;
        } else {
          return core::MakeError("--engine must be ac or hyperscan, got '" + value + "'");
        }
      }
      continue;
    }
    if (have_input) return core::MakeError("more than one input file");
    inv.input = arg;
    have_input = true;
  }
  return inv;
}

core::Result<std::string> ResolveLexiconDir(const ScanTextInvocation& inv) {
  if (inv.lexicon_dir) return *inv.lexicon_dir;
  if (inv.config_path) {
    const config::LoadResult loaded = config::LoadConfigFile(*inv.config_path);
    if (!loaded.config) {
      std::string message;
      for (const auto& d : loaded.diagnostics) message += (message.empty() ? "" : "\n") + d.ToString();
      return core::MakeError(message);
    }
    if (!loaded.config->content.lexicon_dir.empty()) return loaded.config->content.lexicon_dir;
  }
  // The daemon's defaults, then the source tree's lexicon for a build that is not installed.
  config::ContentSettings unset;
  return LexiconDirFor(unset, DefaultLexiconDirs()).value_or("config/lexicon");
}

int RunScanText(const Args& args) {
  auto inv = ParseScanTextArgs(args);
  if (!inv) {
    std::cerr << "govwatch scan-text: " << inv.error().message << "\n\n" << kUsage;
    return 2;
  }
  if (inv->help) {
    std::cout << kUsage;
    return 0;
  }
  const auto dir = ResolveLexiconDir(*inv);
  if (!dir) {
    std::cerr << dir.error().message << "\n";
    return 2;
  }
  auto lexicon = text::LoadLexiconDirectory(*dir);
  if (!lexicon) {
    std::cerr << lexicon.error().message << "\n";
    return 2;
  }
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) {
    std::cerr << "govwatch scan-text: " << normalizer.error().message << "\n";
    return 2;
  }
  text::ScannerOptions options;
  options.engine = inv->engine;
  auto scanner = text::Scanner::Build(std::move(*lexicon), *normalizer, options);
  if (!scanner) {
    std::cerr << scanner.error().message << "\n";
    return 2;
  }
  const auto input = ReadInput(inv->input);
  if (!input) {
    std::cerr << "govwatch scan-text: " << input.error().message << "\n";
    return 2;
  }
  if (!text::IsValidUtf8(*input)) {
    std::cerr << "govwatch scan-text: " << inv->input << ": not valid UTF-8\n";
    return 2;
  }
  const core::Timestamp now =
      inv->now ? *inv->now
               : std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::string_view text = *input;
  const auto issues = checks::FindContentIssues(**scanner, text, now);

  // Issues are ordered by begin: walk the text once for character offsets and lines.
  std::size_t walked_byte = 0;
  std::size_t walked_char = 0;
  std::size_t line = 1;
  std::size_t line_start_char = 0;
  std::string out;
  if (inv->format == "json") out += "[";
  if (inv->format == "table") out += "行:列\t检查\t错误\t建议\t类别\t级别\t片段\n";
  bool first = true;
  for (const auto& issue : issues) {
    for (; walked_byte < issue.begin; ++walked_byte) {
      const auto c = static_cast<unsigned char>(text[walked_byte]);
      if ((c & 0xC0) == 0x80) continue;
      ++walked_char;
      if (c == '\n') {
        ++line;
        line_start_char = walked_char;
      }
    }
    const std::size_t begin_char = walked_char;
    const std::size_t end_char = begin_char + text::CountChars(text.substr(issue.begin, issue.end - issue.begin));
    const std::size_t column = begin_char - line_start_char + 1;
    const std::string snippet = checks::MakeSnippet(text, issue.begin, issue.end, now);
    if (inv->format == "json") {
      boost::json::object o;
      o["check"] = issue.check;
      o["begin_byte"] = issue.begin;
      o["end_byte"] = issue.end;
      o["begin_char"] = begin_char;
      o["end_char"] = end_char;
      o["line"] = line;
      o["column"] = column;
      o["wrong"] = issue.wrong;
      o["suggestion"] = issue.suggestion;
      o["category"] = issue.category;
      o["category_zh"] = issue.category_zh;
      o["severity"] = core::ToString(issue.severity);
      o["weight"] = issue.weight;
      o["split"] = issue.split;
      o["snippet"] = snippet;
      out += first ? "\n" : ",\n";
      out += boost::json::serialize(o);
    } else {
      out += std::to_string(line) + ":" + std::to_string(column) + "\t" + std::string(issue.check) +
             "\t" + OneLine(issue.wrong) + "\t" + OneLine(issue.suggestion) + "\t" +
             issue.category_zh + "\t" + std::string(core::ChineseName(issue.severity)) + "\t" +
             snippet + "\n";
    }
    first = false;
    if (out.size() > (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  if (inv->format == "json") out += issues.empty() ? "]\n" : "\n]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return issues.empty() ? 0 : 1;
}

}  // namespace govwatch::app
