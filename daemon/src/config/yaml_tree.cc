#include "config/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace govwatch::config::yaml {
namespace {

constexpr size_t kArenaBlock = 1 << 16;

// YAML 1.1/1.2 core-schema nulls, as a plain scalar only: a quoted "null" is a string.
bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::string Position(const Node& n) {
  return std::to_string(n.line) + ":" + std::to_string(n.column);
}

// Owns a libyaml parser for exactly its scope.
class EventParser {
 public:
  explicit EventParser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~EventParser() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  // Next event, or nullptr on a syntax error (see problem()).
  const yaml_event_t* Next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_ ? &event_ : nullptr;
  }
  const yaml_parser_t& parser() const { return parser_; }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
};

}  // namespace

std::string_view KindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNull: return "null";
    case NodeKind::kScalar: return "a string";
    case NodeKind::kSequence: return "a sequence";
    case NodeKind::kMap: return "a map";
  }
  return "?";
}

std::string_view YamlDocument::Store(const char* data, size_t size) {
  if (size == 0) return {};
  if (size > kArenaBlock / 4) {
    // Large scalars get their own block so the current block's tail is not wasted.
    arena_blocks_.push_back(std::make_unique<char[]>(size));
    std::memcpy(arena_blocks_.back().get(), data, size);
    auto* stored = arena_blocks_.back().get();
    if (arena_blocks_.size() >= 2 && arena_used_ < arena_capacity_) {
      // Keep the partly used block last so later small scalars keep filling it.
      std::swap(arena_blocks_[arena_blocks_.size() - 1], arena_blocks_[arena_blocks_.size() - 2]);
    }
    return {stored, size};
  }
  if (arena_used_ + size > arena_capacity_) {
    arena_blocks_.push_back(std::make_unique<char[]>(kArenaBlock));
    arena_used_ = 0;
    arena_capacity_ = kArenaBlock;
  }
  char* dest = arena_blocks_.back().get() + arena_used_;
  std::memcpy(dest, data, size);
  arena_used_ += size;
  return {dest, size};
}

