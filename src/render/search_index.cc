// The search index: searchable documents, postings built part by part (runs
// of articles, each kept in the memo) and cut into shards by term hash,
// document metadata in chunks, document text in chunks, the manifest and the
// Traditional -> Simplified table of the query side (search.h has the layout).
#include "render/search.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/json_writer.h"
#include "render/views.h"
#include "text/text.h"

namespace newsarc::render::search {
namespace {

constexpr std::size_t kFacetOfficials = 200;  // the manifest lists the most frequent ones
// The memo keys of parts start with this: change it whenever a part's
// encoding or what goes into it does, and old memo values are not used.
constexpr std::string_view kPartFormat = "search-part-1";
constexpr std::pair<char32_t, char32_t> kT2sRanges[] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}};

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Term key -> dense term number, by open addressing with linear probing: the
// index looks up every character pair of the corpus (10^8 times for 10k articles).
class TermTable {
 public:
  std::uint32_t id(TermKey key) {  // key != 0: a term's first code point is never 0
    if ((keys_.size() + 1) * 2 > slots_.size()) grow();
    std::size_t i = slot_of(key);
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & (slots_.size() - 1);
    if (slots_[i].key == 0) {
      slots_[i] = {key, static_cast<std::uint32_t>(keys_.size())};
      keys_.push_back(key);
    }
    return slots_[i].id;
  }
  const std::vector<TermKey>& keys() const { return keys_; }

