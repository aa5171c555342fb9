#pragma once
// Internal to text/: the UTF-8 step shared by the codec and the decoder, and
// the ICU helpers shared by fold.cc and pinyin.cc. Not part of the stage API.

#include <cstddef>
#include <string>
#include <string_view>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace newsarc::text::internal {

inline constexpr char32_t kReplacement = 0xFFFD;

/// One decoded UTF-8 sequence. When `valid` is false, `length` is the maximal
/// ill-formed subpart to skip (Unicode's "U+FFFD per maximal subpart" rule).
struct Utf8Step {
  char32_t code_point = kReplacement;
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
    if (p + k >= end || p[k] < lo || p[k] > hi) return {kReplacement, k, false};
    cp = (cp << 6) | (p[k] & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  return {cp, trailing + 1, true};
}

/// Offset of the first byte of the first ill-formed sequence, or npos.
std::size_t find_invalid_utf8(std::string_view s);

/// True when every byte is below 0x80 (such text is unchanged by NFKC).
bool is_ascii(std::string_view s);
/// `s` with A-Z lower-cased, every other byte as it is.
std::string ascii_lower(std::string_view s);

/// UTF-8 -> ICU string; ill-formed input becomes U+FFFD.
icu::UnicodeString to_unicode(std::string_view utf8);

/// ICU string -> UTF-8.
std::string to_std_string(const icu::UnicodeString& s);

/// The transliterators this stage uses.
enum class Translit {
  kTraditionalToSimplified,  ///< "Traditional-Simplified": 張 -> 张
  kHanToAscii,               ///< "Han-Latin; Latin-ASCII": 张 -> zhang
};

/// This thread's instance of `which`, created on first use (creation costs
/// milliseconds, so never per call); nullptr when ICU lacks the data.
const icu::Transliterator* transliterator(Translit which);

}  // namespace newsarc::text::internal
