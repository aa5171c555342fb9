#include "archive/archive.h"

#include <algorithm>
#include <future>
#include <set>
#include <string_view>
#include <unordered_map>

#include "archive/indexes.h"
#include "text/text.h"

namespace newsarc::archive {

DateKey date_key(const ingest::PartialDate& date) {
  using ingest::DatePrecision;
  switch (date.precision) {
    case DatePrecision::kDay:
      return {date.year, date.month, date.day};
    case DatePrecision::kMonth:
      return {date.year, date.month, 0};
    case DatePrecision::kYear:
      return {date.year, 0, 0};
    case DatePrecision::kNone:
      break;
  }
  return {};
}

bool newer_first(const ArticleRecord& a, const ArticleRecord& b) {
  const DateKey ka = date_key(a.date);
  const DateKey kb = date_key(b.date);
  if (ka != kb) return ka > kb;
  return a.id < b.id;
}

namespace {

std::string source_of(const ArticleRecord& r) {
  return r.source_path + ":" + std::to_string(r.source_line);
}

// An id becomes a folder name: "2023-02-12-p3-1" is fine, "../x" or "a b" is not.
bool usable_as_folder(std::string_view id) {
  if (id.empty() || id == "." || id == "..") return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// Keeps the first record of each id, in input order; reports the others.
// Records are large, so the kept ones move up in place.
void drop_bad_and_duplicate_ids(std::vector<ArticleRecord>& records, base::Diagnostics& diags) {
  std::unordered_map<std::string_view, std::size_t> first_of;
  first_of.reserve(records.size());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const ArticleRecord& r = records[i];
    if (!usable_as_folder(r.id)) {
      diags.report(base::Severity::kError, r.source_path, r.source_line, 1, "archive/bad-id",
                   "article id \"" + r.id + "\" cannot be used in a URL; article skipped");
      continue;
    }
    if (auto it = first_of.find(r.id); it != first_of.end()) {
      diags.report(base::Severity::kError, r.source_path, r.source_line, 1,
                   "archive/path-collision",
                   "article id \"" + r.id + "\" of " + source_of(r) + " is already used by " +
                       source_of(records[it->second]) + "; the later article is skipped");
      continue;
    }
    if (kept != i) records[kept] = std::move(records[i]);
    first_of.emplace(records[kept].id, kept);  // a kept record is not moved again
    ++kept;
  }
  records.erase(records.begin() + static_cast<std::ptrdiff_t>(kept), records.end());
}

// Newest first. The order is found on indexes, each record's date key
// computed once, and then each record is moved once.
void sort_newer_first(std::vector<ArticleRecord>& records) {
  std::vector<std::pair<DateKey, std::size_t>> order;
  order.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) order.emplace_back(date_key(records[i].date), i);
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return records[a.second].id < records[b.second].id;
  });
  std::vector<ArticleRecord> sorted;
  sorted.reserve(records.size());
  for (const auto& [key, i] : order) sorted.push_back(std::move(records[i]));
  records = std::move(sorted);
}

}  // namespace

void index_dates(Archive& archive) {
  for (std::size_t i = 0; i < archive.articles.size(); ++i) {
    const DateKey k = date_key(archive.articles[i].date);
    if (k.year == 0) {
      archive.undated.push_back(i);
    } else {
      archive.by_date[k.year][k.month][k.day].push_back(i);
    }
  }
}

void make_slugs_unique(std::vector<std::string*> slugs) {
  std::set<std::string> taken;
  std::vector<std::string*> collided;
  for (std::string* s : slugs) {
    if (!taken.insert(*s).second) collided.push_back(s);
  }
  for (std::string* s : collided) {
    for (int n = 2;; ++n) {
      std::string candidate = *s + "-" + std::to_string(n);
      if (taken.insert(candidate).second) {
        *s = std::move(candidate);
        break;
      }
    }
  }
}

Archive build_archive(std::vector<ArticleRecord> records, const config::SiteConfig& config,
                      base::Diagnostics& diags, text::SlugMemo* slugs) {
  text::SlugMemo none;
  text::SlugMemo& names = slugs ? *slugs : none;
  Archive archive;
  drop_bad_and_duplicate_ids(records, diags);
  sort_newer_first(records);
  archive.articles = std::move(records);
  const text::Collator collator;  // its const methods may be called from any thread
  // The name indexes only read the sorted articles. The officials' (the
  // largest: thousands of names, each given a pinyin slug) is built on a
  // thread of its own while the others are built on this one.
  auto officials = std::async(std::launch::async, [&archive, &collator, &names] {
    return index_officials(archive.articles, collator, names);
  });
  index_dates(archive);
  archive.districts = index_districts(archive.articles, config.districts, collator, names);
  archive.reporters = index_reporters(archive.articles, collator, names);
  archive.officials = officials.get();
  return archive;
}

}  // namespace newsarc::archive
