// Dates: the scanner's pieces one fact per line, the page rules in
// examples/date.txt.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/example_records.h"
#include "ingest/examples_runner.h"
#include "ingest/extract_date.h"
#include "ingest/metadata.h"
#include "text/text.h"

namespace newsarc::ingest {
namespace {

using dates::YearKind;

std::optional<std::string> first_date(std::string_view s) {
  std::vector<dates::DateMention> all = dates::find_dates(text::to_u32(s));
  if (all.empty()) return std::nullopt;
  const dates::DateMention& m = all.front();
  return std::to_string(m.year) + "-" + std::to_string(m.month) + "-" + std::to_string(m.day);
}

TEST(FindDates, ReadsMonthDaysInTheirPrintedForms) {
  struct Case {
    std::string_view text;
    std::optional<std::string> expected;  // "year-month-day", year 0 when not printed
  };
  const Case cases[] = {
      {"本报讯 3月5日，", "0-3-5"},
      {"本报讯 ２月３日，", "0-2-3"},
      {"本报讯 2月 3日下午，", "0-2-3"},
      {"2023年2月12日上午", "2023-2-12"},
      {"2023 年 2 月 12 日", "2023-2-12"},
      {"二〇二三年二月十二日", "2023-2-12"},
      {"十二月三十一日", "0-12-31"},
      {"5月3号上午", "0-5-3"},
      {"2021.6.5", "2021-6-5"},
      {"2023-02-12", "2023-2-12"},
      {"2月30日", "0-2-30"},  // found, and rejected by is_valid_date
      {"地铁3号线", std::nullopt},
      {"补贴2.23亿元", std::nullopt},
      {"12月底前", std::nullopt},
      {"阳春三月", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(first_date(c.text), c.expected) << c.text;
}

TEST(FindYears, ClassifiesAYearByWhatSurroundsIt) {
  struct Case {
    std::string_view text;
    int year;
    YearKind kind;
  };
  const Case cases[] = {
      {"召开 2022年度书记抓基层党建述职评议会", 2022, YearKind::kReview},
      {"在刚刚过去的 2022年，全区", 2022, YearKind::kPast},
      {"2021年是建区三十周年", 2021, YearKind::kPresent},
      {"主持召开2023世界超硬材料大会筹备会", 2023, YearKind::kEvent},
      {"暨2024年全市防汛抗旱工作视频会议", 2024, YearKind::kEvent},
      {"2022年全区共召开会议20次", 2022, YearKind::kPlain},
      {"１９９８年，这里还是农田", 1998, YearKind::kPlain},
      {"2023年度工作计划", 2023, YearKind::kPlain},
  };
  for (const Case& c : cases) {
    std::vector<dates::YearMention> ys = dates::find_years(text::to_u32(c.text));
    ASSERT_EQ(ys.size(), 1u) << c.text;
    EXPECT_EQ(ys[0].year, c.year) << c.text;
    EXPECT_EQ(ys[0].kind, c.kind) << c.text;
  }
}

TEST(FindYears, SkipsNumbersThatAreNotYears) {
  EXPECT_TRUE(dates::find_years(text::to_u32("走访企业4570家，投资12000万元")).empty());
  EXPECT_TRUE(dates::find_years(text::to_u32("2021.6.5")).empty());
}

TEST(FindWeekday, NamesOneDayOrNone) {
  struct Case {
    std::string_view text;
    std::optional<int> expected;  // 0 = Monday
  };
  const Case cases[] = {
      {"2月12日（周日），", 6},     {"星期三上午", 2},
      {"利用周六下午的时间", 5},    {"礼拜天", 6},
      {"每周日开放", std::nullopt}, {"周一至周五", std::nullopt},
      {"上周五", std::nullopt},     {"四周一片寂静", std::nullopt},
      {"建区30周年", std::nullopt},
  };
  for (const Case& c : cases)
    EXPECT_EQ(dates::find_weekday(text::to_u32(c.text)), c.expected) << c.text;
}

TEST(Calendar, KnowsWeekdaysAndLeapYears) {
  EXPECT_EQ(dates::weekday_of(2023, 2, 12), 6);
  EXPECT_EQ(dates::weekday_of(2022, 1, 16), 6);
  EXPECT_EQ(dates::weekday_of(1970, 1, 1), 3);
  EXPECT_EQ(dates::weekday_of(2024, 2, 29), 3);
  EXPECT_TRUE(dates::is_valid_date(2024, 2, 29));
  EXPECT_TRUE(dates::is_valid_date(0, 2, 29));
  EXPECT_FALSE(dates::is_valid_date(2023, 2, 29));
  EXPECT_FALSE(dates::is_valid_date(1900, 2, 29));
  EXPECT_TRUE(dates::is_valid_date(2000, 2, 29));
  EXPECT_FALSE(dates::is_valid_date(2023, 2, 30));
  EXPECT_FALSE(dates::is_valid_date(2023, 13, 1));
  EXPECT_FALSE(dates::is_valid_date(2023, 4, 31));
  EXPECT_EQ(dates::days_from_civil(1970, 1, 2), 1);
}

TEST(ClassifyDateline, KeepsOnlyTheDayOfTheEvent) {
  using K = dates::DatelineKind;
  struct Case {
    std::string_view text;
    K expected;  // of the first month-day in the text
  };
  const Case cases[] = {
      {"本报讯 3月5日，高新区召开会议", K::kNewsMark},
      {"本报讯 为推动产业发展，3月5日上午，高新区", K::kNewsMark},
      {"本报3月5日讯 高新区召开会议", K::kNewsMark},
      {"新华社郑州3月5日电 记者从", K::kNewsMark},
      {"年末岁初。1月15日,高新区召开", K::kLead},
      {"3月5日（周日），社区开展", K::kLead},
      {"大会拟于 9月 20日在郑州举办", K::kNone},
      {"截至3月31日，全区", K::kNone},
      {"在3月5日召开的会议上", K::kNone},
  };
  for (const Case& c : cases) {
    std::u32string s = text::to_u32(c.text);
    std::vector<dates::DateMention> ms = dates::find_dates(s);
    ASSERT_FALSE(ms.empty()) << c.text;
    EXPECT_EQ(dates::classify_dateline(s, ms.front()), c.expected) << c.text;
  }
}

TEST(DateFromPath, ReadsFoldersAndFileNames) {
  struct Case {
    std::string_view path;
    std::string expected;
  };
  const Case cases[] = {
      {"content/pages/2023/02/12/a.txt", "2023-02-12"},
      {"content/pages/2023/02/12-p1.txt", "2023-02-12"},
      {"2023-02-12-a.md", "2023-02-12"},
      {"articles/2023_2_5_brief.md", "2023-02-05"},
      {"20230212-p1.txt", "2023-02-12"},
      {"corpus/2019/07/0042.txt", "2019-07"},
      {"2023-02/a.txt", "2023-02"},
      {"pages/2022/issue-07.txt", "2022"},
      {"/work/seeds/002_b452db4c0ddb8c92.txt", ""},
      {"2023/13/a.txt", ""},
      {"2023-02-30-a.md", ""},
      {"a.txt", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(date_from_path(c.path).iso(), c.expected) << c.path;
}

nlohmann::json date_result(std::string_view input) {
  testing::ExamplePage page = testing::parse_example_page(input);
  base::Diagnostics diags;
  assign_dates(page.articles, DateContext{page.path, page.default_year}, diags);
  nlohmann::json out = {{"articles", nlohmann::json::array()},
                        {"diagnostics", nlohmann::json::array()}};
  for (const ArticleRecord& r : page.articles) {
    std::string iso = r.date.iso();
    out["articles"].push_back({{"date", iso.empty() ? nlohmann::json() : nlohmann::json(iso)},
                               {"date_origin", r.date_origin},
                               {"date_confidence", r.date_confidence},
                               {"date_line", r.date_span.line}});
  }
  for (const base::Diagnostic& d : diags.items())
    out["diagnostics"].push_back(d.code + "@" + std::to_string(d.line));
  return out;
}

TEST(AssignDates, FollowsTheExamples) {
  auto failures =
      testing::run_examples(NEWSARC_SOURCE_DIR "/tests/ingest/examples/date.txt", date_result);
  EXPECT_TRUE(failures.empty()) << testing::format_failures(failures);
}

TEST(AssignDates, KeepsFrontMatterDatesAndLetsThemDateSiblings) {
  testing::ExamplePage page = testing::parse_example_page(
      "本报讯 2月 6日下午，高新区召开会议。\n===\n本报讯 2月 9日，经开区召开会议。\n");
  page.articles[0].date = PartialDate{2021, 2, 6, DatePrecision::kDay};
  page.articles[0].date_origin = "front_matter";
  base::Diagnostics diags;
  assign_dates(page.articles, DateContext{"a.md", 2030}, diags);
  EXPECT_EQ(page.articles[0].date.iso(), "2021-02-06");
  EXPECT_EQ(page.articles[0].date_origin, "front_matter");
  EXPECT_EQ(page.articles[1].date.iso(), "2021-02-09");
  EXPECT_TRUE(diags.items().empty());
}

TEST(AssignDates, ReportsNoDateAtTheArticlesFileAndLine) {
  testing::ExamplePage page = testing::parse_example_page("\n\n本报讯 高新区近日召开会议。\n");
  page.articles[0].source_path = "content/pages/p3.txt";
  base::Diagnostics diags;
  assign_dates(page.articles, DateContext{"content/pages/p3.txt", std::nullopt}, diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].path, "content/pages/p3.txt");
  EXPECT_EQ(diags.items()[0].line, 3);
  EXPECT_EQ(diags.items()[0].code, "ingest/no-date");
  EXPECT_EQ(diags.items()[0].severity, base::Severity::kWarning);
}

}  // namespace
}  // namespace newsarc::ingest
