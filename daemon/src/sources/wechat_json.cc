#include "sources/wechat_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "sources/json_fields.h"

namespace govwatch::sources {
namespace {

namespace json = boost::json;

using json_fields::Arr;
using json_fields::Int;
using json_fields::Obj;
using json_fields::ParseObject;
using json_fields::Str;

std::optional<WechatError> ErrorOf(const json::object& root) {
  const auto code = Int(root, "errcode");
  if (!code || *code == 0) return std::nullopt;
  return WechatError{static_cast<long>(*code), Str(root, "errmsg")};
}

SourceFailure ApiFailure(const WechatError& e) {
  // errmsg carries a request id ("rid: …") but never the token or secret.
  return SourceFailure{"api_error", "errcode " + std::to_string(e.code) + ": " + e.message};
}

MenuEntry EntryOf(const json::object& button) {
  MenuEntry entry;
  entry.name = Str(button, "name");
  entry.type = Str(button, "type");
  entry.url = Str(button, "url");
  // get_current_selfmenu_info nests sub-entries as {"sub_button":{"list":[…]}}; the menu
  // creation API (and some proxies) as {"sub_button":[…]}.
  const json::array* subs = nullptr;
  if (const json::object* sub = Obj(button, "sub_button")) subs = Arr(*sub, "list");
  if (subs == nullptr) subs = Arr(button, "sub_button");
  if (subs != nullptr) {
    for (const json::value& s : *subs) {
      if (s.is_object()) entry.children.push_back(EntryOf(s.as_object()));
    }
  }
  return entry;
}

}  // namespace

std::optional<WechatError> ParseWechatError(std::string_view text) {
  std::optional<SourceFailure> failure;
  const auto root = ParseObject(text, failure);
  if (!root) return std::nullopt;
  return ErrorOf(*root);
}

bool IsTokenError(const WechatError& error) {
  return error.code == 40001 || error.code == 40014 || error.code == 42001;
}

WechatToken ParseWechatToken(std::string_view text) {
  WechatToken token;
  const auto root = ParseObject(text, token.failure);
  if (!root) return token;
  if (const auto error = ErrorOf(*root)) {
    token.failure = ApiFailure(*error);
    return token;
  }
  token.access_token = Str(*root, "access_token");
  token.expires_in = std::chrono::seconds{Int(*root, "expires_in").value_or(0)};
  if (token.access_token.empty()) token.failure = SourceFailure{"parse", "no access_token in the reply"};
  return token;
}

WechatArticles ParseWechatArticles(std::string_view text) {
  WechatArticles out;
  const auto root = ParseObject(text, out.failure);
  if (!root) return out;
  if ((out.error = ErrorOf(*root))) {
    out.failure = ApiFailure(*out.error);
    return out;
  }
  const json::array* items = Arr(*root, "item");
  if (items == nullptr) {
    // A reply without `item` and without errcode is not the article list.
    if (!root->contains("total_count")) out.failure = SourceFailure{"parse", "no item list in the reply"};
    return out;
  }
  for (const json::value& v : *items) {
    if (!v.is_object()) continue;
    const json::object& item = v.as_object();
    const json::object* content = Obj(item, "content");
    const json::array* news = content != nullptr ? Arr(*content, "news_item") : nullptr;
    if (news == nullptr) continue;
    std::optional<std::int64_t> when = Int(item, "update_time");
    if (!when && content != nullptr) when = Int(*content, "update_time");
    if (!when && content != nullptr) when = Int(*content, "create_time");
    for (const json::value& n : *news) {
      if (!n.is_object()) continue;
      const json::object& article = n.as_object();
      if (Int(article, "is_deleted").value_or(0) != 0) continue;
      Post post;
      post.item.title = Str(article, "title");
      post.item.url = Str(article, "url");
      if (when && *when > 0) {
        post.item.published = core::Timestamp{std::chrono::seconds{*when}};
        post.item.provenance = core::DateProvenance::kFeedDate;
      }
      const std::string digest = Str(article, "digest");
      post.text = digest.empty() ? post.item.title : post.item.title + "\n" + digest;
      const std::string source_url = Str(article, "content_source_url");
      if (source_url.starts_with("http://") || source_url.starts_with("https://")) {
        post.links.push_back(source_url);
      }
      out.posts.push_back(std::move(post));
    }
  }
  return out;
}

WechatMenu ParseWechatMenu(std::string_view text) {
  WechatMenu menu;
  const auto root = ParseObject(text, menu.failure);
  if (!root) return menu;
  if ((menu.error = ErrorOf(*root))) {
    menu.failure = ApiFailure(*menu.error);
    return menu;
  }
  if (Int(*root, "is_menu_open").value_or(0) == 0) return menu;
  const json::object* info = Obj(*root, "selfmenu_info");
  const json::array* buttons = info != nullptr ? Arr(*info, "button") : nullptr;
  if (buttons == nullptr) return menu;
  for (const json::value& b : *buttons) {
    if (b.is_object()) menu.entries.push_back(EntryOf(b.as_object()));
  }
  return menu;
}

}  // namespace govwatch::sources
