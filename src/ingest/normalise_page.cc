// The page normaliser: blocks -> reflowed pieces -> repairs -> column joins.
#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "ingest/page.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

struct Line {
  std::u32string text;
  int number = 0;
};

/// Lines between blank lines. `gap_before` counts the blank lines above it.
struct RawBlock {
  std::vector<Line> lines;
  int md_level = 0;
  int gap_before = 0;
};

int markdown_level(std::u32string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == U'#') ++n;
  if (n == 0 || n > 6 || n == line.size() || line[n] != U' ') return 0;
  return static_cast<int>(n);
}

std::vector<RawBlock> split_blocks(std::string_view text) {
  std::vector<RawBlock> blocks;
  RawBlock current;
  int gap = 0, number = 0;
  auto flush = [&] {
    if (!current.lines.empty()) blocks.push_back(std::move(current));
    current = RawBlock{};
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ++number;
    std::u32string line = trim(text::to_u32(text.substr(pos, nl - pos)));
    pos = nl + 1;
    if (line.empty()) {
      flush();
      ++gap;
      continue;
    }
    // "## 标题" is a block of its own, whatever surrounds it.
    if (int level = markdown_level(line)) {
      flush();
      current.md_level = level;
      current.gap_before = blocks.empty() ? 0 : gap;
      current.lines.push_back({trim(std::u32string_view(line).substr(level + 1)), number});
      flush();
      gap = 0;
      continue;
    }
    if (current.lines.empty()) current.gap_before = blocks.empty() ? 0 : gap;
    current.lines.push_back({std::move(line), number});
    gap = 0;
  }
  flush();
  return blocks;
}

bool has_clause_punctuation(std::u32string_view s) {
  return std::any_of(s.begin(), s.end(), [](char32_t c) {
    return c == U'，' || c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == U',';
  });
}

bool starts_dateline(std::u32string_view s) {
  return s.starts_with(U"本报讯");
}

/// The width a full column line has on this page: the 80th percentile of the
/// lines of multi-line blocks, or 0 when the page is not hard-wrapped (one
/// paragraph a line).
double column_width(const std::vector<RawBlock>& blocks) {
  std::vector<double> widths;
  for (const RawBlock& b : blocks)
    if (b.lines.size() >= 3 && b.md_level == 0)
      for (const Line& l : b.lines) widths.push_back(display_width(l.text));
  if (widths.size() < 8) return 0;
  std::sort(widths.begin(), widths.end());
  double median = widths[widths.size() / 2];
  return median <= 40 ? widths[widths.size() * 4 / 5] : 0;
}

bool is_credit_line(const Line& l) {
  Credits unused;
  return parse_credit_line(std::u32string_view(l.text), unused);
}

// A colon inside the line or an opening quote left open marks a fragment of
// running text: "张三表示：“我们" is not a headline.
bool looks_like_fragment(std::u32string_view s) {
  std::size_t colon = s.find_first_of(U"：:");
  if (colon != std::u32string_view::npos && colon + 1 < s.size()) return true;
  return std::count(s.begin(), s.end(), U'“') > std::count(s.begin(), s.end(), U'”');
}

// A headline or caption block: at most four short lines and no clause
// punctuation, e.g. "坚持创新驱动\n推动高质量发展" printed over a brief.
bool is_short_line_block(const RawBlock& b) {
  if (b.lines.size() > 4) return false;
  return std::all_of(b.lines.begin(), b.lines.end(), [](const Line& l) {
    return display_width(l.text) <= 32 && !has_clause_punctuation(l.text) &&
           !ends_sentence(l.text) && !looks_like_fragment(l.text) && !is_credit_line(l);
  });
}

std::u32string block_key(const RawBlock& b) {
  std::u32string key;
  for (const Line& l : b.lines)
    for (char32_t c : l.text)
      if (c != U' ' && c != U'\u3000' && c != U'\t') key += c;
  return key;
}

