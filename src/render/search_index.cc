// The search index: searchable documents, postings built part by part (runs
// of articles, each kept in the memo) and cut into shards by term hash,
// document metadata in chunks, document text in chunks, the manifest and the
// Traditional -> Simplified table of the query side (search.h has the layout).
#include "render/search.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/json_writer.h"
#include "base/pool.h"
#include "render/views.h"
#include "text/text.h"

namespace newsarc::render::search {
namespace {

constexpr std::size_t kFacetOfficials = 200;  // the manifest lists the most frequent ones
// The memo keys of parts start with this: change it whenever a part's
// encoding or what goes into it does, and old memo values are not used.
constexpr std::string_view kPartFormat = "search-part-2";
// The same for the memo's table of the shards the last build wrote.
constexpr std::string_view kShardTableFormat = "search-shard-table-1";
constexpr std::pair<char32_t, char32_t> kT2sRanges[] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}};

std::string shard_path(std::size_t s) {
  return "search/shards/" + std::to_string(s) + ".bin";
}

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
// metadata, as each part hashed them) and of the files themselves (the
// shards' hashes, the Traditional-Simplified table). Not of how the
// archive was cut into parts: the same files, the same version.
std::string version_of(std::uint64_t content, const std::vector<std::uint64_t>& shard_hashes,
                       std::string_view t2s) {
  std::uint64_t h = base::hash_combine(content, shard_hashes.size());
  for (std::uint64_t shard : shard_hashes) h = base::hash_combine(h, shard);
  h = base::hash_combine(h, base::hash_bytes(t2s));
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
std::string index_part(const archive::Archive& archive, ArticleRun range, std::size_t groups,
                       Folder& folder) {
  Postings index;
  std::vector<std::uint64_t> hashes;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const SearchDoc doc = search_doc(archive, i);
    const auto id = static_cast<std::uint32_t>(i - range.first);
    add_doc_terms(doc, id, folder, index);
    add_facet_terms(archive.articles[i], id, index);
    hashes.push_back(doc_hash(doc, archive.articles[i]));
  }
  std::vector<ShardTerm> terms;
  terms.reserve(index.text.size() + index.facets.size());
  for (std::size_t id = 0; id < index.text.size(); ++id)
    terms.emplace_back(term_text(index.terms.keys()[id]), &index.text[id]);
  std::vector<EncodedPostings> facets(index.facets.size());
  std::size_t k = 0;
  for (const auto& [term, list] : index.facets) {
    for (const Posting& p : list) facets[k].add(p.doc, p.info);
    terms.emplace_back(term, &facets[k++]);
  }
  return encode_part(hashes, groups, std::move(terms));
}

// A part's bytes and, read in place, its header and group table.
struct LoadedPart {
  SharedBytes bytes;
  PartView view;
  std::uint32_t first = 0;  ///< its first document
};

// A part from the memo when it holds one that reads as a part of this run's
// size and grouping, else indexed (and kept).
LoadedPart load_part(const archive::Archive& archive, ArticleRun range, std::size_t groups,
                     Folder& folder, const Reuse* reuse) {
  LoadedPart part;
  part.first = static_cast<std::uint32_t>(range.first);
  const auto read = [&](std::string_view bytes) {
    auto view = decode_part(bytes);
    if (!view || view->doc_hashes.size() != range.last - range.first || view->groups() != groups)
      return false;
    part.view = std::move(*view);
    return true;
  };
  const std::string kind = std::string(kPartFormat) + "/" + std::to_string(groups);
  part.bytes = from_memo(
      reuse, archive, kind, range, [&] { return index_part(archive, range, groups, folder); },
      read);
  // Not read yet when just indexed (a run has documents, so a read view has hashes).
  if (part.view.doc_hashes.empty() && !read(part.bytes.bytes))
    throw std::runtime_error("a search part just indexed does not read back");
  return part;
}

