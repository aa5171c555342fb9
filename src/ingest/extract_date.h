#pragma once
// Internal to ingest: the date scanner (extract_date_scan.cc) that
// assign_dates (extract_date.cc) reads an article's evidence with.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace newsarc::ingest::dates {

/// A month-day printed in text ("2月12日", "２月３日", "2月 3日", "二月十二日"), with its
/// year when one is printed ("2023年2月12日", "2023.2.12"). Month and day are as
/// printed and may be impossible ("2月30日"); check with is_valid_date.
struct DateMention {
  int year = 0;  ///< 0 when no year is printed
  int month = 0;
  int day = 0;
  std::size_t begin = 0;  ///< code-point offsets into the scanned text
  std::size_t end = 0;
};

/// Every month-day in `s`, in order.
std::vector<DateMention> find_dates(std::u32string_view s);

/// What a printed year says about the year of the article it is in.
enum class YearKind {
  kReview,   ///< "2022年度…述职评议会": a review, usually held early the next year
  kPast,     ///< "在刚刚过去的 2022年": the article is written the year after
  kPresent,  ///< "2021年是…30周年": the article's own year
  kEvent,    ///< "2023世界金刚石大会", "2023年全市防汛工作会议": an event's name
  kPlain,    ///< any other "2022年": says little (past figures, plans)
};

/// A four-digit year printed in text, classified by its context.
struct YearMention {
  int year = 0;
  YearKind kind = YearKind::kPlain;
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Every year in `s` ("2022年", "2022年度", "２０２３年", "2023世界…大会"), in order.
std::vector<YearMention> find_years(std::u32string_view s);

/// The weekday named in `s` ("周日", "星期三", "（周一）"), 0 = Monday … 6 = Sunday;
/// "每周日" and "上周五" name no particular day and are skipped.
std::optional<int> find_weekday(std::u32string_view s);

/// True when `day` exists in `month` of `year`; year 0 (unknown) allows 2月29日.
bool is_valid_date(int year, int month, int day);

/// Weekday of a date, 0 = Monday … 6 = Sunday.
int weekday_of(int year, int month, int day);

/// Days since 1970-01-01 (proleptic Gregorian), for distances between dates.
long days_from_civil(int year, int month, int day);

/// Where a date mention sits in its paragraph, as far as dating goes.
enum class DatelineKind {
  kNone,  ///< not the article's date
  kNewsMark,  ///< follows "本报讯" in the same sentence: "本报讯 为推动…，1月13日上午，"
  kLead,  ///< opens a clause of a feature's first sentences: "…。1月15日，高新区…"
};

/// Classifies a month-day in the first paragraph: a planned event ("拟于 9月 20日"),
/// the end of a range ("至 22日"), a cut-off ("截至3月31日") or a date that
/// does not open its clause is kNone.
DatelineKind classify_dateline(std::u32string_view paragraph, const DateMention& m);

/// The sentence of `s` that holds offset `pos` (from after the previous "。" to its own).
std::u32string_view sentence_at(std::u32string_view s, std::size_t pos);

}  // namespace newsarc::ingest::dates
