#pragma once
// Internal to ingest: the page normaliser. A page's text goes through
//   split_blocks  -> lines grouped by blank lines, Markdown headings marked
//   reflow        -> hard-wrapped lines joined into paragraph pieces
//   repair        -> repeated caption blocks and duplicate paragraphs removed
//   join_columns  -> pieces split by a column-break blank line joined again
//   segment       -> pieces grouped into articles, headlines and credits found
// Files: normalise_*.cc (the first four), segment_*.cc, extract_credits.cc.

#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "ingest/ingest.h"

namespace newsarc::ingest {

/// What a piece of page text is, as far as its shape tells.
enum class PieceKind {
  kText,       ///< running text (a paragraph or part of one)
  kShortLine,  ///< a short line with no final punctuation: headline, heading or caption
  kMdHeading,  ///< a Markdown "#".."######" heading; md_level says which
  kByline,     ///< a credit line: "记者 张三 通讯员 李四"
  kCaption,    ///< a caption kept once from a repeated block
};

/// A paragraph-sized piece of a page with its source lines.
struct Piece {
  PieceKind kind = PieceKind::kText;
  std::string text;
  base::SourceSpan span;
  int md_level = 0;
  int gap_before = 0;       ///< blank lines above it (0 inside a block)
  bool block_start = true;  ///< first piece of its block (a blank line or the page start before it)
};

/// Reflowed and repaired pieces of one page, in reading order.
struct NormalisedPage {
  std::vector<Piece> pieces;
  std::vector<Repair> repairs;
};

/// Runs split_blocks, reflow, repair and join_columns. Repairs are also
/// reported as warnings on `path`.
NormalisedPage normalise_page(std::string_view text, std::string_view path,
                              base::Diagnostics& diags);

/// Credits found in a line or at the end of a paragraph.
struct Credits {
  std::vector<std::string> reporters, correspondents, authors, photo_credits;
  bool empty() const {
    return reporters.empty() && correspondents.empty() && authors.empty() && photo_credits.empty();
  }
};

/// Parses a whole line as a credit line ("记者 张三 通讯员 李四 王五", "▶ 张三",
/// "记者 张三 文/图", "某某办事处 供图"). Returns false when the line is not one.
bool parse_credit_line(std::string_view line, Credits& out);
/// The same for a line already decoded.
bool parse_credit_line(std::u32string_view line, Credits& out);

/// Strips a credit glued to the end of a paragraph ("…推动发展。记者 张三") and
/// returns the paragraph without it; `out` receives the credits.
std::string strip_glued_credit(std::string_view paragraph, Credits& out);

/// Adds `from`'s names to `into`, keeping order and skipping repeats.
void merge_credits(Credits& into, const Credits& from);

/// Groups a normalised page into article records (title, body, credits,
/// captions, section headings). Metadata is filled later.
std::vector<ArticleRecord> segment_page(const NormalisedPage& page, std::string_view path,
                                        base::Diagnostics& diags);

/// Small code-point helpers shared by the normaliser files.
bool ends_sentence(std::u32string_view s);
double display_width(std::u32string_view s);
std::u32string trim(std::u32string_view s);

}  // namespace newsarc::ingest
