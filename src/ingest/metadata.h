#pragma once
// Internal to ingest: metadata extractors run on the articles of one page.
// Files: extract_date.cc, extract_districts.cc, extract_people.cc,
// front_matter.cc.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "config/config.h"
#include "ingest/ingest.h"

namespace newsarc::ingest {

/// An article's title, subtitle and body blocks as code points. The
/// extractors each scan all of them (districts, people, dates), so a page's
/// articles are decoded once for all of them rather than once per extractor.
struct ArticleText {
  explicit ArticleText(const ArticleRecord& r);
  std::optional<std::u32string> title, subtitle;
  std::vector<std::u32string> blocks;  ///< one per r.body block, in order
};

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
/// The same with the articles' text already decoded: texts[i] is page[i]'s.
void assign_dates(std::vector<ArticleRecord>& page, const std::vector<ArticleText>& texts,
                  const DateContext& ctx, base::Diagnostics& diags);

/// A date in a path: "2023/02/12/a.txt", "2023-02-12-a.md" (day),
/// "2023/02/a.txt" (month); kNone when there is none.
PartialDate date_from_path(std::string_view path);

/// Finds gazetteer districts in text. Build it once per gazetteer and share
/// it read-only: aliases are indexed by their first code point, so a scan
/// costs one lookup per character whatever the gazetteer's size.
class DistrictMatcher {
 public:
  explicit DistrictMatcher(const std::vector<config::District>& gazetteer);
  /// Canonical names of the districts named in the title, subtitle and body
  /// (captions only when those name none); the longest alias wins at each
  /// position, and an alias inside a longer organisation name counts
  /// ("郑州市公安局高新区分局"). Districts already in `r` (front matter) are
  /// canonicalised instead. Sorted, without duplicates.
  std::vector<std::string> find(const ArticleRecord& r) const;
  /// The same with r's text already decoded.
  std::vector<std::string> find(const ArticleRecord& r, const ArticleText& text) const;
  /// Canonical names for names or aliases ("高新区" -> "郑州高新区"); unknown
  /// names are kept as given. Sorted, without duplicates.
  std::vector<std::string> canonical(const std::vector<std::string>& given) const;
  /// Marks in `found` (indexed like the gazetteer) the districts named in `s`.
  void scan(std::string_view s, std::vector<bool>& found) const;
  void scan(std::u32string_view s, std::vector<bool>& found) const;

 private:
  struct Alias {
    std::u32string text;
    std::size_t district = 0;
  };
  std::vector<Alias> aliases_;  ///< by first code point, longer first
  /// The BMP code points an alias starts with: scan() skips the others.
  std::vector<bool> first_bmp_ = std::vector<bool>(0x10000);
  std::vector<std::string> names_;
};

/// DistrictMatcher(gazetteer).find(r), for one-off calls.
std::vector<std::string> find_districts(const ArticleRecord& r,
                                        const std::vector<config::District>& gazetteer);

/// Fills r.officials and r.other_people from the title and body: officials
/// hold government, party or public-institution posts; company, university,
/// hospital and association people go to other_people. Credited journalists
/// are not repeated. Officials already in `r` (front matter) are kept; those
/// without titles get the posts printed before their name in the body.
void find_people(ArticleRecord& r);
/// The same with r's text already decoded.
void find_people(ArticleRecord& r, const ArticleText& text);

/// Splits Markdown front matter (YAML between "---" lines, or a JSON object)
/// from the body. Fields present override `r`'s; a malformed block or a wrong
/// type is a diagnostic at its line and the field is left to the text.
/// Returns the body text after the front matter and the line it starts on.
std::pair<std::string_view, int> apply_front_matter(std::string_view text, std::string_view path,
                                                    ArticleRecord& r, base::Diagnostics& diags);

}  // namespace newsarc::ingest
