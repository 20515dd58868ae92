// Diagnostic: one problem found while loading a configuration file, with the position of the
// offending YAML node. Printed as "FILE:LINE:COL: message" (compilers' format, so editors can
// jump to it); a problem with the file as a whole (missing, unreadable) has line 0 and prints as
// "FILE: message".
//
// Plain value type.
#pragma once

#include <string>
#include <vector>

namespace govwatch::config {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem concerns the whole file
  int column = 0;  // 1-based, in characters
  std::string message;

  std::string ToString() const;
};

// Orders diagnostics by position (line, then column), keeping the discovery order of ties.
void SortByPosition(std::vector<Diagnostic>& diagnostics);

}  // namespace govwatch::config