 private:
  struct Slot {
    TermKey key = 0;
    std::uint32_t id = 0;
  };
  std::size_t slot_of(TermKey key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(old.size() * 2, 1024), Slot{});
    for (const Slot& s : old) {
      if (s.key == 0) continue;
      std::size_t i = slot_of(s.key);
      while (slots_[i].key != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::vector<TermKey> keys_;
};

// Postings while building: text terms by term number, facet terms by text.
// A document's text terms are gathered first (`info` by term number, `touched`
// the terms it has), then each gets one posting.
struct Postings {
  TermTable terms;
  std::vector<EncodedPostings> text;
  std::vector<std::uint8_t> info;
  std::vector<std::uint32_t> touched;
  PostingMap facets;
};

const std::vector<std::string>* aliases_of(const archive::Archive& archive,
                                           const std::string& district) {
  for (const auto& d : archive.districts)
    if (d.district.name == district) return &d.district.aliases;
  return nullptr;
}

std::vector<std::string> official_names(const ingest::ArticleRecord& r) {
  std::vector<std::string> names;
  for (const auto& p : r.officials)
    if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  return names;
}

void add_body(const ingest::ArticleRecord& r, SearchDoc& doc) {
  auto add = [&](const std::string& s) {
    if (!s.empty()) doc.fields.push_back({kBody, s});
  };
  const std::vector<ingest::Block>& body = r.body_blocks();
  for (const auto& block : body) add(block.text);
  if (body.empty() && !r.markdown_source().empty()) add(markdown_to_text(r.markdown_source()));
  for (const auto& caption : r.captions) add(caption);
  for (const auto* names : {&r.reporters, &r.correspondents, &r.authors, &r.photo_credits})
    for (const auto& name : *names) add(name);
}

// One occurrence of a term in field `bit` of the document being added: the
// info byte gathers the fields (low nibble) and counts them (high, up to 15).
void add_occurrence(std::uint32_t term, std::uint8_t bit, Postings& index) {
  std::uint8_t& info = index.info[term];
  if (info == 0) {
    index.touched.push_back(term);
    info = bit | 0x10;
    return;
  }
  info |= bit;
  if ((info >> 4) < 15) info += 0x10;
}

void add_doc_terms(const SearchDoc& doc, std::uint32_t id, Folder& folder, Postings& index) {
  std::vector<TermKey> keys;
  for (const Field& f : doc.fields) {
    keys.clear();
    field_terms(folder.fold(f.text), true, keys);
    for (TermKey k : keys) {
      const std::uint32_t term = index.terms.id(k);
      if (term == index.text.size()) {
        index.text.emplace_back();
        index.info.push_back(0);
      }
      add_occurrence(term, f.bit, index);
    }
  }
  for (std::uint32_t term : index.touched) {
    index.text[term].add(id, index.info[term]);
    index.info[term] = 0;
  }
  index.touched.clear();
}

void add_facet_terms(const ingest::ArticleRecord& r, std::uint32_t id, Postings& index) {
  for (const auto& d : r.districts) {
    auto& list = index.facets["d:" + d];
    if (list.empty() || list.back().doc != id) list.push_back({id, kDistrict | 0x10});
  }
  for (const auto& name : official_names(r))
    index.facets["o:" + name].push_back({id, kOfficial | 0x10});
}

// About the bytes a term takes in a shard: its text, three varints, postings
// (1.3 bytes each on average).
std::size_t encoded_size(std::size_t term_bytes, std::size_t postings) {
  return term_bytes + 4 + postings + postings / 3;
}

std::size_t shard_count(const Postings& index, const IndexOptions& options) {
  std::size_t total = 0;
  for (const auto& list : index.text) total += encoded_size(6, list.count());
  for (const auto& [term, list] : index.facets) total += encoded_size(term.size(), list.size());
  const std::size_t wanted = total / std::max<std::size_t>(options.target_shard_bytes, 1) + 1;
  return std::clamp<std::size_t>(std::bit_ceil(wanted), 1,
                                 std::max<std::size_t>(options.max_shards, 1));
}

// The encoded shards; `facets` holds the facet terms' encoded postings.
std::vector<std::string> make_shards(const Postings& index, const IndexOptions& options,
                                     std::vector<EncodedPostings>& facets) {
  std::vector<std::vector<ShardTerm>> shards(shard_count(index, options));
  for (std::size_t id = 0; id < index.text.size(); ++id) {
    std::string term = term_text(index.terms.keys()[id]);
    auto& shard = shards[shard_of(term, shards.size())];
    shard.emplace_back(std::move(term), &index.text[id]);
  }
  facets.resize(index.facets.size());
  std::size_t k = 0;
  for (const auto& [term, list] : index.facets) {
    for (const Posting& p : list) facets[k].add(p.doc, p.info);
    shards[shard_of(term, shards.size())].emplace_back(term, &facets[k++]);
  }
  std::vector<std::string> encoded;
  for (auto& shard : shards) encoded.push_back(encode_shard(std::move(shard)));
  return encoded;
}

// One document's entry in a metadata chunk, keys in dump()'s order.
void write_meta_item(base::JsonWriter& w, const ingest::ArticleRecord& r) {
  w.begin_object();
  w.member("d", format_date(r.date));
  w.member("ds", r.districts);
  w.member("i", r.date.iso());
  w.member("o", official_names(r));
  w.member("t", r.display_title);
  w.member("u", article_url(r));
  w.member("y", r.date.precision == ingest::DatePrecision::kNone ? 0 : r.date.year);
  w.end_object();
}

// One document's entry in a text chunk: its fields, and where the body starts.
void write_text_item(base::JsonWriter& w, const SearchDoc& doc) {
  w.begin_object();
  w.member("b", static_cast<std::int64_t>(doc.body_start));
  w.key("f");
  w.begin_array();
  for (const Field& f : doc.fields) w.string(f.text);
  w.end_array();
  w.end_object();
}

// ICU's Traditional-Simplified over every Han character of the basic block and
// extension A that it changes: search.js needs no ICU.
std::string t2s_table(Folder& folder) {
  std::u32string from, to;
  for (const auto& [first, last] : kT2sRanges) {
    for (char32_t c = first; c <= last; ++c) {
      const std::u32string& f = folder.fold(c);
      if (f.size() == 1 && f[0] != c && is_han_like(f[0])) {
        from.push_back(c);
        to.push_back(f[0]);
      }
    }
  }
  return dump({{"from", text::to_utf8(from)}, {"to", text::to_utf8(to)}});
}

// Runs of equal years in archive order (one per year: the order is by date).
Json year_ranges(const archive::Archive& archive) {
  Json years = Json::array();
  for (std::size_t i = 0; i < archive.articles.size(); ++i) {
    const auto& date = archive.articles[i].date;
    const int year = date.precision == ingest::DatePrecision::kNone ? 0 : date.year;
    if (!years.empty() && years.back()["year"] == year)
      years.back()["count"] = years.back()["count"].get<std::size_t>() + 1;
    else
      years.push_back({{"year", year}, {"first", i}, {"count", 1}});
  }
  return years;
}

Json facet_lists(const archive::Archive& archive) {
  Json districts = Json::array();
  for (const auto& d : archive.districts)
    districts.push_back({{"name", d.district.name}, {"count", d.articles.size()}});
  // Most frequent first; ties keep the archive's pinyin order (stable sort).
  std::vector<const archive::PersonEntry*> people;
  for (const auto& p : archive.officials) people.push_back(&p);
  std::stable_sort(people.begin(), people.end(), [](const auto* a, const auto* b) {
    return a->appearances.size() > b->appearances.size();
  });
  if (people.size() > kFacetOfficials) people.resize(kFacetOfficials);
  Json officials = Json::array();
  for (const auto* p : people)
    officials.push_back({{"name", p->name}, {"count", p->appearances.size()}});
  return {{"districts", std::move(districts)}, {"officials", std::move(officials)}};
}

// The index's version, named in the manifest and added to the URL of every
// file it fetches, so a browser never mixes files of two builds: a hash of
// what every file was made from (the documents' searchable text and
// metadata, as each part hashed them) and of the shards and table themselves.
std::string version_of(std::uint64_t content, const RenderedSite& files) {
  std::uint64_t h = content;
  for (const auto& [path, bytes] : files)
    h = base::hash_combine(base::hash_combine(h, base::hash_bytes(path)), base::hash_bytes(bytes));
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<std::uint32_t>(h ^ (h >> 32)));
  return hex;
}

std::string manifest(const archive::Archive& archive, std::size_t shards,
                     const IndexOptions& options, const std::string& version) {
  Json m = {
      {"format", 1},
      {"version", version},
      {"documents", archive.articles.size()},
      {"shards", shards},
      {"chunk", options.meta_chunk},
      {"textChunk", options.text_chunk},
      {"fields",
       {{"title", kTitle}, {"official", kOfficial}, {"district", kDistrict}, {"body", kBody}}},
      {"years", year_ranges(archive)}};
  m.update(facet_lists(archive));
  return dump(m) + "\n";
}

}  // namespace

