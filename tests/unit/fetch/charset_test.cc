#include "fetch/charset.h"

#include <gtest/gtest.h>

#include "fixture_server.h"  // Utf8ToGbk

namespace govwatch::fetch {
namespace {

using testing::Utf8ToGbk;

const std::string kChinese =
    "固原市人民政府办公室关于印发《固原市政府网站与政务新媒体检查方案》的通知。各县（区）人民政府，"
    "市政府各部门：现将方案印发给你们，请认真贯彻执行。";

TEST(CanonicalCharsetTest, MapsGbkFamilyToGb18030) {
  for (const char* label : {"gbk", "GB2312", "x-gbk", "gb18030", "CP936", " gbk "})
    EXPECT_EQ(CanonicalCharset(label), "GB18030") << label;
  EXPECT_EQ(CanonicalCharset("utf8"), "UTF-8");
  EXPECT_EQ(CanonicalCharset("iso-8859-1"), "WINDOWS-1252");
  EXPECT_EQ(CanonicalCharset("klingon"), std::nullopt);
}

TEST(ContentTypeTest, SplitsMediaTypeAndCharset) {
  EXPECT_EQ(MediaType("Text/HTML; charset=GBK"), "text/html");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=\"GBK\""), "gbk");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_TRUE(IsTextMediaType("application/rss+xml"));
  EXPECT_TRUE(IsTextMediaType(""));
  EXPECT_FALSE(IsTextMediaType("image/png"));
  EXPECT_FALSE(IsTextMediaType("application/pdf"));
}

TEST(DeclaredInMarkupTest, FindsMetaAndXmlDeclarations) {
  EXPECT_EQ(DeclaredInMarkup("<html><head><meta charset=\"gb2312\"></head>"), "gb2312");
  EXPECT_EQ(DeclaredInMarkup("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gbk\">"),
            "gbk");
  EXPECT_EQ(DeclaredInMarkup("<?xml version=\"1.0\" encoding=\"GBK\"?><rss/>"), "gbk");
  EXPECT_EQ(DeclaredInMarkup("<html><head><title>x</title></head>"), "");
  // Only the first 4 KiB are scanned.
  EXPECT_EQ(DeclaredInMarkup(std::string(5000, ' ') + "<meta charset=gbk>"), "");
}

TEST(DecodeToUtf8Test, UsesTheHeaderLabelWhenItFits) {
  const Decoded d = DecodeToUtf8(Utf8ToGbk(kChinese), "text/html; charset=gbk");
  EXPECT_EQ(d.text, kChinese);
  EXPECT_EQ(d.charset, "GB18030");
  EXPECT_FALSE(d.lossy);
}

TEST(DecodeToUtf8Test, UsesMetaWhenHeaderHasNoCharset) {
  const std::string page = "<html><head><meta charset=\"gbk\"></head><body>" + kChinese + "</body>";
  const Decoded d = DecodeToUtf8(Utf8ToGbk(page), "text/html");
  EXPECT_EQ(d.text, page);
  EXPECT_EQ(d.charset, "GB18030");
}

TEST(DecodeToUtf8Test, IgnoresAWrongUtf8Label) {
  const Decoded d = DecodeToUtf8(Utf8ToGbk(kChinese), "text/html; charset=utf-8");
  EXPECT_EQ(d.text, kChinese);
  EXPECT_EQ(d.charset, "GB18030");
  EXPECT_FALSE(d.lossy);
}

TEST(DecodeToUtf8Test, IgnoresAWrongGbkLabelOnUtf8) {
  const Decoded d = DecodeToUtf8(kChinese, "text/html; charset=gb2312");
  EXPECT_EQ(d.text, kChinese);
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, BomWinsAndIsRemoved) {
  const Decoded d = DecodeToUtf8("\xEF\xBB\xBF" + kChinese, "text/html; charset=gbk");
  EXPECT_EQ(d.text, kChinese);
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, AsciiIsUtf8) {
  const Decoded d = DecodeToUtf8("<html>plain</html>", "");
  EXPECT_EQ(d.text, "<html>plain</html>");
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(DecodeToUtf8Test, UndecodableBytesAreLossy) {
  // 0x80 and 0xFF are invalid in UTF-8 and in GB18030 alike.
  const Decoded d = DecodeToUtf8(std::string("ab\x80\xFF\x80\xFF" "cd"), "text/html; charset=utf-8");
  EXPECT_TRUE(d.lossy);
  EXPECT_NE(d.text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(d.text.find("cd"), std::string::npos);
}

TEST(IsValidUtf8Test, RejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(IsValidUtf8("政府网站"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE6\x94"));          // truncated
}

}  // namespace
}  // namespace govwatch::fetch
