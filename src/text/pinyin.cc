// Pinyin: ASCII slugs and the pinyin collation used for name indexes.
#include "text/text.h"

#include <cstdio>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utypes.h>

#include "text/internal.h"

namespace newsarc::text {
namespace {

bool is_slug_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// "Han-Latin; Latin-ASCII", lower-cased: "张红军" -> "zhang hong jun".
std::string to_ascii_pinyin(std::string_view s) {
  // ASCII needs no transliterator (both transforms leave it as it is), and
  // most slugs are of ASCII paths ("2023/02/12-p1"): running ICU on them was
  // a fifth of ingest.
  if (internal::is_ascii(s)) return internal::ascii_lower(s);
  icu::UnicodeString u = internal::to_unicode(s);
  if (const auto* t = internal::transliterator(internal::Translit::kHanToAscii))
    t->transliterate(u);
  u.toLower(icu::Locale::getRoot());
  return internal::to_std_string(u);
}

/// Every run of characters outside [a-z0-9] becomes one '-', none at the ends.
std::string collapse_to_slug(std::string_view ascii) {
  std::string slug;
  bool pending_dash = false;
  for (char c : ascii) {
    if (!is_slug_char(c)) {
      pending_dash = !slug.empty();
      continue;
    }
    if (pending_dash) slug.push_back('-');
    pending_dash = false;
    slug.push_back(c);
  }
  return slug;
}

/// "x" plus hex code points for text with no ASCII reading: "Ω" -> "x3a9".
std::string hex_slug(std::string_view s) {
  std::string slug = "x";
  for (char32_t c : to_u32(s)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%x", slug.size() > 1 ? "-" : "", static_cast<unsigned>(c));
    slug += buf;
  }
  return slug;
}

/// The first code point that is neither space nor punctuation, so that
/// "“张三”" and "《人民》" file under their first Han character.
std::string_view first_letter(std::string_view s) {
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = begin + s.size();
  for (const auto* p = begin; p < end;) {
    const internal::Utf8Step step = internal::decode_utf8_step(p, end);
    const auto c = static_cast<UChar32>(step.code_point);
    if (!u_isUWhiteSpace(c) && !u_ispunct(c))
      return s.substr(static_cast<std::size_t>(p - begin), step.length);
    p += step.length;
  }
  return {};
}

}  // namespace

std::string slugify(std::string_view s) {
  std::string slug = collapse_to_slug(to_ascii_pinyin(s));
  return slug.empty() ? hex_slug(s) : slug;
}

void prepare_slugify() {
  (void)slugify("张");
}

std::string SlugMemo::slug(const std::string& name) {
  {
    const std::lock_guard lock(mutex_);
    if (auto it = asked_.find(name); it != asked_.end()) return it->second;
    if (auto it = known_.find(name); it != known_.end()) return asked_[name] = it->second;
  }
  std::string slug = slugify(name);  // outside the lock: ICU may take a while
  const std::lock_guard lock(mutex_);
  learned_ = true;
  return asked_.try_emplace(name, std::move(slug)).first->second;
}

std::optional<SlugMemo::Known> SlugMemo::changed() const {
  const std::lock_guard lock(mutex_);
  if (!learned_ && asked_.size() == known_.size()) return std::nullopt;
  return asked_;
}

// icu::Collator's const methods (getSortKey among them) are safe to call
// concurrently: ICU's design guide promises thread safety for service objects
// used only through const APIs. Impl holds a const pointer, so nothing else
// can be called after construction.
struct Collator::Impl {
  std::unique_ptr<const icu::Collator> collator;
};

Collator::Collator() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> c(
      icu::Collator::createInstance(icu::Locale("zh@collation=pinyin"), status));
  if (U_SUCCESS(status)) impl_->collator = std::move(c);
}

Collator::~Collator() = default;

std::string Collator::sort_key(std::string_view s) const {
  // Without ICU collation data, code point order is the best total order left.
  if (!impl_->collator) return std::string(s);
  const icu::UnicodeString u = internal::to_unicode(s);
  std::string key(64, '\0');
  auto fill = [&] {
    return impl_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                       static_cast<int32_t>(key.size()));
  };
  int32_t length = fill();
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(length));
    length = fill();
  }
  // Drop the terminating 0 byte: std::string compares by length anyway.
  key.resize(length > 0 ? static_cast<std::size_t>(length - 1) : 0);
  return key;
}

char Collator::initial(std::string_view s) const {
  const std::string pinyin = to_ascii_pinyin(first_letter(s));
  const char c = pinyin.empty() ? '\0' : pinyin.front();
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : '#';
}

}  // namespace newsarc::text