SearchDoc search_doc(const archive::Archive& archive, std::size_t index) {
  const ingest::ArticleRecord& r = archive.articles[index];
  SearchDoc doc;
  auto add = [&](FieldBit bit, const std::string& s) {
    if (!s.empty()) doc.fields.push_back({bit, s});
  };
  add(kTitle, r.display_title);
  if (r.subtitle) add(kTitle, *r.subtitle);
  for (const auto& name : official_names(r)) add(kOfficial, name);
  for (const auto& d : r.districts) {
    add(kDistrict, d);
    if (const auto* aliases = aliases_of(archive, d))
      for (const auto& alias : *aliases) add(kDistrict, alias);
  }
  doc.body_start = doc.fields.size();
  add_body(r, doc);
  return doc;
}

std::string joined_text(const SearchDoc& doc) {
  std::string out;
  for (const Field& f : doc.fields) {
    if (!out.empty()) out += '\n';
    out += f.text;
  }
  return out;
}

namespace {

// What a document adds to the index's version: its searchable fields and
// the metadata search.js shows.
std::uint64_t doc_hash(const SearchDoc& doc, const ingest::ArticleRecord& r) {
  std::string meta;
  base::JsonWriter w(meta, -1);
  write_meta_item(w, r);
  std::uint64_t h = base::hash_bytes(meta, doc.body_start);
  for (const Field& f : doc.fields) h = base::hash_combine(base::hash_bytes(f.text, f.bit), h);
  return h;
}

// Indexes one part, documents counted from its first: its memo value.
std::string index_part(const archive::Archive& archive, ArticleRun range, Folder& folder) {
  Postings index;
  std::vector<std::uint64_t> hashes;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const SearchDoc doc = search_doc(archive, i);
    const auto id = static_cast<std::uint32_t>(i - range.first);
    add_doc_terms(doc, id, folder, index);
    add_facet_terms(archive.articles[i], id, index);
    hashes.push_back(doc_hash(doc, archive.articles[i]));
  }
  return encode_part(hashes, index.terms.keys(), index.text, index.facets);
}