YamlDocument YamlDocument::Parse(std::string_view text, const std::string& file_name,
                                 std::vector<Diagnostic>& diagnostics) {
  YamlDocument doc;
  auto report = [&](std::uint32_t line, std::uint32_t column, std::string message) {
    diagnostics.push_back(Diagnostic{file_name, static_cast<int>(line),
                                     static_cast<int>(column), std::move(message)});
  };

  // Children of the containers being built, in order; each open container remembers where its
  // children start. Closing a container moves its children into children_ contiguously.
  struct Open {
    std::uint32_t node;
    size_t pending_start;
    std::string anchor;
  };
  std::vector<Open> open;
  std::vector<std::uint32_t> pending;
  std::unordered_map<std::string, std::uint32_t> anchors;
  int documents = 0;

  auto make_node = [&](const yaml_mark_t& mark, NodeKind kind) {
    Node n;
    n.kind = kind;
    n.line = static_cast<std::uint32_t>(mark.line + 1);
    n.column = static_cast<std::uint32_t>(mark.column + 1);
    doc.nodes_.push_back(n);
    return static_cast<std::uint32_t>(doc.nodes_.size() - 1);
  };
  auto add_anchor = [&](const unsigned char* anchor, std::uint32_t index) {
    if (anchor != nullptr) anchors[reinterpret_cast<const char*>(anchor)] = index;
  };
  auto attach = [&](std::uint32_t index) {
    if (open.empty()) {
      doc.root_ = index;
    } else {
      pending.push_back(index);
    }
  };
  auto check_duplicate_keys = [&](const Node& map) {
    const auto kids = doc.children(map);
    const size_t entries = kids.size() / 2;
    auto key_of = [&](size_t i) -> const Node& { return doc.nodes_[kids[2 * i]]; };
    auto report_duplicate = [&](const Node& dup, const Node& first) {
      report(dup.line, dup.column,
             "duplicate key '" + std::string(dup.text) + "' (first at " + Position(first) + ")");
    };
    if (entries <= 16) {
      for (size_t i = 1; i < entries; ++i) {
        const Node& k = key_of(i);
        if (k.kind != NodeKind::kScalar) continue;
        for (size_t j = 0; j < i; ++j) {
          const Node& earlier = key_of(j);
          if (earlier.kind == NodeKind::kScalar && earlier.text == k.text) {
            report_duplicate(k, earlier);
            break;
          }
        }
      }
      return;
    }
    std::unordered_map<std::string_view, size_t> seen;
    seen.reserve(entries);
    for (size_t i = 0; i < entries; ++i) {
      const Node& k = key_of(i);
      if (k.kind != NodeKind::kScalar) continue;
      const auto [it, inserted] = seen.emplace(k.text, i);
      if (!inserted) report_duplicate(k, key_of(it->second));
    }
  };

  EventParser events(text);
  for (;;) {
    const yaml_event_t* e = events.Next();
    if (e == nullptr) {
      const yaml_parser_t& p = events.parser();
      std::string message = "syntax error: ";
      message += p.problem != nullptr ? p.problem : "unknown error";
      if (p.context != nullptr) {
        message += std::string(" (") + p.context + " started at " +
                   std::to_string(p.context_mark.line + 1) + ":" +
                   std::to_string(p.context_mark.column + 1) + ")";
      }
      report(static_cast<std::uint32_t>(p.problem_mark.line + 1),
             static_cast<std::uint32_t>(p.problem_mark.column + 1), std::move(message));
      YamlDocument empty;
      return empty;
    }
    switch (e->type) {
      case YAML_STREAM_END_EVENT:
        return doc;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1) {
          report(static_cast<std::uint32_t>(e->start_mark.line + 1),
                 static_cast<std::uint32_t>(e->start_mark.column + 1),
                 "more than one YAML document in the file; expected exactly one");
          return doc;
        }
        break;
      case YAML_SCALAR_EVENT: {
        const auto& s = e->data.scalar;
        const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        const bool is_null = plain && s.tag == nullptr && IsNullText(value);
        const std::uint32_t index =
            make_node(e->start_mark, is_null ? NodeKind::kNull : NodeKind::kScalar);
        Node& n = doc.nodes_[index];
        n.plain = plain;
        n.text = doc.Store(value.data(), value.size());
        add_anchor(s.anchor, index);
        attach(index);
        break;
      }
      case YAML_ALIAS_EVENT: {
        const std::string name = reinterpret_cast<const char*>(e->data.alias.anchor);
        const auto it = anchors.find(name);
        if (it == anchors.end()) {
          report(static_cast<std::uint32_t>(e->start_mark.line + 1),
                 static_cast<std::uint32_t>(e->start_mark.column + 1),
                 "alias '*" + name + "' refers to no anchor defined before it");
          attach(make_node(e->start_mark, NodeKind::kNull));
        } else {
          // The alias shares the anchored node: a DAG, read-only, so sharing is safe.
          attach(it->second);
        }
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool is_map = e->type == YAML_MAPPING_START_EVENT;
        const std::uint32_t index =
            make_node(e->start_mark, is_map ? NodeKind::kMap : NodeKind::kSequence);
        const unsigned char* anchor =
            is_map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
        open.push_back(Open{index, pending.size(),
                            anchor != nullptr ? reinterpret_cast<const char*>(anchor) : ""});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Open o = std::move(open.back());
        open.pop_back();
        Node& n = doc.nodes_[o.node];
        n.first = static_cast<std::uint32_t>(doc.children_.size());
        n.count = static_cast<std::uint32_t>(pending.size() - o.pending_start);
        doc.children_.insert(doc.children_.end(),
                             pending.begin() + static_cast<std::ptrdiff_t>(o.pending_start),
                             pending.end());
        pending.resize(o.pending_start);
        if (n.kind == NodeKind::kMap) check_duplicate_keys(doc.nodes_[o.node]);
        if (!o.anchor.empty()) anchors[o.anchor] = o.node;
        attach(o.node);
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace govwatch::config::yaml
