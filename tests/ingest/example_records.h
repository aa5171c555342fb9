#pragma once
// Hand-made article records for the metadata tests and examples (date.txt,
// districts.txt, people.txt), so the extractors are tested without the page
// segmenter. The format:
//
//   @path 2023/02/13/p1.txt    page directives, before the first article line
//   @default_year 2023
//   # 标题                      an article's title (## for its subtitle)
//   @caption 图片说明            a caption of the article
//   @reporter 张三               a credit (also @correspondent, @author, @photo)
//   本报讯 3月5日，…             paragraph text; consecutive lines are joined
//                               (as reflow joins them) and a blank line ends
//                               the paragraph
//   ===                         the next article on the same page
//
// Block spans carry the input's 1-based line numbers.

#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"

namespace newsarc::testing {

/// A page of hand-made records and its dating context.
struct ExamplePage {
  std::string path = "example.txt";
  std::optional<int> default_year;
  std::vector<ingest::ArticleRecord> articles;
};

namespace detail {

inline bool take(std::string_view line, std::string_view prefix, std::string& rest) {
  if (!line.starts_with(prefix)) return false;
  rest = std::string(line.substr(prefix.size()));
  return true;
}

inline void add_directive(std::string_view line, ExamplePage& page, ingest::ArticleRecord& r) {
  std::string v;
  if (take(line, "@path ", v))
    page.path = v;
  else if (take(line, "@default_year ", v))
    page.default_year = std::stoi(v);
  else if (take(line, "@caption ", v))
    r.captions.push_back(v);
  else if (take(line, "@reporter ", v))
    r.reporters.push_back(v);
  else if (take(line, "@correspondent ", v))
    r.correspondents.push_back(v);
  else if (take(line, "@author ", v))
    r.authors.push_back(v);
  else if (take(line, "@photo ", v))
    r.photo_credits.push_back(v);
}

}  // namespace detail

/// Parses the format above.
inline ExamplePage parse_example_page(std::string_view text) {
  ExamplePage page;
  ingest::ArticleRecord r;
  bool started = false, in_paragraph = false;
  auto finish = [&] {
    if (started) page.articles.push_back(std::move(r));
    r = ingest::ArticleRecord{};
    started = in_paragraph = false;
  };
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line == "===") {
      finish();
      continue;
    }
    if (line.empty()) {
      in_paragraph = false;
      continue;
    }
    if (line.starts_with("@")) {
      detail::add_directive(line, page, r);
      continue;
    }
    if (!started) {
      r.source_path = page.path;
      r.source_line = number;
      r.format = "text";
      started = true;
    }
    std::string rest;
    if (detail::take(line, "## ", rest))
      r.subtitle = rest;
    else if (detail::take(line, "# ", rest))
      r.title = rest;
    else if (in_paragraph) {
      r.body.back().text += line;
      r.body.back().span.end_line = number;
    } else {
      r.body.push_back({ingest::BlockKind::kParagraph, line, {number, 1, number}});
      in_paragraph = true;
    }
  }
  finish();
  return page;
}

}  // namespace newsarc::testing