// A part's bytes and, read in place, its postings.
struct LoadedPart {
  SharedBytes bytes;
  PartView view;
};

// A part from the memo when it holds one that reads as a part of this run's
// size, else indexed (and kept).
std::unique_ptr<LoadedPart> load_part(const archive::Archive& archive, ArticleRun range,
                                      Folder& folder, const Reuse* reuse) {
  auto part = std::make_unique<LoadedPart>();
  const auto read = [&](std::string_view bytes) {
    auto view = decode_part(bytes);
    if (!view || view->doc_hashes.size() != range.last - range.first) return false;
    part->view = std::move(*view);
    return true;
  };
  part->bytes = from_memo(
      reuse, archive, kPartFormat, range, [&] { return index_part(archive, range, folder); }, read);
  // Not read yet when just indexed (a run has documents, so a read view has hashes).
  if (part->view.doc_hashes.empty()) read(part->bytes.bytes);
  return part;
}

// Appends a part's postings, its documents numbered from `first`.
void merge_part(const PartView& part, std::uint32_t first, Postings& into) {
  for (const PartTerm& t : part.terms) {
    const std::uint32_t term = into.terms.id(t.key);
    if (term == into.text.size()) into.text.emplace_back();
    into.text[term].append(t.bytes, t.count, t.last_doc, first);
  }
  for (const auto& [term, list] : part.facets) {
    auto& to = into.facets[std::string(term)];
    for (const Posting& p : list) to.push_back({p.doc + first, p.info});
  }
}

// Parts loaded on worker threads, handed over in order. Workers load at most
// `window` parts ahead of the one taken next: reading a part from the memo is
// faster than merging it, and each loaded part holds a view of every term
// (after one edit at 100 000 articles, 103 of 120 parts were held at once).
class PartQueue {
 public:
  PartQueue(std::size_t parts, std::size_t window)
      : parts_(parts), window_(std::max<std::size_t>(window, 1)) {}
  /// Waits until part p is within the window (or a worker failed).
  void wait_for_room(std::size_t p) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return p < taken_ + window_ || failure_; });
  }
  void put(std::size_t p, std::unique_ptr<LoadedPart> part) {
    const std::lock_guard lock(mutex_);
    parts_[p] = std::move(part);
    ready_.notify_all();
  }
  void fail(std::exception_ptr e) {
    const std::lock_guard lock(mutex_);
    if (!failure_) failure_ = e;
    ready_.notify_all();
    room_.notify_all();
  }
  bool failed() {
    const std::lock_guard lock(mutex_);
    return failure_ != nullptr;
  }
  /// Part p once loaded; nullptr when a worker failed.
  std::unique_ptr<LoadedPart> take(std::size_t p) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return parts_[p] || failure_; });
    taken_ = p + 1;
    room_.notify_all();
    return failure_ ? nullptr : std::move(parts_[p]);
  }
  void rethrow() {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::vector<std::unique_ptr<LoadedPart>> parts_;
  std::size_t window_, taken_ = 0;
  std::exception_ptr failure_;
};

// Every part's postings, merged in document order, and the hash of their
// documents' content. Parts are indexed (or read from the memo) on
// options.threads threads and merged on this one in order, so the bytes are
// the same for any number of threads.
std::uint64_t all_postings(const archive::Archive& archive, const IndexOptions& options,
                           const Reuse* reuse, Postings& index) {
  const std::vector<ArticleRun> ranges =
      article_runs(archive, options.part_min_docs, options.part_max_docs);
  PartQueue queue(ranges.size(), 2 * std::max<std::size_t>(options.threads, 1));
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    try {
      Folder folder;
      for (std::size_t p; !queue.failed() && (p = next.fetch_add(1)) < ranges.size();) {
        queue.wait_for_room(p);
        queue.put(p, load_part(archive, ranges[p], folder, reuse));
      }
    } catch (...) {
      queue.fail(std::current_exception());
    }
  };
  std::vector<std::jthread> workers;
  const std::size_t threads = std::clamp<std::size_t>(options.threads, 1, ranges.size() + 1);
  for (std::size_t t = 0; t < threads; ++t) workers.emplace_back(worker);
  std::uint64_t content = 0;
  for (std::size_t p = 0; p < ranges.size(); ++p) {
    const std::unique_ptr<LoadedPart> part = queue.take(p);
    if (!part) break;
    for (std::uint64_t h : part->view.doc_hashes) content = base::hash_combine(content, h);
    merge_part(part->view, static_cast<std::uint32_t>(ranges[p].first), index);
  }
  workers.clear();  // joins
  queue.rethrow();
  return content;
}

