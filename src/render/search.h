#pragma once
// Internal to render: the static full-text search index, written under
// `search/` and read by assets/search.js. Files: search_terms.cc (folding,
// terms, hashing, the shard and part codecs), search_index.cc (documents,
// postings, output files).
//
// Output (doc numbers are archive order, so 0 is the newest article; chunks
// count from the oldest, r = documents - 1 - doc, so that a new day's
// articles, the newest, change the last chunks only):
//   search/manifest.json      documents, shard count, meta and text chunk sizes, year
//                             ranges, facet lists, version hash
//   search/shards/<n>.bin     the terms whose FNV-1a hash mod shards is n
//   search/meta/<k>.json      metadata of docs r in [k*chunk, (k+1)*chunk), by r
//   search/text/<k>.json      for docs r in [k*textChunk, (k+1)*textChunk), by r, each
//                             {"f": fields, "b": first body field}: the text
//                             that matches are verified against and snippets cut from
//   search/t2s.json           {"from", "to"}: ICU Traditional-Simplified per character
//
// Shard layout (varints are LEB128):
//   "NSX2", varint term count, then per term (terms in byte order):
//   varint byte length, term bytes, varint posting count, varint postings byte
//   length, then per posting one varint: doc delta (the first: the doc) * 4 +
//   code, where code 0, 1, 2 stand for info 0x18, 0x28, 0x38 (body text, once,
//   twice, three times: 86% of postings) and code 3 is followed by the info byte.
// The info byte: low nibble = FieldBit mask, high nibble = count, capped at 15.
// Besides text terms, shards hold facet terms "d:<district>" and "o:<official>"
// (':' is never part of a text term).

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "archive/archive.h"
#include "base/base.h"
#include "render/render.h"

namespace newsarc::render::search {

/// The field a term occurs in; weights are applied by the query side.
enum FieldBit : std::uint8_t { kTitle = 1, kOfficial = 2, kDistrict = 4, kBody = 8 };

/// How the index is cut up; defaults scale from a dozen articles to 100k.
struct IndexOptions {
  /// The shard count is the next power of two of the parts' terms' bytes
  /// (a term counted once in each part that has it) over this, at most
  /// max_shards rounded down to a power of two.
  std::size_t target_shard_bytes = 12 * 1024;
  std::size_t max_shards = 4096;
  std::size_t meta_chunk = 8;  ///< documents per search/meta file
  /// Documents per search/text file: few, since a result page fetches the
  /// chunks of its results (some 4 KB of text each) for their snippets.
  std::size_t text_chunk = 4;
  /// Threads indexing parts of the archive (the output is the same for any).
  std::size_t threads = 1;
  /// The postings are built part by part, each a run of documents cut where
  /// the month changes once it has `part_min_docs` (or at `part_max_docs`):
  /// a memo keeps each part, and an unchanged part is not indexed again.
  std::size_t part_min_docs = 512;
  std::size_t part_max_docs = 4096;
};

/// Search folding applied code point by code point (text::fold_for_search of
/// each one, cached), the way search.js folds: "張ＡＢ" -> "张ab".
class Folder {
 public:
  /// The folded text.
  std::u32string fold(std::string_view utf8);
  /// The folding of one code point.
  const std::u32string& fold(char32_t c);

