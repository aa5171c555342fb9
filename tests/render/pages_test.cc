// Each page type exists and shows what it should.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "render/site_fixture.h"

namespace newsarc::render {
namespace {

using testing::contains;
using testing::count_of;
using testing::RenderedFixture;

class Pages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    site_ = new RenderedFixture(testing::sample_records(), testing::gazetteer_config());
  }
  static void TearDownTestSuite() { delete site_; }
  static const std::string& page(const std::string& path) { return site_->page(path); }
  static RenderedFixture* site_;
};
RenderedFixture* Pages::site_ = nullptr;

TEST_F(Pages, RenderWithoutDiagnostics) {
  for (const auto& d : site_->diags.items()) ADD_FAILURE() << base::format_diagnostic(d);
}

TEST_F(Pages, EveryHtmlPageHasTheLayout) {
  for (const auto& [path, html] : site_->site) {
    if (!path.ends_with(".html")) continue;
    SCOPED_TRACE(path);
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    EXPECT_EQ(count_of(html, "<h1"), 1u);
    EXPECT_EQ(count_of(html, "<main id=\"main\">"), 1u);
    EXPECT_TRUE(contains(html, "<a class=\"skip-link\" href=\"#main\">"));
    EXPECT_TRUE(contains(html, "<meta name=\"viewport\""));
    EXPECT_TRUE(contains(html, "<meta name=\"description\" content=\""));
    EXPECT_FALSE(contains(html, "<meta name=\"description\" content=\"\""));
    EXPECT_TRUE(contains(html, "assets/style.css\">"));
    EXPECT_TRUE(html.ends_with("</html>\n")) << html.substr(html.size() - 20);
  }
}

TEST_F(Pages, HomeHasLatestArticlesEntryPointsAndSearch) {
  const auto& home = page("index.html");
  EXPECT_TRUE(contains(home, "<form class=\"search-form\" action=\"search/index.html\""));
  EXPECT_TRUE(contains(home, "role=\"search\""));
  EXPECT_TRUE(contains(home, "<label for=\"q\">"));
  EXPECT_TRUE(contains(home, "id=\"q\" name=\"q\""));
  EXPECT_TRUE(contains(home, "href=\"articles/a1/index.html\">示范区召开读书分享会</a>"));
  EXPECT_TRUE(contains(home, "href=\"dates/2023/index.html\">2023年</a>"));
  EXPECT_TRUE(contains(home, "href=\"dates/undated/index.html\""));
  EXPECT_TRUE(contains(home, "href=\"districts/shifan/index.html\">示范新区</a>"));
  EXPECT_TRUE(contains(home, "href=\"officials/index.html\""));
  EXPECT_TRUE(contains(home, "href=\"reporters/index.html\""));
  // Newest first.
  EXPECT_LT(home.find("articles/a1/"), home.find("articles/a2/"));
  EXPECT_LT(home.find("articles/a4/"), home.find("articles/a5/"));
}

TEST_F(Pages, SearchPageHasFormResultsAndScript) {
  const auto& search = page("search/index.html");
  EXPECT_TRUE(contains(search, "action=\"../search/index.html\""));
  EXPECT_TRUE(contains(search, "<div id=\"results\""));
  EXPECT_TRUE(contains(search, "<script src=\"../assets/search.js\" defer></script>"));
}

TEST_F(Pages, ArticleShowsRecordWithLinks) {
  const auto& html = page("articles/a1/index.html");
  EXPECT_TRUE(contains(html, "<h1>示范区召开读书分享会</h1>"));
  EXPECT_TRUE(contains(html, "<p class=\"subtitle\">——全民阅读活动启动</p>"));
  EXPECT_TRUE(contains(html, "<time datetime=\"2023-02-12\">2023年2月12日</time>"));
  EXPECT_TRUE(contains(html, "href=\"../../dates/2023/02/12/index.html\""));
  EXPECT_TRUE(contains(html, "<a href=\"../../districts/shifan/index.html\">示范新区</a>"));
  EXPECT_TRUE(contains(html,
                       "<a href=\"../../officials/zhang-hong-jun/index.html\">张红军</a>"
                       "<span class=\"titles\">（示范区党工委书记、管委会主任）</span>"));
  EXPECT_TRUE(
      contains(html, "记者 <a href=\"../../reporters/wang-xiao-ming/index.html\">王小明</a>"));
  EXPECT_TRUE(contains(html, "通讯员 <a href=\"../../reporters/chen-yi/index.html\">陈一</a>"));
  EXPECT_TRUE(contains(html, "摄影 <a href=\"../../reporters/zhao-qing/index.html\">赵青</a>"));
  EXPECT_TRUE(contains(html, "<figcaption>读者在分享会上发言</figcaption>"));
  EXPECT_TRUE(contains(html, "<code>content/a1.txt:1</code>"));
  EXPECT_TRUE(contains(html, "<details class=\"repairs\">"));
  EXPECT_TRUE(contains(html, "ingest/duplicate-paragraph"));
  EXPECT_TRUE(
      contains(html, "<link rel=\"canonical\" href=\"https://example.org/archive/articles/a1/\">"));
  EXPECT_TRUE(contains(
      html, "<meta property=\"og:url\" content=\"https://example.org/archive/articles/a1/\">"));
  EXPECT_TRUE(contains(html, "\"@type\":\"NewsArticle\""));
  // a1 is the newest: an older neighbour only.
  EXPECT_TRUE(contains(html, "上一篇（较早）：<a href=\"../../articles/a2/index.html\">"));
  EXPECT_FALSE(contains(html, "较新"));
}

