#pragma once
// Internal to ingest: the drafts the segmenter builds before they become
// records (segment_page.cc reads the page, segment_headline.cc places
// headlines and finishes the records).

#include <string>
#include <string_view>
#include <vector>

#include "ingest/page.h"

namespace newsarc::ingest {

/// A headline block that must still be given to an article.
struct HeadlineBlock {
  std::vector<const Piece*> lines;
  std::size_t natural = 0;  ///< the article it sits next to
  Credits credits;          ///< a byline printed under it
};

/// An article while the page is being read.
struct Draft {
  std::vector<const Piece*> headline;
  std::vector<const Piece*> body;  ///< text, Markdown headings, short lines
  std::vector<std::string> captions;
  Credits credits;
  bool closed = false;  ///< a byline after the body ended it
  int first_line = 0;
  bool has_text() const;
};

/// Gives every stray headline block to the untitled article whose body shares
/// the most character pairs with it; its natural neighbour unless another is
/// clearly better.
void place_headlines(std::vector<Draft>& drafts, std::vector<HeadlineBlock>& strays);

/// Turns a draft into a record: title parts, body blocks, credits, captions.
ArticleRecord finish_draft(const Draft& d, const NormalisedPage& page, std::string_view path);

}  // namespace newsarc::ingest
