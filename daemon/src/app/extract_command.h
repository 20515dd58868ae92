// `govwatch extract`: run the extractors on one page or feed and print JSON (issue 2).
//
// RunExtract (declared in app/commands.h) reads FILE, stdin or an http(s) URL (through the
// fetcher, so charsets are decoded as for probes). Pure apart from the streams and fetcher given.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "app/commands.h"
#include "core/result.h"
#include "core/time.h"
#include "core/time_zone.h"
#include "extract/extract.h"
#include "fetch/http_client.h"

namespace govwatch::app {

struct ExtractOptions {
  std::string kind = "auto";  // list | article | feed | auto (extract::GuessKind)
  std::string base_url;       // page URL for resolving links; "" keeps relative links as written
  core::TimeZone tz;          // site zone, default Asia/Shanghai
  core::Timestamp now{};      // for year-less dates; the command passes the clock or --now
  extract::ListSelectors selectors;  // --item-xpath / --title-xpath / --date-xpath
  // The Last-Modified header of a fetched page: an article that states no date of its own (or
  // only one in its URL) is dated by it, with provenance http_last_modified.
  std::optional<core::Timestamp> http_last_modified;
};

// A parsed command line: options plus the input ("-" for stdin, a path, or an http(s) URL).
struct ExtractInvocation {
  ExtractOptions options;
  std::string input;
  bool help = false;
};

// Parses the arguments after "extract". `now` is used when --now is absent. Error text is a
// one-line usage problem ("unknown option '--x'", "--tz: unknown time zone …").
core::Result<ExtractInvocation> ParseExtractArgs(const Args& args, core::Timestamp now);

// Extracts from `body` and writes one line of JSON to `out`: 0 on success, 1 when the body
// cannot be read as the requested kind (message on `err`).
int RunExtractOnBody(const std::string& body, const ExtractOptions& options, std::ostream& out,
                     std::ostream& err);

// The JSON text RunExtractOnBody prints, or the error.
core::Result<std::string> ExtractToJson(const std::string& body, const ExtractOptions& options);

// Fetches an http(s) URL for `extract URL` (production: fetch::FetchAll with default settings).
using UrlFetcher = std::function<fetch::Response(const std::string& url)>;

// RunExtract with explicit streams, clock and fetcher, for tests: exit 0 ok, 1 unreadable input,
// failed fetch or extraction failure, 2 usage error. The page's final URL (after redirects) is
// the base URL unless --base-url is given.
int RunExtract(const Args& args, std::istream& in, std::ostream& out, std::ostream& err,
               core::Timestamp now, const UrlFetcher& fetch_url = {});

}  // namespace govwatch::app