// Every part of the archive, indexed or read from the memo on
// options.threads threads.
std::vector<LoadedPart> load_parts(const archive::Archive& archive, const IndexOptions& options,
                                   std::size_t groups, const Reuse* reuse) {
  const std::vector<ArticleRun> ranges =
      article_runs(archive, options.part_min_docs, options.part_max_docs);
  std::vector<LoadedPart> parts(ranges.size());
  // A Folder per thread: it caches foldings.
  std::vector<Folder> folders(std::max<std::size_t>(options.threads, 1));
  base::run_pool_on(ranges.size(), static_cast<int>(folders.size()), [&](std::size_t p, int t) {
    parts[p] = load_part(archive, ranges[p], groups, folders[static_cast<std::size_t>(t)], reuse);
  });
  return parts;
}

// How many shards: the next power of two of the parts' terms' bytes over
// the target, at most `groups`.
std::size_t shard_count(const std::vector<LoadedPart>& parts, const IndexOptions& options,
                        std::size_t groups) {
  std::uint64_t total = 0;
  for (const LoadedPart& p : parts) total += p.view.shard_bytes;
  const std::uint64_t wanted = total / std::max<std::size_t>(options.target_shard_bytes, 1) + 1;
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(std::bit_ceil(wanted), 1, groups));
}

// What shard s of `shards` is made from: each part's first document and the
// hashes of its groups that go into the shard (g = s mod shards).
std::uint64_t shard_key(const std::vector<LoadedPart>& parts, std::size_t s, std::size_t shards) {
  std::uint64_t h = shards;
  for (const LoadedPart& p : parts) {
    h = base::hash_combine(h, p.first);
    for (std::size_t g = s; g < p.view.groups(); g += shards)
      h = base::hash_combine(h, p.view.group_hash(g));
  }
  return h;
}

// Shard s of `shards`: the terms of the parts' groups that go into it, each
// term's postings appended part after part (documents in order).
std::string merge_shard(const std::vector<LoadedPart>& parts, std::size_t s, std::size_t shards) {
  struct Entry {
    PartTerm term;
    std::uint32_t first;
  };
  std::vector<Entry> entries;
  for (const LoadedPart& p : parts) {
    for (std::size_t g = s; g < p.view.groups(); g += shards) {
      auto terms = p.view.group(g);
      if (!terms) throw std::runtime_error("damaged search part: " + terms.error().message);
      for (const PartTerm& t : *terms) entries.push_back({t, p.first});
    }
  }
  // Stable: a term's entries stay in part order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.term.term < b.term.term; });
  std::vector<EncodedPostings> lists;
  lists.reserve(entries.size());  // ShardTerms point into it
  std::vector<ShardTerm> terms;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (k == 0 || entries[k].term.term != entries[k - 1].term.term)
      terms.emplace_back(std::string(entries[k].term.term), &lists.emplace_back());
    const PartTerm& t = entries[k].term;
    lists.back().append(t.bytes, t.count, t.last_doc, entries[k].first);
  }
  return encode_shard(std::move(terms));
}

// One shard as a build made it: its key (shard_key) and the hash of its
// bytes. The memo keeps a table of them, so that the next build takes a
// shard whose key did not change from the last build's file instead of
// merging it: an edit changes the shards of the terms it adds or removes.
// Unlike the memo's other values, the table is not derived from its key
// (which names only its format, the program and the shard count): it is the
// last build's, and each entry is checked, its key against this build's
// and the file against its hash, before a shard is taken from it.
struct ShardMade {
  std::uint64_t key = 0, hash = 0;
  bool operator==(const ShardMade&) const = default;
};

std::uint64_t shard_table_key(const Reuse& reuse, std::size_t shards) {
  return base::hash_combine(base::hash_bytes(kShardTableFormat, reuse.seed), shards);
}

// The table the memo holds for this many shards, if any.
std::vector<ShardMade> last_shard_table(const Reuse& reuse, std::size_t shards) {
  const std::optional<SharedBytes> kept = reuse.memo->get(shard_table_key(reuse, shards));
  if (!kept || kept->bytes.size() != shards * sizeof(ShardMade)) return {};
  std::vector<ShardMade> table(shards);
  std::memcpy(table.data(), kept->bytes.data(), kept->bytes.size());
  return table;
}

