// scan_markdown: the links, images and raw HTML of a Markdown text, found
// with the same cmark-gfm parser that renders it, for `newsarc check`.
#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "base/utf8.h"
#include "render/render.h"

namespace newsarc::render {
namespace {

using ParserPtr = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>;
using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;
using IterPtr = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>;

constexpr std::size_t kHtmlShown = 40;  // bytes of raw HTML quoted in a diagnostic

NodePtr parse(std::string_view markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT), &cmark_parser_free);
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension("autolink"))
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  return NodePtr(cmark_parser_finish(parser.get()), &cmark_node_free);
}

std::string lower_prefix(std::string_view s, std::size_t n) {
  std::string out(s.substr(0, std::min(n, s.size())));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The URLs cmark-gfm's safe mode leaves out of href and src:
// "javascript:alert(1)", "VBScript:x", "file:///etc/passwd", "data:text/html,…",
// but not the data: images "data:image/png;base64,…".
bool is_dangerous_url(std::string_view url) {
  const std::string head = lower_prefix(url, 16);
  if (head.starts_with("javascript:") || head.starts_with("vbscript:") || head.starts_with("file:"))
    return true;
  if (!head.starts_with("data:")) return false;
  for (const char* image :
       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"})
    if (head.starts_with(image)) return false;
  return true;
}

std::string shorten(const char* text) {
  std::string s = text ? text : "";
  if (s.size() > kHtmlShown) {
    std::size_t cut = kHtmlShown;
    while (cut > 0 && base::is_continuation_byte(s[cut])) --cut;
    s = s.substr(0, cut) + "…";
  }
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// cmark counts columns in bytes; diagnostics count code points.
int code_point_column(std::string_view markdown, int line, int byte_column) {
  std::size_t start = 0;
  for (int l = 1; l < line && start != std::string_view::npos; ++l) {
    start = markdown.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || byte_column < 1) return 1;
  const std::string_view before = markdown.substr(start, static_cast<std::size_t>(byte_column - 1));
  return 1 + static_cast<int>(base::count_code_points(before));
}

std::optional<MarkdownItem> item_of(cmark_node* node) {
  MarkdownItem item;
  item.line = std::max(1, cmark_node_get_start_line(node));  // 0 for some extension nodes
  item.column = cmark_node_get_start_column(node);
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: {
      const char* url = cmark_node_get_url(node);
      item.kind = cmark_node_get_type(node) == CMARK_NODE_LINK ? MarkdownItem::Kind::kLink
                                                               : MarkdownItem::Kind::kImage;
      item.text = url ? url : "";
      item.dropped = is_dangerous_url(item.text);
      return item;
    }
    case CMARK_NODE_HTML_INLINE:
      // "<b>raw</b>" is reported once, at "<b>".
      if (std::string_view(cmark_node_get_literal(node)).starts_with("</")) return std::nullopt;
      [[fallthrough]];
    case CMARK_NODE_HTML_BLOCK:
      item.kind = MarkdownItem::Kind::kRawHtml;
      item.text = shorten(cmark_node_get_literal(node));
      item.dropped = true;
      return item;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<MarkdownItem> scan_markdown(std::string_view markdown) {
  std::vector<MarkdownItem> items;
  NodePtr doc = parse(markdown);
  if (!doc) return items;
  IterPtr iter(cmark_iter_new(doc.get()), &cmark_iter_free);
  for (auto ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(iter.get())) {
    if (ev != CMARK_EVENT_ENTER) continue;
    if (auto item = item_of(cmark_iter_get_node(iter.get()))) {
      item->column = code_point_column(markdown, item->line, item->column);
      items.push_back(std::move(*item));
    }
  }
  return items;
}

}  // namespace newsarc::render
