// Headline placement and the final shape of a record.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "ingest/segment.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

// Pairs of adjacent Han characters, each packed into 64 bits, sorted and
// unique: "高新区" -> {高新, 新区}.
using Bigrams = std::vector<std::uint64_t>;

void add_han_bigrams(std::string_view utf8, Bigrams& out) {
  const std::u32string s = text::to_u32(utf8);
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if (text::is_han(s[i]) && text::is_han(s[i + 1]))
      out.push_back(static_cast<std::uint64_t>(s[i]) << 32 | s[i + 1]);
}

Bigrams sorted_unique(Bigrams b) {
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  return b;
}

Bigrams headline_bigrams(const HeadlineBlock& h) {
  std::string joined;
  for (const Piece* p : h.lines) joined += p->text;
  Bigrams out;
  add_han_bigrams(joined, out);
  return sorted_unique(std::move(out));
}

/// Which of the strays' bigrams (the vocabulary) each body contains. A body
/// is read once, and only its bigrams that some stray headline has are
/// kept, instead of sorting all of them: bodies are long, headlines short.
class BodyMatches {
 public:
  BodyMatches(const std::vector<Draft>& drafts, const std::vector<Bigrams>& headlines)
      : drafts_(drafts), present_(drafts.size()) {
    for (const Bigrams& h : headlines) vocabulary_.insert(vocabulary_.end(), h.begin(), h.end());
    vocabulary_ = sorted_unique(std::move(vocabulary_));
  }

  // The share of the headline's bigrams that draft i's body contains.
  double overlap(const Bigrams& headline, std::size_t i) {
    if (headline.empty()) return 0;
    const std::vector<bool>& present = present_in(i);
    std::size_t shared = 0;
    for (std::uint64_t b : headline) shared += present[index_of(b)];
    return static_cast<double>(shared) / static_cast<double>(headline.size());
  }

 private:
  std::size_t index_of(std::uint64_t bigram) const {
    return static_cast<std::size_t>(
        std::lower_bound(vocabulary_.begin(), vocabulary_.end(), bigram) - vocabulary_.begin());
  }

  const std::vector<bool>& present_in(std::size_t i) {
    if (present_[i]) return *present_[i];
    std::vector<bool>& present = present_[i].emplace(vocabulary_.size(), false);
    Bigrams body;
    for (const Piece* p : drafts_[i].body)
      if (p->kind == PieceKind::kText) add_han_bigrams(p->text, body);
    for (std::uint64_t b : body) {
      std::size_t k = index_of(b);
      if (k < vocabulary_.size() && vocabulary_[k] == b) present[k] = true;
    }
    return present;
  }

  const std::vector<Draft>& drafts_;
  Bigrams vocabulary_;
  std::vector<std::optional<std::vector<bool>>> present_;  // computed when first asked
};

constexpr double kClearlyBetter = 1.5;  // how much a non-neighbour must win by

}  // namespace

void place_headlines(std::vector<Draft>& drafts, std::vector<HeadlineBlock>& strays) {
  if (drafts.empty() || strays.empty()) return;
  std::vector<Bigrams> headlines;
  for (const HeadlineBlock& h : strays) headlines.push_back(headline_bigrams(h));
  BodyMatches bodies(drafts, headlines);
  for (std::size_t k = 0; k < strays.size(); ++k) {
    HeadlineBlock& h = strays[k];
    const Bigrams& hb = headlines[k];
    std::size_t best = std::min(h.natural, drafts.size() - 1);
    double best_score = drafts[best].headline.empty() ? bodies.overlap(hb, best) : -1;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
      if (i == best || !drafts[i].headline.empty()) continue;
      double s = bodies.overlap(hb, i);
      if (s > best_score * kClearlyBetter && s > 0.2) best = i, best_score = s;
    }
    if (!drafts[best].headline.empty()) continue;  // nowhere to put it
    drafts[best].headline = h.lines;
    merge_credits(drafts[best].credits, h.credits);
  }
}

