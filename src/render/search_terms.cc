// Search terms: folding code point by code point, runs of indexable
// characters, bigrams, query terms, FNV-1a and the shard codec. search.js
// implements the same rules; tests/search_cases.json is checked against both.
#include "render/search.h"

#include <algorithm>
#include <cstring>

#include "text/text.h"

namespace newsarc::render::search {
namespace {

constexpr std::string_view kShardMagic = "NSX2";
constexpr std::string_view kPartMagic = "NSP2";
// The info bytes that posting codes 0, 1, 2 stand for; code 3: the byte follows.
constexpr std::uint8_t kCodedInfo[] = {kBody | 0x10, kBody | 0x20, kBody | 0x30};
constexpr std::uint64_t kExplicitInfo = 3;
// Non-ASCII code points that split runs (search.js has the same table).
constexpr std::pair<char32_t, char32_t> kSeparators[] = {
    {0x80, 0xBF},         // Latin-1 punctuation and symbols: "·" "§"
    {0xD7, 0xD7},         // "×"
    {0xF7, 0xF7},         // "÷"
    {0x2000, 0x2BFF},     // general punctuation, symbols, arrows, shapes: "—" "…" "①"
    {0x3000, 0x303F},     // CJK punctuation: "。" "《" "〔"
    {0xE000, 0xF8FF},     // private use
    {0xFE10, 0xFE6F},     // vertical, compatibility and small forms
    {0xFF00, 0xFFFF},     // full-width punctuation left after NFKC: "｢"; specials
    {0x1F000, 0x1FFFF},   // emoji and pictographs
    {0xE0000, 0x10FFFF},  // tags, variation selectors, private use planes
};

constexpr std::size_t kWholeRunLimit = 5;  // longer runs use a covering subset of bigrams

void put_varint(std::uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Reads what put_varint wrote; every read checks the end of the input.
struct Reader {
  std::string_view bytes;
  std::size_t pos = 0;

  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && pos < bytes.size(); shift += 7) {
      const auto b = static_cast<unsigned char>(bytes[pos++]);
      v |= std::uint64_t(b & 0x7F) << shift;
      if (b < 0x80) return true;
    }
    return false;
  }
  bool take(std::size_t n, std::string_view& out) {
    if (n > bytes.size() - pos) return false;
    out = bytes.substr(pos, n);
    pos += n;
    return true;
  }
};

base::Error bad_shard(std::string message) {
  return base::Error{"render/bad-shard", std::move(message)};
}

bool read_postings(Reader& r, std::vector<Posting>& out) {
  std::uint64_t count = 0, length = 0, doc = 0;
  std::string_view block;
  if (!r.varint(count) || !r.varint(length) || !r.take(length, block)) return false;
  Reader p{block};
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t v = 0;
    std::string_view info;
    if (!p.varint(v) || (v % 4 == kExplicitInfo && !p.take(1, info))) return false;
    doc += v / 4;
    out.push_back({static_cast<std::uint32_t>(doc), v % 4 == kExplicitInfo
                                                        ? static_cast<std::uint8_t>(info[0])
                                                        : kCodedInfo[v % 4]});
  }
  return p.pos == block.size();
}

void put_posting(std::uint32_t delta, std::uint8_t info, std::string& out) {
  const auto* coded = std::find(std::begin(kCodedInfo), std::end(kCodedInfo), info);
  const std::uint64_t code = coded == std::end(kCodedInfo) ? kExplicitInfo : coded - kCodedInfo;
  put_varint(std::uint64_t(delta) * 4 + code, out);
  if (code == kExplicitInfo) out.push_back(static_cast<char>(info));
}

// Appends s[i, i + n) unless it is already there.
void add_term(std::u32string_view s, std::size_t i, std::size_t n, std::vector<std::string>& out) {
  std::string t = text::to_utf8(s.substr(i, n));
  if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
}

// The terms of one run s[begin, end) of indexable characters.
void run_terms(std::u32string_view s, std::size_t begin, std::size_t end,
               std::vector<std::string>& out) {
  const std::size_t length = end - begin;
  if (length == 1) {
    if (is_han_like(s[begin])) add_term(s, begin, 1, out);
    return;
  }
  // "智能传感器产业" (7): 智能, 传感, 器产, 产业 cover every character.
  const std::size_t step = length <= kWholeRunLimit ? 1 : 2;
  for (std::size_t i = begin; i + 1 < end; i += step) add_term(s, i, 2, out);
  if (step == 2 && length % 2 == 1) add_term(s, end - 2, 2, out);
}

}  // namespace

