// Helpers shared by the extractor tests: fixture files and fixed times.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/time.h"

namespace govwatch::extract::testutil {

// The contents of tests/unit/extract/testdata/NAME (a test failure when it is missing).
inline std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/unit/extract/testdata/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline core::Timestamp T(const char* iso) { return core::ParseIso8601(iso).value(); }

}  // namespace govwatch::extract::testutil
