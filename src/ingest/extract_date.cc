// Dates the articles of one page: front matter, path, dateline, year evidence
// in the text, a weekday named with the dateline, and the page's other articles.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

#include "ingest/extract_date.h"
#include "ingest/metadata.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

using dates::DateMention;
using dates::YearKind;

/// What one article's text says about its date.
struct Evidence {
  std::optional<DateMention> dateline;  ///< valid month-day (with year when printed)
  base::SourceSpan dateline_span;
  std::optional<int> weekday;
  int own_year = 0;      ///< the year the text gives the article, 0 when none
  int own_strength = 0;  ///< 3 lead sentence, 2 first paragraph, 1 elsewhere
  base::SourceSpan year_span;
  int latest_year = 0;  ///< latest year mentioned for what has happened
};

/// What the whole page says: one page is one issue.
struct PageYear {
  int year = 0;
  std::optional<PartialDate> anchor;  ///< a day-precise sibling date, for 12月/1月 pages
};

std::string path_of(const ArticleRecord& r, std::string_view fallback) {
  return r.source_path.empty() ? std::string(fallback) : r.source_path;
}

void report_bad_dates(const ArticleRecord& r, const ArticleText& text, std::string_view path,
                      base::Diagnostics& diags) {
  for (std::size_t i = 0; i < r.body.size(); ++i) {
    const Block& b = r.body[i];
    std::u32string_view s = text.blocks[i];
    for (const DateMention& m : dates::find_dates(s)) {
      if (dates::is_valid_date(m.year, m.month, m.day)) continue;
      diags.report(base::Severity::kWarning, path_of(r, path), b.span.line,
                   std::max(b.span.column, 1), "ingest/bad-date",
                   "impossible date \"" + text::to_utf8(s.substr(m.begin, m.end - m.begin)) +
                       "\" is not used");
    }
  }
}

// The article's dateline: after "本报讯" in the first paragraph ("本报讯 2月 3日下午，"),
// else a date opening a clause in its first two sentences ("…。1月15日,高新区…").
std::optional<DateMention> find_dateline(std::u32string_view p) {
  std::size_t second_end = 0;
  for (int n = 0; n < 2 && second_end < p.size(); ++n) {
    second_end += dates::sentence_at(p, second_end).size() + 1;
  }
  std::optional<DateMention> lead;
  for (const DateMention& m : dates::find_dates(p)) {
    if (m.begin >= second_end) break;
    if (!dates::is_valid_date(m.year, m.month, m.day)) continue;
    dates::DatelineKind kind = dates::classify_dateline(p, m);
    if (kind == dates::DatelineKind::kNewsMark) return m;
    if (kind == dates::DatelineKind::kLead && !lead) lead = m;
  }
  return lead;
}

// The year a mention gives the article: a review of 2022 held in early 2023
// ("2022年度…述职评议会" dated 2月12日) and "刚刚过去的 2022年" say 2023.
int implied_year(const dates::YearMention& y, const Evidence& ev) {
  int month = ev.dateline ? ev.dateline->month : 1;
  switch (y.kind) {
    case YearKind::kReview:
      return month <= 6 ? y.year + 1 : y.year;
    case YearKind::kPast:
      return y.year + 1;
    default:
      return y.year;
  }
}

// Years planned for ("锚定2025年基本建成", "到2030年") say nothing of the present.
bool is_plan(std::u32string_view s, std::size_t begin) {
  for (std::u32string_view w :
       {U"到", U"至", U"锚定", U"力争", U"预计", U"计划", U"争取", U"目标", U"确保", U"将"})
    if (begin >= w.size() && s.substr(begin - w.size(), w.size()) == w) return true;
  return false;
}

/// Where a year mention sits: in the dateline's sentence, the first paragraph,
/// or later; and whether the article has a dateline at all.
struct YearPlace {
  bool in_lead = false;
  bool first_paragraph = false;
  bool dated = false;
};

