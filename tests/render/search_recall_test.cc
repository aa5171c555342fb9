// Recall of the search index: the query path of search.js, re-implemented
// over the written files (manifest, shards, text), against a brute-force scan
// for substrings sampled from an invented corpus and from the sample site.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "ingest/ingest.h"
#include "render/search.h"
#include "text/text.h"

namespace newsarc::render::search {
namespace {

using Json = nlohmann::json;
using Docs = std::vector<std::uint32_t>;

enum class Verify { kYes, kNo };

// What search.js does before ranking: per query term, the intersection of its
// index terms' postings, then (unless the term is exact) a look at the text.
class QueryPath {
 public:
  explicit QueryPath(const RenderedSite& site)
      : site_(site),
        shards_(Json::parse(site.at("search/manifest.json"))["shards"]),
        documents_(Json::parse(site.at("search/manifest.json"))["documents"]) {}

  Docs run(std::string_view query, Verify verify = Verify::kYes) {
    Docs result;
    bool first = true;
    for (const std::u32string& term : split_query(folder_.fold(query))) {
      for (const std::string& t : query_terms(term)) {
        Docs docs = docs_of(t), both;
        std::set_intersection(result.begin(), result.end(), docs.begin(), docs.end(),
                              std::back_inserter(both));
        result = first ? docs : both;
        first = false;
      }
      if (verify == Verify::kYes && !is_exact(term))
        std::erase_if(result, [&](std::uint32_t d) { return text_of(d).find(term) == npos; });
    }
    return result;
  }

 private:
  static constexpr auto npos = std::u32string::npos;

  Docs docs_of(const std::string& term) {
    const std::size_t n = shard_of(term, shards_);
    auto it = shards_read_.find(n);
    if (it == shards_read_.end()) {
      const std::string& bytes = site_.at("search/shards/" + std::to_string(n) + ".bin");
      it = shards_read_.emplace(n, decode_shard(bytes).value()).first;
    }
    Docs docs;
    if (auto p = it->second.find(term); p != it->second.end())
      for (const Posting& posting : p->second) docs.push_back(posting.doc);
    return docs;
  }

  const std::u32string& text_of(std::uint32_t doc) {
    auto it = texts_.find(doc);
    if (it != texts_.end()) return it->second;
    const IndexOptions options;
    const ChunkPlace place = chunk_place(doc, documents_, options.text_chunk);
    const Json chunk =
        Json::parse(site_.at("search/text/" + std::to_string(place.chunk) + ".json"));
    const Json& j = chunk.at(place.item);
    std::string joined;
    for (const auto& f : j["f"]) joined += (joined.empty() ? "" : "\n") + f.get<std::string>();
    return texts_.emplace(doc, folder_.fold(joined)).first->second;
  }

  const RenderedSite& site_;
  std::size_t shards_;
  std::size_t documents_;
  Folder folder_;
  std::map<std::size_t, PostingMap> shards_read_;
  std::map<std::uint32_t, std::u32string> texts_;
};

// The brute-force answer: documents whose folded text holds every folded term.
class Scan {
 public:
  explicit Scan(const archive::Archive& a) {
    for (std::size_t i = 0; i < a.articles.size(); ++i)
      texts_.push_back(text::fold_for_search(joined_text(search_doc(a, i))));
  }
  Docs run(std::string_view query) const {
    Docs out;
    const std::string folded = text::fold_for_search(query);
    std::vector<std::string> terms;
    std::istringstream words(folded);
    for (std::string w; words >> w;) terms.push_back(w);
    for (std::size_t i = 0; i < texts_.size(); ++i) {
      if (std::all_of(terms.begin(), terms.end(),
                      [&](const auto& t) { return texts_[i].find(t) != std::string::npos; }))
        out.push_back(static_cast<std::uint32_t>(i));
    }
    return out;
  }

