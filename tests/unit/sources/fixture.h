// Reads a file of tests/data/sources.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace govwatch::sources::testing {

inline std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/data/sources/" + name,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace govwatch::sources::testing
