// The search index: folding and terms (against the table search.js is tested
// with too), the shard codec, the files written, and recall of the query path.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "render/search.h"
#include "render/views.h"
#include "text/text.h"

namespace newsarc::render::search {
namespace {

using Json = nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> texts(const std::vector<std::u32string>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(text::to_utf8(t));
  return out;
}

TEST(SearchCases, QuerySideMatchesTheSharedTable) {
  const Json table = Json::parse(read_file(NEWSARC_SOURCE_DIR "/tests/search_cases.json"));
  ASSERT_GE(table["cases"].size(), 20u);
  Folder folder;
  for (const auto& c : table["cases"]) {
    const std::string query = c["query"];
    const auto terms = split_query(folder.fold(query));
    EXPECT_EQ(texts(terms), c["folded"].get<std::vector<std::string>>()) << query;
    ASSERT_EQ(terms.size(), c["terms"].size()) << query;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      EXPECT_EQ(query_terms(terms[i]), c["terms"][i].get<std::vector<std::string>>()) << query;
      EXPECT_EQ(is_exact(terms[i]), c["exact"][i].get<bool>()) << query;
    }
    // Per-code-point folding agrees with folding the whole string.
    EXPECT_EQ(text::to_utf8(folder.fold(query)), text::fold_for_search(query)) << query;
  }
  for (const auto& h : table["hashes"])
    EXPECT_EQ(fnv1a(h["term"].get<std::string>()), h["fnv1a"].get<std::uint32_t>()) << h["term"];
}

std::vector<std::string> field_term_texts(std::string_view s) {
  Folder folder;
  std::vector<TermKey> keys;
  field_terms(folder.fold(s), true, keys);
  std::vector<std::string> out;
  for (TermKey k : keys) out.push_back(term_text(k));
  return out;
}

using Terms = std::vector<std::string>;

TEST(FieldTerms, HanRunsGiveCharactersAndBigrams) {
  EXPECT_EQ(field_term_texts("王小明"), (Terms{"王", "王小", "小", "小明", "明"}));
}

TEST(FieldTerms, PunctuationAndSpacesSplitRuns) {
  EXPECT_EQ(field_term_texts("东湖，西岭"), (Terms{"东", "东湖", "湖", "西", "西岭", "岭"}));
  EXPECT_EQ(field_term_texts("ab cd"), (Terms{"ab", "cd"}));
  EXPECT_EQ(field_term_texts("“甲”"), (Terms{"甲"}));
}

TEST(FieldTerms, LatinAndDigitsGiveBigramsOnly) {
  EXPECT_EQ(field_term_texts("Ｇ5路"), (Terms{"g5", "5路", "路"}));
  EXPECT_EQ(field_term_texts("x"), Terms{});
}

TEST(FieldTerms, TraditionalTextIsFoldedFirst) {
  EXPECT_EQ(field_term_texts("東湖"), field_term_texts("东湖"));
}

TEST(Indexable, SeparatorsAndLetters) {
  for (char32_t c : {U'，', U'。', U'·', U'—', U'《', U'★', U' ', U'-', char32_t(0x1F600)})
    EXPECT_FALSE(is_indexable(c)) << std::hex << std::uint32_t(c);
  for (char32_t c : {U'东', U'〇', U'a', U'7', U'é', U'カ', U'д', char32_t(0x20000)})
    EXPECT_TRUE(is_indexable(c)) << std::hex << std::uint32_t(c);
}

TEST(ShardOf, StaysInRange) {
  EXPECT_EQ(shard_of("东湖", 1), 0u);
  for (const char* t : {"东湖", "ab", "o:王小明"}) EXPECT_LT(shard_of(t, 64), 64u);
  EXPECT_EQ(shard_of("东湖", 64), fnv1a("东湖") % 64);
}

TEST(ShardCodec, RoundTrips) {
  const PostingMap terms = {
      {"东湖", {{0, 0x11}, {7, 0x28}, {300, 0x18}, {301, 0x38}, {90000, 0xF8}}},
      {"d:东湖区", {{3, 0x14}}},
      {"ab", {}}};
  const auto decoded = decode_shard(encode_shard(terms));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, terms);
}

