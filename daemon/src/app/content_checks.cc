#include "app/content_checks.h"

#include <filesystem>

#include "checks/content.h"
#include "checks/personal_data.h"
#include "checks/sensitive_word.h"
#include "checks/severe_expression.h"
#include "checks/typo.h"
#include "text/lexicon.h"
#include "text/normalize.h"

#ifndef GOVWATCH_DATA_DIR
#define GOVWATCH_DATA_DIR "/usr/share/govwatch"
#endif

namespace govwatch::app {

std::vector<std::string> DefaultLexiconDirs() {
  return {"/etc/govwatch/lexicon", std::string(GOVWATCH_DATA_DIR) + "/lexicon"};
}

std::optional<std::string> LexiconDirFor(const config::ContentSettings& content,
                                         const std::vector<std::string>& defaults) {
  if (!content.lexicon_dir.empty()) return content.lexicon_dir;
  for (const auto& dir : defaults) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return dir;
  }
  return std::nullopt;
}

core::Result<LoadedLexicon> LoadContentScanner(const config::ContentSettings& content) {
  return LoadContentScanner(content, DefaultLexiconDirs());
}

core::Result<LoadedLexicon> LoadContentScanner(const config::ContentSettings& content,
                                               const std::vector<std::string>& defaults) {
  LoadedLexicon out;
  if (!content.enabled) {
    out.note = "content.enabled is false";
    return out;
  }
  const auto dir = LexiconDirFor(content, defaults);
  if (!dir) {
    out.note = "content.lexicon_dir is not set and there is no lexicon at ";
    for (std::size_t i = 0; i < defaults.size(); ++i) {
      out.note += (i == 0 ? "" : i + 1 == defaults.size() ? " or " : ", ") + defaults[i];
    }
    return out;
  }
  auto lexicon = text::LoadLexiconDirectory(*dir);
  if (!lexicon) return lexicon.error();
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return normalizer.error().WithContext("lexicon");
  auto scanner = text::Scanner::Build(std::move(*lexicon), *normalizer);
  if (!scanner) return scanner.error().WithContext(*dir);
  out.scanner = std::shared_ptr<const text::Scanner>(std::move(*scanner));
  out.dir = *dir;
  return out;
}

void ScannerSlot::Set(std::shared_ptr<const text::Scanner> scanner) {
  std::lock_guard lock(mutex_);
  scanner_ = std::move(scanner);
}

std::shared_ptr<const text::Scanner> ScannerSlot::Get() const {
  std::lock_guard lock(mutex_);
  return scanner_;
}

schedule::ArticleCheck ContentArticleCheck(std::shared_ptr<const ScannerSlot> slot,
                                           std::function<core::Timestamp()> now) {
  schedule::ArticleCheck check;
  check.name = "content";
  check.yields = {checks::kTypo, checks::kSevereExpression, checks::kSensitiveWord,
                  checks::kPersonalData};
  check.run = [slot = std::move(slot),
               now = std::move(now)](const schedule::ArticleContext& article) {
    std::vector<core::Finding> findings;
    // Held for this article even if a reload swaps the slot meanwhile.
    const std::shared_ptr<const text::Scanner> scanner = slot->Get();
    if (scanner == nullptr) return findings;
    const checks::ArticleText text{article.target_id, article.unit_id, article.url, article.title,
                                   article.text};
    findings = checks::CheckArticleContent(*scanner, text, now());
    // The stage prefixes subjects with the URL itself; keep only the term.
    const std::string prefix = article.url + "#";
    for (auto& f : findings) {
      if (f.subject.starts_with(prefix)) f.subject.erase(0, prefix.size());
    }
    return findings;
  };
  return check;
}

}  // namespace govwatch::app
