// Article pages: title, publish date, source unit, 文号 and main text.
#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "extract/common.h"
#include "extract/extract.h"
#include "extract/html.h"
#include "text/date_parse.h"

namespace govwatch::extract {
namespace {

using core::DateProvenance;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HasToken(const xmlNode* n, const char* attr, std::string_view token) {
  const std::string value = Attr(n, attr);
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t end = value.find(' ', pos);
    if (end == std::string::npos) end = value.size();
    if (std::string_view(value).substr(pos, end - pos) == token) return true;
    pos = end + 1;
  }
  return false;
}

struct PageIndex {
  const xmlNode* body = nullptr;
  const xmlNode* title = nullptr;
  std::vector<const xmlNode*> metas, h1s, scripts, title_classed;
  std::unordered_map<std::string, const xmlNode*> by_id;
  std::vector<const xmlNode*> elements;  // in document order
};

PageIndex Index(const xmlNode* root) {
  PageIndex idx;
  Walk(root, [&](const xmlNode* n) {
    if (!IsElement(n)) return false;
    const std::string_view name = Name(n);
    idx.elements.push_back(n);
    if (name == "body" && idx.body == nullptr) idx.body = n;
    if (name == "title" && idx.title == nullptr) idx.title = n;
    if (name == "meta") idx.metas.push_back(n);
    if (name == "h1") idx.h1s.push_back(n);
    if (name == "script") {
      idx.scripts.push_back(n);
      return false;
    }
    if (name == "style") return false;
    if (const std::string id = Attr(n, "id"); !id.empty()) idx.by_id.try_emplace(id, n);
    if (HasToken(n, "class", "title") || HasToken(n, "class", "article-title") ||
        HasToken(n, "class", "tit") || HasToken(n, "class", "rich_media_title")) {
      idx.title_classed.push_back(n);
    }
    return true;
  });
  return idx;
}

std::string MetaContent(const PageIndex& idx, std::initializer_list<std::string_view> names) {
  for (const std::string_view wanted : names) {
    for (const xmlNode* m : idx.metas) {
      const std::string key = Lower(Attr(m, "name").empty() ? Attr(m, "property") : Attr(m, "name"));
      if (key == wanted) {
        std::string content = CollapseSpaces(Attr(m, "content"));
        if (!content.empty()) return content;
      }
    }
  }
  return {};
}

// "标题_固原市人民政府" → segments split at the separators sites put between title and name.
std::vector<std::string> TitleSegments(const std::string& title) {
  std::vector<std::string> out;
  std::string rest = title;
  for (;;) {
    std::size_t best = std::string::npos, len = 0;
    for (const std::string_view sep : {"_", " - ", "|", "——", " — ", "－"}) {
      const std::size_t p = rest.find(sep);
      if (p != std::string::npos && p < best) {
        best = p;
        len = sep.size();
      }
    }
    if (best == std::string::npos) break;
    out.push_back(CollapseSpaces(rest.substr(0, best)));
    rest = rest.substr(best + len);
  }
  out.push_back(CollapseSpaces(rest));
  std::erase_if(out, [](const std::string& s) { return s.empty(); });
  return out;
}

std::string FindTitle(const PageIndex& idx, FurnitureHints& hints, const xmlNode** title_node) {
  if (std::string t = MetaContent(idx, {"articletitle"}); !t.empty()) return t;
  const std::vector<std::string> segments =
      idx.title != nullptr ? TitleSegments(Text(idx.title)) : std::vector<std::string>{};
  auto is_site_name = [&](const std::string& t) {
    return segments.size() > 1 &&
           std::find(segments.begin() + 1, segments.end(), t) != segments.end();
  };
  for (const xmlNode* h : idx.h1s) {
    std::string t = Text(h);
    if (!t.empty() && !hints.Inside(h) && !is_site_name(t) && CodePoints(t) <= 200) {
      *title_node = h;
      return t;
    }
  }
  for (const xmlNode* n : idx.title_classed) {
    std::string t = Text(n);
    if (!t.empty() && !hints.Inside(n) && CodePoints(t) >= 4 && CodePoints(t) <= 200 &&
        !is_site_name(t)) {
      *title_node = n;
      return t;
    }
  }
  if (std::string t = MetaContent(idx, {"og:title"}); !t.empty()) return t;
  return segments.empty() ? std::string() : segments.front();
}

// `name = "value"` or `name: 'value'` in script text; the value without quotes.
std::optional<std::string> ScriptVar(std::string_view script, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = script.find(name, pos)) != std::string_view::npos) {
    const std::size_t start = pos;
    pos += name.size();
    if (start > 0) {
      const char before = script[start - 1];
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_' || before == '.' ||
          before == '$') {
        continue;
      }
    }
    std::size_t i = pos;
    while (i < script.size() && (script[i] == ' ' || script[i] == '\t')) ++i;
    if (i >= script.size() || (script[i] != '=' && script[i] != ':')) continue;
    if (script[i] == '=' && i + 1 < script.size() && script[i + 1] == '=') continue;
    ++i;
    while (i < script.size() && (script[i] == ' ' || script[i] == '\t')) ++i;
    if (i >= script.size()) break;
    const char quote = script[i];
    if (quote == '"' || quote == '\'') {
      const std::size_t end = script.find(quote, i + 1);
      if (end == std::string_view::npos) break;
      return std::string(script.substr(i + 1, end - i - 1));
    }
    std::size_t end = i;
    while (end < script.size() && std::isdigit(static_cast<unsigned char>(script[end]))) ++end;
    if (end > i) return std::string(script.substr(i, end - i));
  }
  return std::nullopt;
}

