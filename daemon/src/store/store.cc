#include "store/store.h"

namespace govwatch::store {

std::string_view ToString(TargetKind kind) {
  switch (kind) {
    case TargetKind::kSite: return "site";
    case TargetKind::kColumn: return "column";
    case TargetKind::kAccount: return "account";
  }
  return "site";
}

int DateStrength(core::DateProvenance provenance) {
  using P = core::DateProvenance;
  switch (provenance) {
    case P::kArticleDate: return 0;
    case P::kMetaPubdate: return 1;
    case P::kScriptVar: return 2;
    case P::kListDate: return 3;
    case P::kFeedDate: return 4;
    case P::kHttpLastModified: return 5;
    case P::kUrlDate: return 6;
    case P::kFirstSeen: return 7;
  }
  return 7;
}

}  // namespace govwatch::store
