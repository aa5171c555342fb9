// Reads dates, years and weekdays out of running text for assign_dates.
#include "ingest/extract_date.h"

#include <array>

#include "ingest/extract_chars.h"

namespace newsarc::ingest::dates {

namespace {

using chars::has_at;
using chars::has_before;
using chars::is_digit;
using chars::is_space;
using chars::one_of;

constexpr std::u32string_view kCnDigits = U"〇一二三四五六七八九";

int cn_digit(char32_t c) {
  if (c == U'零') return 0;
  std::size_t i = kCnDigits.find(c);
  return i == std::u32string_view::npos ? -1 : int(i);
}

// Tested at every position of every paragraph (starts_number): a switch the
// compiler turns into a few comparisons, not a call through a static table.
bool is_cn_numeral(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
    case U'一':
    case U'二':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
      return true;
    default:
      return false;
  }
}

/// A number read from text: value, where it ends and how it was written.
struct Number {
  int value = 0;
  std::size_t end = 0;
  int digits = 0;  ///< 4 for a year
};

std::size_t skip_spaces(std::u32string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

std::optional<Number> read_digits(std::u32string_view s, std::size_t i, int max_digits) {
  Number n{0, i, 0};
  while (n.end < s.size() && is_digit(s[n.end]) && n.digits < max_digits) {
    n.value = n.value * 10 + chars::digit_value(s[n.end]);
    ++n.end;
    ++n.digits;
  }
  if (n.digits == 0 || (n.end < s.size() && is_digit(s[n.end]))) return std::nullopt;
  return n;
}

// "二〇二三年": four Chinese digits spell a year.
std::optional<Number> read_cn_year(std::u32string_view s, std::size_t i) {
  if (i + 4 > s.size()) return std::nullopt;
  Number n{0, i + 4, 4};
  for (std::size_t k = i; k < i + 4; ++k) {
    int d = cn_digit(s[k]);
    if (d < 0) return std::nullopt;
    n.value = n.value * 10 + d;
  }
  return n;
}

// "三", "十", "十二", "二十", "三十一": Chinese month and day numbers.
std::optional<Number> read_cn_small(std::u32string_view s, std::size_t i) {
  int tens = 0, units = 0;
  std::size_t k = i;
  if (k < s.size() && cn_digit(s[k]) > 0 && k + 1 < s.size() && s[k + 1] == U'十') {
    tens = cn_digit(s[k]);
    k += 2;
  } else if (k < s.size() && s[k] == U'十') {
    tens = 1;
    k += 1;
  }
  if (k < s.size() && cn_digit(s[k]) > 0) units = cn_digit(s[k++]);
  if (k == i || tens * 10 + units == 0) return std::nullopt;
  return Number{tens * 10 + units, k, int(k - i)};
}

std::optional<Number> read_number(std::u32string_view s, std::size_t i, int max_digits) {
  if (i >= s.size()) return std::nullopt;
  if (is_digit(s[i])) return read_digits(s, i, max_digits);
  if (max_digits == 4) return read_cn_year(s, i);
  return read_cn_small(s, i);
}

bool starts_number(std::u32string_view s, std::size_t i) {
  if (!is_digit(s[i]) && !is_cn_numeral(s[i])) return false;  // most positions: one test
  return i == 0 || !(is_digit(s[i - 1]) || is_cn_numeral(s[i - 1]));
}

// "2021.6.5", "2021-06-05", "2021/6/5": a full date in ASCII punctuation.
std::optional<DateMention> read_dotted(std::u32string_view s, std::size_t i, const Number& y) {
  char32_t sep = y.end < s.size() ? s[y.end] : 0;
  if (sep != U'.' && sep != U'-' && sep != U'/') return std::nullopt;
  auto m = read_digits(s, y.end + 1, 2);
  if (!m || m->end >= s.size() || s[m->end] != sep) return std::nullopt;
  auto d = read_digits(s, m->end + 1, 2);
  if (!d || (d->end + 1 < s.size() && s[d->end] == U'.' && is_digit(s[d->end + 1])))
    return std::nullopt;
  return DateMention{y.value, m->value, d->value, i, d->end};
}

// "[2023年]2月12日", "2月 3日", "二月十二日", "5月3号".
std::optional<DateMention> read_date_at(std::u32string_view s, std::size_t i) {
  auto first = read_number(s, i, 2);
  auto year = read_number(s, i, 4);
  DateMention out{0, 0, 0, i, i};
  std::size_t j;
  if (year && year->digits == 4) {
    if (auto dotted = read_dotted(s, i, *year)) return dotted;
    j = skip_spaces(s, year->end);
    if (j >= s.size() || s[j] != U'年') return std::nullopt;
    out.year = year->value;
    first = read_number(s, skip_spaces(s, j + 1), 2);
  }
  if (!first) return std::nullopt;
  out.month = first->value;
  j = skip_spaces(s, first->end);
  if (j >= s.size() || s[j] != U'月') return std::nullopt;
  auto day = read_number(s, skip_spaces(s, j + 1), 2);
  if (!day) return std::nullopt;
  j = skip_spaces(s, day->end);
  if (j >= s.size() || (s[j] != U'日' && s[j] != U'号')) return std::nullopt;
  out.day = day->value;
  out.end = j + 1;
  return out;
}

// Words after "YYYY年度" that make it a review of that year, held after it:
// "2022年度党（工）委（党组）书记抓基层党建述职评议会".
constexpr std::array<std::u32string_view, 12> kReviewWords = {U"述职", U"总结", U"考核", U"评议",
                                                              U"表彰", U"年终", U"盘点", U"述责",
                                                              U"述廉", U"考评", U"颁奖", U"评选"};

// Nouns that end an event's name: "2023世界金刚石大会", "2023年全市防汛抗旱工作视频会议".
constexpr std::array<std::u32string_view, 12> kEventWords = {
    U"大会",   U"会议",   U"论坛",   U"峰会",   U"博览会", U"年会",
    U"展览会", U"交易会", U"洽谈会", U"运动会", U"大赛",   U"仪式"};

// Verbs that show the year starts a statement, not an event's name:
// "2022年全区共召开会议20次".
constexpr std::array<std::u32string_view, 10> kStatementWords = {
    U"共", U"召开", U"举办", U"举行", U"开展", U"完成", U"实现", U"达到", U"被", U"累计"};

bool clause_has(std::u32string_view s, std::size_t from, std::size_t limit,
                std::u32string_view word) {
  for (std::size_t k = from; k < s.size() && k < from + limit; ++k) {
    if (chars::ends_clause(s[k])) return false;
    if (has_at(s, k, word)) return true;
  }
  return false;
}

template <std::size_t N>
bool clause_has_any(std::u32string_view s, std::size_t from, std::size_t limit,
                    const std::array<std::u32string_view, N>& words) {
  for (std::u32string_view w : words)
    if (clause_has(s, from, limit, w)) return true;
  return false;
}

// The first event noun of the clause comes before any statement verb.
bool names_event(std::u32string_view s, std::size_t from) {
  constexpr std::size_t kLimit = 24;
  for (std::size_t k = from; k < s.size() && k < from + kLimit; ++k) {
    if (chars::ends_clause(s[k])) return false;
    for (std::u32string_view w : kStatementWords)
      if (has_at(s, k, w)) return false;
    for (std::u32string_view w : kEventWords)
      if (has_at(s, k, w)) return true;
  }
  return false;
}

bool follows_past(std::u32string_view s, std::size_t begin) {
  std::size_t k = begin;
  while (k > 0 && is_space(s[k - 1])) --k;
  return has_before(s, k, U"过去的") || has_before(s, k, U"过去");
}

YearKind classify_year(std::u32string_view s, const YearMention& y, bool has_nian, bool annual) {
  if (follows_past(s, y.begin)) return YearKind::kPast;
  if (annual && clause_has_any(s, y.end, 30, kReviewWords)) return YearKind::kReview;
  if (has_nian && y.end < s.size() && s[y.end] == U'是') return YearKind::kPresent;
  if (names_event(s, y.end)) return YearKind::kEvent;
  return YearKind::kPlain;
}

// Words before a date that make it a plan, the end of a range or a cut-off,
// not the day of the event: "大会拟于 9月 20日至 22日", "截至3月31日".
constexpr std::array<std::u32string_view, 13> kNotEventDay = {
    U"拟于", U"将于", U"定于", U"计划", U"预计", U"预定", U"拟",
    U"将",   U"至",   U"到",   U"截至", U"截止", U"或"};

// A time of day or a weekday between a dateline and its comma:
// "2月 3日下午，", "2月12日（周日），".
constexpr std::array<std::u32string_view, 14> kTimeOfDay = {
    U"上午", U"下午", U"晚上", U"晚间", U"早上", U"早晨", U"清晨",
    U"凌晨", U"中午", U"傍晚", U"夜间", U"当天", U"晚",   U"夜"};

bool is_not_event_day(std::u32string_view s, std::size_t begin) {
  std::size_t k = begin;
  while (k > 0 && is_space(s[k - 1])) --k;
  for (std::u32string_view w : kNotEventDay)
    if (has_before(s, k, w)) return true;
  return k > 0 && one_of(s[k - 1], U"—-~～");
}

std::size_t skip_weekday(std::u32string_view s, std::size_t i) {
  std::size_t k = i < s.size() && one_of(s[i], U"（(") ? i + 1 : i;
  for (std::u32string_view mark : {U"星期", U"礼拜", U"周"}) {
    if (!has_at(s, k, mark) || k + mark.size() >= s.size()) continue;
    k += mark.size() + 1;
    if (k < s.size() && one_of(s[k], U"）)")) ++k;
    return k;
  }
  return i;
}

// After the date only a time of day and a weekday may come before the clause
// ends: "1月15日,高新区…", "1月13日上午，" open a clause; "3月5日召开的…" does not.
bool date_ends_clause(std::u32string_view s, std::size_t end) {
  std::size_t k = skip_spaces(s, end);
  for (std::u32string_view w : kTimeOfDay)
    if (has_at(s, k, w)) {
      k += w.size();
      break;
    }
  k = skip_spaces(s, skip_weekday(s, skip_spaces(s, k)));
  return k >= s.size() || chars::ends_clause(s[k]) || one_of(s[k], U"、至到起");
}

bool date_starts_clause(std::u32string_view s, std::size_t begin) {
  std::size_t k = begin;
  while (k > 0 && is_space(s[k - 1])) --k;
  return k == 0 || chars::ends_clause(s[k - 1]) || one_of(s[k - 1], U"“\"）)讯");
}

// "本报讯 2月12日，", "本报讯 为推动…发展，1月13日上午，", "本报2月12日讯", "新华社北京3月5日电".
bool after_news_mark(std::u32string_view s, const DateMention& m) {
  // The mark opens the sentence a few clauses before the date; looking back a
  // bounded distance keeps a page-long "sentence" with many dates linear.
  constexpr std::size_t kReach = 160;
  std::size_t begin = m.begin > kReach ? m.begin - kReach : 0;
  for (std::size_t k = m.begin; k > begin; --k)
    if (chars::ends_sentence(s[k - 1])) {
      begin = k;
      break;
    }
  std::u32string_view before = s.substr(begin, m.begin - begin);
  for (std::u32string_view mark : {U"报讯", U"刊讯", U"社讯", U"台讯", U"网讯"})
    if (before.find(mark) != std::u32string_view::npos) return true;
  std::size_t k = skip_spaces(s, m.end);
  return k < s.size() && (s[k] == U'讯' || s[k] == U'电');
}

}  // namespace

std::vector<DateMention> find_dates(std::u32string_view s) {
  std::vector<DateMention> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!starts_number(s, i)) continue;
    if (auto m = read_date_at(s, i)) {
      out.push_back(*m);
      i = m->end - 1;
    }
  }
  return out;
}