TEST_F(Pages, ArticleBodyKeepsSectionHeadingsInOrder) {
  const auto& html = page("articles/a1/index.html");
  const auto body = html.substr(html.find("<div class=\"article-body\">"));
  const auto first = body.find("<p>本报讯");
  const auto heading = body.find("<h2>书香进社区</h2>");
  const auto second = body.find("<p>社区图书角同日开放。</p>");
  ASSERT_NE(heading, std::string::npos);
  EXPECT_LT(first, heading);
  EXPECT_LT(heading, second);
}

TEST_F(Pages, DatesShowTheirPrecision) {
  struct Case {
    const char* path;
    const char* expected;
  };
  const Case cases[] = {
      {"articles/a3/index.html", "<time datetime=\"2023-02\">2023年2月</time>"},
      {"articles/a4/index.html", "<time datetime=\"2021\">2021年</time>"},
      {"articles/a5/index.html", ">日期不详</a>"},
      {"articles/a3/index.html", "原文无标题"},
      {"articles/a5/index.html", "href=\"../../dates/undated/index.html\""},
  };
  for (const auto& c : cases) EXPECT_TRUE(contains(page(c.path), c.expected)) << c.path;
  EXPECT_FALSE(contains(page("articles/a1/index.html"), "原文无标题"));
}

TEST_F(Pages, MarkdownBodyIsRenderedWithHeadingsFromH2) {
  const auto& html = page("articles/md/index.html");
  EXPECT_TRUE(contains(html, "<strong>东湖</strong>"));
  EXPECT_TRUE(contains(html, "<h2>第一部分</h2>"));
  EXPECT_TRUE(contains(html, "<h3>现场</h3>"));
  EXPECT_TRUE(contains(html, "<table>"));
  EXPECT_EQ(count_of(html, "<h1"), 1u);
}

TEST_F(Pages, DateArchiveHasYearsMonthsDaysAndUndated) {
  const auto& dates = page("dates/index.html");
  EXPECT_LT(dates.find("2023年</a>"), dates.find("2022年</a>"));
  EXPECT_TRUE(contains(dates, "href=\"../dates/undated/index.html\""));
  EXPECT_TRUE(contains(page("dates/2023/index.html"),
                       "href=\"../../dates/2023/02/index.html\">2023年2月</a>"));
  EXPECT_TRUE(contains(page("dates/2021/index.html"), "只知年份的报道"));
  EXPECT_TRUE(contains(page("dates/2021/index.html"), "articles/a4/index.html"));
  EXPECT_TRUE(contains(page("dates/2023/02/index.html"), "只知月份的报道"));
  EXPECT_TRUE(contains(page("dates/2023/02/index.html"), "articles/a3/index.html"));
  EXPECT_TRUE(contains(page("dates/2023/02/12/index.html"), "articles/a1/index.html"));
  EXPECT_FALSE(contains(page("dates/2023/02/12/index.html"), "articles/a2/index.html"));
  EXPECT_TRUE(contains(page("dates/undated/index.html"), "articles/a5/index.html"));
  EXPECT_FALSE(site_->has("dates/2023/02/00/index.html"));
}

TEST_F(Pages, MonthHasAnIssueCalendarMondayFirst) {
  const auto& html = page("dates/2023/02/index.html");
  EXPECT_TRUE(contains(html, "<table class=\"calendar\">\n<caption>2023年2月报道日历</caption>"));
  const char* weekdays[] = {"一", "二", "三", "四", "五", "六", "日"};
  std::size_t pos = 0;
  for (const char* w : weekdays) {
    pos = html.find(std::string("<th scope=\"col\" abbr=\"星期") + w + "\">" + w + "</th>", pos);
    EXPECT_NE(pos, std::string::npos) << w;
  }
  // 1 February 2023 is a Wednesday: two empty cells first.
  EXPECT_TRUE(contains(html, "<tr><td></td><td></td><td>1</td>"));
  EXPECT_TRUE(contains(html, "<a href=\"../../../dates/2023/02/12/index.html\">12</a>"));
  EXPECT_TRUE(contains(html, "<a href=\"../../../dates/2023/02/09/index.html\">9</a>"));
  EXPECT_FALSE(contains(html, "dates/2023/02/10/index.html"));
  // Header row + 5 weeks: 2 empty cells and 28 days.
  EXPECT_EQ(count_of(html, "<tr>"), 1u + 5u);
}