TEST(ShardCodec, AppendedPostingsAreOneList) {
  const std::vector<Posting> all = {{0, 0x11}, {7, 0x28}, {300, 0x18}, {301, 0x38}, {90000, 0xF8}};
  EncodedPostings whole, first, later;
  for (std::size_t i = 0; i < all.size(); ++i) {
    whole.add(all[i].doc, all[i].info);
    (i < 2 ? first : later).add(all[i].doc, all[i].info);
  }
  first.append(later);
  EXPECT_EQ(first.count(), whole.count());
  EXPECT_EQ(first.bytes(), whole.bytes());
  EXPECT_EQ(encode_shard({{"东湖", &first}}), encode_shard(PostingMap{{"东湖", all}}));
}

TEST(ShardCodec, RejectsDamage) {
  const std::string bytes = encode_shard({{"东湖", {{0, 0x11}, {7, 0x28}}}});
  EXPECT_EQ(decode_shard("PK\x03\x04").error().code, "render/bad-shard");
  for (std::size_t cut = 4; cut < bytes.size(); ++cut)
    EXPECT_FALSE(decode_shard(bytes.substr(0, cut)).has_value()) << cut;
  EXPECT_FALSE(decode_shard(bytes + "x").has_value());
}

std::string small_part() {
  std::vector<EncodedPostings> lists(3);
  lists[0].add(0, 0x18);
  lists[0].add(2, 0x1C);
  lists[1].add(1, 0x28);
  lists[2].add(0, kDistrict | 0x10);
  lists[2].add(2, kDistrict | 0x10);
  return encode_part({7, 8, 9}, 4,
                     {{"湖", &lists[1]}, {"东湖", &lists[0]}, {"d:东湖区", &lists[2]}});
}

// Every term of a part, group by group.
std::vector<PartTerm> all_terms(const PartView& part) {
  std::vector<PartTerm> out;
  for (std::size_t g = 0; g < part.groups(); ++g) {
    auto terms = part.group(g);
    EXPECT_TRUE(terms.has_value()) << g;
    if (!terms) continue;
    for (const PartTerm& t : *terms) {
      EXPECT_EQ(shard_of(t.term, part.groups()), g) << t.term;
      out.push_back(t);
    }
  }
  return out;
}

TEST(PartCodec, RoundTripsTermsInTheirGroups) {
  const std::string bytes = small_part();
  const auto part = decode_part(bytes);
  ASSERT_TRUE(part.has_value());
  EXPECT_EQ(part->doc_hashes, (std::vector<std::uint64_t>{7, 8, 9}));
  EXPECT_EQ(part->groups(), 4u);
  EXPECT_GT(part->shard_bytes, 0u);
  const std::vector<PartTerm> terms = all_terms(*part);
  ASSERT_EQ(terms.size(), 3u);
  const auto it =
      std::find_if(terms.begin(), terms.end(), [](const PartTerm& t) { return t.term == "东湖"; });
  ASSERT_NE(it, terms.end());
  EXPECT_EQ(it->count, 2u);
  EXPECT_EQ(it->last_doc, 2u);
  // Appended at document 10, the postings read as one list.
  EncodedPostings merged;
  merged.add(3, 0x18);
  merged.append(it->bytes, it->count, it->last_doc, 10);
  const auto shard = decode_shard(encode_shard({{"东湖", &merged}}));
  EXPECT_EQ(shard->at("东湖"), (std::vector<Posting>{{3, 0x18}, {10, 0x18}, {12, 0x1C}}));
  EXPECT_TRUE(std::any_of(terms.begin(), terms.end(),
                          [](const PartTerm& t) { return t.term == "d:东湖区" && t.count == 2; }));
}

TEST(PartCodec, AGroupHashChangesWithItsTermsOnly) {
  const std::string small = small_part();
  const auto before = decode_part(small);
  std::vector<EncodedPostings> lists(3);
  lists[0].add(0, 0x18);
  lists[0].add(2, 0x1C);
  lists[1].add(2, 0x28);  // "湖" moved from document 1 to 2
  lists[2].add(0, kDistrict | 0x10);
  lists[2].add(2, kDistrict | 0x10);
  const std::string changed =
      encode_part({7, 8, 9}, 4, {{"湖", &lists[1]}, {"东湖", &lists[0]}, {"d:东湖区", &lists[2]}});
  const auto after = decode_part(changed);
  ASSERT_TRUE(before && after);
  for (std::size_t g = 0; g < 4; ++g) {
    if (g == shard_of("湖", 4))
      EXPECT_NE(after->group_hash(g), before->group_hash(g));
    else
      EXPECT_EQ(after->group_hash(g), before->group_hash(g)) << g;
  }
}

