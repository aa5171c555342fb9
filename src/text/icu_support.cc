// ICU helpers shared inside text/: string conversion and per-thread transliterators.
#include "text/internal.h"

#include <array>
#include <memory>

#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

namespace newsarc::text::internal {
namespace {

// ICU ids, in the order of the Translit enum.
constexpr std::array<const char*, 2> kTranslitIds = {
    "Traditional-Simplified",
    "Han-Latin; Latin-ASCII",
};

std::unique_ptr<icu::Transliterator> create_transliterator(Translit which) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
      kTranslitIds[static_cast<std::size_t>(which)], UTRANS_FORWARD, status));
  if (U_FAILURE(status)) return nullptr;
  return t;
}

}  // namespace

icu::UnicodeString to_unicode(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_std_string(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Creating a transliterator compiles its rules (milliseconds) and search
// indexing folds every article, so each thread builds each one once, on first
// use. Per-thread instances also avoid relying on ICU promising that one
// Transliterator may be shared between threads.
const icu::Transliterator* transliterator(Translit which) {
  thread_local std::array<std::unique_ptr<icu::Transliterator>, kTranslitIds.size()> cache;
  thread_local std::array<bool, kTranslitIds.size()> tried{};
  const auto index = static_cast<std::size_t>(which);
  if (!tried[index]) {
    cache[index] = create_transliterator(which);
    tried[index] = true;
  }
  return cache[index].get();
}

}  // namespace newsarc::text::internal
