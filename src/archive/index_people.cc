// The officials and reporters indexes: one PersonEntry per name, in pinyin
// order, with unique slugs ("zhang-hong-jun", then "zhang-hong-jun-2").
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "archive/indexes.h"
#include "text/text.h"

namespace newsarc::archive {
namespace {

// By name while appearances are collected: a hash map, since the entries are
// ordered by their pinyin keys at the end anyway.
using EntriesByName = std::unordered_map<std::string, PersonEntry>;

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& items) {
  for (const auto& item : items) {
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
  }
}

// The appearance of `entry` in article `index`, created when it is the first
// mention there (articles are visited newest first, so appearances stay so).
Appearance& appearance_in(PersonEntry& entry, std::size_t index) {
  if (entry.appearances.empty() || entry.appearances.back().article != index) {
    entry.appearances.push_back(Appearance{index, {}, {}});
  }
  return entry.appearances.back();
}

PersonEntry& entry_for(EntriesByName& entries, const std::string& name) {
  auto [it, added] = entries.try_emplace(name);
  if (added) it->second.name = name;
  return it->second;
}

// Orders the entries by collation key (tie-breaker: name bytes) and gives
// each a unique slug in that order, so suffixes do not depend on input order.
std::vector<PersonEntry> finish_entries(EntriesByName entries, const text::Collator& collator,
                                        text::SlugMemo& slugs) {
  std::vector<PersonEntry> out;
  out.reserve(entries.size());
  for (auto& [name, entry] : entries) {
    entry.sort_key = collator.sort_key(name);
    entry.slug = slugs.slug(name);
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const PersonEntry& a, const PersonEntry& b) {
    return std::tie(a.sort_key, a.name) < std::tie(b.sort_key, b.name);
  });
  std::vector<std::string*> unique;
  for (auto& entry : out) unique.push_back(&entry.slug);
  make_slugs_unique(std::move(unique));
  return out;
}

void add_credits(EntriesByName& entries, std::size_t index, const std::vector<std::string>& names,
                 Role role) {
  for (const auto& name : names) {
    if (name.empty()) continue;
    Appearance& a = appearance_in(entry_for(entries, name), index);
    if (std::find(a.roles.begin(), a.roles.end(), role) == a.roles.end()) a.roles.push_back(role);
  }
}

}  // namespace

std::vector<PersonEntry> index_officials(const std::vector<ArticleRecord>& articles,
                                         const text::Collator& collator, text::SlugMemo& slugs) {
  EntriesByName entries;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    for (const auto& person : articles[i].officials) {
      if (person.name.empty()) continue;
      add_unique(appearance_in(entry_for(entries, person.name), i).titles, person.titles);
    }
  }
  return finish_entries(std::move(entries), collator, slugs);
}

std::vector<PersonEntry> index_reporters(const std::vector<ArticleRecord>& articles,
                                         const text::Collator& collator, text::SlugMemo& slugs) {
  EntriesByName entries;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    const ArticleRecord& r = articles[i];
    // Visited in Role order, so each appearance's roles come out in that order.
    add_credits(entries, i, r.reporters, Role::kReporter);
    add_credits(entries, i, r.correspondents, Role::kCorrespondent);
    add_credits(entries, i, r.authors, Role::kAuthor);
    add_credits(entries, i, r.photo_credits, Role::kPhotographer);
  }
  return finish_entries(std::move(entries), collator, slugs);
}

}  // namespace newsarc::archive
