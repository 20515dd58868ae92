#include "crawl/options.h"

#include <algorithm>

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
  return o;
}

std::pair<core::Timestamp, core::Timestamp> BudgetDay(core::Timestamp now) {
  const auto day = std::chrono::floor<std::chrono::days>(now);
  return {core::Timestamp(day), core::Timestamp(day + std::chrono::days{1})};
}

}  // namespace govwatch::crawl
