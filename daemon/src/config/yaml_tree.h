// YamlDocument: a read-only YAML tree with the source position of every node, built from
// libyaml's event stream.
//
// Why not yaml-cpp's YAML::Node: on the 2,000 sites × 50 columns + 20,000 accounts province
// config (22 MB) yaml-cpp needs 2.0 s just to scan and 4.1 s to build nodes, over the 2 s budget
// for the whole validation; libyaml scans the same file in 0.27 s. The tree here is flat (one
// vector of nodes, one of child indices, scalars in an arena), so building it costs little more.
//
// What the builder checks beyond YAML syntax: duplicate keys in a mapping (YAML forbids them,
// but most parsers silently keep one), aliases to undefined anchors, and more than one document.
// Everything it reports is a Diagnostic with the node's position.
//
// Immutable after Parse; safe to read from several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostic.h"

namespace govwatch::config::yaml {

enum class NodeKind : std::uint8_t { kNull, kScalar, kSequence, kMap };

struct Node {
  NodeKind kind = NodeKind::kNull;
  bool plain = false;      // a scalar written without quotes (or a block scalar: false)
  std::uint32_t line = 0;  // 1-based
  std::uint32_t column = 0;  // 1-based, in characters
  std::uint32_t first = 0;   // children range in YamlDocument::children_
  std::uint32_t count = 0;   // children; a map has 2 per entry (key, value)
  std::string_view text;     // scalars only
};

// The name of a node's kind for messages: "null", "a string", "a sequence", "a map".
std::string_view KindName(NodeKind kind);

class YamlDocument {
 public:
  // Parses `text` (UTF-8). On a syntax error the returned document is empty (root() is a null
  // node) and `diagnostics` holds the error; other problems are appended as found.
  static YamlDocument Parse(std::string_view text, const std::string& file_name,
                            std::vector<Diagnostic>& diagnostics);

  const Node& root() const { return nodes_[root_]; }
  // Sequence items, or alternating keys and values of a map.
  std::span<const std::uint32_t> children(const Node& n) const {
    return {children_.data() + n.first, n.count};
  }
  const Node& node(std::uint32_t index) const { return nodes_[index]; }
  bool empty() const { return root().kind == NodeKind::kNull; }

 private:
  std::string_view Store(const char* data, size_t size);

  std::vector<Node> nodes_{Node{}};  // index 0: the null root of an empty document
  std::vector<std::uint32_t> children_;
  std::vector<std::unique_ptr<char[]>> arena_blocks_;
  size_t arena_used_ = 0;
  size_t arena_capacity_ = 0;
  std::uint32_t root_ = 0;
};

}  // namespace govwatch::config::yaml