const std::u32string& Folder::fold(char32_t c) {
  if (c < 0x10000 && bmp_[c] >= 0) return folds_[bmp_[c]];
  if (c >= 0x10000)
    if (auto it = astral_.find(c); it != astral_.end()) return folds_[it->second];
  const auto index = folds_.size();
  folds_.push_back(text::to_u32(text::fold_for_search(text::to_utf8(c))));
  if (c < 0x10000)
    bmp_[c] = static_cast<std::int32_t>(index);
  else
    astral_.emplace(c, index);
  return folds_.back();
}

std::u32string Folder::fold(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (char32_t c : text::to_u32(utf8)) {
    if (c < 0x80) {
      out.push_back(c >= U'A' && c <= U'Z' ? c + 32 : c);
    } else if (c < 0x10000 && bmp_[c] >= 0 && folds_[bmp_[c]].size() == 1) {
      out.push_back(folds_[bmp_[c]][0]);  // most characters fold to one
    } else {
      out += fold(c);
    }
  }
  return out;
}

namespace {

bool compute_han_like(char32_t c) {
  return text::is_han(c) || c == 0x3007;  // "二〇二三年"
}

bool compute_indexable(char32_t c) {
  if (c < 0x80)
    return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  if (compute_han_like(c)) return true;
  return std::none_of(std::begin(kSeparators), std::end(kSeparators),
                      [c](const auto& r) { return c >= r.first && c <= r.second; });
}

enum CharClass : std::uint8_t { kIndexable = 1, kHanLike = 2 };

std::uint8_t compute_class(char32_t c) {
  return static_cast<std::uint8_t>((compute_indexable(c) ? kIndexable : 0) |
                                   (compute_han_like(c) ? kHanLike : 0));
}

// The class of every BMP code point, computed once (immutable afterwards):
// indexing asks it for every character of the corpus.
const std::vector<std::uint8_t>& bmp_classes() {
  static const std::vector<std::uint8_t> table = [] {
    std::vector<std::uint8_t> t(0x10000);
    for (char32_t c = 0; c < 0x10000; ++c) t[c] = compute_class(c);
    return t;
  }();
  return table;
}

/// The class of each code point of a text, from one reference to the table.
class Classifier {
 public:
  std::uint8_t operator()(char32_t c) const { return c < 0x10000 ? bmp_[c] : compute_class(c); }

 private:
  const std::vector<std::uint8_t>& bmp_ = bmp_classes();
};

}  // namespace

bool is_han_like(char32_t c) {
  return (Classifier()(c) & kHanLike) != 0;
}

bool is_indexable(char32_t c) {
  return (Classifier()(c) & kIndexable) != 0;
}

TermKey term_key(char32_t first, char32_t second) {
  return (TermKey(first) << 21) | TermKey(second);
}

std::string term_text(TermKey key) {
  const auto second = static_cast<char32_t>(key & 0x1FFFFF);
  std::string out = text::to_utf8(static_cast<char32_t>(key >> 21));
  if (second != 0) out += text::to_utf8(second);
  return out;
}

// Runs over every character of the corpus: each character is classified
// once, as the second of one pair and then the first of the next.
void field_terms(std::u32string_view s, bool unigrams, std::vector<TermKey>& out) {
  const Classifier class_of;
  std::uint8_t next = s.empty() ? 0 : class_of(s[0]);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::uint8_t here = next;
    next = i + 1 < s.size() ? class_of(s[i + 1]) : 0;
    if (!(here & kIndexable)) continue;
    if (unigrams && (here & kHanLike)) out.push_back(term_key(s[i]));
    if (next & kIndexable) out.push_back(term_key(s[i], s[i + 1]));
  }
}

std::vector<std::u32string> split_query(std::u32string_view folded) {
  std::vector<std::u32string> terms;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] <= U' ') ++i;
    const std::size_t begin = i;
    while (i < folded.size() && folded[i] > U' ') ++i;
    if (i > begin) terms.emplace_back(folded.substr(begin, i - begin));
  }
  return terms;
}

