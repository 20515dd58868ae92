#include "date_template.h"

#include <gtest/gtest.h>

namespace govwatch::testing {
namespace {

// 2021-07-09T10:00:00+08:00
core::Timestamp Now() { return *core::ParseIso8601("2021-07-09T02:00:00Z"); }

struct Case {
  const char* name;
  const char* input;
  const char* expected;
};

class ExpandTemplatesTest : public ::testing::TestWithParam<Case> {};

TEST_P(ExpandTemplatesTest, Expands) {
  EXPECT_EQ(ExpandTemplates(GetParam().input, Now(), 8080), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExpandTemplatesTest,
    ::testing::Values(
        Case{"DateDefault", "{{date:-9d}}", "2021-06-30"},
        Case{"DateNow", "{{date}}", "2021-07-09"},
        Case{"DateChinese", "{{date:-9d:%Y年%m月%d日}}", "2021年06月30日"},
        Case{"DateMonthDay", "[{{date:-9d:%m-%d}}]", "[06-30]"},
        Case{"FormatWithColon", "{{date:-2h:%H:%M}}", "08:00"},
        // 16:00 UTC is midnight in Shanghai: the date is the next day there.
        Case{"ShanghaiDayBoundary", "{{date:+14h}}", "2021-07-10"},
        Case{"Hours", "{{iso:-3d12h}}", "2021-07-05T22:00:00+08:00"},
        Case{"Unix", "{{unix:-1d}}", "1625709600"},
        Case{"Rfc822", "{{rfc822:-9d}}", "Wed, 30 Jun 2021 10:00:00 +0800"},
        Case{"LongAgo", "{{date:-200d}}", "2020-12-21"},
        Case{"Port", "http://127.0.0.1:{{port}}/a", "http://127.0.0.1:8080/a"},
        Case{"UnknownKept", "{{title}} and {{date:-9x}}", "{{title}} and {{date:-9x}}"},
        Case{"Unclosed", "a {{date:-1d", "a {{date:-1d"},
        Case{"Several", "{{date:-1d}}|{{date:-2d}}", "2021-07-08|2021-07-07"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace govwatch::testing