TEST(PartCodec, RejectsDamage) {
  const std::string bytes = small_part();
  EXPECT_EQ(decode_part("NSX2").error().code, "render/bad-part");
  for (std::size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_FALSE(decode_part(bytes.substr(0, cut)).has_value()) << cut;
  EXPECT_FALSE(decode_part(bytes + "x").has_value());
  // A term length past its group's end: the header reads, the group does not.
  std::string damaged = bytes;
  const std::size_t at = damaged.find("东湖") - 1;  // its length, 6
  damaged[at] = 0x7F;
  const auto part = decode_part(damaged);
  ASSERT_TRUE(part.has_value());
  EXPECT_EQ(part->group(shard_of("东湖", 4)).error().code, "render/bad-part");
  // A group table claiming billions of terms: refused before any is read.
  std::string counted = bytes;
  const std::uint64_t hash = decode_part(bytes)->group_hash(shard_of("东湖", 4));
  const std::size_t entry = counted.find(std::string_view(reinterpret_cast<const char*>(&hash), 8));
  ASSERT_NE(entry, std::string::npos);
  const std::uint32_t huge = 0xFFFFFFFF;
  std::memcpy(counted.data() + entry - 8, &huge, sizeof huge);  // the entry's term count
  const auto claimed = decode_part(counted);
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->group(shard_of("东湖", 4)).error().message, "too many terms");
}

// ---- the index files of a small invented archive --------------------------

ingest::ArticleRecord record(std::string id, std::string title, std::string date,
                             std::vector<std::string> districts, std::vector<std::string> officials,
                             std::vector<std::string> paragraphs) {
  ingest::ArticleRecord r;
  r.id = std::move(id);
  r.title = title;
  r.display_title = std::move(title);
  const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2));
  r.date = {y, m, std::stoi(date.substr(8, 2)), ingest::DatePrecision::kDay};
  r.districts = std::move(districts);
  for (auto& name : officials) r.officials.push_back({std::move(name), {"区长"}, {}});
  for (auto& p : paragraphs) r.body.push_back({ingest::BlockKind::kParagraph, std::move(p), {}});
  return r;
}

config::SiteConfig small_config() {
  config::SiteConfig c;
  c.districts = {{"东湖区", {"东湖"}, "", "donghu"}, {"西岭区", {"西岭"}, "", "xiling"}};
  return c;
}

archive::Archive small_archive() {
  std::vector<ingest::ArticleRecord> records = {
      record("a1", "東湖區春季植树", "2023-03-05", {"东湖区"}, {"周明远"},
             {"本报讯 东湖区召开植树动员会。", "周明远出席。"}),
      record("a2", "西岭夜市开市", "2024-06-01", {"西岭区"}, {},
             {"西岭区夜市今晚开市，周明远的名字不在此处出现为官员。"}),
      record("a3", "两区联合举办ＡＢＣ论坛", "2024-01-10", {"东湖区", "西岭区"}, {"林建华"},
             {"论坛在西岭举行。"}),
  };
  base::Diagnostics diags;
  return archive::build_archive(std::move(records), small_config(), diags);
}

struct Built {
  archive::Archive archive;
  RenderedSite site;
  Json manifest;
};

Built build_small() {
  Built b{small_archive(), {}, {}};
  add_search_index(b.archive, b.site);
  b.manifest = Json::parse(b.site.at("search/manifest.json"));
  return b;
}

PostingMap shard_holding(const Built& b, const std::string& term) {
  const std::size_t n = shard_of(term, b.manifest["shards"].get<std::size_t>());
  return decode_shard(b.site.at("search/shards/" + std::to_string(n) + ".bin")).value();
}

