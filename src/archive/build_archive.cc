#include "archive/archive.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <future>
#include <set>
#include <string_view>

#include "archive/indexes.h"
#include "base/flat_table.h"
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

// Where a record is among the batches, and among all records given.
struct At {
  std::size_t batch = 0, index = 0, position = 0;
};

// The records to keep, in input order: the first of each id; the others
// are reported.
std::vector<At> usable_records(const std::vector<std::vector<ArticleRecord>>& batches,
                               base::Diagnostics& diags) {
  std::size_t count = 0;
  for (const auto& batch : batches) count += batch.size();
  struct IdOf {
    std::string_view operator()(const ArticleRecord* r) const { return r->id; }
  };
  base::FlatTable<const ArticleRecord*, IdOf> first_of;  // each id's first article
  first_of.reserve(count);
  std::vector<At> kept;
  kept.reserve(count);
  std::size_t position = 0;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    for (std::size_t i = 0; i < batches[b].size(); ++i, ++position) {
      const ArticleRecord& r = batches[b][i];
      if (!usable_as_folder(r.id)) {
        diags.report(base::Severity::kError, r.source_path, r.source_line, 1, "archive/bad-id",
                     "article id \"" + r.id + "\" cannot be used in a URL; article skipped");
        continue;
      }
      if (const ArticleRecord* const* found = first_of.find(r.id)) {
        const ArticleRecord& first = **found;
        diags.report(base::Severity::kError, r.source_path, r.source_line, 1,
                     "archive/path-collision",
                     "article id \"" + r.id + "\" of " + source_of(r) + " is already used by " +
                         source_of(first) + "; the later article is skipped");
        continue;
      }
      first_of.insert(&r);
      kept.push_back({b, i, position});
    }
  }
  return kept;
}

// A record's place in the archive order: its date key and id. The id's
// first bytes are kept in the key (zero-padded, compared as bytes, as
// std::string compares), so that the articles of a day are sorted without
// reading their records, each in a block of its own: "2023-02-12-p3-1".
struct SortKey {
  static constexpr std::size_t kInline = 24;
  DateKey date;
  std::array<unsigned char, kInline> head{};
  std::string_view id;
  At at;

  SortKey(const ArticleRecord& r, At where) : date(date_key(r.date)), id(r.id), at(where) {
    std::memcpy(head.data(), r.id.data(), std::min(r.id.size(), kInline));
  }
  bool operator<(const SortKey& o) const {
    if (date != o.date) return date > o.date;
    if (const int c = std::memcmp(head.data(), o.head.data(), kInline); c != 0) return c < 0;
    return id < o.id;  // the same head: ids that long, or equal ones
  }
};

// The kept records, newest first (newer_first). The order is found on keys
// taken once, and then each record is moved once: records are large
// (sorting them in place moved each many times).
std::vector<ArticleRecord> sort_newer_first(std::vector<std::vector<ArticleRecord>>& batches,
                                            const std::vector<At>& kept,
                                            std::vector<std::size_t>* taken_from) {
  std::vector<SortKey> order;
  order.reserve(kept.size());
  for (const At& at : kept) order.emplace_back(batches[at.batch][at.index], at);
  std::sort(order.begin(), order.end());
  std::vector<ArticleRecord> sorted;
  sorted.reserve(order.size());
  for (const SortKey& k : order) sorted.push_back(std::move(batches[k.at.batch][k.at.index]));
  if (taken_from != nullptr) {
    taken_from->clear();
    for (const SortKey& k : order) taken_from->push_back(k.at.position);
  }
  return sorted;
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
  std::vector<std::vector<ArticleRecord>> one;
  one.push_back(std::move(records));
  return build_archive(std::move(one), config, diags, slugs);
}

Archive build_archive(std::vector<std::vector<ArticleRecord>> batches,
                      const config::SiteConfig& config, base::Diagnostics& diags,
                      text::SlugMemo* slugs, std::vector<std::size_t>* taken_from) {
  text::SlugMemo none;
  text::SlugMemo& names = slugs ? *slugs : none;
  Archive archive;
  archive.articles = sort_newer_first(batches, usable_records(batches, diags), taken_from);
  batches.clear();                // what was not kept
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