std::vector<std::string> query_terms(std::u32string_view term) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < term.size()) {
    while (i < term.size() && !is_indexable(term[i])) ++i;
    const std::size_t begin = i;
    while (i < term.size() && is_indexable(term[i])) ++i;
    if (i > begin) run_terms(term, begin, i, out);
  }
  return out;
}

bool is_exact(std::u32string_view term) {
  if (!std::all_of(term.begin(), term.end(), is_indexable)) return false;
  return term.size() == 2 || (term.size() == 1 && is_han_like(term[0]));
}

std::uint32_t fnv1a(std::string_view bytes) {
  std::uint32_t h = 2166136261u;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::size_t shard_of(std::string_view term, std::size_t shards) {
  return shards <= 1 ? 0 : fnv1a(term) % shards;
}

void EncodedPostings::add(std::uint32_t doc, std::uint8_t info) {
  put_posting(doc - last_doc_, info, bytes_);
  last_doc_ = doc;
  ++count_;
}

void EncodedPostings::append(const EncodedPostings& later) {
  append(later.bytes_, later.count_, later.last_doc_, 0);
}

void EncodedPostings::append(std::string_view bytes, std::uint32_t count, std::uint32_t last_doc,
                             std::uint32_t offset) {
  if (count == 0) return;
  // The first posting's delta counts from 0 there, from last_doc_ here.
  Reader r{bytes};
  std::uint64_t v = 0;
  r.varint(v);
  put_varint((v / 4 + offset - last_doc_) * 4 + v % 4, bytes_);
  bytes_.append(bytes.substr(r.pos));
  count_ += count;
  last_doc_ = last_doc + offset;
}

std::string encode_shard(std::vector<ShardTerm> terms) {
  std::sort(terms.begin(), terms.end(),
            [](const ShardTerm& a, const ShardTerm& b) { return a.first < b.first; });
  std::string out(kShardMagic);
  put_varint(terms.size(), out);
  for (const auto& [term, postings] : terms) {
    put_varint(term.size(), out);
    out += term;
    put_varint(postings->count(), out);
    put_varint(postings->bytes().size(), out);
    out += postings->bytes();
  }
  return out;
}

std::string encode_shard(const PostingMap& terms) {
  std::vector<EncodedPostings> encoded(terms.size());
  std::vector<ShardTerm> shard;
  for (const auto& [term, postings] : terms) {
    EncodedPostings& e = encoded[shard.size()];
    for (const Posting& p : postings) e.add(p.doc, p.info);
    shard.emplace_back(term, &e);
  }
  return encode_shard(std::move(shard));
}

namespace {

// One entry of a part's group table: the group's term count, byte length
// and hash, fixed-width so that it is read in place.
struct GroupEntry {
  std::uint32_t terms = 0, length = 0;
  std::uint64_t hash = 0;
};
static_assert(sizeof(GroupEntry) == 16);

GroupEntry group_entry(std::string_view table, std::size_t g) {
  GroupEntry e;
  std::memcpy(&e, table.data() + g * sizeof e, sizeof e);
  return e;
}

void put_part_term(const ShardTerm& t, std::string& out) {
  put_varint(t.first.size(), out);
  out += t.first;
  put_varint(t.second->count(), out);
  put_varint(t.second->last_doc(), out);
  put_varint(t.second->bytes().size(), out);
  out += t.second->bytes();
}

// About the bytes a term takes in a shard: its text, three varints, postings
// (1.3 bytes each on average).
std::uint64_t shard_size(const ShardTerm& t) {
  return t.first.size() + 4 + t.second->count() + t.second->count() / 3;
}

}  // namespace

// "NSP2", varint documents, their hashes (8 bytes each), varint shard bytes,
// varint groups, the group table (16 bytes a group), then the groups' terms:
// varint length, term, varint count, varint last doc, varint length, postings.
std::string encode_part(const std::vector<std::uint64_t>& doc_hashes, std::size_t groups,
                        std::vector<ShardTerm> terms) {
  groups = std::max<std::size_t>(groups, 1);
  std::vector<std::pair<std::size_t, const ShardTerm*>> order;
  order.reserve(terms.size());
  for (const ShardTerm& t : terms) order.emplace_back(shard_of(t.first, groups), &t);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->first < b.second->first;
  });
  std::vector<GroupEntry> table(groups);
  std::string body;
  std::uint64_t shard_bytes = 0;
  for (std::size_t k = 0; k < order.size();) {
    const std::size_t g = order[k].first, start = body.size();
    for (; k < order.size() && order[k].first == g; ++k) {
      put_part_term(*order[k].second, body);
      shard_bytes += shard_size(*order[k].second);
      ++table[g].terms;
    }
    table[g].length = static_cast<std::uint32_t>(body.size() - start);
    table[g].hash = base::hash_bytes(std::string_view(body).substr(start));
  }
  std::string out(kPartMagic);
  put_varint(doc_hashes.size(), out);
  out.append(reinterpret_cast<const char*>(doc_hashes.data()),
             doc_hashes.size() * sizeof doc_hashes[0]);
  put_varint(shard_bytes, out);
  put_varint(groups, out);
  out.append(reinterpret_cast<const char*>(table.data()), table.size() * sizeof table[0]);
  return out + body;
}