// How much a year says about the article: 3 in the lead sentence, 2 in the
// first paragraph, 1 later. An event's name counts only in the lead ("召开2023年
// …大会"); a later "2013年是…" in a dated brief is history, so it counts only
// for a feature.
int strength_of(const dates::YearMention& y, const YearPlace& at) {
  const int by_place = at.in_lead ? 3 : at.first_paragraph ? 2 : 1;
  switch (y.kind) {
    case YearKind::kReview:
    case YearKind::kPast:
      return by_place;
    case YearKind::kPresent:
      return by_place == 1 && at.dated ? 0 : by_place;
    case YearKind::kEvent:
      return at.in_lead ? 3 : 0;
    case YearKind::kPlain:
      return 0;
  }
  return 0;
}

void weigh_years(std::u32string_view s, const Block& b, bool first, std::size_t lead_begin,
                 std::size_t lead_end, Evidence& ev) {
  for (const dates::YearMention& y : dates::find_years(s)) {
    YearPlace at{first && y.begin >= lead_begin && y.end <= lead_end, first,
                 ev.dateline.has_value()};
    int strength = strength_of(y, at);
    if (strength > ev.own_strength) {
      ev.own_strength = strength;
      ev.own_year = implied_year(y, ev);
      ev.year_span = b.span;
    }
    if (y.kind == YearKind::kPlain && !is_plan(s, y.begin))
      ev.latest_year = std::max(ev.latest_year, y.year);
  }
}

Evidence read_evidence(const ArticleRecord& r, const ArticleText& text) {
  Evidence ev;
  bool first = true;
  for (std::size_t i = 0; i < r.body.size(); ++i) {
    const Block& b = r.body[i];
    if (b.kind != BlockKind::kParagraph) continue;
    std::u32string_view s = text.blocks[i];
    std::size_t lead_begin = 0, lead_end = dates::sentence_at(s, 0).size();
    if (first) {
      ev.dateline = find_dateline(s);
      if (ev.dateline) {
        ev.dateline_span = b.span;
        std::u32string_view lead = dates::sentence_at(s, ev.dateline->begin);
        lead_begin = static_cast<std::size_t>(lead.data() - s.data());
        lead_end = lead_begin + lead.size();
        ev.weekday = dates::find_weekday(lead);
      }
    }
    weigh_years(s, b, first, lead_begin, lead_end, ev);
    first = false;
  }
  return ev;
}

void vote(std::map<int, std::pair<int, int>>& votes, int year, int weight, int order) {
  auto [it, added] = votes.try_emplace(year, 0, order);
  it->second.first += weight;
}

// The year most of the page's own evidence gives; ties go to the article that
// comes first. `anchor` is that article's day when it has one.
PageYear page_year_of(const std::vector<ArticleRecord>& page, const std::vector<Evidence>& evs,
                      const std::vector<int>& weekday_years) {
  std::map<int, std::pair<int, int>> votes;  // year -> (weight, first article)
  std::vector<std::optional<PartialDate>> days(page.size());
  for (std::size_t i = 0; i < page.size(); ++i) {
    const Evidence& ev = evs[i];
    int order = static_cast<int>(i);
    if (page[i].date_origin == "front_matter" && page[i].date.year != 0) {
      vote(votes, page[i].date.year, 3, order);
      if (page[i].date.precision == DatePrecision::kDay) days[i] = page[i].date;
    } else if (ev.dateline && ev.dateline->year != 0) {
      vote(votes, ev.dateline->year, 3, order);
      days[i] =
          PartialDate{ev.dateline->year, ev.dateline->month, ev.dateline->day, DatePrecision::kDay};
    } else if (ev.own_year != 0 || weekday_years[i] != 0) {
      int year = ev.own_year != 0 ? ev.own_year : weekday_years[i];
      vote(votes, year, ev.own_year != 0 ? ev.own_strength : 2, order);
      if (ev.dateline)
        days[i] = PartialDate{year, ev.dateline->month, ev.dateline->day, DatePrecision::kDay};
    }
  }
  PageYear out;
  std::pair<int, int> best{0, 0};
  for (const auto& [year, wo] : votes) {
    if (wo.first > best.first || (wo.first == best.first && wo.second < best.second)) {
      best = wo;
      out.year = year;
    }
  }
  for (const auto& d : days)
    if (d && d->year == out.year && !out.anchor) out.anchor = d;
  return out;
}