std::vector<YearMention> find_years(std::u32string_view s) {
  std::vector<YearMention> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!starts_number(s, i)) continue;
    auto n = read_number(s, i, 4);
    if (!n || n->digits != 4 || n->value < 1900 || n->value > 2100) continue;
    std::size_t j = skip_spaces(s, n->end);
    bool has_nian = j < s.size() && s[j] == U'年';
    // "2023世界金刚石大会": a year glued to a name counts without "年".
    if (!has_nian && (j >= s.size() || !chars::is_han(s[j]) || j != n->end)) continue;
    bool annual = has_nian && j + 1 < s.size() && s[j + 1] == U'度';
    YearMention y{n->value, YearKind::kPlain, i, has_nian ? j + 1 + (annual ? 1 : 0) : j};
    y.kind = classify_year(s, y, has_nian, annual);
    out.push_back(y);
    i = y.end - 1;
  }
  return out;
}

std::optional<int> find_weekday(std::u32string_view s) {
  constexpr std::u32string_view kDays = U"一二三四五六日天";
  constexpr std::u32string_view kNotOneDay =
      U"每上下本这个两几前后双单半隔至到一二三四五六七八九十";
  for (std::u32string_view mark : {U"星期", U"礼拜", U"周"}) {
    for (std::size_t i = s.find(mark); i != std::u32string_view::npos; i = s.find(mark, i + 1)) {
      std::size_t d = i + mark.size();
      if (d >= s.size() || !one_of(s[d], kDays)) continue;
      if (i > 0 && one_of(s[i - 1], kNotOneDay)) continue;
      // "周一至周五" is a span of days, not the day of the event.
      if (d + 1 < s.size() && one_of(s[d + 1], U"至到、")) continue;
      std::size_t k = kDays.find(s[d]);
      return k >= 6 ? 6 : int(k);
    }
  }
  return std::nullopt;
}

