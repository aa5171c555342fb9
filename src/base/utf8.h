#pragma once
// UTF-8 sequences as newsarc reads them: strictly (no overlong forms,
// surrogates or code points above U+10FFFF), an ill-formed sequence standing
// for one U+FFFD per maximal subpart, as Unicode recommends and as ICU and
// nlohmann's dump do. The text stage decodes with this; base::JsonWriter
// checks the text it copies with it.

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace newsarc::base {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// One decoded UTF-8 sequence. When `valid` is false, `length` is the maximal
/// ill-formed subpart to skip (Unicode's "U+FFFD per maximal subpart" rule).
struct Utf8Step {
  char32_t code_point = kReplacementCharacter;
  std::size_t length = 1;
  bool valid = false;
};

/// Decodes the sequence starting at `p` (p < end). Strict: rejects overlongs
/// ("\xC0\xAF"), surrogates ("\xED\xA0\x80") and code points above U+10FFFF.
inline Utf8Step decode_utf8_step(const unsigned char* p, const unsigned char* end) {
  const unsigned char lead = p[0];
  if (lead < 0x80) return {lead, 1, true};
  if (lead < 0xC2 || lead > 0xF4) return {};
  std::size_t trailing = 1;
  char32_t cp = lead & 0x1F;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xF0) {
    trailing = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;  // shorter form exists: overlong
    if (lead == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else if (lead >= 0xE0) {
    trailing = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // U+D800..U+DFFF surrogates
  }
  for (std::size_t k = 1; k <= trailing; ++k) {
    if (p + k >= end || p[k] < lo || p[k] > hi) return {kReplacementCharacter, k, false};
    cp = (cp << 6) | (p[k] & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  return {cp, trailing + 1, true};
}

/// A three-byte sequence whose lead has no range exception (E1..EC, EE, EF):
/// "报" is E6 8A A5. Nearly every character of a Chinese page is one, so
/// callers test this before the general decoder; E0 (overlong forms) and ED
/// (surrogates) do not qualify.
inline bool is_plain_three_byte(const unsigned char* p, const unsigned char* end) {
  const unsigned char lead = p[0];
  return lead >= 0xE1 && lead <= 0xEF && lead != 0xED && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
         (p[2] & 0xC0) == 0x80;
}

/// A byte that continues a sequence (10xxxxxx); every other byte of
/// well-formed UTF-8 starts a code point.
inline bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// The code points of well-formed UTF-8: its bytes that start one.
inline std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return !is_continuation_byte(c); }));
}

/// The first `n` code points of well-formed UTF-8 (all of it when shorter).
inline std::string_view first_code_points(std::string_view utf8, std::size_t n) {
  std::size_t seen = 0, end = 0;
  for (; end < utf8.size(); ++end)
    if (!is_continuation_byte(utf8[end]) && seen++ == n) break;
  return utf8.substr(0, end);
}

}  // namespace newsarc::base