void keep_shard_table(const Reuse& reuse, const std::vector<ShardMade>& table) {
  reuse.memo->put(shard_table_key(reuse, table.size()),
                  std::string_view(reinterpret_cast<const char*>(table.data()),
                                   table.size() * sizeof(ShardMade)));
}

// Shard s: the last build's file when `last` made it from the same groups
// and the output still holds it (kept there when the memo says it will be,
// else read back), else merged.
FileBytes shard_bytes(const std::vector<LoadedPart>& parts, std::size_t s, std::size_t shards,
                      const std::vector<ShardMade>& last, const Reuse* reuse, ShardMade& made) {
  made.key = shard_key(parts, s, shards);
  if (s < last.size() && last[s].key == made.key) {
    made.hash = last[s].hash;
    if (reuse->memo->keeps_last_output(shard_path(s), made.hash))
      return FileBytes::unchanged(made.hash);
    if (std::optional<SharedBytes> kept = reuse->memo->last_output(shard_path(s), made.hash))
      return FileBytes::of_pieces({std::move(*kept)});
  }
  std::string merged = merge_shard(parts, s, shards);
  made.hash = base::hash_bytes(merged);
  return merged;
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

std::vector<std::pair<std::string, FileBytes>> search_postings(const archive::Archive& archive,
                                                               const IndexOptions& options,
                                                               const Reuse* reuse) {
  IndexOptions used = options;
  used.meta_chunk = std::max<std::size_t>(options.meta_chunk, 1);
  used.text_chunk = std::max<std::size_t>(options.text_chunk, 1);
  const std::size_t groups = std::bit_floor(std::max<std::size_t>(options.max_shards, 1));
  const bool memo = reuse && reuse->memo && reuse->digests.size() == archive.articles.size();
  const std::vector<LoadedPart> parts = load_parts(archive, used, groups, memo ? reuse : nullptr);
  std::uint64_t content = 0;
  for (const LoadedPart& p : parts)
    for (std::uint64_t h : p.view.doc_hashes) content = base::hash_combine(content, h);
  const std::size_t shards = shard_count(parts, used, groups);
  const std::vector<ShardMade> last =
      memo ? last_shard_table(*reuse, shards) : std::vector<ShardMade>{};
  std::vector<std::optional<FileBytes>> bytes(shards);
  std::vector<ShardMade> made(shards);
  base::run_pool(shards, static_cast<int>(used.threads), [&](std::size_t s) {
    bytes[s] = shard_bytes(parts, s, shards, last, reuse, made[s]);
  });
  if (memo && made != last) keep_shard_table(*reuse, made);
  std::vector<std::uint64_t> hashes;
  for (const ShardMade& m : made) hashes.push_back(m.hash);
  Folder folder;
  std::string t2s = t2s_table(folder);
  std::vector<std::pair<std::string, FileBytes>> files;
  files.reserve(shards + 2);
  files.emplace_back("search/manifest.json",
                     manifest(archive, shards, used, version_of(content, hashes, t2s)));
  for (std::size_t s = 0; s < shards; ++s) files.emplace_back(shard_path(s), std::move(*bytes[s]));
  files.emplace_back("search/t2s.json", std::move(t2s));
  return files;
}

void add_search_postings(const archive::Archive& archive, RenderedSite& out,
                         const IndexOptions& options, const Reuse* reuse) {
  for (auto& [path, bytes] : search_postings(archive, options, reuse))
    out[path] = std::move(bytes).join();
}

void add_search_index(const archive::Archive& archive, RenderedSite& out,
                      const IndexOptions& options, const Reuse* reuse) {
  const std::size_t n = archive.articles.size();
  add_text_chunks(archive, 0, n, out, options);
  add_meta_chunks(archive, 0, n, out, options);
  add_search_postings(archive, out, options, reuse);
}

}  // namespace newsarc::render::search
