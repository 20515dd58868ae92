// govwatch check-config FILE: loads a configuration exactly as the daemon would and reports the
// outcome (commands.h). Exit 0 when valid, 1 on any configuration error, 2 on a usage error.
#include <cstdio>
#include <string>

#include "app/commands.h"
#include "app/content_checks.h"
#include "config/loader.h"

namespace govwatch::app {
namespace {

constexpr const char* kCheckConfigUsage =
    "usage: govwatch check-config FILE\n"
    "\n"
    "Loads and validates a configuration file. When it is valid, prints a summary such as\n"
    "  ok: 3 units, 2 sites, 14 columns, 4 accounts\n"
    "and exits 0. Otherwise prints every problem on stderr, one per line as\n"
    "  FILE:LINE:COL: message\n"
    "and exits 1. The lexicon of the content checks (content.lexicon_dir) is loaded too; its\n"
    "problems are printed as LEXICON_FILE:LINE: message. ${VAR} and ${VAR:-default} in\n"
    "values are read from the environment.\n"
    "See docs/configuration.md for every key.\n";

}  // namespace

int RunCheckConfig(const Args& args) {
  std::string file;
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(kCheckConfigUsage, stdout);
      return 0;
    }
    if (arg.size() > 1 && arg.front() == '-') {
      std::fprintf(stderr, "govwatch check-config: unknown option '%s'\n\n%s", arg.c_str(),
                   kCheckConfigUsage);
      return 2;
    }
    if (!file.empty()) {
      std::fprintf(stderr, "govwatch check-config: expected one FILE, got more\n\n%s",
                   kCheckConfigUsage);
      return 2;
    }
    file = arg;
  }
  if (file.empty()) {
    std::fprintf(stderr, "govwatch check-config: missing FILE\n\n%s", kCheckConfigUsage);
    return 2;
  }

  const config::LoadResult result = config::LoadConfigFile(file);
  if (!result.config) {
    for (const config::Diagnostic& d : result.diagnostics) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
    }
    return 1;
  }
  const config::Config& c = *result.config;
  // The lexicon is part of what the daemon loads at start: a broken one stops it there.
  const auto lexicon = LoadContentScanner(c.content);
  if (!lexicon) {
    std::fprintf(stderr, "%s\n", lexicon.error().message.c_str());
    return 1;
  }
  if (lexicon->scanner == nullptr && c.content.enabled) {
    std::fprintf(stderr, "warning: content checks off: %s\n", lexicon->note.c_str());
  }
  std::printf("ok: %zu units, %zu sites, %zu columns, %zu accounts\n", c.units.size(),
              c.sites.size(), c.ColumnCount(), c.accounts.size());
  return 0;
}

}  // namespace govwatch::app
