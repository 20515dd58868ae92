#include "checks/account_closed.h"

namespace govwatch::checks {
namespace {

const std::string* ClosurePhrase(const Post& post, const config::NewMediaSettings& settings) {
  for (const std::string& phrase : settings.closure_phrases) {
    if (post.text.find(phrase) != std::string::npos ||
        post.item.title.find(phrase) != std::string::npos) {
      return &phrase;
    }
  }
  return nullptr;
}

// The first ~60 characters of the announcement, for the message (UTF-8 aware).
std::string Excerpt(const Post& post) {
  std::string_view text = post.text.empty() ? std::string_view(post.item.title) : post.text;
  text = text.substr(0, text.find('\n'));
  size_t cut = 0;
  for (int chars = 0; cut < text.size() && chars < 60; ++chars) {
    const unsigned char c = static_cast<unsigned char>(text[cut]);
    cut += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  std::string out(text.substr(0, std::min(cut, text.size())));
  if (cut < text.size()) out += "…";
  return out;
}

}  // namespace

CheckResult CheckAccountClosed(const config::Account& account,
                               const config::NewMediaSettings& settings,
                               const AccountObservation& observation, const core::TimeZone& tz) {
  CheckResult result;
  if (!observation.readable) {
    result.note = "account unreadable: " + observation.unreadable_reason;
    return result;
  }
  // The newest non-pinned post; undated posts count only when nothing is dated (then the first
  // one, which the platforms list newest first).
  const Post* newest = nullptr;
  for (const Post& post : observation.posts) {
    if (post.item.pinned) continue;
    if (newest == nullptr || (post.item.published &&
                              (!newest->item.published || *post.item.published > *newest->item.published))) {
      newest = &post;
    }
  }
  const Post* announcement = nullptr;
  if (newest != nullptr && ClosurePhrase(*newest, settings) != nullptr) announcement = newest;
  // Closure notices are often pinned; such a notice counts unless the account posted after it.
  for (const Post& post : observation.posts) {
    if (announcement != nullptr || !post.item.pinned || ClosurePhrase(post, settings) == nullptr) {
      continue;
    }
    const bool posted_after = newest != nullptr && newest->item.published &&
                              post.item.published &&
                              *newest->item.published > *post.item.published;
    if (!posted_after) announcement = &post;
  }
  result.status = core::CheckStatus::kOk;
  if (announcement == nullptr) {
    result.note = "no closure announcement";
    return result;
  }
  core::Finding finding;
  finding.target_id = account.id;
  finding.unit_id = account.unit;
  finding.check = kAccountClosed;
  finding.severity = core::Severity::kDeduction;
  finding.evidence_url =
      announcement->item.url.empty() ? account.source.url : announcement->item.url;
  const std::string who =
      std::string(core::ChineseName(account.platform)) + "「" + account.name + "」";
  const std::string when = announcement->item.published
                               ? "于 " + LocalDate(*announcement->item.published, tz) + " "
                               : "";
  finding.message = who + "已" + when + "发布停更公告（“" + Excerpt(*announcement) +
                    "”），但账号仍可访问，未按规定关停注销";
  if (announcement->item.published) {
    finding.last_update = core::DatedTime{*announcement->item.published, announcement->item.provenance};
  }
  result.status = core::CheckStatus::kProblem;
  result.note = "closure announced: " + *ClosurePhrase(*announcement, settings);
  result.findings.push_back(std::move(finding));
  return result;
}

}  // namespace govwatch::checks
