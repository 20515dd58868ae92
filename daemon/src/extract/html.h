// Thin RAII and traversal helpers over libxml2 for the extractors: parsing HTML and XML from
// memory with safe options, compiled XPath with errors as values, and text collection.
//
// Traversals are iterative (no recursion), so a page nested 10,000 levels deep cannot overflow
// the stack. Text collection skips <script>/<style>/comments and never expands entity
// references (a "billion laughs" feed stays small). Documents are owned by HtmlDoc; nodes handed
// out are borrowed from it. Not thread-safe per document; different documents may be used from
// different threads (libxml2 is initialised once, on first use).
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace govwatch::extract {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// HTML → DOM with libxml2's forgiving HTML parser (recover, no network, no messages), bytes
// read as UTF-8 whatever the page's <meta charset> says (the fetcher already decoded it). Never
// null: an empty or unparsable input gives an empty document.
DocPtr ParseHtml(std::string_view html);
// XML → DOM without network access, without entity substitution and without DTD loading;
// recovers from well-formedness errors. Null when nothing could be parsed.
DocPtr ParseXml(std::string_view xml);

// The root element (<html> for HTML documents); null for an empty document.
const xmlNode* Root(const xmlDoc* doc);

bool IsElement(const xmlNode* node);
// Lower-case local name of an element ("a", "li"); empty for other nodes.
std::string_view Name(const xmlNode* node);
bool IsNamed(const xmlNode* node, std::string_view name);
// Attribute value (case-sensitive name as parsed; the HTML parser lower-cases names); "" when
// absent.
std::string Attr(const xmlNode* node, const char* name);

// Visits `root` and its descendants in document order. `visit` returns false to skip the
// children of the node it was given.
void Walk(const xmlNode* root, const std::function<bool(const xmlNode*)>& visit);
// The next node in document order after `node`'s subtree within `root`.
const xmlNode* NextAfterSubtree(const xmlNode* node, const xmlNode* root);

enum class TextMode {
  kInline,  // all text run together; whitespace collapsed to single spaces
  kBlocks,  // a line break at block elements (p, div, li, tr, td, br, h1…); each line collapsed
};
// Text content of `root`, excluding script/style and the subtree at `skip` (may be null).
std::string Text(const xmlNode* root, TextMode mode = TextMode::kInline,
                 const xmlNode* skip = nullptr);
// Collapses runs of ASCII whitespace, U+3000 and U+00A0 into one space; trims both ends.
std::string CollapseSpaces(std::string_view text);
// Number of UTF-8 code points.
std::size_t CodePoints(std::string_view text);

// A compiled XPath expression. Compile errors are values: "invalid XPath '…': <reason>".
class XPath {
 public:
  static core::Result<XPath> Compile(const std::string& expression);

  // Nodes selected with `context` as the context node (document root when null).
  std::vector<const xmlNode*> Nodes(xmlDoc* doc, const xmlNode* context = nullptr) const;
  // The expression's value as a string: a node-set gives its first node's text (or an
  // attribute's value), a string/number/boolean its string value.
  std::string String(xmlDoc* doc, const xmlNode* context = nullptr) const;

 private:
  struct CompFree {
    void operator()(xmlXPathCompExpr* c) const { xmlXPathFreeCompExpr(c); }
  };
  std::shared_ptr<xmlXPathCompExpr> comp_;
};

}  // namespace govwatch::extract