 private:
  std::vector<std::int32_t> bmp_ = std::vector<std::int32_t>(0x10000, -1);  ///< into folds_
  std::unordered_map<char32_t, std::size_t> astral_;                        ///< into folds_
  std::deque<std::u32string> folds_;  ///< a deque: references stay valid
};

/// Letters, digits and Han characters: what terms are made of. Punctuation,
/// spaces and symbols split runs.
bool is_indexable(char32_t c);
/// Han characters (text::is_han, and "〇"): these get single-character terms.
bool is_han_like(char32_t c);

/// One posting: a document and its info byte.
struct Posting {
  std::uint32_t doc = 0;
  std::uint8_t info = 0;
  bool operator==(const Posting&) const = default;
};

/// A term's key while building: two code points packed ("高新"), or one.
using TermKey = std::uint64_t;
/// The key of a bigram (second = 0 for a single character).
TermKey term_key(char32_t first, char32_t second = 0);
/// The term's UTF-8 text.
std::string term_text(TermKey key);

/// Appends the keys of the terms in one folded field: every adjacent pair in
/// a run of indexable characters, and every Han character alone when `unigrams`.
void field_terms(std::u32string_view folded, bool unigrams, std::vector<TermKey>& out);

/// A folded query split at whitespace: "张红军 高新区" -> {"张红军", "高新区"}.
std::vector<std::u32string> split_query(std::u32string_view folded);
/// The index terms whose postings are intersected for one query term: all
/// bigrams of a run of up to 5 characters, a covering subset of longer runs,
/// the character of a one-Han-character run. Empty when nothing is indexable.
std::vector<std::string> query_terms(std::u32string_view term);
/// True when query_terms' intersection is exactly the documents that contain
/// the term (one bigram, or one Han character), so no verification is needed.
bool is_exact(std::u32string_view term);

/// FNV-1a, 32 bits, of the bytes.
std::uint32_t fnv1a(std::string_view bytes);
/// The shard a term lives in.
std::size_t shard_of(std::string_view term, std::size_t shards);

/// A term's postings in document order.
using PostingMap = std::map<std::string, std::vector<Posting>>;

/// A term's postings as a shard holds them (the varint codes of search.h),
/// appended a document at a time: about 1.3 bytes a posting where a Posting
/// takes 8, for the 10^8 postings of a large archive.
class EncodedPostings {
 public:
  /// Appends `doc`'s posting; docs come in ascending order.
  void add(std::uint32_t doc, std::uint8_t info);
  /// Appends the postings of `later`, whose documents all come after these.
  void append(const EncodedPostings& later);
  /// Appends `count` encoded postings whose documents, `offset` added, all
  /// come after these; `last_doc` is their last document before the offset.
  void append(std::string_view bytes, std::uint32_t count, std::uint32_t last_doc,
              std::uint32_t offset);
  std::uint32_t count() const { return count_; }
  std::uint32_t last_doc() const { return last_doc_; }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::uint32_t count_ = 0;
  std::uint32_t last_doc_ = 0;
};
/// One term of a shard: its text and postings.
using ShardTerm = std::pair<std::string, const EncodedPostings*>;
/// Encodes the terms of one shard, sorted by term bytes.
std::string encode_shard(std::vector<ShardTerm> terms);
/// Encodes the terms of one shard (PostingMap order is byte order).
std::string encode_shard(const PostingMap& terms);
/// Decodes a shard; fails with `render/bad-shard` on malformed bytes.
base::Result<PostingMap> decode_shard(std::string_view bytes);

/// One term of a part (see IndexOptions): its text and its postings as
/// EncodedPostings holds them, documents counted from the part's first.
struct PartTerm {
  std::string_view term;
  std::uint32_t count = 0, last_doc = 0;
  std::string_view bytes;
};
/// A part as the memo keeps it, read in place. Its terms, text and facet
/// terms alike, are in groups by shard_of(term, groups()), each group in
/// term byte order and with a hash of its bytes: a shard made from groups
/// whose hashes did not change is the shard the last build made, and is
/// known without reading them.
class PartView {
 public:
  std::vector<std::uint64_t> doc_hashes;  ///< each document's searchable text and metadata
  std::uint64_t shard_bytes = 0;          ///< about what its terms take in shards
  std::size_t groups() const { return starts_.empty() ? 0 : starts_.size() - 1; }
  std::uint64_t group_hash(std::size_t g) const;
  /// The terms of group g; fails with `render/bad-part` on malformed bytes.
  base::Result<std::vector<PartTerm>> group(std::size_t g) const;

 private:
  friend base::Result<PartView> decode_part(std::string_view bytes);
  std::string_view table_;             ///< per group: u32 terms, u32 bytes, u64 hash
  std::string_view terms_;             ///< the groups, one after another
  std::vector<std::uint64_t> starts_;  ///< group g is terms_[starts_[g], starts_[g + 1])
};
/// A part's bytes: its documents' hashes and its terms, in `groups` groups
/// (a power of two).
std::string encode_part(const std::vector<std::uint64_t>& doc_hashes, std::size_t groups,
                        std::vector<ShardTerm> terms);
/// Reads encode_part's bytes (the view points into them): the header and
/// the group table, the groups when asked. Fails with `render/bad-part` on
/// malformed bytes.
base::Result<PartView> decode_part(std::string_view bytes);

/// One searchable field of a document.
struct Field {
  FieldBit bit = kBody;
  std::string text;
};
/// A document's fields: title and subtitle, officials, districts with their
/// aliases, then the body (paragraphs, headings, captions, credits).
struct SearchDoc {
  std::vector<Field> fields;
  std::size_t body_start = 0;  ///< index of the first body field
};
/// The searchable fields of archive.articles[index].
SearchDoc search_doc(const archive::Archive& archive, std::size_t index);
/// The text a match is verified against: the fields joined by "\n".
std::string joined_text(const SearchDoc& doc);

/// Where doc `doc` of `documents` is in the chunks of `chunk` documents: the
/// chunk and the item in it (counted from the oldest document).
struct ChunkPlace {
  std::size_t chunk = 0, item = 0;
};
ChunkPlace chunk_place(std::size_t doc, std::size_t documents, std::size_t chunk);
/// The docs of chunks [first, last) of `chunk` documents each, in chunk order.
std::vector<std::size_t> chunk_docs(std::size_t first, std::size_t last, std::size_t documents,
                                    std::size_t chunk);

/// search/text/<k>.json for the text chunks k in [first, last).
void add_text_chunks(const archive::Archive& archive, std::size_t first, std::size_t last,
                     RenderedSite& out, const IndexOptions& options = {});
/// search/meta/<k>.json for the metadata chunks k in [first, last).
void add_meta_chunks(const archive::Archive& archive, std::size_t first, std::size_t last,
                     RenderedSite& out, const IndexOptions& options = {});
/// The manifest, the shards and search/t2s.json. With `reuse`, a part whose
/// documents' digests the memo knows is taken from it instead of indexed,
/// and a shard made from the same groups as in the last build is read back
/// from the last build's file (Memo::last_output) instead of merged.
std::vector<std::pair<std::string, FileBytes>> search_postings(const archive::Archive& archive,
                                                               const IndexOptions& options = {},
                                                               const Reuse* reuse = nullptr);
/// search_postings into `out`.
void add_search_postings(const archive::Archive& archive, RenderedSite& out,
                         const IndexOptions& options = {}, const Reuse* reuse = nullptr);

/// Writes the whole search index of `archive` under `search/` in `out`.
void add_search_index(const archive::Archive& archive, RenderedSite& out,
                      const IndexOptions& options = {}, const Reuse* reuse = nullptr);

}  // namespace newsarc::render::search
