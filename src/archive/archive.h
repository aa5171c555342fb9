#pragma once
// archive: the model of the whole archive and its indexes (by date, district,
// official, reporter), built from the ingested records.

#include <map>
#include <string>
#include <vector>

#include "base/base.h"
#include "config/config.h"
#include "ingest/ingest.h"

namespace newsarc::text {
class SlugMemo;
}

namespace newsarc::archive {

using ingest::ArticleRecord;

/// How a journalist is credited in one article.
enum class Role { kReporter, kCorrespondent, kAuthor, kPhotographer };

/// One appearance of a person in an article: the posts printed there (for
/// officials) or the credits (for reporters).
struct Appearance {
  std::size_t article = 0;  ///< index into Archive::articles
  std::vector<std::string> titles;
  std::vector<Role> roles;  ///< reporters index only; in Role order
};

/// A person page: an official, a reporter, a correspondent or a photographer.
struct PersonEntry {
  std::string name;
  std::string slug;                     ///< pinyin slug, unique within its index
  std::string sort_key;                 ///< ICU pinyin collation key
  std::vector<Appearance> appearances;  ///< newest first
};

/// A district page.
struct DistrictEntry {
  config::District district;
  std::string slug;
  std::vector<std::size_t> articles;  ///< newest first
};

/// The archive: articles sorted newest first (tie-breaker: id), and indexes
/// that hold indexes into `articles`.
struct Archive {
  std::vector<ArticleRecord> articles;
  std::map<int, std::map<int, std::map<int, std::vector<std::size_t>>>>
      by_date;  ///< y/m/d; 0 = unknown part
  std::vector<std::size_t> undated;
  std::vector<DistrictEntry> districts;  ///< gazetteer order
  std::vector<PersonEntry> officials;    ///< pinyin order
  std::vector<PersonEntry> reporters;    ///< reporters, correspondents, authors, photographers
};

/// The archive order, a total order: date descending, compared as
/// (year, month, day) with unknown parts as 0, so a month-precision article
/// sorts after the day-precise ones of its month, a year-precision one after
/// the whole year, undated ones last; ties broken by id ascending.
bool newer_first(const ArticleRecord& a, const ArticleRecord& b);

/// Builds the archive. Duplicate ids are reported (`archive/path-collision`)
/// and the later article is skipped; so is an id unusable as a folder name
/// (`archive/bad-id`). Slugs of names come from `slugs` when given (a
/// memo the caller keeps between builds), else from text::slugify.
Archive build_archive(std::vector<ArticleRecord> records, const config::SiteConfig& config,
                      base::Diagnostics& diags, text::SlugMemo* slugs = nullptr);

/// The same from records in batches (a source file's, as ingested), taken
/// in order: each record is moved once, to its place in the archive. With
/// `taken_from`, it gets each article's place among the records given
/// (counted across the batches), so that what the caller keeps per record
/// can be found for each article.
Archive build_archive(std::vector<std::vector<ArticleRecord>> batches,
                      const config::SiteConfig& config, base::Diagnostics& diags,
                      text::SlugMemo* slugs = nullptr,
                      std::vector<std::size_t>* taken_from = nullptr);

}  // namespace newsarc::archive
