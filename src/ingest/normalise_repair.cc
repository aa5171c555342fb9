// Damage repair on reflowed pieces: duplicate paragraphs and column breaks.
#include <algorithm>
#include <cctype>
#include <map>

#include "base/utf8.h"
#include "ingest/page.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

constexpr std::size_t kMinDuplicateLength = 12;  // shorter repeats ("会议指出。") are normal text

// The text a paragraph's copies share: its UTF-8 without spaces, tabs and
// ideographic spaces (E3 80 80), which the extraction scatters differently
// over the copies ("会议 指出" / "会议指出"). No other character's bytes contain
// those sequences, and UTF-8 sorts as its code points do.
std::string key_of(const Piece& p) {
  const std::string_view s = p.text;
  std::string key;
  key.reserve(s.size());
  std::size_t run = 0;  // the bytes kept since the last space
  for (std::size_t i = 0; i < s.size();) {
    std::size_t space = 0;
    if (s[i] == ' ' || s[i] == '\t') space = 1;
    if (s[i] == '\xE3' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') space = 3;
    if (space == 0) {
      ++i;
      continue;
    }
    key.append(s.substr(run, i - run));
    i += space;
    run = i;
  }
  key.append(s.substr(run));
  return key;
}

// True when well-formed UTF-8 holds at least `n` code points. A code point
// is at most four bytes, so a long paragraph is answered without counting.
bool has_code_points(std::string_view utf8, std::size_t n) {
  return utf8.size() >= 4 * n || base::count_code_points(utf8) >= n;
}

int unclosed_quotes(std::u32string_view s) {
  int open = 0;
  for (char32_t c : s) {
    if (c == U'“' || c == U'（' || c == U'「') ++open;
    if ((c == U'”' || c == U'）' || c == U'」') && open > 0) --open;
  }
  return open;
}

bool closes_quote(std::u32string_view s) {
  return !s.empty() && (s[0] == U'”' || s[0] == U'）' || s[0] == U'」');
}

// A copy of a paragraph that stops mid-sentence was spliced by the extraction
// onto some continuation. Keep the copy whose continuation closes the quote it
// left open: "……针对“融资难、融资" + "”难题专门开发了……" belong together.
std::size_t choose_keeper(const std::vector<Piece>& pieces,
                          const std::vector<std::size_t>& copies) {
  for (std::size_t i : copies) {
    std::u32string text = text::to_u32(pieces[i].text);
    if (ends_sentence(text) || unclosed_quotes(text) == 0 || i + 1 >= pieces.size()) continue;
    const Piece& next = pieces[i + 1];
    if (next.kind == PieceKind::kText && next.block_start && closes_quote(text::to_u32(next.text)))
      return i;
  }
  return copies.front();
}

// Running text rather than a headline: long, wrapped over several lines, or
// cut inside a clause ("……，营商环境", "张三表示：“我们").
bool looks_like_running_text(const Piece& p) {
  if (p.span.end_line > p.span.line) return true;
  std::u32string t = text::to_u32(p.text);
  bool clause = std::any_of(t.begin(), t.end(), [](char32_t c) {
    return c == U'，' || c == U',' || c == U'：' || c == U':';
  });
  return display_width(t) > 32 || p.span.end_line > p.span.line || clause || unclosed_quotes(t) > 0;
}

// The last few code points of a UTF-8 string, without decoding all of it (a
// paragraph joined over thousands of column breaks stays linear).
std::u32string tail(std::string_view s) {
  std::size_t from = s.size() > 24 ? s.size() - 24 : 0;
  while (from > 0 && base::is_continuation_byte(s[from])) --from;
  return text::to_u32(s.substr(from));
}

}  // namespace

/// Exact duplicate paragraphs collapse to one copy (normally the first).
void remove_duplicate_paragraphs(std::vector<Piece>& pieces, std::vector<Repair>& repairs) {
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind != PieceKind::kText) continue;
    std::string key = key_of(pieces[i]);
    if (has_code_points(key, kMinDuplicateLength)) groups[key].push_back(i);
  }
  std::vector<bool> drop(pieces.size(), false);
  for (const auto& [key, copies] : groups) {
    if (copies.size() < 2) continue;
    std::size_t keep = choose_keeper(pieces, copies);
    for (std::size_t i : copies) {
      if (i == keep) continue;
      drop[i] = true;
      repairs.push_back({"ingest/duplicate-paragraph", pieces[i].span.line,
                         std::string(base::first_code_points(key, 24))});
    }
  }
  std::vector<Piece> kept;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    if (!drop[i]) kept.push_back(std::move(pieces[i]));
  pieces = std::move(kept);
  std::sort(repairs.begin(), repairs.end(),
            [](const Repair& a, const Repair& b) { return a.line < b.line; });
}

/// Joins a paragraph cut by a column-break blank line: the text before the
/// blank does not end a sentence and is running text, so
///   "……政治责任扛得更牢、基层治理" / (blank) / "做得更实、……" is one paragraph.
void join_column_breaks(std::vector<Piece>& pieces) {
  std::vector<Piece> out;
  for (Piece& p : pieces) {
    bool join = !out.empty() && p.kind == PieceKind::kText && p.block_start &&
                !p.text.starts_with("本报讯") && out.back().kind == PieceKind::kText &&
                !ends_sentence(tail(out.back().text)) && looks_like_running_text(out.back());
    if (!join) {
      out.push_back(std::move(p));
      continue;
    }
    Piece& prev = out.back();
    bool latin = !prev.text.empty() && !p.text.empty() &&
                 std::isalnum(static_cast<unsigned char>(prev.text.back())) &&
                 std::isalnum(static_cast<unsigned char>(p.text.front()));
    prev.text += (latin ? " " : "") + p.text;
    prev.span.end_line = p.span.end_line;
  }
  pieces = std::move(out);
}

}  // namespace newsarc::ingest