TEST(SearchIndex, ManifestListsDocumentsYearsAndFacets) {
  const Built b = build_small();
  EXPECT_EQ(b.manifest["documents"], 3);
  EXPECT_EQ(b.manifest["shards"], 1);
  // Archive order is newest first: a2 (2024-06), a3 (2024-01), a1 (2023).
  EXPECT_EQ(b.manifest["years"], Json::parse(R"([{"year":2024,"first":0,"count":2},
                                                 {"year":2023,"first":2,"count":1}])"));
  EXPECT_EQ(b.manifest["districts"][0], Json::parse(R"({"name":"东湖区","count":2})"));
  EXPECT_EQ(b.manifest["officials"].size(), 2u);
}

TEST(SearchIndex, PostingsCarryFieldsAndCounts) {
  const Built b = build_small();
  const auto title = shard_holding(b, "东湖").at("东湖");  // 東湖 in a1's title is folded
  ASSERT_EQ(title.size(), 2u);                             // a3 (its district), a1
  EXPECT_EQ(title[0], (Posting{1, kDistrict | 0x20}));     // the name and its alias
  EXPECT_EQ(title[1].doc, 2u);
  EXPECT_EQ(title[1].info & 0x0F, kTitle | kDistrict | kBody);
  EXPECT_EQ(title[1].info >> 4, 4);  // title, district name, alias, body
  EXPECT_EQ(shard_holding(b, "周明").at("周明")[1], (Posting{2, kOfficial | kBody | 0x20}));
  EXPECT_EQ(shard_holding(b, "ab").count("ab"), 1u);
}

TEST(SearchIndex, FacetTermsListTheirDocuments) {
  const Built b = build_small();
  EXPECT_EQ(shard_holding(b, "d:西岭区").at("d:西岭区"),
            (std::vector<Posting>{{0, kDistrict | 0x10}, {1, kDistrict | 0x10}}));
  EXPECT_EQ(shard_holding(b, "o:周明远").at("o:周明远").size(), 1u);
}

TEST(SearchIndex, MetadataAndTextFiles) {
  const Built b = build_small();
  // Chunks count from the oldest document: a1, doc 2, comes first.
  const Json meta = Json::parse(b.site.at("search/meta/0.json"));
  ASSERT_EQ(meta.size(), 3u);
  EXPECT_EQ(meta[0]["u"], "articles/a1/index.html");
  EXPECT_EQ(meta[0]["t"], "東湖區春季植树");
  EXPECT_EQ(meta[0]["i"], "2023-03-05");
  EXPECT_EQ(meta[0]["y"], 2023);
  EXPECT_EQ(meta[0]["o"], Json::parse(R"(["周明远"])"));
  EXPECT_EQ(meta[2]["i"], "2024-06-01");                            // a2, the newest
  const Json texts = Json::parse(b.site.at("search/text/0.json"));  // docs 2, 1, 0
  ASSERT_EQ(texts.size(), 3u);
  const Json& text = texts[0];
  EXPECT_EQ(text["f"][0], "東湖區春季植树");
  EXPECT_EQ(text["b"], 4);  // title, official, district, alias
  EXPECT_EQ(text["f"][4], "本报讯 东湖区召开植树动员会。");
}

TEST(SearchIndex, T2sTableMapsTraditionalCharacters) {
  const Built b = build_small();
  const Json t2s = Json::parse(b.site.at("search/t2s.json"));
  const std::u32string from = text::to_u32(t2s["from"].get<std::string>());
  const std::u32string to = text::to_u32(t2s["to"].get<std::string>());
  ASSERT_EQ(from.size(), to.size());
  EXPECT_GT(from.size(), 2000u);
  const auto at = from.find(U'東');
  ASSERT_NE(at, std::u32string::npos);
  EXPECT_EQ(to[at], U'东');
  EXPECT_EQ(from.find(U'东'), std::u32string::npos);
}

TEST(SearchIndex, IsDeterministic) {
  const Built a = build_small();
  const Built b = build_small();
  EXPECT_EQ(a.site, b.site);
  EXPECT_EQ(a.manifest["version"].get<std::string>().size(), 8u);
}

