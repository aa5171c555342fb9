#pragma once
// Internal to archive: the index builders, each a pure function of the sorted
// articles. Files: index_dates.cc, index_districts.cc, index_people.cc.

#include <string>
#include <vector>

#include "archive/archive.h"

namespace newsarc::text {
class Collator;
class SlugMemo;
}  // namespace newsarc::text

namespace newsarc::archive {

/// The (year, month, day) key of a date with the parts beyond its precision
/// zeroed: {2023, 2, 0} for "2023-02"; {0, 0, 0} when undated.
struct DateKey {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const DateKey&) const = default;
};

/// The date key of `date`, honouring its precision.
DateKey date_key(const ingest::PartialDate& date);

/// Fills archive.by_date and archive.undated from archive.articles.
void index_dates(Archive& archive);

/// One entry per district with articles: gazetteer order, then districts
/// missing from the gazetteer in pinyin order.
std::vector<DistrictEntry> index_districts(const std::vector<ArticleRecord>& articles,
                                           const std::vector<config::District>& gazetteer,
                                           const text::Collator& collator, text::SlugMemo& slugs);

/// One entry per official name, pinyin order, with the posts printed in each article.
std::vector<PersonEntry> index_officials(const std::vector<ArticleRecord>& articles,
                                         const text::Collator& collator, text::SlugMemo& slugs);

/// One entry per credited name (reporter, correspondent, author, photographer).
std::vector<PersonEntry> index_reporters(const std::vector<ArticleRecord>& articles,
                                         const text::Collator& collator, text::SlugMemo& slugs);

/// Makes slugs unique in place: entries keep their slug when it is free,
/// colliding ones get "-2", "-3", ... in the order the entries come.
void make_slugs_unique(std::vector<std::string*> slugs);

}  // namespace newsarc::archive
