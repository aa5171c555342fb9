#pragma once
// Internal to ingest: code-point classes shared by the metadata extractors
// (extract_date*.cc, extract_districts.cc, extract_people*.cc).

#include <bitset>
#include <string>
#include <string_view>

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

/// A set of CJK code points (U+3000..U+9FFF) answering membership with one
/// lookup, for tests run at every position of every article.
class CharSet {
 public:
  explicit CharSet(std::u32string_view chars) {
    for (char32_t c : chars)
      if (c >= kBase && c < kBase + kSize) bits_.set(c - kBase);
  }
  bool contains(char32_t c) const { return c >= kBase && c < kBase + kSize && bits_[c - kBase]; }

 private:
  static constexpr char32_t kBase = 0x3000;
  static constexpr std::size_t kSize = 0xA000 - 0x3000;
  std::bitset<kSize> bits_;
};

}  // namespace newsarc::ingest::chars