std::optional<core::Timestamp> ScriptDate(const PageIndex& idx, const Context& ctx) {
  // WeChat: ct is the precise publish time (unix seconds); publish_time is a date string.
  static constexpr std::array<std::string_view, 7> kNames = {
      "ct", "publish_time", "publishTime", "pubTime", "pubtime", "create_time", "createTime"};
  for (const std::string_view name : kNames) {
    for (const xmlNode* s : idx.scripts) {
      std::string raw;
      for (const xmlNode* c = s->children; c != nullptr; c = c->next) {
        if (c->content != nullptr) raw += reinterpret_cast<const char*>(c->content);
      }
      if (const auto value = ScriptVar(raw, name)) {
        if (const auto t = text::ParseMachineDate(*value, ctx.now, ctx.tz, true)) return t;
      }
    }
  }
  return std::nullopt;
}

const xmlNode* MainContent(const PageIndex& idx, FurnitureHints& hints) {
  static constexpr std::array<std::string_view, 8> kIds = {
      "zoom", "js_content", "UCAP-CONTENT", "Zoom", "fontzoom", "article-content", "content",
      "article"};
  for (const std::string_view id : kIds) {
    if (const auto it = idx.by_id.find(std::string(id)); it != idx.by_id.end()) {
      if (Text(it->second).size() >= 30) return it->second;
    }
  }
  static constexpr std::array<std::string_view, 9> kClasses = {
      "TRS_Editor", "TRS_UEDITOR", "article-content", "article_content", "pages_content",
      "rich_media_content", "view", "detail-content", "content"};
  for (const std::string_view cls : kClasses) {
    for (const xmlNode* n : idx.elements) {
      if (HasToken(n, "class", cls) && Text(n).size() >= 30) return n;
    }
  }
  // Densest block: text outside links, credited to its nearest block ancestor and half to the
  // next one up, so an article split into many <div> paragraphs still wins over one paragraph.
  std::unordered_map<const xmlNode*, double> score;
  auto block_of = [](const xmlNode* n) {
    for (const xmlNode* p = n; IsElement(p); p = p->parent) {
      const std::string_view name = Name(p);
      if (name == "div" || name == "td" || name == "article" || name == "section" ||
          name == "main" || name == "body") {
        return p;
      }
    }
    return static_cast<const xmlNode*>(nullptr);
  };
  if (idx.body == nullptr) return nullptr;
  Walk(idx.body, [&](const xmlNode* n) {
    if (IsElement(n)) {
      const std::string_view name = Name(n);
      return !(name == "a" || name == "script" || name == "style" || name == "select" ||
               hints.Inside(n));
    }
    if (n->type == XML_TEXT_NODE && n->content != nullptr) {
      const double len =
          static_cast<double>(CollapseSpaces(reinterpret_cast<const char*>(n->content)).size());
      if (const xmlNode* b = block_of(n->parent)) {
        score[b] += len;
        if (const xmlNode* up = block_of(b->parent)) score[up] += len / 2;
      }
    }
    return false;
  });
  const xmlNode* best = nullptr;
  double best_score = 0;
  for (const xmlNode* n : idx.elements) {  // document order: ties go to the first block
    const auto it = score.find(n);
    if (it != score.end() && it->second > best_score) {
      best = n;
      best_score = it->second;
    }
  }
  return best;
}

// The value after the first of `labels` followed by ':' or '：' in `text`: up to whitespace or
// a separator; values that are themselves a label ("发布机构：成文日期：…") are skipped.
std::string LabelledValue(const std::string& text, std::initializer_list<std::string_view> labels) {
  for (const std::string_view label : labels) {
    std::size_t pos = 0;
    while ((pos = text.find(label, pos)) != std::string::npos) {
      std::size_t i = pos + label.size();
      pos = i;
      while (i < text.size() && text[i] == ' ') ++i;
      if (text.compare(i, 3, "：") == 0) {
        i += 3;
      } else if (i < text.size() && text[i] == ':') {
        i += 1;
      } else {
        continue;
      }
      while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
      std::size_t end = i;
      while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '|') {
        bool stop = false;
        for (const std::string_view s : {"丨", "｜", "【", "发布时间", "发布日期", "作者", "浏览",
                                         "点击", "字号", "日期", "时间", "："}) {
          if (text.compare(end, s.size(), s) == 0) stop = true;
        }
        if (stop) break;
        ++end;
      }
      std::string value = text.substr(i, end - i);
      if (!value.empty() && value.find(':') == std::string::npos && CodePoints(value) <= 40) {
        return value;
      }
    }
  }
  return {};
}

