// Markdown bodies through cmark-gfm. Safe mode only: raw HTML and
// "javascript:" links are dropped (never CMARK_OPT_UNSAFE).
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "render/views.h"

namespace newsarc::render {
namespace {

using ParserPtr = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>;
using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;
using IterPtr = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>;
using BufferPtr = std::unique_ptr<char, decltype(&free)>;

constexpr int kOptions = CMARK_OPT_DEFAULT;
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink"};

ParserPtr make_parser() {
  cmark_gfm_core_extensions_ensure_registered();
  ParserPtr parser(cmark_parser_new(kOptions), &cmark_parser_free);
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  return parser;
}

NodePtr parse(cmark_parser* parser, std::string_view markdown) {
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return NodePtr(cmark_parser_finish(parser), &cmark_node_free);
}

std::vector<cmark_node*> headings_of(cmark_node* root) {
  std::vector<cmark_node*> out;
  IterPtr iter(cmark_iter_new(root), &cmark_iter_free);
  for (auto ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
      out.push_back(node);
  }
  return out;
}

// The page's title is its only <h1>, so the body's outline starts at <h2>
// and never skips a level: a body whose only headings are "### 现场" gets
// <h2>, and "## 甲 / #### 乙" becomes <h2>/<h3>.
void shift_headings(cmark_node* root) {
  const std::vector<cmark_node*> headings = headings_of(root);
  int top = 6;
  for (cmark_node* h : headings) top = std::min(top, cmark_node_get_heading_level(h));
  int previous = 1;
  for (cmark_node* h : headings) {
    const int level = std::min(cmark_node_get_heading_level(h) - top + 2, previous + 1);
    cmark_node_set_heading_level(h, std::min(level, 6));
    previous = level;
  }
}

std::string take(char* buffer) {
  BufferPtr owned(buffer, &free);
  return owned ? std::string(owned.get()) : std::string();
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  ParserPtr parser = make_parser();
  NodePtr doc = parse(parser.get(), markdown);
  if (!doc) return {};
  shift_headings(doc.get());
  return take(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
}

std::string markdown_to_text(std::string_view markdown) {
  ParserPtr parser = make_parser();
  NodePtr doc = parse(parser.get(), markdown);
  if (!doc) return {};
  return take(cmark_render_plaintext(doc.get(), kOptions, 0));
}

}  // namespace newsarc::render
