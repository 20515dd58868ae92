#include "config/validate.h"

#include <arpa/inet.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <netinet/in.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>
#include <vector>

namespace govwatch::config {
namespace {

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext.
bool IsAtext(char c) {
  return IsAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsEnvNameChar(char c) { return IsAlnum(c) || c == '_'; }

// Collects the first libxml2 error raised while it is installed, and restores the previous
// handler on destruction so libxml2 users elsewhere keep theirs.
class XmlErrorCapture {
 public:
  XmlErrorCapture() : previous_context_(xmlStructuredErrorContext), previous_(xmlStructuredError) {
    xmlSetStructuredErrorFunc(this, &XmlErrorCapture::Handle);
  }
  ~XmlErrorCapture() { xmlSetStructuredErrorFunc(previous_context_, previous_); }
  XmlErrorCapture(const XmlErrorCapture&) = delete;
  XmlErrorCapture& operator=(const XmlErrorCapture&) = delete;

  const std::string& message() const { return message_; }

 private:
  static void Handle(void* self, xmlErrorPtr error) {
    auto* capture = static_cast<XmlErrorCapture*>(self);
    if (!capture->message_.empty() || error == nullptr || error->message == nullptr) return;
    std::string m = error->message;
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    capture->message_ = std::move(m);
  }

  void* previous_context_;
  xmlStructuredErrorFunc previous_;
  std::string message_;
};

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.front() == '_' || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), IsIdChar);
}

bool IsValidEmail(std::string_view email) {
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.size() > 64 || domain.size() > 253) return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) return false;
  }
  size_t labels = 0;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    ++labels;
    start = end + 1;
  }
  return labels >= 2;
}

std::optional<std::string> CheckHttpUrl(std::string_view url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) {
    const bool non_ascii = std::any_of(url.begin(), url.end(),
                                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (non_ascii) return "must be an absolute http or https URL; percent-encode non-ASCII characters";
    return "must be an absolute http or https URL";
  }
  const auto scheme = parsed->scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) {
    return "must be an absolute http or https URL, not " + std::string(parsed->scheme());
  }
  if (!parsed->has_authority() || parsed->host().empty()) {
    return "must be an absolute http or https URL with a host";
  }
  return std::nullopt;
}

core::Result<std::string> NormalizeDomain(std::string_view text) {
  std::string d(text);
  for (char& c : d) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view v = d;
  if (v.starts_with("*.")) v.remove_prefix(2);
  if (v.starts_with('.')) v.remove_prefix(1);
  if (v.ends_with('.')) v.remove_suffix(1);
  const bool valid =
      !v.empty() && !v.starts_with('.') && v.find("..") == std::string_view::npos &&
      std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
      });
  if (!valid) {
    return core::MakeError("expected a domain such as bad.example, got '" + std::string(text) +
                           "'");
  }
  return std::string(v);
}

core::Result<std::uint64_t> ParseByteSize(std::string_view text) {
  auto bad = [&] {
    return core::MakeError("invalid size '" + std::string(text) +
                           "' (expected bytes or e.g. 512KiB, 10MiB, 1GiB, 10MB)");
  };
  std::uint64_t n = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || ptr == text.data()) return bad();
  std::string_view unit(ptr, static_cast<size_t>(text.data() + text.size() - ptr));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  struct Unit {
    std::string_view name;
    std::uint64_t factor;
  };
  static constexpr Unit kUnits[] = {
      {"", 1},          {"B", 1},
      {"KiB", 1ULL << 10}, {"MiB", 1ULL << 20}, {"GiB", 1ULL << 30},
      {"KB", 1000},     {"kB", 1000},         {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
  };
  for (const Unit& u : kUnits) {
    if (u.name == unit) {
      if (n > UINT64_MAX / u.factor) return bad();
      return n * u.factor;
    }
  }
  return bad();
}

