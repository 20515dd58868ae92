#include "extract/html.h"

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include <cstring>
#include <mutex>

namespace govwatch::extract {
namespace {

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// libxml2 reports XPath errors through this when set on the context instead of printing them.
void CaptureXPathError(void* user_data, xmlError* error) {
  auto* message = static_cast<std::string*>(user_data);
  if (message->empty() && error != nullptr && error->message != nullptr) {
    *message = error->message;
    while (!message->empty() && (message->back() == '\n' || message->back() == ' ')) {
      message->pop_back();
    }
  }
}

struct XPathContextFree {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};
using ContextPtr = std::unique_ptr<xmlXPathContext, XPathContextFree>;
using ObjectPtr = std::unique_ptr<xmlXPathObject, XPathObjectFree>;

bool IsBlock(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {
      "p",  "div", "li", "tr", "td", "th", "br", "h1",      "h2",      "h3",     "h4",
      "h5", "h6",  "ul", "ol", "dl", "dt", "dd", "table",   "section", "article", "header",
      "footer", "nav", "blockquote", "pre", "hr", "form", "title", "option", "main"};
  for (const std::string_view b : kBlocks) {
    if (name == b) return true;
  }
  return false;
}

bool IsSpaceAt(std::string_view s, std::size_t i, std::size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;
    return true;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    len = 3;
    return true;
  }
  return false;
}

}  // namespace

DocPtr ParseHtml(std::string_view html) {
  InitLibxml();
  // XML_PARSE_HUGE lifts libxml2's 256-level depth cap, which would otherwise silently drop a
  // list nested deeper (our own traversals are iterative; body size is capped by the fetcher).
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
  // libxml2 cannot take a length above INT_MAX; callers cap bodies far below that.
  const int size = static_cast<int>(std::min<std::size_t>(html.size(), 1u << 30));
  xmlDoc* doc = htmlReadMemory(html.empty() ? "" : html.data(), size, nullptr, "UTF-8", options);
  if (doc == nullptr) doc = htmlNewDocNoDtD(nullptr, nullptr);
  return DocPtr(doc);
}

DocPtr ParseXml(std::string_view xml) {
  InitLibxml();
  // No XML_PARSE_NOENT (entities stay references) and no DTD loading: entity expansion attacks
  // and external fetches are impossible; libxml2's own amplification limits stay on (no HUGE).
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_RECOVER | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  const int size = static_cast<int>(std::min<std::size_t>(xml.size(), 1u << 30));
  if (size == 0) return nullptr;
  return DocPtr(xmlReadMemory(xml.data(), size, nullptr, "UTF-8", options));
}

const xmlNode* Root(const xmlDoc* doc) {
  return doc == nullptr ? nullptr : xmlDocGetRootElement(doc);
}

bool IsElement(const xmlNode* node) { return node != nullptr && node->type == XML_ELEMENT_NODE; }

std::string_view Name(const xmlNode* node) {
  if (!IsElement(node) || node->name == nullptr) return {};
  return reinterpret_cast<const char*>(node->name);
}

bool IsNamed(const xmlNode* node, std::string_view name) { return Name(node) == name; }

std::string Attr(const xmlNode* node, const char* name) {
  if (!IsElement(node)) return {};
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) {
      continue;
    }
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
          c->content != nullptr) {
        value += reinterpret_cast<const char*>(c->content);
      }
    }
    return value;
  }
  return {};
}

const xmlNode* NextAfterSubtree(const xmlNode* node, const xmlNode* root) {
  while (node != nullptr && node != root) {
    if (node->next != nullptr) return node->next;
    node = node->parent;
  }
  return nullptr;
}