// search/<kind>/<k>.json for the chunks k in [first, last) of `chunk`
// documents each: the array of the chunk's documents, each written by write_item(w, i).
template <typename WriteItem>
void add_chunks(const archive::Archive& archive, std::size_t first, std::size_t last,
                std::size_t chunk, std::string_view kind, const WriteItem& write_item,
                RenderedSite& out) {
  chunk = std::max<std::size_t>(chunk, 1);
  const std::size_t n = archive.articles.size();
  for (std::size_t k = first; k < last && k * chunk < n; ++k) {
    std::string items;
    base::JsonWriter w(items, -1);
    w.begin_array();
    for (std::size_t i : chunk_docs(k, k + 1, n, chunk)) write_item(w, i);
    w.end_array();
    out["search/" + std::string(kind) + "/" + std::to_string(k) + ".json"] = std::move(items);
  }
}

}  // namespace

ChunkPlace chunk_place(std::size_t doc, std::size_t documents, std::size_t chunk) {
  const std::size_t from_oldest = documents - 1 - doc;
  return {from_oldest / chunk, from_oldest % chunk};
}

std::vector<std::size_t> chunk_docs(std::size_t first, std::size_t last, std::size_t documents,
                                    std::size_t chunk) {
  std::vector<std::size_t> docs;
  for (std::size_t r = first * chunk; r < std::min(last * chunk, documents); ++r)
    docs.push_back(documents - 1 - r);
  return docs;
}

void add_text_chunks(const archive::Archive& archive, std::size_t first, std::size_t last,
                     RenderedSite& out, const IndexOptions& options) {
  add_chunks(
      archive, first, last, options.text_chunk, "text",
      [&](base::JsonWriter& w, std::size_t i) { write_text_item(w, search_doc(archive, i)); }, out);
}

void add_meta_chunks(const archive::Archive& archive, std::size_t first, std::size_t last,
                     RenderedSite& out, const IndexOptions& options) {
  add_chunks(
      archive, first, last, options.meta_chunk, "meta",
      [&](base::JsonWriter& w, std::size_t i) { write_meta_item(w, archive.articles[i]); }, out);
}

void add_search_postings(const archive::Archive& archive, RenderedSite& out,
                         const IndexOptions& options, const Reuse* reuse) {
  IndexOptions used = options;
  used.meta_chunk = std::max<std::size_t>(options.meta_chunk, 1);
  used.text_chunk = std::max<std::size_t>(options.text_chunk, 1);
  Postings index;
  const std::uint64_t content = all_postings(archive, used, reuse, index);
  RenderedSite files;
  std::vector<EncodedPostings> facets;
  std::vector<std::string> shards = make_shards(index, options, facets);
  index = Postings{};
  for (std::size_t n = 0; n < shards.size(); ++n)
    files["search/shards/" + std::to_string(n) + ".bin"] = std::move(shards[n]);
  Folder folder;
  files["search/t2s.json"] = t2s_table(folder);
  const std::string version = version_of(content, files);
  files["search/manifest.json"] = manifest(archive, shards.size(), used, version);
  for (auto& [path, bytes] : files) out[path] = std::move(bytes);
}

void add_search_index(const archive::Archive& archive, RenderedSite& out,
                      const IndexOptions& options, const Reuse* reuse) {
  const std::size_t n = archive.articles.size();
  add_text_chunks(archive, 0, n, out, options);
  add_meta_chunks(archive, 0, n, out, options);
  add_search_postings(archive, out, options, reuse);
}

}  // namespace newsarc::render::search
