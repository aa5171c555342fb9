// The body of a Markdown article with front matter: kept whole for cmark-gfm,
// and split into plain blocks for the JSON export, search and metadata.
#include <string>

#include "ingest/ingest.h"
#include "ingest/page.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

int heading_level(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  return n > 0 && n <= 6 && n < line.size() && line[n] == ' ' ? static_cast<int>(n) : 0;
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

void read_markdown_body(std::string_view body, int first_line, ArticleRecord& r) {
  r.markdown = std::string(body);
  std::string para;
  base::SourceSpan span;
  Credits credits;
  auto flush = [&] {
    if (para.empty()) return;
    // A glued byline ends the last paragraph: "……成效明显。记者 张三".
    std::string text = strip_glued_credit(para, credits);
    r.body.push_back({BlockKind::kParagraph, std::move(text), span});
    para.clear();
  };
  int number = first_line - 1;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = strip(body.substr(pos, nl - pos));
    pos = nl + 1;
    ++number;
    if (line.empty()) {
      flush();
      continue;
    }
    if (int level = heading_level(line)) {
      flush();
      std::string heading(strip(line.substr(level)));
      if (level <= 2 && !r.title) {
        r.title = heading;
      } else {
        r.body.push_back({BlockKind::kHeading, heading, {number, 1, number}});
        r.section_headings.push_back(heading);
      }
      continue;
    }
    Credits c;
    if (parse_credit_line(line, c)) {
      flush();
      merge_credits(credits, c);
      continue;
    }
    if (para.empty()) span = {number, 1, number};
    span.end_line = number;
    para += std::string(line);
  }
  flush();
  auto add = [](std::vector<std::string>& into, const std::vector<std::string>& from) {
    if (into.empty()) into = from;  // front matter wins
  };
  add(r.reporters, credits.reporters);
  add(r.correspondents, credits.correspondents);
  add(r.authors, credits.authors);
  add(r.photo_credits, credits.photo_credits);
  if (r.display_title.empty()) r.display_title = r.title ? *r.title : "";
}

}  // namespace newsarc::ingest