TEST_F(Pages, DistrictsAreGroupedByParent) {
  const auto& index = page("districts/index.html");
  EXPECT_TRUE(contains(index, "<a href=\"../districts/shifan/index.html\">示范新区</a>"));
  EXPECT_LT(index.find("示范新区</a>"), index.find("东湖街道</a>"));
  const auto& district = page("districts/shifan/index.html");
  EXPECT_TRUE(contains(district, "articles/a1/index.html"));
  EXPECT_FALSE(contains(district, "articles/a2/index.html"));
  EXPECT_TRUE(contains(district, "<li>2023年 <span class=\"count\">1 篇</span></li>"));
  EXPECT_TRUE(contains(page("districts/dong-hu-jie-dao/index.html"),
                       "所属：<a href=\"../../districts/shifan/index.html\">示范新区</a>"));
  EXPECT_TRUE(site_->has("districts/shifan/atom.xml"));
}

TEST_F(Pages, OfficialsIndexAndPostTimeline) {
  const auto& index = page("officials/index.html");
  EXPECT_TRUE(contains(index, "<a href=\"#initial-Z\">Z</a>"));
  EXPECT_TRUE(contains(index, "<h2 id=\"initial-Z\">Z</h2>"));
  EXPECT_TRUE(contains(index,
                       "<a href=\"../officials/zhang-hong-jun/index.html\">张红军</a> "
                       "<span class=\"count\">2 篇</span>"));
  const auto& person = page("officials/zhang-hong-jun/index.html");
  // Posts as printed, the earliest first seen first.
  const auto deputy = person.find("<h3>示范区党工委副书记</h3>");
  const auto secretary = person.find("<h3>示范区党工委书记</h3>");
  ASSERT_NE(deputy, std::string::npos);
  ASSERT_NE(secretary, std::string::npos);
  EXPECT_LT(deputy, secretary);
  EXPECT_TRUE(contains(person, "<h3>管委会主任</h3>"));
  EXPECT_TRUE(contains(person, "首见 <time datetime=\"2023-02-09\">2023年2月9日</time>"));
  EXPECT_TRUE(contains(person, "· 示范区党工委书记、管委会主任"));
  EXPECT_TRUE(site_->has("officials/zhang-hong-jun/atom.xml"));
}

TEST_F(Pages, ReportersIndexAndPages) {
  EXPECT_TRUE(contains(page("reporters/index.html"), "reporters/wang-xiao-ming/index.html"));
  const auto& person = page("reporters/wang-xiao-ming/index.html");
  EXPECT_TRUE(contains(person, "articles/a1/index.html"));
  EXPECT_TRUE(contains(person, "articles/a2/index.html"));
  EXPECT_TRUE(contains(person, " · 记者"));
  EXPECT_TRUE(contains(page("reporters/zhao-qing/index.html"), " · 摄影"));
}

TEST_F(Pages, ExportsRobotsAnd404) {
  const auto records = nlohmann::json::parse(page("records.json"));
  EXPECT_EQ(records.size(), 6u);
  // One record per line, each the article's index.json.
  const std::string& lines = page("records.json");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 6 + 2);
  EXPECT_EQ(records[0], nlohmann::json::parse(page(
                            "articles/" + records[0]["id"].get<std::string>() + "/index.json")));
  // Oldest first, the undated before them: a day's new articles go at the end.
  std::vector<std::string> dates;
  for (const auto& r : records)
    dates.push_back(r["date"].is_null() ? "" : r["date"].get<std::string>());
  EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end()));
  EXPECT_EQ(dates.front(), "");
  EXPECT_NE(dates.back(), "");
  EXPECT_TRUE(nlohmann::json::accept(page("articles/a1/index.json")));
  EXPECT_TRUE(contains(page("robots.txt"), "Sitemap: https://example.org/archive/sitemap.xml\n"));
  const auto& missing = page("404.html");
  EXPECT_TRUE(contains(missing, "href=\"https://example.org/archive/assets/style.css\""));
  EXPECT_TRUE(contains(page("articles/a1/index.json"), "\"id\": \"a1\""));
}

}  // namespace
}  // namespace newsarc::render