core::Result<ListenAddress> ParseListenAddress(std::string_view text) {
  constexpr std::string_view kForm = "expected HOST:PORT or [IPv6]:PORT, e.g. 127.0.0.1:9816";
  ListenAddress out;
  std::string_view port_text;
  bool bracketed = false;
  if (text.starts_with('[')) {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return core::MakeError(std::string(kForm));
    out.host = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.starts_with(':')) return core::MakeError(std::string(kForm));
    port_text = rest.substr(1);
    bracketed = true;
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return core::MakeError(std::string(kForm));
    if (text.find(':') != colon) {
      return core::MakeError("IPv6 addresses go in brackets, e.g. [::1]:9816");
    }
    out.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  const auto [ptr, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  const bool digits_only =
      !port_text.empty() &&
      std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only || ec != std::errc{} || ptr != port_text.data() + port_text.size() ||
      port > 65535) {
    return core::MakeError("port must be a number from 0 to 65535, got '" + std::string(port_text) +
                           "'");
  }
  out.port = static_cast<std::uint16_t>(port);
  if (out.host.empty()) {
    // ":9816" means every address to some servers; here the operator must say so (0.0.0.0).
    return core::MakeError("missing host (use 0.0.0.0 or [::] to listen on every address)");
  }
  if (bracketed) {
    in6_addr v6{};
    if (inet_pton(AF_INET6, out.host.c_str(), &v6) != 1) {
      return core::MakeError("'" + out.host + "' in brackets is not an IPv6 address");
    }
    const bool v4_mapped_loopback = IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
    out.loopback = IN6_IS_ADDR_LOOPBACK(&v6) || v4_mapped_loopback;
    return out;
  }
  if (out.host == "localhost") {
    out.loopback = true;
    return out;
  }
  in_addr v4{};
  // inet_pton accepts only dotted-quad decimal, not inet_aton's "127.1" or octal forms.
  if (inet_pton(AF_INET, out.host.c_str(), &v4) != 1) {
    return core::MakeError("host must be an IP address or localhost, got '" + out.host + "'");
  }
  out.loopback = (ntohl(v4.s_addr) >> 24) == 127;
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions, the commonest typo
  // ("nmae" → "name" is one edit, not two).
  const size_t width = b.size() + 1;
  std::vector<size_t> d((a.size() + 1) * width);
  auto at = [&](size_t i, size_t j) -> size_t& { return d[i * width + j]; };
  for (size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
  for (size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(a.size(), b.size());
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        std::span<const std::string_view> candidates) {
  // Up to a third of the word may be wrong (at least 1, at most 3 edits): "colums" → "columns",
  // but "id" does not suggest "url".
  const size_t limit = std::clamp<size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    const size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

EnvExpansion ExpandEnv(std::string_view text,
                       const std::function<std::optional<std::string>(const std::string&)>& env) {
  EnvExpansion out;
  out.value.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '$' || i + 1 >= text.size()) {
      out.value.push_back(c);
      ++i;
      continue;
    }
    if (text[i + 1] == '$') {
      out.value.push_back('$');
      i += 2;
      continue;
    }
    if (text[i + 1] != '{') {
      out.value.push_back(c);
      ++i;
      continue;
    }
    const size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.error = "unterminated '${' (write '$${' for a literal '${')";
      out.error_offset = i;
      return out;
    }
    const std::string_view inner = text.substr(i + 2, close - i - 2);
    const size_t sep = inner.find(":-");
    const std::string_view name = inner.substr(0, sep);
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsEnvNameChar) ||
        (name.front() >= '0' && name.front() <= '9')) {
      out.error = "invalid environment variable name '" + std::string(name) + "' in '${" +
                  std::string(inner) + "}'";
      out.error_offset = i;
      return out;
    }
    const std::optional<std::string> value = env(std::string(name));
    if (sep != std::string_view::npos) {
      out.value += (value && !value->empty()) ? *value : std::string(inner.substr(sep + 2));
    } else if (value) {
      out.value += *value;
    } else {
      out.error = "environment variable '" + std::string(name) +
                  "' is not set (use ${" + std::string(name) + ":-default} to give a default)";
      out.error_offset = i;
      return out;
    }
    i = close + 1;
  }
  return out;
}

std::optional<std::string> XPathChecker::Check(const std::string& expr) {
  const auto it = cache_.find(expr);
  if (it != cache_.end()) return it->second;
  std::optional<std::string> outcome;
  {
    XmlErrorCapture capture;
    xmlXPathCompExprPtr compiled = xmlXPathCompile(reinterpret_cast<const xmlChar*>(expr.c_str()));
    if (compiled == nullptr) {
      outcome = capture.message().empty() ? std::string("does not compile") : capture.message();
    } else {
      xmlXPathFreeCompExpr(compiled);
    }
  }
  cache_.emplace(expr, outcome);
  return outcome;
}

}  // namespace govwatch::config
