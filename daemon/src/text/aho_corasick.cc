#include "text/aho_corasick.h"

#include <cassert>
#include <deque>

namespace govwatch::text {

std::unique_ptr<AhoCorasickMatcher> AhoCorasickMatcher::Build(
    const std::vector<std::string>& patterns) {
  auto m = std::unique_ptr<AhoCorasickMatcher>(new AhoCorasickMatcher());
  // Byte classes: 0 for bytes in no pattern.
  bool used[256] = {};
  for (const auto& p : patterns) {
    for (unsigned char c : p) used[c] = true;
  }
  std::uint32_t classes = 1;
  for (int b = 0; b < 256; ++b) m->class_of_[b] = used[b] ? static_cast<std::uint8_t>(classes++) : 0;
  assert(classes <= 256);
  m->classes_ = classes;

  // Trie, built straight into the DFA table (0 = no edge yet; the root is state 0 and is never a
  // target of a trie edge, so 0 doubles as "missing").
  std::vector<std::uint32_t>& delta = m->delta_;
  delta.assign(classes, 0);
  std::vector<std::vector<std::uint32_t>> own_outputs(1);
  for (std::uint32_t id = 0; id < patterns.size(); ++id) {
    std::uint32_t s = 0;
    for (unsigned char c : patterns[id]) {
      std::uint32_t& next = delta[s * classes + m->class_of_[c]];
      if (next == 0) {
        const auto fresh = static_cast<std::uint32_t>(own_outputs.size());
        next = fresh;
        own_outputs.emplace_back();
        delta.resize(delta.size() + classes, 0);
      }
      s = delta[s * classes + m->class_of_[c]];
    }
    own_outputs[s].push_back(id);
  }
  const auto states = static_cast<std::uint32_t>(own_outputs.size());

  // Breadth-first: failure links, then complete each row from its failure state's row.
  std::vector<std::uint32_t> fail(states, 0);
  std::vector<std::uint32_t> order;
  order.reserve(states);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t c = 0; c < classes; ++c) {
    if (delta[c] != 0) queue.push_back(delta[c]);
  }
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    order.push_back(s);
    for (std::uint32_t c = 0; c < classes; ++c) {
      const std::uint32_t t = delta[s * classes + c];
      if (t == 0) {
        delta[s * classes + c] = delta[fail[s] * classes + c];
      } else {
        fail[t] = delta[fail[s] * classes + c];
        queue.push_back(t);
      }
    }
  }
  // Outputs: own patterns plus those of the failure state (already complete, BFS order).
  std::vector<std::vector<std::uint32_t>> outputs(states);
  for (std::uint32_t s : order) {
    outputs[s] = own_outputs[s];
    const auto& inherited = outputs[fail[s]];
    outputs[s].insert(outputs[s].end(), inherited.begin(), inherited.end());
  }
  m->output_begin_.resize(states + 1);
  for (std::uint32_t s = 0; s < states; ++s) {
    m->output_begin_[s] = static_cast<std::uint32_t>(m->outputs_.size());
    m->outputs_.insert(m->outputs_.end(), outputs[s].begin(), outputs[s].end());
  }
  m->output_begin_[states] = static_cast<std::uint32_t>(m->outputs_.size());
  // Entries become row offsets with the output flag.
  for (auto& t : delta) {
    const std::uint32_t flag = outputs[t].empty() ? 0 : kHasOutput;
    t = t * classes | flag;
  }
  return m;
}

void AhoCorasickMatcher::Scan(std::string_view text, MatchSink& sink) const {
  const std::uint32_t* delta = delta_.data();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::uint32_t row = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t t = delta[row + class_of_[bytes[i]]];
    row = t & ~kHasOutput;
    if (t & kHasOutput) [[unlikely]] {
      const std::uint32_t s = row / classes_;
      for (std::uint32_t k = output_begin_[s]; k < output_begin_[s + 1]; ++k) {
        sink.OnMatch(outputs_[k], i + 1);
      }
    }
  }
}

std::size_t AhoCorasickMatcher::MemoryBytes() const {
  return delta_.size() * 4 + output_begin_.size() * 4 + outputs_.size() * 4;
}

}  // namespace govwatch::text
