// Fixture pages of tests/data/links for the link-check tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace govwatch::checks::testlinks {

inline std::string Data(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/data/links/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline constexpr char kPage[] = "http://www.nxgy.gov.cn/index.html";
inline constexpr char kBad[] = "http://www.dubo-placeholder.com/";

}  // namespace govwatch::checks::testlinks