TEST(SearchIndex, AnyNumberOfThreadsAndPartsGivesTheSameFiles) {
  const archive::Archive a = small_archive();
  RenderedSite one;
  add_search_index(a, one, {.text_chunk = 1, .threads = 1});
  for (std::size_t threads : {1, 2, 3, 8}) {
    RenderedSite many;  // a part per document
    add_search_index(a, many,
                     {.text_chunk = 1, .threads = threads, .part_min_docs = 1, .part_max_docs = 1});
    EXPECT_EQ(many, one) << threads << " threads";
  }
  EXPECT_TRUE(one.count("search/text/2.json"));  // a chunk per document
}

// A memo that counts what is asked of it.
class CountingMemo : public Memo {
 public:
  std::optional<SharedBytes> get(std::uint64_t key) override {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    ++hits;
    return SharedBytes::of(it->second);
  }
  void put(std::uint64_t key, std::string_view value) override {
    ++puts;
    values[key] = std::string(value);
  }
  // The last build's output: what `output` holds.
  std::optional<SharedBytes> last_output(std::string_view path, std::uint64_t hash) override {
    auto it = output.find(std::string(path));
    if (it == output.end() || base::hash_bytes(it->second) != hash) return std::nullopt;
    ++output_hits;
    return SharedBytes::of(it->second);
  }
  // Kept when asked, if `keeps` and the output holds those bytes.
  bool keeps_last_output(std::string_view path, std::uint64_t hash) override {
    auto it = output.find(std::string(path));
    if (!keeps || it == output.end() || base::hash_bytes(it->second) != hash) return false;
    ++kept;
    return true;
  }
  void reset_counts() { hits = output_hits = puts = kept = 0; }
  std::map<std::uint64_t, std::string> values;
  RenderedSite output;
  bool keeps = false;
  int hits = 0, output_hits = 0, puts = 0, kept = 0;
};

// small_archive's postings in a part per document: without a memo, and
// once through the memo, which that fills.
struct MemoCase {
  MemoCase() {
    add_search_postings(a, plain, parts);
    add_search_postings(a, first, parts, &reuse);
  }
  // The postings built again through the memo, its counts reset first.
  RenderedSite again() {
    memo.reset_counts();
    RenderedSite out;
    add_search_postings(a, out, parts, &reuse);
    return out;
  }
  const archive::Archive a = small_archive();
  const IndexOptions parts{.part_min_docs = 1, .part_max_docs = 1};
  CountingMemo memo;
  Reuse reuse{&memo, {11, 12, 13}};
  RenderedSite plain, first;
};

TEST(SearchIndex, AMemoKeepsPartsAndOnlyAChangedPartIsIndexedAgain) {
  MemoCase c;
  EXPECT_EQ(c.first, c.plain);
  EXPECT_EQ(c.memo.puts, 4);  // three parts and the table of shards made
  // Same digests: every part comes from the memo, and the table with them.
  EXPECT_EQ(c.again(), c.plain);
  EXPECT_EQ(c.memo.hits, 4);
  EXPECT_EQ(c.memo.puts, 0);
  // One digest changed: that part alone is indexed again (to the same terms,
  // so the table stays).
  c.reuse.digests[1] = 99;
  EXPECT_EQ(c.again(), c.plain);
  EXPECT_EQ(c.memo.hits, 3);
  EXPECT_EQ(c.memo.puts, 1);
}

TEST(SearchIndex, AMemoValueThatIsNotAPartIsIndexedAgain) {
  MemoCase c;
  for (auto& [key, value] : c.memo.values) value.resize(value.size() / 2);
  EXPECT_EQ(c.again(), c.plain);
  EXPECT_EQ(c.memo.puts, 4);  // the parts, and the table, which no longer read as one
}

// small_archive in 64 shards (a part per document), built through a memo,
// then built again after its first article's text changed.
struct ShardCase {
  explicit ShardCase(const std::string& replaced, const std::string& by) {
    add_search_postings(a, memo.output, options, &reuse);
    for (const auto& [path, bytes] : memo.output) shards += path.starts_with("search/shards/");
    auto& text = a.articles[0].body.at(0).text;
    text.replace(text.find(replaced), replaced.size(), by);
    reuse.digests[0] = 99;
    memo.reset_counts();
    add_search_postings(a, changed, options, &reuse);
    add_search_postings(a, plain, options);  // no memo
  }
  archive::Archive a = small_archive();
  const IndexOptions options{
      .target_shard_bytes = 1, .max_shards = 64, .part_min_docs = 1, .part_max_docs = 1};
  CountingMemo memo;
  Reuse reuse{&memo, {11, 12, 13}, 5};
  RenderedSite changed, plain;
  int shards = 0;
};