long days_of(int y, int m, int d) {
  return dates::days_from_civil(y, m, d);
}

// Of the years around `year`, the one that puts the month-day nearest the
// anchor day: a page of 2023-01-03 dates its "12月30日" brief 2022-12-30.
int nearest_year(const DateMention& m, int year, int month, int day) {
  int best = year;
  long best_gap = -1;
  for (int y = year - 1; y <= year + 1; ++y) {
    if (!dates::is_valid_date(y, m.month, m.day)) continue;
    long gap = std::labs(days_of(y, m.month, m.day) - days_of(year, month, day));
    if (best_gap < 0 || gap < best_gap) {
      best_gap = gap;
      best = y;
    }
  }
  return best;
}

// The path dates the issue, and an article is not dated after its issue: in
// the 2024-01-09 issue, "12月28日" is 2023-12-28 and "1月5日" 2024-01-05
// ("2019/07/" dates the issue to the month, so any day of July stays in 2019).
int year_before_issue(const DateMention& m, const PartialDate& issue) {
  int last_day = issue.precision == DatePrecision::kDay ? issue.day : 31;
  bool after = m.month > issue.month || (m.month == issue.month && m.day > last_day);
  return after ? issue.year - 1 : issue.year;
}

// "2月12日（周日）": of the years near `anchor`, the nearest where the day is
// that weekday; with only a lower bound, the first such year from it.
int year_for_weekday(const DateMention& m, int weekday, int anchor, bool lower_bound) {
  const int kReach = 3;
  for (int k = 0; k <= 2 * kReach; ++k) {
    int y = lower_bound ? anchor + k : anchor + (k % 2 == 1 ? -(k + 1) / 2 : k / 2);
    if (dates::is_valid_date(y, m.month, m.day) && dates::weekday_of(y, m.month, m.day) == weekday)
      return y;
  }
  return 0;
}

/// Where a year can come from when an article's own text gives none.
struct Fallbacks {
  PartialDate path;
  PageYear page;
  std::optional<int> default_year;
  int latest_year = 0;  ///< latest past year mentioned on the page
};

int weekday_year(const Evidence& ev, const Fallbacks& fb) {
  if (!ev.dateline || ev.dateline->year != 0 || ev.own_year != 0 || !ev.weekday) return 0;
  if (fb.page.year != 0) return year_for_weekday(*ev.dateline, *ev.weekday, fb.page.year, false);
  if (fb.default_year) return year_for_weekday(*ev.dateline, *ev.weekday, *fb.default_year, false);
  if (fb.latest_year != 0) return year_for_weekday(*ev.dateline, *ev.weekday, fb.latest_year, true);
  return 0;
}

void set_date(ArticleRecord& r, PartialDate d, std::string origin, std::string confidence,
              base::SourceSpan span) {
  r.date = d;
  r.date_origin = std::move(origin);
  r.date_confidence = std::move(confidence);
  r.date_span = span;
}

PartialDate day_in(int year, const DateMention& m) {
  return PartialDate{year, m.month, m.day, DatePrecision::kDay};
}

// A month-day dateline gets its year from, in order: the path, the article's
// own text, the weekday, the page, the configured default.
bool date_dateline(ArticleRecord& r, const Evidence& ev, int weekday_y, const Fallbacks& fb) {
  const DateMention& m = *ev.dateline;
  const base::SourceSpan span = ev.dateline_span;
  if (m.year != 0) {
    set_date(r, day_in(m.year, m), "text", "high", span);
  } else if (fb.path.precision >= DatePrecision::kMonth) {
    set_date(r, day_in(year_before_issue(m, fb.path), m), "path", "high", span);
  } else if (fb.path.precision == DatePrecision::kYear) {
    set_date(r, day_in(fb.path.year, m), "path", "high", span);
  } else if (ev.own_year != 0) {
    set_date(r, day_in(ev.own_year, m), "inferred", ev.own_strength >= 2 ? "high" : "medium", span);
  } else if (weekday_y != 0) {
    set_date(r, day_in(weekday_y, m), "inferred", "high", span);
  } else if (fb.page.year != 0) {
    int y = fb.page.anchor
                ? nearest_year(m, fb.page.year, fb.page.anchor->month, fb.page.anchor->day)
                : fb.page.year;
    set_date(r, day_in(y, m), "inferred", "medium", span);
  } else if (fb.default_year) {
    set_date(r, day_in(*fb.default_year, m), "inferred", "low", span);
  } else {
    return false;
  }
  return dates::is_valid_date(r.date.year, r.date.month, r.date.day);
}

