#pragma once
// Internal to ingest: code-point classes shared by the metadata extractors
// (extract_date*.cc, extract_districts.cc, extract_people*.cc).

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsarc::ingest::chars {

/// ASCII and full-width digits: '3', '３'.
inline bool is_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19);
}

/// Value of a digit accepted by is_digit.
inline int digit_value(char32_t c) {
  return c >= 0xFF10 ? int(c - 0xFF10) : int(c - U'0');
}

/// ASCII, ideographic and no-break spaces (hard-wrapped text keeps stray ones: "2月 3日").
inline bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0xA0;
}

/// CJK unified ideographs (with extension A); the text stage's is_han agrees on these.
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3007;
}

/// Ends a sentence: "。", "！", "？", "；" and their ASCII forms.
inline bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'!' || c == U'?' ||
         c == U';' || c == U'\n';
}

/// Ends a clause: a sentence end or a comma or colon, full- or half-width.
inline bool ends_clause(char32_t c) {
  return ends_sentence(c) || c == U'，' || c == U',' || c == U'：' || c == U':';
}

/// True when `s` holds `needle` at `pos`.
inline bool has_at(std::u32string_view s, std::size_t pos, std::u32string_view needle) {
  return pos <= s.size() && s.substr(pos).starts_with(needle);
}

/// True when `s` holds `needle` ending just before `pos`.
inline bool has_before(std::u32string_view s, std::size_t pos, std::u32string_view needle) {
  return pos >= needle.size() && s.substr(pos - needle.size(), needle.size()) == needle;
}

/// True when `c` occurs in `set`.
inline bool one_of(char32_t c, std::u32string_view set) {
  return set.find(c) != std::u32string_view::npos;
}

/// The code points CharSet and WordsByChar look up in a table: CJK
/// punctuation, kana and the ideographs up to U+9FFF.
inline constexpr char32_t kTableBase = 0x3000;
inline constexpr std::size_t kTableSize = 0xA000 - 0x3000;
inline bool in_table(char32_t c) {
  return c >= kTableBase && c < kTableBase + kTableSize;
}

/// A set of CJK code points (U+3000..U+9FFF) answering membership with one
/// lookup, for tests run at every position of every article.
class CharSet {
 public:
  explicit CharSet(std::u32string_view chars) {
    for (char32_t c : chars)
      if (in_table(c)) bits_.set(c - kTableBase);
  }
  bool contains(char32_t c) const { return in_table(c) && bits_[c - kTableBase]; }

 private:
  std::bitset<kTableSize> bits_;
};

/// A word list grouped by each word's first (or last) character, the list's
/// order kept within a group. The extractors ask at every position of a page
/// which posts end there ("副书记" in "区委副书记张三"); most characters end none,
/// and the others end two or three of the eighty posts, so only those are
/// tried. A CJK character finds its group with one table lookup.
class WordsByChar {
 public:
  enum class Edge { kFirst, kLast };
  WordsByChar(std::span<const std::u32string_view> words, Edge edge) {
    std::u32string edges;
    for (std::u32string_view w : words)
      edges.push_back(edge == Edge::kFirst ? w.front() : w.back());
    std::vector<std::size_t> order(words.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return edges[a] < edges[b]; });
    for (std::size_t i : order) {
      if (keys_.empty() || keys_.back() != edges[i]) {
        keys_.push_back(edges[i]);
        starts_.push_back(words_.size());
        if (in_table(edges[i])) table_[edges[i] - kTableBase] = static_cast<Group>(keys_.size());
      }
      words_.push_back(words[i]);
    }
    starts_.push_back(words_.size());
  }
  /// The words whose first (or last) character is `c`, in list order.
  std::span<const std::u32string_view> with(char32_t c) const {
    std::size_t k = 0;  // the group's number from 1; 0 for none
    if (in_table(c)) {
      k = table_[c - kTableBase];
    } else if (auto it = std::lower_bound(keys_.begin(), keys_.end(), c);
               it != keys_.end() && *it == c) {
      k = static_cast<std::size_t>(it - keys_.begin()) + 1;
    }
    if (k == 0) return {};
    return std::span(words_).subspan(starts_[k - 1], starts_[k] - starts_[k - 1]);
  }

 private:
  using Group = std::uint16_t;       // word lists have far fewer than 65,535 groups
  std::vector<char32_t> keys_;       // the groups' characters, ascending
  std::vector<std::size_t> starts_;  // group k is words_[starts_[k], starts_[k + 1])
  std::vector<std::u32string_view> words_;
  std::vector<Group> table_ = std::vector<Group>(kTableSize, 0);  // CJK character -> group
};

}  // namespace newsarc::ingest::chars
