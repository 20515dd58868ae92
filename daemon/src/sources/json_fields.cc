#include "sources/json_fields.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>

namespace govwatch::sources::json_fields {

namespace json = boost::json;

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

std::optional<std::int64_t> Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_bool()) return v->as_bool() ? 1 : 0;
  if (v->is_string()) {
    std::int64_t n = 0;
    const auto& s = v->as_string();
    if (std::from_chars(s.data(), s.data() + s.size(), n).ec == std::errc{}) return n;
  }
  return std::nullopt;
}

const json::object* Obj(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

const json::array* Arr(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? &v->as_array() : nullptr;
}

std::optional<json::object> ParseObject(std::string_view text,
                                        std::optional<SourceFailure>& failure) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    failure =
        SourceFailure{"parse", "not a JSON object" + (ec ? ": " + ec.message() : std::string())};
    return std::nullopt;
  }
  return std::move(v.as_object());
}

}  // namespace govwatch::sources::json_fields
