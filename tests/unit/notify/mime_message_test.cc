// MIME rendering: RFC 2047 words split at character boundaries and within 76 columns, mailbox
// formatting, dates, Message-IDs, and the multipart layout.
#include "notify/mime_message.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace govwatch::notify {
namespace {

std::string DecodeBase64(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  std::uint32_t acc = 0;
  for (char c : in) {
    if (c == '=') break;
    const size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;
    acc = acc << 6 | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(acc >> bits & 0xff);
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// The encoded words of a (folded) header value.
std::vector<std::string> Words(const std::string& value) {
  std::vector<std::string> words;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const size_t end = value.find("?=", pos + 10);
    words.push_back(value.substr(pos + 10, end - pos - 10));
    pos = end + 2;
  }
  return words;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t pos; (pos = text.find("\r\n", start)) != std::string::npos; start = pos + 2) {
    lines.push_back(text.substr(start, pos - start));
  }
  lines.push_back(text.substr(start));
  return lines;
}

TEST(Base64Test, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
}

TEST(EncodeHeaderTextTest, PlainAsciiStaysAsIs) {
  EXPECT_EQ(EncodeHeaderText("govwatch test", 9), "govwatch test");
}

TEST(EncodeHeaderTextTest, AsciiThatLooksLikeAnEncodedWordIsEncoded) {
  EXPECT_EQ(EncodeHeaderText("=?x?=", 9), "=?UTF-8?B?PT94Pz0=?=");
}

TEST(EncodeHeaderTextTest, LongChineseSubjectSplitsAtCharactersWithinSeventySixColumns) {
  const std::string subject =
      "关于固原市政府网站首页两周未更新的告警通知（单项否决）——原州区人民政府门户网站";
  const std::string encoded = EncodeHeaderText(subject, 9);
  const std::vector<std::string> lines = Lines("Subject: " + encoded);
  ASSERT_GT(lines.size(), 1u);
  for (const std::string& line : lines) EXPECT_LE(line.size(), 76u) << line;
  std::string joined;
  for (const std::string& word : Words(encoded)) {
    const std::string decoded = DecodeBase64(word);
    EXPECT_TRUE(IsValidUtf8(decoded)) << "word split inside a character: " << word;
    joined += decoded;
  }
  EXPECT_EQ(joined, subject);
}

TEST(EncodeHeaderTextTest, MixedWidthCharactersKeepEveryWordWhole) {
  // 1-, 2-, 3- and 4-byte characters in a row, so a naive byte split would cut one.
  std::string subject;
  for (int i = 0; i < 12; ++i) subject += "a\xc3\xa9" "中\xf0\x9f\x93\xa2";
  const std::string encoded = EncodeHeaderText(subject, 30);
  std::string joined;
  for (const std::string& word : Words(encoded)) {
    const std::string decoded = DecodeBase64(word);
    EXPECT_TRUE(IsValidUtf8(decoded));
    joined += decoded;
  }
  EXPECT_EQ(joined, subject);
  for (const std::string& line : Lines(std::string(30, 'x') + encoded)) EXPECT_LE(line.size(), 76u);
}

TEST(FormatMailboxTest, EncodesChineseDisplayNamesAndQuotesAsciiOnes) {
  EXPECT_EQ(FormatMailbox("govwatch 监测", "gw@example.cn", 6),
            "=?UTF-8?B?Z292d2F0Y2gg55uR5rWL?= <gw@example.cn>");
  EXPECT_EQ(FormatMailbox("Ops, Team", "ops@example.cn", 6), "\"Ops, Team\" <ops@example.cn>");
  EXPECT_EQ(FormatMailbox("", "ops@example.cn", 6), "ops@example.cn");
}

TEST(FormatMailDateTest, IsRfc5322InUtc) {
  const auto t = std::chrono::sys_days{std::chrono::year{2021} / 6 / 29} + std::chrono::hours{16} +
                 std::chrono::minutes{5};
  EXPECT_EQ(FormatMailDate(std::chrono::time_point_cast<std::chrono::seconds>(t)),
            "Tue, 29 Jun 2021 16:05:00 +0000");
}

TEST(MakeMessageIdTest, IsStablePerMessageAndDistinctAcrossMessages) {
  const std::string a = MakeMessageId(7, "fire:1:1", "gw@example.cn");
  EXPECT_EQ(a, MakeMessageId(7, "fire:1:1", "gw@example.cn"));
  EXPECT_NE(a, MakeMessageId(8, "fire:1:2", "gw@example.cn"));
  EXPECT_TRUE(a.starts_with("<govwatch.7."));
  EXPECT_TRUE(a.ends_with("@example.cn>"));
}

TEST(IsSafeAddressTest, RejectsWhatCouldInjectHeadersOrCommands) {
  EXPECT_TRUE(IsSafeAddress("zhang.san@guyuan.gov.cn"));
  for (const char* bad : {"", "no-at", "@x.cn", "a@", "a b@x.cn", "a@x.cn\r\nBcc: e@x.cn",
                          "<a@x.cn>", "a@x.cn,b@x.cn"}) {
    EXPECT_FALSE(IsSafeAddress(bad)) << bad;
  }
}

MailMessage Sample() {
  MailMessage m;
  m.from_name = "govwatch 监测";
  m.from_address = "gw@example.cn";
  m.to = {"a@example.cn", "b@example.cn"};
  m.subject = "首页两周未更新";
  m.text = "原州区人民政府网站首页已 15 天未更新。";
  m.html = "<p>原州区人民政府网站首页已 <b>15</b> 天未更新。</p>";
  m.date = std::chrono::sys_seconds{std::chrono::seconds{1624953600}};
  m.message_id = "<govwatch.1.0@example.cn>";
  return m;
}

TEST(RenderMailTest, MultipartAlternativeWithBase64Utf8Parts) {
  auto rendered = RenderMail(Sample());
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  const std::string& mail = *rendered;
  EXPECT_NE(mail.find("To: a@example.cn, b@example.cn\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(mail.find("Date: Tue, 29 Jun 2021 08:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Message-ID: <govwatch.1.0@example.cn>\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Content-Type: multipart/alternative;"), std::string::npos);
  const size_t text_part = mail.find("Content-Type: text/plain; charset=UTF-8");
  const size_t html_part = mail.find("Content-Type: text/html; charset=UTF-8");
  ASSERT_NE(text_part, std::string::npos);
  ASSERT_NE(html_part, std::string::npos);
  EXPECT_LT(text_part, html_part);  // the preferred (richest) part last, per RFC 2046
  EXPECT_NE(mail.find(Base64(Sample().text)), std::string::npos);
  for (const std::string& line : Lines(mail)) EXPECT_LE(line.size(), 76u) << line;
  // LF only inside CRLF.
  for (size_t i = 0; i < mail.size(); ++i) {
    if (mail[i] == '\n') {
      EXPECT_TRUE(i > 0 && mail[i - 1] == '\r');
    }
  }
}

TEST(RenderMailTest, TextOnlyIsASinglePart) {
  MailMessage m = Sample();
  m.html.clear();
  auto rendered = RenderMail(m);
  ASSERT_TRUE(rendered.ok());
  EXPECT_EQ(rendered->find("multipart"), std::string::npos);
  EXPECT_NE(rendered->find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
}

TEST(RenderMailTest, RejectsUnsafeAddressesAndNoRecipients) {
  MailMessage m = Sample();
  m.to = {"a@example.cn\r\nBcc: x@evil.cn"};
  auto bad = RenderMail(m);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "mail: invalid recipient address 'a@example.cn\r\nBcc: x@evil.cn'");
  m.to.clear();
  auto none = RenderMail(m);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "mail: no recipients");
}

}  // namespace
}  // namespace govwatch::notify