namespace {

bool starts_with_dash(std::string_view s) {
  return s.starts_with("——");
}

bool ends_with_colon(std::string_view s) {
  return s.ends_with("：") || s.ends_with(":");
}

// Headline parts: a "——" line is a subtitle, the last other line is the main
// title and any lines above it are the kicker:
//   "某某办事处：" / "凝心聚力谋发展" / "——记某某的一年" -> kicker, main, subtitle.
void set_title(const std::vector<const Piece*>& lines, ArticleRecord& r) {
  if (lines.empty()) return;
  std::string title, kicker, dash;
  std::size_t main = lines.size();
  for (std::size_t i = lines.size(); i-- > 0;)
    if (!starts_with_dash(lines[i]->text)) {
      main = i;
      break;
    }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& t = lines[i]->text;
    if (i > 0 && !ends_with_colon(lines[i - 1]->text) && !starts_with_dash(t)) title += " ";
    title += t;
    if (starts_with_dash(t))
      dash += (dash.empty() ? "" : " ") + t;
    else if (i < main)
      kicker += (kicker.empty() ? "" : " ") + t;
  }
  r.title = title;
  if (!dash.empty())
    r.subtitle = dash;
  else if (!kicker.empty())
    r.subtitle = kicker;
}

// Parallel phrases split by a space are a section heading ("深化改革 激发活力");
// a line set apart by extra blank lines, or with "——" inside, is a caption.
bool is_section_heading(const Piece& p, const Piece* next) {
  if (p.gap_before >= 2 || (next && next->gap_before >= 2)) return false;
  std::string_view t = p.text;
  if (t.find("——") != std::string_view::npos) return false;
  std::u32string u = text::to_u32(t);
  bool phrases = std::count(u.begin(), u.end(), U' ') >= 1 && !u.starts_with(U"“");
  return phrases || display_width(u) <= 16;
}

std::string derive_display_title(const std::vector<Block>& body) {
  for (const Block& b : body) {
    if (b.kind != BlockKind::kParagraph) continue;
    std::u32string s = text::to_u32(b.text);
    // Skip the dateline: "本报讯 2月 3日下午，" up to its first comma.
    if (s.starts_with(U"本报讯")) {
      std::size_t comma = s.find_first_of(U"，,");
      if (comma != std::u32string::npos && comma < 24) s = s.substr(comma + 1);
    }
    std::size_t end = s.find_first_of(U"，。,；！？");
    if (end != std::u32string::npos) s = s.substr(0, end);
    if (s.size() > 30) s = s.substr(0, 29) + U"…";
    return text::to_utf8(trim(s));
  }
  return "";
}

const Piece* next_piece(const Piece* p, const NormalisedPage& page) {
  const Piece* end = page.pieces.data() + page.pieces.size();
  return p + 1 < end ? p + 1 : nullptr;
}

}  // namespace

ArticleRecord finish_draft(const Draft& d, const NormalisedPage& page, std::string_view path) {
  ArticleRecord r;
  r.source_path = std::string(path);
  r.format = "text";
  set_title(d.headline, r);
  Credits credits = d.credits;
  int first = d.headline.empty() ? d.first_line : d.headline.front()->span.line;
  for (const Piece* p : d.body) {
    first = std::min(first, p->span.line);
    if (p->kind == PieceKind::kText) {
      std::string text = strip_glued_credit(p->text, credits);
      r.body.push_back({BlockKind::kParagraph, std::move(text), p->span});
    } else if (p->kind == PieceKind::kMdHeading || is_section_heading(*p, next_piece(p, page))) {
      r.body.push_back({BlockKind::kHeading, p->text, p->span});
      r.section_headings.push_back(p->text);
    } else {
      r.captions.push_back(p->text);
    }
  }
  for (const auto& c : d.captions) r.captions.push_back(c);
  r.source_line = first;
  r.reporters = credits.reporters;
  r.correspondents = credits.correspondents;
  r.authors = credits.authors;
  r.photo_credits = credits.photo_credits;
  r.display_title = r.title ? *r.title : derive_display_title(r.body);
  return r;
}

}  // namespace newsarc::ingest