bool IsCjkLead(unsigned char c) { return c >= 0xE4 && c <= 0xE9; }

}  // namespace

std::string NormalizeDocNumber(std::string_view doc_number) {
  std::string s;
  for (const char c : text::NormalizeWidth(doc_number)) {
    if (c != ' ' && c != '\t' && c != '\n') s.push_back(c);
  }
  static constexpr std::array<std::string_view, 5> kOpen = {"[", "(", "【", "〖", "〔"};
  static constexpr std::array<std::string_view, 5> kClose = {"]", ")", "】", "〗", "〕"};
  for (const std::string_view open : kOpen) {
    std::size_t p = 0;
    while ((p = s.find(open, p)) != std::string::npos) {
      const std::size_t y = p + open.size();
      bool year = y + 4 <= s.size();
      for (std::size_t k = y; year && k < y + 4; ++k) year = std::isdigit(static_cast<unsigned char>(s[k])) != 0;
      bool replaced = false;
      if (year) {
        for (const std::string_view close : kClose) {
          if (s.compare(y + 4, close.size(), close) == 0) {
            s = s.substr(0, p) + "〔" + s.substr(y, 4) + "〕" + s.substr(y + 4 + close.size());
            replaced = true;
            break;
          }
        }
      }
      p += replaced ? 1 : open.size();
    }
  }
  return s;
}

std::string FindDocNumber(std::string_view raw) {
  const std::string s = NormalizeDocNumber(raw);  // brackets unified, spaces removed
  std::size_t p = 0;
  while ((p = s.find("〔", p)) != std::string::npos) {
    const std::size_t open = p;
    p += 3;
    // 〔YYYY〕 then digits then 号.
    std::size_t i = open + 3 + 4;
    if (s.compare(i, 3, "〕") != 0) continue;
    i += 3;
    const std::size_t digits = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits || s.compare(i, 3, "号") != 0) continue;
    // 2–12 Chinese characters of issuer abbreviation before the bracket.
    std::size_t start = open;
    int chars = 0;
    while (start >= 3 && chars < 12 && IsCjkLead(static_cast<unsigned char>(s[start - 3])) &&
           (static_cast<unsigned char>(s[start - 2]) & 0xC0) == 0x80) {
      start -= 3;
      ++chars;
    }
    if (chars < 2) continue;
    return s.substr(start, i + 3 - start);
  }
  return {};
}

Article ExtractArticle(std::string_view html, const Context& ctx) {
  Article article;
  const DocPtr doc = ParseHtml(html);
  const PageIndex idx = Index(Root(doc.get()));
  FurnitureHints hints;
  const xmlNode* title_node = nullptr;
  article.title = FindTitle(idx, hints, &title_node);
  const std::string page_text = Text(idx.body, TextMode::kBlocks);

  if (const std::string meta = MetaContent(idx, {"pubdate", "articlepubdate", "publishdate",
                                                  "og:article:published_time",
                                                  "article:published_time", "publish_date"});
      !meta.empty()) {
    if (const auto t = text::ParseMachineDate(meta, ctx.now, ctx.tz)) {
      article.published = core::DatedTime{*t, DateProvenance::kMetaPubdate};
    }
  }
  if (!article.published) {
    if (const auto m = text::FindLabelledDate(page_text, ctx.now, ctx.tz)) {
      article.published = core::DatedTime{m->utc, DateProvenance::kArticleDate};
    }
  }
  if (!article.published) {
    if (const auto t = ScriptDate(idx, ctx)) {
      article.published = core::DatedTime{*t, DateProvenance::kScriptVar};
    }
  }
  if (!article.published && title_node != nullptr) {
    // An unlabelled date in the info bar next to the title ("2021-06-30 来源：…").
    for (const xmlNode* scope = title_node->parent; IsElement(scope) && !article.published &&
                                                    !IsNamed(scope, "body");
         scope = scope->parent) {
      for (const auto& m : text::FindDates(Text(scope), ctx.now, ctx.tz)) {
        if (m.has_year) {
          article.published = core::DatedTime{m.utc, DateProvenance::kArticleDate};
          break;
        }
      }
      if (Text(scope).size() > 2000) break;
    }
  }
  if (!article.published) {
    if (const auto t = text::FindUrlDate(ctx.base_url, ctx.tz)) {
      article.published = core::DatedTime{*t, DateProvenance::kUrlDate};
    }
  }

  article.source = LabelledValue(
      page_text, {"信息来源", "文章来源", "来源单位", "发布机构", "发布单位", "来源"});
  std::string labelled_number = LabelledValue(page_text, {"发文字号", "文号", "文 号"});
  article.doc_number = labelled_number.empty() ? std::string() : NormalizeDocNumber(labelled_number);
  const xmlNode* main = MainContent(idx, hints);
  article.text = main != nullptr ? Text(main, TextMode::kBlocks) : std::string();
  if (article.doc_number.empty()) article.doc_number = FindDocNumber(article.text);
  if (article.doc_number.empty()) article.doc_number = FindDocNumber(page_text);
  return article;
}

}  // namespace govwatch::extract
