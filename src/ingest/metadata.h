#pragma once
// Internal to ingest: metadata extractors run on the articles of one page.
// Files: extract_date.cc, extract_districts.cc, extract_people.cc,
// front_matter.cc.

#include <optional>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "config/config.h"
#include "ingest/ingest.h"

namespace newsarc::ingest {

/// What dating one page needs besides its articles.
struct DateContext {
  std::string_view path;            ///< for dates in the path and diagnostics
  std::optional<int> default_year;  ///< site.json "default_year"
};

/// Dates every article of one page in place. Articles already dated (front
/// matter) are kept; the others are dated from the path, the text, the
/// weekday named with a month-day dateline, and their siblings (one page is one
/// issue). Sets date, date_origin, date_confidence and date_span; an article
/// left undated gets an `ingest/no-date` warning.
void assign_dates(std::vector<ArticleRecord>& page, const DateContext& ctx,
                  base::Diagnostics& diags);

/// A date in a path: "2023/02/12/a.txt", "2023-02-12-a.md" (day),
/// "2023/02/a.txt" (month); kNone when there is none.
PartialDate date_from_path(std::string_view path);

/// Canonical names of the gazetteer districts named in the title, subtitle,
/// body and captions; the longest alias wins, and an alias inside a longer
/// organisation name counts. Sorted, without duplicates.
std::vector<std::string> find_districts(const ArticleRecord& r,
                                        const std::vector<config::District>& gazetteer);

/// Fills r.officials and r.other_people from the title and body: officials
/// hold government, party or public-institution posts; company, university,
/// hospital and association people go to other_people. Credited journalists
/// are not repeated.
void find_people(ArticleRecord& r);

/// Splits Markdown front matter (YAML between "---" lines, or a JSON object)
/// from the body. Fields present override `r`'s; a malformed block or a wrong
/// type is a diagnostic at its line and the field is left to the text.
/// Returns the body text after the front matter and the line it starts on.
std::pair<std::string_view, int> apply_front_matter(std::string_view text, std::string_view path,
                                                    ArticleRecord& r, base::Diagnostics& diags);

}  // namespace newsarc::ingest
