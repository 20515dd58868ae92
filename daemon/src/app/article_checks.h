// The site check the composition root plugs into the article stage (schedule/articles.h):
// policy interpretation (应解读未解读, issue 8) over each site's stored articles, after the
// article stage of its document and interpretation columns. Used by `govwatch probe` and
// `govwatch run`, so both store the same findings. (The content checks of new articles are
// app/content_checks.h.)
#pragma once

#include "schedule/articles.h"

namespace govwatch::app {

// Adds policy interpretation (always: it needs only the stored articles).
void AddPolicyInterpretation(schedule::ArticleOptions& options);

}  // namespace govwatch::app