TEST(SearchIndex, TextThatChangesNoTermTakesEveryShardFromTheMemo) {
  ShardCase c("，", "、");  // punctuation: the same terms
  EXPECT_EQ(c.shards, 64);
  EXPECT_EQ(c.memo.puts, 1);  // the part, indexed again; the table stays
  EXPECT_EQ(c.memo.output_hits, 64);
  EXPECT_EQ(c.changed, c.plain);
}

TEST(SearchIndex, OnlyTheShardsOfChangedTermsAreMergedAgain) {
  ShardCase c("今晚", "今晚春季");  // new terms, and more of some
  EXPECT_EQ(c.memo.puts, 2);        // the part and the table
  EXPECT_GT(c.memo.output_hits, 0);
  EXPECT_LT(c.memo.output_hits, 64);
  EXPECT_EQ(c.changed, c.plain);
}

TEST(SearchIndex, AShardFileChangedSinceTheLastBuildIsMergedAgain) {
  ShardCase c("，", "、");
  c.memo.output.at("search/shards/5.bin") += "x";  // changed on disk
  c.memo.reset_counts();
  RenderedSite again;
  add_search_postings(c.a, again, c.options, &c.reuse);
  EXPECT_EQ(c.memo.output_hits, 63);
  EXPECT_EQ(again, c.plain);
}

// A writer that keeps the last build's shard files (site/ does) needs no
// bytes for the shards whose terms did not change: they are neither read
// back nor merged, and the others are merged as without it.
TEST(SearchIndex, AShardTheOutputKeepsIsNeitherReadNorMerged) {
  ShardCase c("今晚", "今晚春季");  // some shards change
  c.memo.keeps = true;
  c.memo.reset_counts();
  int unchanged = 0;
  for (const auto& [path, bytes] : search_postings(c.a, c.options, &c.reuse)) {
    if (auto hash = bytes.unchanged_hash()) {
      ++unchanged;
      EXPECT_EQ(*hash, base::hash_bytes(c.plain.at(path))) << path;
      EXPECT_EQ(c.memo.output.at(path), c.plain.at(path)) << path;  // as the output holds it
    } else {
      EXPECT_EQ(FileBytes(bytes).join(), c.plain.at(path)) << path;
    }
  }
  EXPECT_EQ(c.memo.output_hits, 0);
  EXPECT_EQ(unchanged, c.memo.kept);
  EXPECT_GT(unchanged, 0);
  EXPECT_LT(unchanged, 64);
}

TEST(SearchIndex, TheVersionChangesWithTextThatChangesNoTerm) {
  archive::Archive a = small_archive();
  RenderedSite before, after;
  add_search_postings(a, before);
  auto& text = a.articles[0].body.at(0).text;
  text.replace(text.find("，"), 3, "、");  // punctuation: the same terms
  add_search_postings(a, after);
  for (const auto& [path, bytes] : before) {
    if (path.starts_with("search/shards/")) {
      EXPECT_EQ(after.at(path), bytes) << path;
    }
  }
  EXPECT_NE(Json::parse(after.at("search/manifest.json"))["version"],
            Json::parse(before.at("search/manifest.json"))["version"]);
}

archive::Archive dated(const std::vector<std::string>& dates) {
  archive::Archive a;
  for (const std::string& d : dates) {
    ingest::ArticleRecord r;
    if (!d.empty())
      r.date = {std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)), 1,
                ingest::DatePrecision::kDay};
    a.articles.push_back(r);
  }
  return a;
}

std::vector<std::pair<std::size_t, std::size_t>> runs_of(const archive::Archive& a, std::size_t min,
                                                         std::size_t max) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const ArticleRun r : article_runs(a, min, max)) out.emplace_back(r.first, r.last);
  return out;
}

