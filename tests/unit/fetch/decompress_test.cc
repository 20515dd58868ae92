#include "fetch/decompress.h"

#include <gtest/gtest.h>

#include "fixture_server.h"  // Gzip, Deflate, GzipBomb

namespace govwatch::fetch {
namespace {

const std::string kText(100'000, 'x');

TEST(DecompressTest, Gzip) {
  const Decompressed d = Decompress("gzip", testing::Gzip(kText), 1 << 20);
  ASSERT_EQ(d.status, Decompressed::Status::kOk) << d.detail;
  EXPECT_EQ(d.data, kText);
}

TEST(DecompressTest, ZlibDeflate) {
  const Decompressed d = Decompress("Deflate", testing::Deflate(kText), 1 << 20);
  ASSERT_EQ(d.status, Decompressed::Status::kOk) << d.detail;
  EXPECT_EQ(d.data, kText);
}

TEST(DecompressTest, RawDeflateAsSomeServersSendIt) {
  // A zlib stream without its 2-byte header and 4-byte trailer is raw deflate.
  const std::string zlib = testing::Deflate(kText);
  const Decompressed d = Decompress("deflate", zlib.substr(2, zlib.size() - 6), 1 << 20);
  ASSERT_EQ(d.status, Decompressed::Status::kOk) << d.detail;
  EXPECT_EQ(d.data, kText);
}

TEST(DecompressTest, CapCountsDecompressedBytes) {
  const Decompressed d = Decompress("gzip", testing::Gzip(kText), 50'000);
  EXPECT_EQ(d.status, Decompressed::Status::kTooLarge);
  EXPECT_LE(d.data.size(), 50'000u);
}

TEST(DecompressTest, GzipBombStopsAtTheCap) {
  const std::string bomb = testing::GzipBomb(std::uint64_t{256} << 20);  // 256 MiB of zeros
  EXPECT_LT(bomb.size(), 1u << 20);
  const Decompressed d = Decompress("gzip", bomb, 1 << 20);
  EXPECT_EQ(d.status, Decompressed::Status::kTooLarge);
  EXPECT_LE(d.data.size(), 1u << 20);
}

TEST(DecompressTest, TruncatedAndCorruptStreams) {
  const std::string gz = testing::Gzip(kText);
  EXPECT_EQ(Decompress("gzip", gz.substr(0, gz.size() / 2), 1 << 20).status,
            Decompressed::Status::kCorrupt);
  EXPECT_EQ(Decompress("gzip", "not gzip at all", 1 << 20).status,
            Decompressed::Status::kCorrupt);
}

TEST(DecompressTest, IdentityAndUnsupported) {
  EXPECT_EQ(Decompress("", "abc", 10).data, "abc");
  EXPECT_EQ(Decompress("identity", "abcdef", 3).status, Decompressed::Status::kTooLarge);
  EXPECT_EQ(Decompress("br", "abc", 10).status, Decompressed::Status::kUnsupported);
}

}  // namespace
}  // namespace govwatch::fetch