bool is_valid_date(int year, int month, int day) {
  constexpr std::array<int, 12> kDaysIn = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1]) return false;
  if (month == 2 && day == 29 && year != 0) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap;
  }
  return true;
}

long days_from_civil(int year, int month, int day) {
  // Howard Hinnant's days_from_civil.
  year -= month <= 2;
  const long era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

int weekday_of(int year, int month, int day) {
  long z = days_from_civil(year, month, day);  // 1970-01-01 was a Thursday (3)
  return int(((z % 7) + 7 + 3) % 7);
}

std::u32string_view sentence_at(std::u32string_view s, std::size_t pos) {
  std::size_t begin = pos;
  while (begin > 0 && !chars::ends_sentence(s[begin - 1])) --begin;
  std::size_t end = pos;
  while (end < s.size() && !chars::ends_sentence(s[end])) ++end;
  return s.substr(begin, end - begin);
}

DatelineKind classify_dateline(std::u32string_view paragraph, const DateMention& m) {
  if (is_not_event_day(paragraph, m.begin)) return DatelineKind::kNone;
  if (after_news_mark(paragraph, m)) return DatelineKind::kNewsMark;
  if (date_starts_clause(paragraph, m.begin) && date_ends_clause(paragraph, m.end))
    return DatelineKind::kLead;
  return DatelineKind::kNone;
}

}  // namespace newsarc::ingest::dates
