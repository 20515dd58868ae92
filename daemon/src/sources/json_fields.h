// Lenient field access for platform JSON replies (Weibo, WeChat): the platforms send the same
// field as a string in one reply and a number in the next, so readers coerce instead of failing.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sources/source.h"

namespace govwatch::sources::json_fields {

// The field as text: strings as they are, integers in decimal; "" when absent or of another type.
std::string Str(const boost::json::object& o, std::string_view key);
// The field as an integer: integers, booleans (0/1) and decimal strings; nullopt otherwise.
std::optional<std::int64_t> Int(const boost::json::object& o, std::string_view key);
// The field when it is an object / an array; nullptr otherwise.
const boost::json::object* Obj(const boost::json::object& o, std::string_view key);
const boost::json::array* Arr(const boost::json::object& o, std::string_view key);
// The reply's top-level object, or nullopt with `failure` set to a "parse" failure.
std::optional<boost::json::object> ParseObject(std::string_view text,
                                               std::optional<SourceFailure>& failure);

}  // namespace govwatch::sources::json_fields
