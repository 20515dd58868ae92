#include "app/extract_command.h"

#include "fetch/http_client.h"
#include "text/date_parse.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace govwatch::app {
namespace {

constexpr const char* kUsage =
    "usage: govwatch extract [--kind list|article|feed|auto] [--base-url URL] [--tz TZ]\n"
    "                        [--now ISO8601] [--item-xpath X [--title-xpath X] [--date-xpath X]]\n"
    "                        FILE|-\n"
    "Prints the items, dates and fields found in a list page, article or feed as JSON.\n";

boost::json::value Time(const std::optional<core::Timestamp>& t, const core::TimeZone& tz) {
  if (!t) return nullptr;
  return boost::json::string(core::FormatIso8601(*t, tz.OffsetAt(*t)));
}

boost::json::value Newest(const std::optional<core::DatedTime>& newest, const core::TimeZone& tz) {
  if (!newest) return nullptr;
  return boost::json::object{{"published", Time(newest->time, tz)},
                             {"provenance", core::ToString(newest->provenance)}};
}

boost::json::array Items(const std::vector<core::Item>& items, const core::TimeZone& tz) {
  boost::json::array out;
  for (const core::Item& it : items) {
    boost::json::object o;
    o["title"] = it.title;
    o["url"] = it.url;
    o["published"] = Time(it.published, tz);
    o["provenance"] = it.published ? boost::json::value(core::ToString(it.provenance))
                                   : boost::json::value(nullptr);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

core::Result<ExtractInvocation> ParseExtractArgs(const Args& args, core::Timestamp now) {
  ExtractInvocation inv;
  inv.options.now = now;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h" || arg == "--help") {
      inv.help = true;
      return inv;
    }
    if (arg.starts_with("--")) {
      std::string value;
      bool has_value = false;
      if (const auto eq = arg.find('='); eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_value = true;
      }
      const bool known = arg == "--kind" || arg == "--base-url" || arg == "--tz" ||
                         arg == "--now" || arg == "--item-xpath" || arg == "--title-xpath" ||
                         arg == "--date-xpath";
      if (!known) return core::MakeError("unknown option '" + arg + "'");
      if (!has_value) {
        if (i + 1 >= args.size()) return core::MakeError(arg + " needs a value");
        value = args[++i];
      }
      if (arg == "--kind") {
        if (value != "list" && value != "article" && value != "feed" && value != "auto") {
          return core::MakeError("--kind must be list, article, feed or auto, not '" + value + "'");
        }
        inv.options.kind = value;
      } else if (arg == "--base-url") {
        inv.options.base_url = value;
      } else if (arg == "--tz") {
        auto tz = core::TimeZone::Load(value);
        if (!tz) return tz.error().WithContext("--tz");
        inv.options.tz = std::move(*tz);
      } else if (arg == "--now") {
        auto t = core::ParseIso8601(value);
        if (!t) return t.error().WithContext("--now");
        inv.options.now = *t;
      } else if (arg == "--item-xpath") {
        inv.options.selectors.item_xpath = value;
      } else if (arg == "--title-xpath") {
        inv.options.selectors.title_xpath = value;
      } else {
        inv.options.selectors.date_xpath = value;
      }
      continue;
    }
    if (!inv.input.empty()) return core::MakeError("more than one input ('" + arg + "')");
    inv.input = arg;
  }
  if (inv.input.empty()) return core::MakeError("missing FILE (or - for stdin)");
  if ((inv.options.selectors.title_xpath || inv.options.selectors.date_xpath) &&
      !inv.options.selectors.item_xpath) {
    return core::MakeError("--title-xpath and --date-xpath need --item-xpath");
  }
  return inv;
}

core::Result<std::string> ExtractToJson(const std::string& body, const ExtractOptions& options) {
  const extract::Context ctx{options.base_url, options.tz, options.now};
  extract::PageKind kind = extract::PageKind::kList;
  if (options.kind == "auto") {
    kind = options.selectors.item_xpath ? extract::PageKind::kList : extract::GuessKind(body);
  } else if (options.kind == "article") {
    kind = extract::PageKind::kArticle;
  } else if (options.kind == "feed") {
    kind = extract::PageKind::kFeed;
  }
  boost::json::object out;
  out["kind"] = extract::ToString(kind);
  switch (kind) {
    case extract::PageKind::kList: {
      auto page = extract::ExtractList(body, ctx, options.selectors);
      if (!page) return page.error();
      out["items"] = Items(page->items, options.tz);
      if (page->lists.size() > 1) {
        boost::json::array lists;
        for (const auto& list : page->lists) lists.push_back(Items(list, options.tz));
        out["lists"] = std::move(lists);
      }
      out["newest"] = Newest(page->newest, options.tz);
      break;
    }
    case extract::PageKind::kArticle: {
      extract::Article a = extract::ExtractArticle(body, ctx);
      const bool weak = !a.published || a.published->provenance == core::DateProvenance::kUrlDate;
      if (weak && options.http_last_modified) {
        a.published = core::DatedTime{*options.http_last_modified,
                                      core::DateProvenance::kHttpLastModified};
      }
      out["title"] = a.title;
      out["published"] =
          a.published ? Time(a.published->time, options.tz) : boost::json::value(nullptr);
      out["provenance"] = a.published ? boost::json::value(core::ToString(a.published->provenance))
                                      : boost::json::value(nullptr);
      out["source"] = a.source;
      out["doc_number"] = a.doc_number;
      out["text"] = a.text;
      break;
    }
    case extract::PageKind::kFeed: {
      auto feed = extract::ParseFeed(body, ctx);
      if (!feed) return feed.error();
      out["title"] = feed->title;
      out["items"] = Items(feed->items, options.tz);
      out["newest"] = Newest(feed->newest, options.tz);
      break;
    }
  }
  return boost::json::serialize(out);
}

int RunExtractOnBody(const std::string& body, const ExtractOptions& options, std::ostream& out,
                     std::ostream& err) {
  auto json = ExtractToJson(body, options);
  if (!json) {
    err << "govwatch extract: " << json.error().message << "\n";
    return 1;
  }
  out << *json << "\n";
  return 0;
}

int RunExtract(const Args& args, std::istream& in, std::ostream& out, std::ostream& err,
               core::Timestamp now, const UrlFetcher& fetch_url) {
  auto inv = ParseExtractArgs(args, now);
  if (!inv) {
    err << "govwatch extract: " << inv.error().message << "\n" << kUsage;
    return 2;
  }
  if (inv->help) {
    out << kUsage;
    return 0;
  }
  const std::string& input = inv->input;
  if (input.starts_with("http://") || input.starts_with("https://")) {
    if (!fetch_url) {
      err << "govwatch extract: cannot read '" << input << "': no fetcher available\n";
      return 1;
    }
    const fetch::Response response = fetch_url(input);
    if (!response.ok()) {
      err << "govwatch extract: cannot fetch '" << input << "': " << fetch::ToString(response.failure)
          << (response.detail.empty() ? "" : ": " + response.detail) << "\n";
      return 1;
    }
    if (inv->options.base_url.empty()) inv->options.base_url = response.final_url;
    if (response.last_modified) {
      inv->options.http_last_modified = text::ParseRfc822(*response.last_modified, inv->options.tz);
    }
    return RunExtractOnBody(response.body, inv->options, out, err);
  }
  std::string body;
  if (input == "-") {
    std::ostringstream ss;
    ss << in.rdbuf();
    body = ss.str();
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      err << "govwatch extract: cannot read '" << input << "': is a directory\n";
      return 1;
    }
    std::ifstream file(input, std::ios::binary);
    if (!file) {
      err << "govwatch extract: cannot read '" << input << "': " << std::strerror(errno) << "\n";
      return 1;
    }
    std::ostringstream ss;
    ss << file.rdbuf();  // an empty file is fine: failbit on `ss` only means nothing was copied
    if (file.bad()) {
      err << "govwatch extract: error reading '" << input << "'\n";
      return 1;
    }
    body = ss.str();
    if (inv->options.base_url.empty()) {
      const auto abs = std::filesystem::absolute(input, ec);
      if (!ec) inv->options.base_url = "file://" + abs.generic_string();
    }
  }
  return RunExtractOnBody(body, inv->options, out, err);
}

int RunExtract(const Args& args) {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
  const UrlFetcher fetch_url = [](const std::string& url) {
    fetch::Request request;
    request.url = url;
    return fetch::FetchAll(config::HttpSettings{}, {request}).front();
  };
  return RunExtract(args, std::cin, std::cout, std::cerr, now, fetch_url);
}

}  // namespace govwatch::app
