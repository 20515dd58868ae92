// The checks the composition root plugs into the article stage (schedule/articles.h):
//   - the content checks (typo, severe_expression, sensitive_word, personal_data; issue 5) on
//     every new article, with the lexicon of content.lexicon_dir;
//   - policy interpretation (应解读未解读, issue 8) over each site's stored articles, after
//     the article stage of its document and interpretation columns.
// Used by `govwatch probe` and `govwatch run`, so both store the same findings.
//
// The returned checks share one immutable Scanner; they run on the store thread only.
#pragma once

#include "config/config.h"
#include "core/result.h"
#include "schedule/articles.h"

namespace govwatch::app {

// Adds the checks to `options`. Content checks are added when content.enabled; error when the
// lexicon directory cannot be read or built (the caller decides whether that stops it).
core::Status AddContentChecks(const config::Config& config, schedule::ArticleOptions& options);

// Adds policy interpretation (always: it needs only the stored articles).
void AddPolicyInterpretation(schedule::ArticleOptions& options);

}  // namespace govwatch::app
