// The content checks (typo, severe_expression, sensitive_word, personal_data) as the daemon and
// `govwatch probe` use them: where the lexicon comes from, loading it into a Scanner once, and
// the article check the article stage and the account posts run (schedule/articles.h).
//
// Lexicon location (docs/configuration.md, `content.lexicon_dir`): the configured directory when
// the config sets one; otherwise /etc/govwatch/lexicon (an office's own copy) when it exists,
// else the lexicon installed with the program (<datadir>/govwatch/lexicon, e.g.
// /usr/share/govwatch/lexicon). The source tree's config/lexicon is deliberately not a fallback:
// an installed daemon has no source tree, and a build that silently read it would behave
// differently once installed. With no lexicon at all the content checks are off, with a
// warning; a lexicon that exists but does not load is an error (the daemon does not start, a
// reload keeps the old one).
//
// Thread-safety: ScannerSlot is safe to Set and Get from any thread (the daemon swaps it on the
// io_context thread on reload while the scheduler's store thread runs the checks); the checks
// hold the Scanner they read for the duration of one article.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "core/time.h"
#include "schedule/articles.h"
#include "text/scanner.h"

namespace govwatch::app {

// /etc/govwatch/lexicon, then the installed <datadir>/govwatch/lexicon.
std::vector<std::string> DefaultLexiconDirs();

// Where the lexicon of `content` is: the configured directory (whether or not it exists, so a
// typo in the path is an error, not silence), else the first of `defaults` that is a directory,
// else nullopt (no lexicon: content checks off).
std::optional<std::string> LexiconDirFor(const config::ContentSettings& content,
                                         const std::vector<std::string>& defaults);

// What LoadContentScanner found.
struct LoadedLexicon {
  std::shared_ptr<const text::Scanner> scanner;  // nullptr: content checks off
  std::string dir;                                // "" when off
  std::string note;  // why off ("content.enabled is false", "no lexicon at …"), for the log
};

// Loads and compiles the lexicon `content` names (LexiconDirFor with DefaultLexiconDirs()).
// Error, with every bad line as "FILE:LINE: message" (one per line), when the directory
// exists but does not load or compile; off (scanner nullptr, with a note) when the checks are
// disabled or no lexicon exists.
core::Result<LoadedLexicon> LoadContentScanner(const config::ContentSettings& content);
// The same with explicit fallback directories (tests).
core::Result<LoadedLexicon> LoadContentScanner(const config::ContentSettings& content,
                                               const std::vector<std::string>& defaults);

// The scanner the content checks use now; swapped on reload.
class ScannerSlot {
 public:
  void Set(std::shared_ptr<const text::Scanner> scanner);
  std::shared_ptr<const text::Scanner> Get() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const text::Scanner> scanner_;
};

// One ArticleCheck yielding the four content checks' findings (checks::CheckArticleContent):
// it scans each text once with the slot's scanner of the moment (no findings while the slot is
// empty). `now` bounds plausible birth dates of ID numbers.
schedule::ArticleCheck ContentArticleCheck(std::shared_ptr<const ScannerSlot> slot,
                                           std::function<core::Timestamp()> now);

}  // namespace govwatch::app