void Walk(const xmlNode* root, const std::function<bool(const xmlNode*)>& visit) {
  const xmlNode* node = root;
  while (node != nullptr) {
    const bool descend = visit(node);
    // Attribute and entity nodes are never descended into: entity children are shared
    // definitions, not document content.
    if (descend && node->children != nullptr && node->type != XML_ENTITY_REF_NODE &&
        node->type != XML_ATTRIBUTE_NODE) {
      node = node->children;
      continue;
    }
    if (node == root) break;
    node = NextAfterSubtree(node, root);
  }
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = 0;
    if (IsSpaceAt(text, i, len)) {
      pending_space = !out.empty();
      i += len;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Text(const xmlNode* root, TextMode mode, const xmlNode* skip) {
  if (root == nullptr) return {};
  std::string raw;
  Walk(root, [&](const xmlNode* n) {
    if (n == skip) return false;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) raw += reinterpret_cast<const char*>(n->content);
      return false;
    }
    if (n->type == XML_ELEMENT_NODE) {
      const std::string_view name = Name(n);
      if (name == "script" || name == "style" || name == "noscript" || name == "template") {
        return false;
      }
      // Blocks become line breaks in kBlocks mode and word breaks in kInline mode, so that
      // "<td>来源：</td><td>本站</td>" does not read as one word.
      if (IsBlock(name)) raw.push_back(mode == TextMode::kBlocks ? '\n' : ' ');
      return true;
    }
    return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
  });
  if (mode == TextMode::kInline) return CollapseSpaces(raw);
  std::string out;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    const std::string line = CollapseSpaces(std::string_view(raw).substr(start, end - start));
    if (!line.empty()) {
      if (!out.empty()) out.push_back('\n');
      out += line;
    }
    start = end + 1;
  }
  return out;
}

core::Result<XPath> XPath::Compile(const std::string& expression) {
  InitLibxml();
  std::string message;
  ContextPtr ctx(xmlXPathNewContext(nullptr));
  if (!ctx) return core::MakeError("out of memory compiling XPath");
  ctx->error = &CaptureXPathError;
  ctx->userData = &message;
  xmlXPathCompExpr* comp =
      xmlXPathCtxtCompile(ctx.get(), reinterpret_cast<const xmlChar*>(expression.c_str()));
  if (comp == nullptr) {
    return core::MakeError("invalid XPath '" + expression + "'" +
                           (message.empty() ? std::string() : ": " + message));
  }
  XPath x;
  x.comp_ = std::shared_ptr<xmlXPathCompExpr>(comp, CompFree{});
  return x;
}

namespace {

ObjectPtr Evaluate(xmlXPathCompExpr* comp, xmlDoc* doc, const xmlNode* context) {
  std::string ignored;
  ContextPtr ctx(xmlXPathNewContext(doc));
  if (!ctx) return nullptr;
  ctx->error = &CaptureXPathError;
  ctx->userData = &ignored;
  ctx->node = const_cast<xmlNode*>(context != nullptr ? context : Root(doc));
  return ObjectPtr(xmlXPathCompiledEval(comp, ctx.get()));
}

}  // namespace

std::vector<const xmlNode*> XPath::Nodes(xmlDoc* doc, const xmlNode* context) const {
  std::vector<const xmlNode*> out;
  const ObjectPtr obj = Evaluate(comp_.get(), doc, context);
  if (obj && obj->type == XPATH_NODESET && obj->nodesetval != nullptr) {
    for (int i = 0; i < obj->nodesetval->nodeNr; ++i) out.push_back(obj->nodesetval->nodeTab[i]);
  }
  return out;
}

std::string XPath::String(xmlDoc* doc, const xmlNode* context) const {
  const ObjectPtr obj = Evaluate(comp_.get(), doc, context);
  if (!obj) return {};
  if (obj->type == XPATH_NODESET) {
    if (obj->nodesetval == nullptr || obj->nodesetval->nodeNr == 0) return {};
    const xmlNode* first = obj->nodesetval->nodeTab[0];
    if (first->type == XML_ATTRIBUTE_NODE) {
      return CollapseSpaces(Attr(first->parent, reinterpret_cast<const char*>(first->name)));
    }
    return Text(first);
  }
  xmlChar* s = xmlXPathCastToString(obj.get());
  std::string out = s == nullptr ? "" : CollapseSpaces(reinterpret_cast<const char*>(s));
  xmlFree(s);
  return out;
}

}  // namespace govwatch::extract
