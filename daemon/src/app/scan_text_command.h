// govwatch scan-text: the content checks on a draft (发布前检查), with the daemon's rules.
// Argument parsing and lexicon-directory resolution are separate functions so tests can call
// them without a process.
#pragma once

#include <optional>
#include <string>

#include "app/commands.h"
#include "core/result.h"
#include "core/time.h"
#include "text/matcher.h"

namespace govwatch::app {

struct ScanTextInvocation {
  bool help = false;
  std::optional<std::string> lexicon_dir;  // --lexicon
  std::optional<std::string> config_path;  // -c / --config
  std::string format = "json";             // json | table
  std::string input = "-";                 // FILE or - (stdin)
  std::optional<core::Timestamp> now;      // --now, for reproducible birth-date checks
  text::MatcherEngine engine = text::MatcherEngine::kHyperscan;  // --engine ac|hyperscan
};

core::Result<ScanTextInvocation> ParseScanTextArgs(const Args& args);

// --lexicon, else content.lexicon_dir of -c FILE when it sets one, else the daemon's default
// (app/content_checks.h: /etc/govwatch/lexicon, else the installed lexicon) when it exists, else
// ./config/lexicon. Error when -c FILE does not load.
core::Result<std::string> ResolveLexiconDir(const ScanTextInvocation& inv);

}  // namespace govwatch::app