// A feature without a dateline gets no more than the year (or the path's month).
bool date_feature(ArticleRecord& r, const Evidence& ev, const Fallbacks& fb) {
  if (fb.path.precision != DatePrecision::kNone) {
    set_date(r, fb.path, "path", "high", {});
  } else if (ev.own_year != 0) {
    set_date(r, PartialDate{ev.own_year, 0, 0, DatePrecision::kYear}, "text", "medium",
             ev.year_span);
  } else if (fb.page.year != 0) {
    set_date(r, PartialDate{fb.page.year, 0, 0, DatePrecision::kYear}, "inferred", "low", {});
  } else if (fb.default_year) {
    set_date(r, PartialDate{*fb.default_year, 0, 0, DatePrecision::kYear}, "inferred", "low", {});
  } else {
    return false;
  }
  return true;
}

void date_article(ArticleRecord& r, const Evidence& ev, int weekday_y, const Fallbacks& fb,
                  std::string_view path, base::Diagnostics& diags) {
  if (fb.path.precision == DatePrecision::kDay && !ev.dateline) {
    set_date(r, fb.path, "path", "high", {});
    return;
  }
  if (ev.dateline && date_dateline(r, ev, weekday_y, fb)) return;
  if (ev.dateline && r.date.precision == DatePrecision::kDay) {
    // "2月29日" in a year without one.
    diags.report(base::Severity::kWarning, path_of(r, path), ev.dateline_span.line,
                 std::max(ev.dateline_span.column, 1), "ingest/bad-date",
                 "dateline " + r.date.iso() + " does not exist; the date is not used");
  }
  set_date(r, {}, "", "", {});
  if (date_feature(r, ev, fb)) return;
  diags.report(base::Severity::kWarning, path_of(r, path), std::max(r.source_line, 1), 1,
               "ingest/no-date", "no date found for this article");
}

}  // namespace

void assign_dates(std::vector<ArticleRecord>& page, const DateContext& ctx,
                  base::Diagnostics& diags) {
  std::vector<ArticleText> texts;
  texts.reserve(page.size());
  for (const ArticleRecord& r : page) texts.emplace_back(r);
  assign_dates(page, texts, ctx, diags);
}

void assign_dates(std::vector<ArticleRecord>& page, const std::vector<ArticleText>& texts,
                  const DateContext& ctx, base::Diagnostics& diags) {
  std::vector<Evidence> evs;
  Fallbacks fb{date_from_path(ctx.path), {}, ctx.default_year, 0};
  for (std::size_t i = 0; i < page.size(); ++i) {
    evs.push_back(read_evidence(page[i], texts[i]));
    fb.latest_year = std::max(fb.latest_year, evs.back().latest_year);
  }
  std::vector<int> no_weekdays(page.size(), 0);
  fb.page = page_year_of(page, evs, no_weekdays);
  std::vector<int> weekday_years(page.size(), 0);
  for (std::size_t i = 0; i < page.size(); ++i) weekday_years[i] = weekday_year(evs[i], fb);
  if (fb.page.year == 0) fb.page = page_year_of(page, evs, weekday_years);
  for (std::size_t i = 0; i < page.size(); ++i) {
    ArticleRecord& r = page[i];
    if (r.date_origin == "front_matter") continue;
    report_bad_dates(r, texts[i], ctx.path, diags);
    date_article(r, evs[i], weekday_years[i], fb, ctx.path, diags);
  }
}

}  // namespace newsarc::ingest
