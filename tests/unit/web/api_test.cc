// The JSON API bodies: exact text for one target and its findings, filters, 404 and 400.
#include "web/api.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace govwatch::web {
namespace {

core::Timestamp At(const char* iso) {
  auto t = core::ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return *t;
}

TargetStatus News() {
  TargetStatus t;
  t.id = "gy/news";
  t.kind = "news";
  t.name = "固原市人民政府 动态要闻";
  t.site = "gy";
  t.unit = "gy-gov";
  t.url = "https://www.nxgy.gov.cn/xwzx/";
  t.last_update = core::DatedTime{At("2021-06-30T23:30:00+08:00"), core::DateProvenance::kListDate};
  t.status = core::CheckStatus::kProblem;
  t.last_probe = At("2021-07-10T09:00:00+08:00");
  t.last_probe_outcome = "ok";
  return t;
}

TargetStatus Wechat() {
  TargetStatus t;
  t.id = "gy-wx";
  t.kind = "account";
  t.platform = "wechat";
  t.name = "固原发布";
  t.unit = "gy-gov";
  t.url = "https://mp.weixin.qq.com/";
  return t;
}

FindingView Finding(std::string target, std::string unit, std::string check,
                    core::Severity severity, bool resolved) {
  FindingView v;
  v.finding.target_id = std::move(target);
  v.finding.unit_id = std::move(unit);
  v.finding.check = std::move(check);
  v.finding.severity = severity;
  v.finding.message = "栏目超过2周未更新";
  v.first_seen = At("2021-07-01T08:00:00+08:00");
  v.last_seen = At("2021-07-10T09:00:00+08:00");
  if (resolved) v.resolved_at = At("2021-07-11T09:00:00+08:00");
  return v;
}

std::vector<FindingView> Findings() {
  return {Finding("gy/news", "gy-gov", "column_freshness", core::Severity::kDeduction, false),
          Finding("gy/news", "gy-gov", "column_freshness", core::Severity::kWarning, true),
          Finding("gy-wx", "gy-gov", "account_freshness", core::Severity::kVeto, false),
          Finding("xj/news", "xj-gov", "column_freshness", core::Severity::kDeduction, false)};
}

ApiSource Source() {
  ApiSource s;
  s.targets = [] { return std::vector<TargetStatus>{News(), Wechat()}; };
  s.findings = [] { return Findings(); };
  s.now = [] { return At("2021-07-10T09:00:00+08:00"); };
  return s;
}

Response Get(const std::string& target) {
  auto request = ParseTarget("GET", target, "");
  EXPECT_TRUE(request.ok());
  return ServeApi(*request, Source());
}

TEST(ApiTest, TargetsListExactJson) {
  const Response r = Get("/api/v1/targets");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body,
            "{\"targets\":[{\"id\":\"gy/news\",\"kind\":\"news\",\"platform\":null,"
            "\"name\":\"固原市人民政府 动态要闻\",\"site\":\"gy\",\"unit\":\"gy-gov\","
            "\"url\":\"https://www.nxgy.gov.cn/xwzx/\","
            "\"last_update\":\"2021-06-30T23:30:00+08:00\",\"last_update_provenance\":"
            "\"list_date\",\"days_since_update\":10,\"status\":\"problem\","
            "\"last_probe\":\"2021-07-10T09:00:00+08:00\",\"last_probe_outcome\":\"ok\"},"
            "{\"id\":\"gy-wx\",\"kind\":\"account\",\"platform\":\"wechat\",\"name\":\"固原发布\","
            "\"site\":null,\"unit\":\"gy-gov\",\"url\":\"https://mp.weixin.qq.com/\","
            "\"last_update\":null,\"last_update_provenance\":null,\"days_since_update\":null,"
            "\"status\":\"unknown\",\"last_probe\":null,\"last_probe_outcome\":null}]}");
}

TEST(ApiTest, OneTargetWithSlashInIdAndItsOpenFindings) {
  const Response r = Get("/api/v1/targets/gy/news");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"id\":\"gy/news\""), std::string::npos);
  // Only the open finding of this target, with its life cycle.
  EXPECT_NE(r.body.find("\"findings\":[{\"target\":\"gy/news\",\"unit\":\"gy-gov\","
                        "\"check\":\"column_freshness\",\"subject\":null,"
                        "\"severity\":\"deduction\",\"message\":\"栏目超过2周未更新\","
                        "\"evidence_url\":null,\"details\":{},\"last_update\":null,"
                        "\"last_update_provenance\":null,\"state\":\"open\","
                        "\"first_seen\":\"2021-07-01T08:00:00+08:00\","
                        "\"last_seen\":\"2021-07-10T09:00:00+08:00\",\"resolved_at\":null}]}"),
            std::string::npos)
      << r.body;
}

TEST(ApiTest, UnknownTargetIsJson404) {
  const Response r = Get("/api/v1/targets/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "{\"error\":\"unknown target \\\"nope\\\"\"}");
  EXPECT_EQ(Get("/api/v2/targets").status, 404);
}

int Count(const std::string& body, const std::string& needle) {
  int n = 0;
  for (auto pos = body.find(needle); pos != std::string::npos; pos = body.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

TEST(ApiTest, FindingFilters) {
  struct Case {
    const char* query;
    int count;
  } cases[] = {
      {"", 3},
      {"?state=open", 3},
      {"?state=resolved", 1},
      {"?state=all", 4},
      {"?state=all&unit=gy-gov", 3},
      {"?check=account_freshness", 1},
      {"?severity=deduction", 2},
      {"?state=all&severity=warning&target=gy/news", 1},
      {"?unit=xj-gov&severity=veto", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    const Response r = Get(std::string("/api/v1/findings") + c.query);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(Count(r.body, "\"first_seen\""), c.count) << r.body;
  }
  EXPECT_NE(Get("/api/v1/findings?state=resolved").body.find(
                "\"state\":\"resolved\",\"first_seen\":\"2021-07-01T08:00:00+08:00\","
                "\"last_seen\":\"2021-07-10T09:00:00+08:00\","
                "\"resolved_at\":\"2021-07-11T09:00:00+08:00\""),
            std::string::npos);
}

TEST(ApiTest, BadFindingQueriesAre400WithReason) {
  struct Case {
    const char* query;
    const char* body;
  } cases[] = {
      {"?state=closed", "{\"error\":\"state must be open, resolved or all\"}"},
      {"?severity=high", "{\"error\":\"severity must be veto, deduction, warning or info\"}"},
      {"?sort=date", "{\"error\":\"unknown parameter \\\"sort\\\"\"}"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query);
    const Response r = Get(std::string("/api/v1/findings") + c.query);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, c.body);
  }
}

}  // namespace
}  // namespace govwatch::web
