// The body of a Markdown article with front matter: kept whole for cmark-gfm
// to render, and read through cmark-gfm's parser into plain blocks (no "**",
// no link targets, one block per paragraph or list item) for the JSON export,
// search and the metadata extractors.
#include <cmark-gfm.h>

#include <cctype>
#include <memory>
#include <string>

#include "ingest/ingest.h"
#include "ingest/page.h"

namespace newsarc::ingest {

namespace {

using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;
using IterPtr = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>;

bool is_latin(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

/// Collects the plain text of one block while the iterator walks its inlines.
struct TextBlock {
  bool open = false;
  bool heading = false;
  int level = 0;
  int line = 0;
  int end_line = 0;
  std::string text;
  bool pending_break = false;

  void append(std::string_view s) {
    if (s.empty()) return;
    // A soft line break is nothing between Chinese characters and one space
    // between Latin words: "推进" / "改革" -> "推进改革", "New" / "York" -> "New York".
    if (pending_break && !text.empty() && is_latin(text.back()) && is_latin(s.front())) text += ' ';
    pending_break = false;
    text += s;
  }
};

class BodyReader {
 public:
  BodyReader(int first_line, ArticleRecord& r) : offset_(first_line - 1), r_(r) {}

  void read(cmark_node* doc) {
    // An iterator, not recursion: a list nested 10,000 deep must not overflow the stack.
    IterPtr iter(cmark_iter_new(doc), &cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (ev == CMARK_EVENT_ENTER)
        enter(node);
      else if (ev == CMARK_EVENT_EXIT)
        leave(node);
    }
  }

  Credits& credits() { return credits_; }

 private:
  void start(cmark_node* node, bool heading) {
    block_ = TextBlock{};
    block_.open = true;
    block_.heading = heading;
    block_.level = heading ? cmark_node_get_heading_level(node) : 0;
    block_.line = cmark_node_get_start_line(node) + offset_;
    block_.end_line = cmark_node_get_end_line(node) + offset_;
  }

  void enter(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        start(node, false);
        break;
      case CMARK_NODE_HEADING:
        start(node, true);
        break;
      case CMARK_NODE_CODE_BLOCK:
        start(node, false);
        block_.append(cmark_node_get_literal(node));
        finish();
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (block_.open) block_.append(cmark_node_get_literal(node));
        break;
      case CMARK_NODE_SOFTBREAK:
        block_.pending_break = true;
        break;
      default:
        break;  // emphasis, links: their text arrives as TEXT nodes; raw HTML is dropped
    }
  }

  void leave(cmark_node* node) {
    cmark_node_type t = cmark_node_get_type(node);
    if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) finish();
  }

  void finish() {
    if (!block_.open) return;
    block_.open = false;
    std::string text = block_.text;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.empty()) return;
    base::SourceSpan span{block_.line, 1, block_.end_line};
    if (block_.heading) {
      if (block_.level <= 2 && !r_.title) {
        r_.title = text;
      } else {
        r_.body.push_back({BlockKind::kHeading, text, span});
        r_.section_headings.push_back(text);
      }
      return;
    }
    Credits c;
    if (parse_credit_line(text, c)) {
      merge_credits(credits_, c);
      return;
    }
    // A glued byline ends a paragraph: "……成效明显。记者 张三".
    r_.body.push_back({BlockKind::kParagraph, strip_glued_credit(text, credits_), span});
  }

  int offset_;
  ArticleRecord& r_;
  TextBlock block_;
  Credits credits_;
};

void keep_front_matter_credits(std::vector<std::string>& into,
                               const std::vector<std::string>& from) {
  if (into.empty()) into = from;  // front matter wins
}

}  // namespace

void read_markdown_body(std::string_view body, int first_line, ArticleRecord& r) {
  r.markdown = std::string(body);
  NodePtr doc(cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT), &cmark_node_free);
  BodyReader reader(first_line, r);
  if (doc) reader.read(doc.get());
  const Credits& c = reader.credits();
  keep_front_matter_credits(r.reporters, c.reporters);
  keep_front_matter_credits(r.correspondents, c.correspondents);
  keep_front_matter_credits(r.authors, c.authors);
  keep_front_matter_credits(r.photo_credits, c.photo_credits);
  if (r.display_title.empty()) r.display_title = r.title ? *r.title : "";
}

}  // namespace newsarc::ingest