namespace {

base::Error bad_part(std::string message) {
  return base::Error{"render/bad-part", std::move(message)};
}

bool read_u32(Reader& r, std::uint32_t& out) {
  std::uint64_t v = 0;
  if (!r.varint(v) || v > UINT32_MAX) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

bool read_part_term(Reader& r, PartTerm& t) {
  std::uint64_t length = 0;
  return r.varint(length) && length > 0 && r.take(length, t.term) && read_u32(r, t.count) &&
         read_u32(r, t.last_doc) && r.varint(length) && r.take(length, t.bytes) &&
         (t.count == 0) == t.bytes.empty();
}

}  // namespace

std::uint64_t PartView::group_hash(std::size_t g) const {
  return group_entry(table_, g).hash;
}

base::Result<std::vector<PartTerm>> PartView::group(std::size_t g) const {
  const GroupEntry e = group_entry(table_, g);
  // Each term takes at least 5 bytes: no count can make this allocation huge.
  if (e.terms > e.length / 5) return bad_part("too many terms");
  Reader r{terms_.substr(starts_[g], e.length)};
  std::vector<PartTerm> terms(e.terms);
  for (PartTerm& t : terms)
    if (!read_part_term(r, t)) return bad_part("truncated term");
  if (r.pos != r.bytes.size()) return bad_part("trailing bytes in a group");
  return terms;
}

base::Result<PartView> decode_part(std::string_view bytes) {
  PartView part;
  if (!bytes.starts_with(kPartMagic)) return bad_part("not a search part");
  Reader r{bytes, kPartMagic.size()};
  std::uint32_t docs = 0;
  std::string_view hashes;
  if (!read_u32(r, docs) || !r.take(std::size_t{docs} * sizeof(std::uint64_t), hashes))
    return bad_part("truncated document hashes");
  part.doc_hashes.resize(docs);
  std::memcpy(part.doc_hashes.data(), hashes.data(), hashes.size());
  std::uint64_t groups = 0;
  if (!r.varint(part.shard_bytes) || !r.varint(groups) || groups == 0 ||
      groups > bytes.size() / sizeof(GroupEntry) ||
      !r.take(groups * sizeof(GroupEntry), part.table_))
    return bad_part("truncated group table");
  part.terms_ = bytes.substr(r.pos);
  part.starts_.assign(1, 0);
  for (std::size_t g = 0; g < groups; ++g)
    part.starts_.push_back(part.starts_.back() + group_entry(part.table_, g).length);
  if (part.starts_.back() != part.terms_.size()) return bad_part("groups and bytes disagree");
  return part;
}

base::Result<PostingMap> decode_shard(std::string_view bytes) {
  if (!bytes.starts_with(kShardMagic)) return bad_shard("not a search shard");
  Reader r{bytes, kShardMagic.size()};
  std::uint64_t count = 0;
  if (!r.varint(count)) return bad_shard("truncated header");
  PostingMap terms;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t length = 0;
    std::string_view term;
    if (!r.varint(length) || !r.take(length, term)) return bad_shard("truncated term");
    if (!read_postings(r, terms[std::string(term)])) return bad_shard("bad postings");
  }
  if (r.pos != bytes.size()) return bad_shard("trailing bytes");
  return terms;
}

}  // namespace newsarc::render::search