constexpr int kCaptionBlock = -1;  // md_level marker of a caption kept from a repeated block

// Only caption-sized blocks count as repeated captions; a long paragraph
// printed three times is a duplicate paragraph, repaired later.
bool may_repeat(const RawBlock& b) {
  if (b.md_level != 0 || b.lines.size() > 4) return false;
  double width = 0;
  for (const Line& l : b.lines) {
    if (is_credit_line(l) || l.text.find(U'。') != std::u32string::npos) return false;
    width += display_width(l.text);
  }
  return width <= 100;
}

/// Marks blocks printed three or more times (a photo caption the extraction
/// repeated down the page), and a truncated copy next to them:
///   "“迎新春”书画展\n2024.1.8" ×12, then "“迎新春" at the very end.
std::vector<bool> find_repeated(const std::vector<RawBlock>& blocks,
                                const std::vector<std::u32string>& keys) {
  std::vector<bool> can_repeat(blocks.size());  // parses credit lines: once per block
  for (std::size_t i = 0; i < blocks.size(); ++i) can_repeat[i] = may_repeat(blocks[i]);
  std::map<std::u32string, int> counts;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (can_repeat[i] && !keys[i].empty()) ++counts[keys[i]];
  std::vector<bool> noise(blocks.size(), false);
  for (std::size_t i = 0; i < blocks.size(); ++i) noise[i] = can_repeat[i] && counts[keys[i]] >= 3;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    bool beside = (i > 0 && noise[i - 1]) || (i + 1 < blocks.size() && noise[i + 1]);
    if (noise[i] || !beside || !can_repeat[i]) continue;
    for (std::size_t j = 0; j < blocks.size() && !noise[i]; ++j)
      if (noise[j] && keys[j].size() > keys[i].size() && keys[j].starts_with(keys[i]))
        noise[i] = true;
  }
  return noise;
}

/// Replaces each repeated unit (the run of blocks up to the first repeat) by
/// one caption block at its first position and drops every other copy.
void remove_repeated_blocks(std::vector<RawBlock>& blocks, std::vector<Repair>& repairs) {
  std::vector<std::u32string> keys;
  for (const RawBlock& b : blocks) keys.push_back(block_key(b));
  std::vector<bool> noise = find_repeated(blocks, keys);
  std::vector<RawBlock> kept;
  std::vector<std::u32string> unit;
  std::u32string caption;  // the unit's lines joined by one space
  std::vector<std::u32string> emitted;
  std::size_t unit_start = 0;
  auto close_unit = [&] {
    if (unit.empty()) return;
    if (std::find(emitted.begin(), emitted.end(), caption) == emitted.end()) {
      emitted.push_back(caption);
      RawBlock c;
      c.md_level = kCaptionBlock;
      c.gap_before = blocks[unit_start].gap_before;
      c.lines.push_back({caption, blocks[unit_start].lines[0].number});
      kept.push_back(std::move(c));
      repairs.push_back(
          {"ingest/repeated-block", blocks[unit_start].lines[0].number, text::to_utf8(caption)});
    }
    unit.clear();
    caption.clear();
  };
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!noise[i]) {
      close_unit();
      kept.push_back(std::move(blocks[i]));
      continue;
    }
    if (std::find(unit.begin(), unit.end(), keys[i]) != unit.end()) close_unit();
    if (unit.empty()) unit_start = i;
    // A truncated copy only ever ends a run; it never starts a caption.
    bool truncated = std::none_of(keys.begin(), keys.end(), [&](const std::u32string& k) {
      return &k != &keys[i] && k == keys[i];
    });
    if (truncated) continue;
    unit.push_back(keys[i]);
    for (const Line& l : blocks[i].lines) caption += (caption.empty() ? U"" : U" ") + l.text;
  }
  close_unit();
  blocks = std::move(kept);
}

