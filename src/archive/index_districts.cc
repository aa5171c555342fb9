// The districts index: gazetteer order, only districts that have articles.
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "archive/indexes.h"
#include "text/text.h"

namespace newsarc::archive {
namespace {

using ArticlesByDistrict = std::unordered_map<std::string, std::vector<std::size_t>>;

ArticlesByDistrict group_by_district(const std::vector<ArticleRecord>& articles) {
  ArticlesByDistrict by_name;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    for (const auto& name : articles[i].districts) {
      auto& list = by_name[name];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
  return by_name;
}

DistrictEntry make_entry(config::District district, std::vector<std::size_t> articles,
                         text::SlugMemo& slugs) {
  DistrictEntry entry;
  entry.slug = district.slug.empty() ? slugs.slug(district.name) : district.slug;
  entry.district = std::move(district);
  entry.articles = std::move(articles);
  return entry;
}

// Names an article carries that the gazetteer lacks, in pinyin order
// (tie-breaker: name bytes).
std::vector<std::string> unknown_names(const ArticlesByDistrict& left,
                                       const text::Collator& collator) {
  std::vector<std::pair<std::string, std::string>> keyed;
  for (const auto& [name, list] : left) keyed.emplace_back(collator.sort_key(name), name);
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> names;
  for (auto& [key, name] : keyed) names.push_back(std::move(name));
  return names;
}

}  // namespace

std::vector<DistrictEntry> index_districts(const std::vector<ArticleRecord>& articles,
                                           const std::vector<config::District>& gazetteer,
                                           const text::Collator& collator, text::SlugMemo& slugs) {
  ArticlesByDistrict by_name = group_by_district(articles);
  std::vector<DistrictEntry> out;
  for (const auto& district : gazetteer) {
    auto it = by_name.find(district.name);
    if (it == by_name.end()) continue;
    out.push_back(make_entry(district, std::move(it->second), slugs));
    by_name.erase(it);
  }
  for (const auto& name : unknown_names(by_name, collator)) {
    out.push_back(make_entry(config::District{name, {}, "", ""}, std::move(by_name[name]), slugs));
  }
  std::vector<std::string*> unique;
  for (auto& entry : out) unique.push_back(&entry.slug);
  make_slugs_unique(std::move(unique));
  return out;
}

}  // namespace newsarc::archive
