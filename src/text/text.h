#pragma once
// text: decoding and normalisation. The only stage that uses ICU.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/base.h"

namespace newsarc::text {

/// The encoding a source file was found to be in.
enum class Encoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030 };

/// Decoded text: UTF-8 without BOM, line ends normalised to "\n".
struct Decoded {
  std::string utf8;
  Encoding encoding = Encoding::kUtf8;
};

/// Decodes a file's bytes: BOM first (UTF-8, UTF-16LE/BE), else valid UTF-8,
/// else GB18030. CRLF and CR become LF. Fails with code "text/undecodable"
/// (binary data, NUL bytes, or text no converter accepts) or "text/empty".
base::Result<Decoded> decode(std::string_view bytes);

/// Name of an encoding ("utf-8", "utf-16le", "gb18030", ...).
std::string_view encoding_name(Encoding e);

/// UTF-8 <-> UTF-32 helpers for the heuristics that work on code points.
/// Invalid sequences become U+FFFD.
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view s);
std::string to_utf8(char32_t c);

/// True for CJK unified ideographs (the Han characters of running text).
bool is_han(char32_t c);

/// NFKC: full-width digits and Latin become half-width ("２月" -> "2月").
std::string nfkc(std::string_view s);

/// Folding shared by the search index and the query side: NFKC, traditional ->
/// simplified, lower case. "張紅軍" -> "张红军", "ＡＢＣ" -> "abc".
std::string fold_for_search(std::string_view s);

/// ICU word segmentation; returns the words (no spaces or punctuation).
std::vector<std::string> segment_words(std::string_view s);

/// ASCII slug from pinyin: "张红军" -> "zhang-hong-jun", "Hello World" ->
/// "hello-world". Never empty: falls back to "x" plus hex code points.
std::string slugify(std::string_view s);
/// Compiles the pinyin rules slugify uses, which the first slugify in a
/// process otherwise waits for (some 80 ms): call on a spare thread early.
/// ICU keeps what it compiled for every thread.
void prepare_slugify();

/// slugify with a memory: names known from an earlier build get their slug
/// without ICU, whose pinyin rules take some 0.1 s of CPU to compile in
/// every process that transliterates anything. Safe to use from several
/// threads.
class SlugMemo {
 public:
  using Known = std::unordered_map<std::string, std::string>;  ///< name -> slug
  SlugMemo() = default;
  explicit SlugMemo(Known known) : known_(std::move(known)) {}
  /// slugify(name): the known slug, else ICU's (and then remembered).
  std::string slug(const std::string& name);
  bool empty() const { return known_.empty(); }
  /// The names asked for since construction, with their slugs: what the next
  /// build needs to know. None when they are exactly the names known.
  std::optional<Known> changed() const;

 private:
  mutable std::mutex mutex_;
  Known known_, asked_;
  bool learned_ = false;  ///< a name not known was asked for
};

/// Pinyin collation (zh@collation=pinyin). Build once, share read-only.
class Collator {
 public:
  Collator();
  ~Collator();
  Collator(const Collator&) = delete;
  Collator& operator=(const Collator&) = delete;
  /// Byte string whose memcmp order is the pinyin order of `s`.
  std::string sort_key(std::string_view s) const;
  /// Upper-case initial of the pinyin ("张" -> 'Z'); '#' when none.
  char initial(std::string_view s) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsarc::text