TEST(ArticleRuns, CutWhereTheMonthChangesOnceLongEnough) {
  const auto a = dated({"2024-03", "2024-03", "2024-03", "2024-02", "2024-02", "2024-01", ""});
  using Runs = std::vector<std::pair<std::size_t, std::size_t>>;
  EXPECT_EQ(runs_of(a, 2, 10), (Runs{{0, 3}, {3, 5}, {5, 7}}));  // the undated join January
  EXPECT_EQ(runs_of(a, 1, 10), (Runs{{0, 3}, {3, 5}, {5, 6}, {6, 7}}));
  EXPECT_EQ(runs_of(a, 4, 10), (Runs{{0, 5}, {5, 7}}));
  EXPECT_EQ(runs_of(a, 1, 2), (Runs{{0, 2}, {2, 3}, {3, 5}, {5, 6}, {6, 7}}));
  EXPECT_EQ(runs_of(archive::Archive{}, 1, 2), Runs{});
}

TEST(ArticleRuns, ANewMonthOnTopLeavesTheLaterCutsWhereTheyWere) {
  const auto before = dated({"2024-03", "2024-03", "2024-02", "2024-02", "2024-01"});
  const auto after = dated({"2024-04", "2024-03", "2024-03", "2024-02", "2024-02", "2024-01"});
  using Runs = std::vector<std::pair<std::size_t, std::size_t>>;
  EXPECT_EQ(runs_of(before, 2, 10), (Runs{{0, 2}, {2, 4}, {4, 5}}));
  // Only the first run grew; the others hold the same articles, one later.
  EXPECT_EQ(runs_of(after, 2, 10), (Runs{{0, 3}, {3, 5}, {5, 6}}));
}

TEST(SearchIndex, ANewArticleOnTopChangesTheLastChunksOnly) {
  const auto before = dated({"2024-03", "2024-03", "2024-02", "2024-02", "2024-01"});
  auto after = dated({"2024-04", "2024-03", "2024-03", "2024-02", "2024-02", "2024-01"});
  after.articles[0].display_title = "新的一天";
  const IndexOptions options{.meta_chunk = 2, .text_chunk = 2};
  RenderedSite old_files, new_files;
  add_search_index(before, old_files, options);
  add_search_index(after, new_files, options);
  for (const char* kind : {"text", "meta"}) {
    const std::string chunk = std::string("search/") + kind + "/";
    EXPECT_EQ(new_files.at(chunk + "0.json"), old_files.at(chunk + "0.json")) << kind;
    EXPECT_EQ(new_files.at(chunk + "1.json"), old_files.at(chunk + "1.json")) << kind;
    EXPECT_NE(new_files.at(chunk + "2.json"), old_files.at(chunk + "2.json")) << kind;
    EXPECT_NE(new_files.at(chunk + "2.json").find("新的一天"), std::string::npos) << kind;
  }
  EXPECT_EQ(chunk_place(0, 6, 2).chunk, 2u);  // the newest is in the last chunk
  EXPECT_EQ(chunk_place(0, 6, 2).item, 1u);
  EXPECT_EQ(chunk_docs(1, 3, 6, 2), (std::vector<std::size_t>{3, 2, 1, 0}));
}

TEST(SearchIndex, ShardCountGrowsWithTheIndex) {
  archive::Archive a = small_archive();
  RenderedSite site;
  add_search_index(a, site, {.target_shard_bytes = 64});
  const Json manifest = Json::parse(site.at("search/manifest.json"));
  const std::size_t shards = manifest["shards"];
  EXPECT_GT(shards, 1u);
  EXPECT_EQ(shards & (shards - 1), 0u);  // a power of two
  for (std::size_t n = 0; n < shards; ++n)
    EXPECT_TRUE(decode_shard(site.at("search/shards/" + std::to_string(n) + ".bin")).has_value());
}

TEST(SearchIndex, EmptyArchive) {
  archive::Archive empty;
  RenderedSite site;
  add_search_index(empty, site);
  EXPECT_EQ(Json::parse(site.at("search/manifest.json"))["documents"], 0);
  EXPECT_TRUE(decode_shard(site.at("search/shards/0.bin")).has_value());
}

}  // namespace
}  // namespace newsarc::render::search
