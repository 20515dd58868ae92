#include "crawl/options.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/validate.h"

namespace govwatch::crawl {

bool CrawlEnabled(const config::Config& config, const config::Site& site) {
  return site.crawl.enabled.value_or(config.crawl.enabled);
}

int DailyBudget(const config::Config& config, const config::Site& site) {
  return site.crawl.max_pages_per_day.value_or(config.crawl.max_pages_per_site_per_day);
}

CrawlOptions OptionsFor(const config::Config& config, const config::Site& site,
                        core::Timestamp now, std::int64_t requests_today) {
  const config::CrawlSettings& c = config.crawl;
  CrawlOptions o;
  o.site_id = site.id;
  o.unit_id = site.unit;
  o.homepage = site.homepage;
  o.alias_hosts = site.crawl.alias_hosts;
  o.max_depth = site.crawl.max_depth.value_or(c.max_depth);
  o.max_requests = std::max<std::int64_t>(0, DailyBudget(config, site) - requests_today);
  o.respect_robots_txt = c.respect_robots_txt;
  o.user_agent = config.http.user_agent;
  o.spider_user_agent = c.spider_user_agent;
  o.cloaking_sample_pages = c.cloaking_sample_pages;
  o.concurrency = c.concurrency;
  o.verify_tls = site.verify_tls;
  o.external_ttl = c.external_check_ttl;
  o.now = now;
  // The inline list only: the file is I/O (IllegalDomains), read by the caller.
  o.illegal_domains.insert(c.illegal_domains.begin(), c.illegal_domains.end());
  return o;
}

core::Result<std::set<std::string>> ParseIllegalDomains(std::string_view text,
                                                        std::string_view file) {
  std::set<std::string> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    line = line.substr(0, line.find('#'));
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) {
      line.remove_prefix(1);
    }
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    auto domain = config::NormalizeDomain(line);
    if (!domain) {
      return core::MakeError(std::string(file) + ":" + std::to_string(line_no) + ": " +
                             domain.error().message);
    }
    out.insert(std::move(*domain));
  }
  return out;
}

core::Result<std::set<std::string>> IllegalDomains(const config::CrawlSettings& settings) {
  std::set<std::string> out(settings.illegal_domains.begin(), settings.illegal_domains.end());
  if (!settings.illegal_domains_file) return out;
  const std::string& path = *settings.illegal_domains_file;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError("crawl.illegal_domains_file: cannot read " + path + ": " +
                           std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = ParseIllegalDomains(text.str(), path);
  if (!parsed) return core::MakeError("crawl.illegal_domains_file: " + parsed.error().message);
  out.merge(*parsed);
  return out;
}

std::pair<core::Timestamp, core::Timestamp> BudgetDay(core::Timestamp now) {
  const auto day = std::chrono::floor<std::chrono::days>(now);
  return {core::Timestamp(day), core::Timestamp(day + std::chrono::days{1})};
}

}  // namespace govwatch::crawl