 private:
  std::vector<std::string> texts_;
};

// Substrings of 2 to 4 code points of the documents' text that make one
// searchable query term (no spaces or line breaks, something indexable).
std::vector<std::string> sample_queries(const archive::Archive& a, std::size_t want,
                                        std::mt19937& rng) {
  std::vector<std::string> out;
  Folder folder;
  for (int attempt = 0; out.size() < want && attempt < 100000; ++attempt) {
    const std::size_t doc = rng() % a.articles.size();
    const std::u32string text = text::to_u32(joined_text(search_doc(a, doc)));
    const std::size_t length = 2 + rng() % 3;
    if (text.size() < length) continue;
    const std::string sub = text::to_utf8(text.substr(rng() % (text.size() - length + 1), length));
    const std::u32string folded = folder.fold(sub);
    const auto terms = split_query(folded);
    if (terms.size() == 1 && terms[0] == folded && !query_terms(folded).empty()) out.push_back(sub);
  }
  return out;
}

struct RecallReport {
  std::size_t queries = 0;
  std::size_t false_positives_caught = 0;  // queries where verification removed documents
};

RecallReport expect_recall(const archive::Archive& a, std::size_t samples) {
  RenderedSite site;
  add_search_index(a, site, {.target_shard_bytes = 4096});  // several shards even when small
  QueryPath query(site);
  const Scan scan(a);
  std::mt19937 rng(20240601);
  const std::vector<std::string> subs = sample_queries(a, samples, rng);
  EXPECT_GE(subs.size(), samples);
  RecallReport report;
  for (const std::string& sub : subs) {
    const Docs expected = scan.run(sub);
    EXPECT_FALSE(expected.empty()) << sub;  // sampled from a document
    EXPECT_EQ(query.run(sub), expected) << sub;
    if (query.run(sub, Verify::kNo).size() > expected.size()) ++report.false_positives_caught;
    ++report.queries;
  }
  // Two-term queries are the AND of their terms.
  for (std::size_t i = 0; i + 1 < subs.size(); i += 5) {
    const std::string both = subs[i] + " " + subs[i + 1];
    EXPECT_EQ(query.run(both), scan.run(both)) << both;
    ++report.queries;
  }
  return report;
}

// ---- an invented corpus ----------------------------------------------------

constexpr const char* kWords[] = {
    "项目",   "开工", "建设",       "企业",   "服务", "社区",      "居民",       "会议",   "发展",
    "创新",   "产业", "园区",       "投资",   "亿元", "群众",      "工作",       "推进",   "智能",
    "传感器", "人才", "科技",       "东湖区", "西岭", "人民路1号", "王小明",     "林建华", "周明远",
    "李春燕", "發展", "銀行",       "會議",   "東湖", "ＡＢＣ",    "２０２３年", "5G",     "iPhone",
    "GDP",    "①",    "二〇二四年", "明远",   "小明", "建华"};
constexpr const char* kPunctuation[] = {"，", "。", "、", "“", "”", "《", "》", " ", "·"};

std::string invented_sentence(std::mt19937& rng, std::size_t words) {
  std::string s;
  for (std::size_t i = 0; i < words; ++i) {
    s += kWords[rng() % std::size(kWords)];
    if (rng() % 4 == 0) s += kPunctuation[rng() % std::size(kPunctuation)];
  }
  return s + "。";
}

ingest::ArticleRecord invented_record(int n, std::mt19937& rng) {
  static const std::vector<std::string> kDistricts = {"东湖区", "西岭区", "南河镇"};
  static const std::vector<std::string> kOfficials = {"王小明", "林建华", "周明远", "李春燕"};
  ingest::ArticleRecord r;
  r.id = "n" + std::to_string(n);
  r.display_title = invented_sentence(rng, 2 + rng() % 3);
  r.title = r.display_title;
  r.date = {2019 + int(rng() % 6), 1 + int(rng() % 12), 1 + int(rng() % 28),
            ingest::DatePrecision::kDay};
  for (std::size_t i = 0; i < rng() % 3; ++i) r.districts.push_back(kDistricts[(n + i) % 3]);
  for (std::size_t i = 0; i < rng() % 3; ++i)
    r.officials.push_back({kOfficials[(n + i) % 4], {"主任"}, {}});
  for (std::size_t i = 0, count = 1 + rng() % 5; i < count; ++i)
    r.body.push_back({ingest::BlockKind::kParagraph, invented_sentence(rng, 5 + rng() % 20), {}});
  return r;
}

TEST(SearchRecall, InventedCorpusFindsEverySubstring) {
  std::mt19937 rng(7);
  std::vector<ingest::ArticleRecord> records;
  for (int n = 0; n < 400; ++n) records.push_back(invented_record(n, rng));
  config::SiteConfig config;
  config.districts = {{"东湖区", {"东湖", "湖东片区"}, "", "donghu"}, {"西岭区", {}, "", "xiling"}};
  base::Diagnostics diags;
  const archive::Archive a = archive::build_archive(std::move(records), config, diags);
  const RecallReport report = expect_recall(a, 600);
  EXPECT_GE(report.queries, 700u);
  // The invented words repeat, so bigrams often co-occur apart: verification matters.
  EXPECT_GT(report.false_positives_caught, 0u);
}

std::vector<ingest::ArticleRecord> ingest_content(const std::filesystem::path& dir,
                                                  const config::SiteConfig& config) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<ingest::ArticleRecord> records;
  base::Diagnostics diags;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string name = std::filesystem::relative(path, dir.parent_path()).string();
    for (auto& r : ingest::ingest_file(bytes.str(), name, config, diags))
      records.push_back(std::move(r));
  }
  return records;
}

TEST(SearchRecall, SampleSiteFindsEverySubstring) {
  const std::filesystem::path content = NEWSARC_SOURCE_DIR "/content";
  if (!std::filesystem::exists(content)) GTEST_SKIP() << "no content/ in the repository";
  config::SiteConfig config;
  config.districts = config::default_gazetteer();
  base::Diagnostics diags;
  const archive::Archive a = archive::build_archive(ingest_content(content, config), config, diags);
  ASSERT_GE(a.articles.size(), 10u);
  EXPECT_GE(expect_recall(a, 500).queries, 500u);
}

}  // namespace
}  // namespace newsarc::render::search
