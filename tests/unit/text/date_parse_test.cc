// Specification of Chinese date finding: every accepted form, the year rule for year-less dates,
// and the look-alikes that must not be taken for dates.
#include "text/date_parse.h"

#include <gtest/gtest.h>

#include <string>

namespace govwatch::text {
namespace {

core::Timestamp T(const char* iso) { return core::ParseIso8601(iso).value(); }

const core::TimeZone kShanghai;
const core::Timestamp kNow = T("2021-07-01T04:00:00Z");  // 2021-07-01 12:00 in Shanghai

struct DateCase {
  const char* name;
  const char* text;
  const char* expected;  // UTC ISO 8601; nullptr: no date
};

class ParseChineseDateTest : public testing::TestWithParam<DateCase> {};

TEST_P(ParseChineseDateTest, FirstDateInText) {
  const DateCase& c = GetParam();
  const auto got = ParseChineseDate(c.text, kNow, kShanghai);
  if (c.expected == nullptr) {
    EXPECT_FALSE(got.has_value()) << core::FormatIso8601(*got, std::chrono::seconds{0});
  } else {
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_EQ(core::FormatIso8601(*got, std::chrono::seconds{0}, true), c.expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ParseChineseDateTest,
    testing::Values(
        DateCase{"IsoDash", "2021-06-30", "2021-06-29T16:00:00Z"},
        DateCase{"Slash", "2021/6/30", "2021-06-29T16:00:00Z"},
        DateCase{"SlashPadded", "2021/06/30", "2021-06-29T16:00:00Z"},
        DateCase{"Dots", "2021.06.30", "2021-06-29T16:00:00Z"},
        DateCase{"Chinese", "2021年6月30日", "2021-06-29T16:00:00Z"},
        DateCase{"ChinesePadded", "2021年06月30日", "2021-06-29T16:00:00Z"},
        DateCase{"ChineseNoRi", "2021年6月30", "2021-06-29T16:00:00Z"},
        DateCase{"ChineseHao", "2021年6月30号", "2021-06-29T16:00:00Z"},
        DateCase{"TimeHm", "2021-06-30 10:30", "2021-06-30T02:30:00Z"},
        DateCase{"TimeHms", "2021-06-30 10:30:15", "2021-06-30T02:30:15Z"},
        DateCase{"TimeIsoT", "2021-06-30T10:30:15", "2021-06-30T02:30:15Z"},
        DateCase{"TimeChinese", "2021年6月30日10时30分", "2021-06-30T02:30:00Z"},
        DateCase{"TimeChineseSeconds", "2021年6月30日 10时30分15秒", "2021-06-30T02:30:15Z"},
        DateCase{"TimeInvalidIgnored", "2021-06-30 25:61", "2021-06-29T16:00:00Z"},
        DateCase{"Bracketed", "[06-30]", "2021-06-29T16:00:00Z"},
        DateCase{"YearlessDash", "06-30", "2021-06-29T16:00:00Z"},
        DateCase{"YearlessSlash", "06/30", "2021-06-29T16:00:00Z"},
        DateCase{"YearlessChinese", "6月30日", "2021-06-29T16:00:00Z"},
        DateCase{"YearlessFutureGoesBack", "[07-02]", "2020-07-01T16:00:00Z"},
        DateCase{"YearlessToday", "07-01", "2021-06-30T16:00:00Z"},
        DateCase{"LabelFullWidthColon", "发布时间：2021-06-30", "2021-06-29T16:00:00Z"},
        DateCase{"LabelAsciiColon", "发布日期: 2021-06-30 09:00", "2021-06-30T01:00:00Z"},
        DateCase{"LabelRiqi", "日期：2021年6月30日", "2021-06-29T16:00:00Z"},
        DateCase{"LabelChengwen", "成文日期：2021-06-28", "2021-06-27T16:00:00Z"},
        DateCase{"FullWidth", "２０２１－０６－３０", "2021-06-29T16:00:00Z"},
        DateCase{"FullWidthTime", "２０２１／０６／３０　１０：３０", "2021-06-30T02:30:00Z"},
        DateCase{"Parenthesised", "(2021-06-30)", "2021-06-29T16:00:00Z"},
        DateCase{"InsideTitle", "关于开展安全检查的通知2021-06-30", "2021-06-29T16:00:00Z"},
        DateCase{"Feb30Invalid", "2021-02-30", nullptr},
        DateCase{"Month13Invalid", "2021-13-01", nullptr},
        DateCase{"Feb29NonLeap", "2021年2月29日", nullptr},
        DateCase{"Feb29Leap", "2020-02-29", "2020-02-28T16:00:00Z"},
        DateCase{"PhoneNumber", "电话：0954-2032456", nullptr},
        DateCase{"MobileNumber", "13912345678", nullptr},
        DateCase{"MobileDashed", "139-1234-5678", nullptr},
        DateCase{"DocNumber", "固政规发〔2021〕3号", nullptr},
        DateCase{"VersionNumber", "v2.1.3", nullptr},
        DateCase{"VersionLong", "1.2021.06.30", nullptr},
        DateCase{"Price", "12.30元", nullptr},
        DateCase{"ArticleRange", "第3-5条", nullptr},
        DateCase{"CompactDigits", "20210630", nullptr},
        DateCase{"YearOnly", "2021年度", nullptr},
        DateCase{"YearMonthOnly", "2021年6月", nullptr},
        DateCase{"Identifier", "2021-06-30-1", nullptr},
        DateCase{"IpLike", "192.168.1.1", nullptr},
        DateCase{"YearOutOfRange", "1800-01-01", nullptr},
        DateCase{"Empty", "", nullptr}),
    [](const testing::TestParamInfo<DateCase>& info) { return std::string(info.param.name); });

TEST(FindDatesTest, ReportsByteOffsetsInOriginalText) {
  const std::string text = "通知 [06-30] 公告２０２１－０６－２９ 完";
  const auto all = FindDates(text, kNow, kShanghai);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(text.substr(all[0].begin, all[0].end - all[0].begin), "06-30");
  EXPECT_FALSE(all[0].has_year);
  EXPECT_EQ(text.substr(all[1].begin, all[1].end - all[1].begin), "２０２１－０６－２９");
  EXPECT_TRUE(all[1].has_year);
}

TEST(FindDatesTest, TimeIsPartOfMatch) {
  const std::string text = "x 2021-06-30 10:30 y";
  const auto all = FindDates(text, kNow, kShanghai);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].has_time);
  EXPECT_EQ(text.substr(all[0].begin, all[0].end - all[0].begin), "2021-06-30 10:30");
}

TEST(FindDatesTest, LabelIsRecorded) {
  const std::string text = "浏览次数 2021-01-01 发布时间：2021-06-30 来源：本站";
  const auto labelled = FindLabelledDate(text, kNow, kShanghai);
  ASSERT_TRUE(labelled.has_value());
  EXPECT_EQ(text.substr(*labelled->label_begin, labelled->begin - *labelled->label_begin),
            "发布时间：");
  EXPECT_EQ(core::FormatDate(labelled->utc, std::chrono::hours{8}), "2021-06-30");
}

TEST(YearlessDateTest, NearNewYearGoesToPreviousYear) {
  const auto now = T("2021-01-05T02:00:00Z");
  EXPECT_EQ(core::FormatDate(*ParseChineseDate("[12-30]", now, kShanghai), std::chrono::hours{8}),
            "2020-12-30");
  EXPECT_EQ(core::FormatDate(*ParseChineseDate("[01-04]", now, kShanghai), std::chrono::hours{8}),
            "2021-01-04");
}

TEST(YearlessDateTest, UsesSiteZoneForToday) {
  // 2021-06-30 20:00 UTC is already 07-01 in Shanghai but still 06-30 in UTC.
  const auto now = T("2021-06-30T20:00:00Z");
  const auto utc = core::TimeZone::Load("UTC").value();
  EXPECT_EQ(core::FormatDate(*ParseChineseDate("07-01", now, kShanghai), std::chrono::hours{8}),
            "2021-07-01");
  EXPECT_EQ(core::FormatDate(*ParseChineseDate("07-01", now, utc), std::chrono::seconds{0}),
            "2020-07-01");
}

TEST(YearlessDateTest, Feb29GoesBackToLeapYear) {
  const auto now = T("2023-03-01T00:00:00Z");
  EXPECT_EQ(core::FormatDate(*ParseChineseDate("02-29", now, kShanghai), std::chrono::hours{8}),
            "2020-02-29");
}

TEST(UnixTimestampTest, SecondsAndMilliseconds) {
  EXPECT_EQ(ParseUnixTimestamp("1581516874"), core::Timestamp{std::chrono::seconds{1581516874}});
  EXPECT_EQ(ParseUnixTimestamp(" 1581516874123 "),
            core::Timestamp{std::chrono::seconds{1581516874}});
  EXPECT_FALSE(ParseUnixTimestamp("12345").has_value());
  EXPECT_FALSE(ParseUnixTimestamp("9999999999999").has_value());
  EXPECT_FALSE(ParseUnixTimestamp("15815x6874").has_value());
}

struct MachineCase {
  const char* name;
  const char* text;
  const char* expected;
};

class ParseMachineDateTest : public testing::TestWithParam<MachineCase> {};

TEST_P(ParseMachineDateTest, Parses) {
  const auto got = ParseMachineDate(GetParam().text, kNow, kShanghai, true);
  if (GetParam().expected == nullptr) {
    EXPECT_FALSE(got.has_value());
  } else {
    ASSERT_TRUE(got.has_value()) << GetParam().text;
    EXPECT_EQ(core::FormatIso8601(*got, std::chrono::seconds{0}, true), GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ParseMachineDateTest,
    testing::Values(
        MachineCase{"Rfc822Offset", "Wed, 30 Jun 2021 10:00:00 +0800", "2021-06-30T02:00:00Z"},
        MachineCase{"Rfc822Gmt", "Wed, 30 Jun 2021 10:00:00 GMT", "2021-06-30T10:00:00Z"},
        MachineCase{"Rfc822NoDayName", "30 Jun 2021 10:00 EST", "2021-06-30T15:00:00Z"},
        MachineCase{"Rfc822TwoDigitYear", "30 Jun 21 10:00:00 +0000", "2021-06-30T10:00:00Z"},
        MachineCase{"Rfc822NoZoneIsLocal", "Wed, 30 Jun 2021 10:00:00", "2021-06-30T02:00:00Z"},
        MachineCase{"Rfc3339Offset", "2021-06-30T10:00:00+08:00", "2021-06-30T02:00:00Z"},
        MachineCase{"Rfc3339Z", "2021-06-30T10:00:00Z", "2021-06-30T10:00:00Z"},
        MachineCase{"Rfc3339NoOffsetIsLocal", "2021-06-30T10:00:00", "2021-06-30T02:00:00Z"},
        MachineCase{"MetaPubDate", "2021-06-30 10:00", "2021-06-30T02:00:00Z"},
        MachineCase{"Unix", "1581516874", "2020-02-12T14:14:34Z"},
        MachineCase{"Garbage", "not a date", nullptr},
        MachineCase{"BadMonth", "30 Foo 2021 10:00 GMT", nullptr}),
    [](const testing::TestParamInfo<MachineCase>& info) { return std::string(info.param.name); });

struct UrlCase {
  const char* name;
  const char* url;
  const char* expected;  // local date, nullptr: none
};

class FindUrlDateTest : public testing::TestWithParam<UrlCase> {};

TEST_P(FindUrlDateTest, Finds) {
  const auto got = FindUrlDate(GetParam().url, kShanghai);
  if (GetParam().expected == nullptr) {
    EXPECT_FALSE(got.has_value());
  } else {
    ASSERT_TRUE(got.has_value()) << GetParam().url;
    EXPECT_EQ(core::FormatDate(*got, std::chrono::hours{8}), GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Urls, FindUrlDateTest,
    testing::Values(
        UrlCase{"Trs", "http://www.nxgy.gov.cn/zwgk/tzgg/202106/t20210630_2891234.html",
                "2021-06-30"},
        UrlCase{"TrsRelative", "./202106/t20210630_123.html", "2021-06-30"},
        UrlCase{"MonthDir", "http://x.gov.cn/content/202106/30/c123.html", "2021-06-30"},
        UrlCase{"Hanweb", "http://x.gov.cn/art/2021/6/30/art_123_456.html", "2021-06-30"},
        UrlCase{"YearMonthDash", "http://x.gov.cn/2021-06/30/content_5621.htm", "2021-06-30"},
        UrlCase{"YearSlashMmdd", "http://x.gov.cn/news/2021/0630/c12.html", "2021-06-30"},
        UrlCase{"HostDigitsIgnored", "http://20210630.gov.cn/index.html", nullptr},
        UrlCase{"QueryIgnored", "http://x.gov.cn/a.jsp?id=20210630", nullptr},
        UrlCase{"NoDate", "http://x.gov.cn/col/col123/index.html", nullptr}),
    [](const testing::TestParamInfo<UrlCase>& info) { return std::string(info.param.name); });

TEST(NormalizeWidthTest, FullWidthToAscii) {
  EXPECT_EQ(NormalizeWidth("２０２１－０６－３０　ＡＢ：（）"), "2021-06-30 AB:()");
  EXPECT_EQ(NormalizeWidth("固政规发〔2021〕"), "固政规发〔2021〕");
}

}  // namespace
}  // namespace govwatch::text
