#include "app/article_checks.h"

#include <algorithm>
#include <memory>

#include "checks/content.h"
#include "checks/personal_data.h"
#include "checks/policy_interpretation.h"
#include "checks/sensitive_word.h"
#include "checks/severe_expression.h"
#include "checks/typo.h"
#include "report/interpretation.h"
#include "report/period.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/scanner.h"

namespace govwatch::app {
namespace {

// The stage runs each named check in turn on the same article; one scan serves all four.
struct ContentScan {
  std::unique_ptr<text::Scanner> scanner;
  std::string url;  // the article the cached findings are of
  std::string text_key;
  std::vector<core::Finding> findings;

  const std::vector<core::Finding>& Of(const schedule::ArticleContext& ctx) {
    std::string key = ctx.title + '\n' + ctx.text;
    if (ctx.url != url || key != text_key) {
      const checks::ArticleText article{ctx.target_id, ctx.unit_id, ctx.url, ctx.title, ctx.text};
      findings = checks::CheckArticleContent(*scanner, article, ctx.now);
      url = ctx.url;
      text_key = std::move(key);
    }
    return findings;
  }
};

}  // namespace

core::Status AddContentChecks(const config::Config& config, schedule::ArticleOptions& options) {
  if (!config.content.enabled) return {};
  auto lexicon = text::LoadLexiconDirectory(config.content.lexicon_dir);
  if (!lexicon) return lexicon.error().WithContext("content.lexicon_dir");
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return normalizer.error().WithContext("content");
  auto scanner = text::Scanner::Build(std::move(*lexicon), *normalizer);
  if (!scanner) return scanner.error().WithContext("content.lexicon_dir");
  auto scan = std::make_shared<ContentScan>();
  scan->scanner = std::move(*scanner);
  for (const char* name : {checks::kTypo, checks::kSevereExpression, checks::kSensitiveWord,
                           checks::kPersonalData}) {
    schedule::ArticleCheck check;
    check.name = name;
    check.run = [scan, name = std::string(name)](const schedule::ArticleContext& ctx) {
      std::vector<core::Finding> out;
      for (const core::Finding& f : scan->Of(ctx)) {
        if (f.check != name) continue;
        core::Finding mine = f;
        // The stage prefixes "URL#"; the content check's subject already starts with it.
        const std::string prefix = ctx.url + "#";
        if (mine.subject.starts_with(prefix)) mine.subject.erase(0, prefix.size());
        out.push_back(std::move(mine));
      }
      return out;
    };
    options.checks.push_back(std::move(check));
  }
  return {};
}

void AddPolicyInterpretation(schedule::ArticleOptions& options) {
  schedule::SiteArticleCheck check;
  check.name = checks::kPolicyInterpretation;
  // Documents sit in document columns and interpretations in interpretation columns; a run of
  // either is when a verdict can change (a new article, or a deadline passed since the last).
  check.applies = [](const config::Config& config, const config::Site& site,
                     const config::Column& column) {
    const config::Profile& profile = config.ProfileFor(site.profile);
    auto in = [&column](const std::vector<core::ColumnKind>& kinds) {
      return std::find(kinds.begin(), kinds.end(), column.kind) != kinds.end();
    };
    return in(profile.interpretation_document_kinds) || in(profile.interpretation_column_kinds);
  };
  check.run = [](const config::Config& config, const config::Site& site,
                 const std::vector<store::ArticleRecord>& articles,
                 core::Timestamp now) -> core::Result<std::vector<core::Finding>> {
    auto interpretation =
        report::InterpretSite(config, site, articles, report::LocalDay(now, site.time_zone));
    if (!interpretation) return interpretation.error();
    return std::move(interpretation->result.result.findings);
  };
  options.site_checks.push_back(std::move(check));
}

}  // namespace govwatch::app
