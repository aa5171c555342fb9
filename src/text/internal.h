#pragma once
// Internal to text/: the UTF-8 step shared by the codec and the decoder, and
// the ICU helpers shared by fold.cc and pinyin.cc. Not part of the stage API.

#include <cstddef>
#include <string>
#include <string_view>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "base/utf8.h"

namespace newsarc::text::internal {

// The UTF-8 step (base/utf8.h), under the names the stage uses.
using base::decode_utf8_step;
using base::is_plain_three_byte;
using base::Utf8Step;
inline constexpr char32_t kReplacement = base::kReplacementCharacter;

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
