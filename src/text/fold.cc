// Normalisation for display and search: NFKC, traditional -> simplified, lower case.
#include "text/text.h"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>

#include "text/internal.h"

namespace newsarc::text {
namespace {

icu::UnicodeString nfkc_unicode(const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString out = normalizer->normalize(s, status);
  return U_SUCCESS(status) ? out : s;
}

// Creating a word break iterator loads the CJK dictionary: once per thread.
icu::BreakIterator* word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> cached = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  return cached.get();
}

}  // namespace

std::string nfkc(std::string_view s) {
  if (internal::is_ascii(s)) return std::string(s);  // ASCII is already NFKC
  return internal::to_std_string(nfkc_unicode(internal::to_unicode(s)));
}

std::string fold_for_search(std::string_view s) {
  if (internal::is_ascii(s)) return internal::ascii_lower(s);
  icu::UnicodeString u = nfkc_unicode(internal::to_unicode(s));
  if (const auto* t = internal::transliterator(internal::Translit::kTraditionalToSimplified))
    t->transliterate(u);
  u.toLower(icu::Locale::getRoot());
  return internal::to_std_string(u);
}

std::vector<std::string> segment_words(std::string_view s) {
  std::vector<std::string> words;
  icu::BreakIterator* it = word_iterator();  // every call sets its own text first
  if (it == nullptr) return words;
  const icu::UnicodeString text = internal::to_unicode(s);
  it->setText(text);
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    if (it->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
    words.push_back(internal::to_std_string(text.tempSubStringBetween(start, end)));
  }
  return words;
}

}  // namespace newsarc::text