// Latin words keep one space across a line end; CJK text joins directly:
// "使用 New" + "York 模式" -> "使用 New York 模式", "郑州高" + "新区" -> "郑州高新区".
void append_line(std::u32string& acc, const std::u32string& line) {
  auto latin = [](char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); };
  if (!acc.empty() && !line.empty() && latin(acc.back()) && latin(line.front())) acc += U' ';
  acc += line;
}

// A piece starting at line `number`, its text still to be set.
Piece piece_at(PieceKind kind, int number, int gap) {
  Piece p;
  p.kind = kind;
  p.span = {number, 1, number};
  p.gap_before = gap;
  p.block_start = true;
  return p;
}

Piece make_piece(PieceKind kind, const Line& l, int gap) {
  Piece p = piece_at(kind, l.number, gap);
  p.text = text::to_utf8(l.text);
  return p;
}

/// Reflows one block. In a hard-wrapped column a line that ends a sentence
/// and stops short of the column width ends its paragraph:
///   "……全面提质。" (short) / "会议由区党工委……" starts a new one.
void reflow_block(const RawBlock& b, double width, std::vector<Piece>& out) {
  if (b.md_level == kCaptionBlock) {
    out.push_back(make_piece(PieceKind::kCaption, b.lines[0], b.gap_before));
    return;
  }
  if (b.md_level > 0) {
    Piece p = make_piece(PieceKind::kMdHeading, b.lines[0], b.gap_before);
    p.md_level = b.md_level;
    out.push_back(std::move(p));
    return;
  }
  if (is_short_line_block(b)) {
    for (std::size_t i = 0; i < b.lines.size(); ++i) {
      out.push_back(make_piece(PieceKind::kShortLine, b.lines[i], i == 0 ? b.gap_before : 0));
      out.back().block_start = i == 0;
    }
    return;
  }
  std::u32string acc;
  Piece cur;
  bool first = true;
  auto flush = [&] {
    if (acc.empty()) return;
    cur.text = text::to_utf8(acc);
    cur.block_start = first;
    first = false;
    out.push_back(cur);
    acc.clear();
  };
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    const Line& l = b.lines[i];
    int gap = i == 0 ? b.gap_before : 0;
    Credits credits;
    if (parse_credit_line(std::u32string_view(l.text), credits)) {
      flush();
      out.push_back(make_piece(PieceKind::kByline, l, gap));
      out.back().block_start = first;
      first = false;
      continue;
    }
    if (!acc.empty() && starts_dateline(l.text)) flush();
    if (acc.empty()) {
      cur = piece_at(PieceKind::kText, l.number, gap);  // its text is acc's, on flush
      acc = l.text;
    } else {
      append_line(acc, l.text);
      cur.span.end_line = l.number;
    }
    bool short_line = width == 0 || display_width(l.text) < width - 1.5;
    if (ends_sentence(l.text) && short_line) flush();
  }
  flush();
}

}  // namespace

// Defined in normalise_repair.cc.
void remove_duplicate_paragraphs(std::vector<Piece>& pieces, std::vector<Repair>& repairs);
void join_column_breaks(std::vector<Piece>& pieces);

NormalisedPage normalise_page(std::string_view text, std::string_view path,
                              base::Diagnostics& diags) {
  std::vector<RawBlock> blocks = split_blocks(text);
  NormalisedPage page;
  remove_repeated_blocks(blocks, page.repairs);
  double width = column_width(blocks);
  for (const RawBlock& b : blocks) reflow_block(b, width, page.pieces);
  remove_duplicate_paragraphs(page.pieces, page.repairs);
  join_column_breaks(page.pieces);
  for (const Repair& r : page.repairs)
    diags.report(base::Severity::kWarning, std::string(path), r.line, 1, r.code,
                 r.code == "ingest/repeated-block"
                     ? "block repeated on the page; kept once as a caption: " + r.text
                     : "duplicate paragraph removed (first copy kept): " + r.text);
  return page;
}

}  // namespace newsarc::ingest
