// `newsarc check`: the lints as pure functions, then check_site on inline
// sites. All text is invented.
#include <gtest/gtest.h>

#include "site/check.h"
#include "site/inline_site.h"

namespace newsarc::site {
namespace {

// "path:line:column code" of each diagnostic, one per line.
std::string places(const base::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items())
    out += d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code +
           "\n";
  return out;
}

ingest::ArticleRecord article(std::string id, std::string date, std::string path) {
  ingest::ArticleRecord r;
  r.id = std::move(id);
  r.source_path = std::move(path);
  if (!date.empty()) {
    r.date = {std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)),
              std::stoi(date.substr(8, 2)), ingest::DatePrecision::kDay};
  }
  return r;
}

TEST(CheckTypos, ReportsEachFormAtItsLineAndColumnInCodePoints) {
  base::Diagnostics diags;
  check_typos("标题\n\n二七区千部群众参加。千部\n", "content/a.txt", {{"千部", "干部"}}, diags);
  EXPECT_EQ(places(diags),
            "content/a.txt:3:4 check/typo\n"
            "content/a.txt:3:11 check/typo\n");
}

TEST(CheckTypos, NoFormsNoDiagnostics) {
  base::Diagnostics diags;
  check_typos("二七区干部群众参加。\n", "content/a.txt", {{"千部", "干部"}, {"", "x"}}, diags);
  EXPECT_TRUE(diags.items().empty()) << places(diags);
}

TEST(CheckUndated, ReportsArticlesNotDatedToTheDayUnlessIngestDid) {
  archive::Archive a;
  a.articles.push_back(article("day", "2023-06-03", "content/day.txt"));
  a.articles.push_back(article("year", "", "content/year.txt"));
  a.articles.back().date = {2023, 0, 0, ingest::DatePrecision::kYear};
  a.articles.push_back(article("none", "", "content/none.txt"));
  a.articles.push_back(article("told", "", "content/told.txt"));
  a.articles.back().diagnostics.push_back({"content/told.txt", 1, 1, base::Severity::kWarning,
                                           "ingest/no-date", "no date found for this article"});
  base::Diagnostics diags;
  check_undated(a, diags);
  EXPECT_EQ(places(diags),
            "content/year.txt:1:1 check/undated\n"
            "content/none.txt:1:1 check/undated\n");
}

archive::Archive two_articles_with(std::vector<std::string> first, std::vector<std::string> second,
                                   std::string second_date = "2023-06-03") {
  archive::Archive a;
  a.articles.push_back(article("a", "2023-06-03", "content/a.txt"));
  a.articles.push_back(article("b", second_date, "content/b.txt"));
  a.articles[0].officials.push_back({"张红军", first, {3, 5, 3}});
  a.articles[1].officials.push_back({"张红军", second, {7, 2, 7}});
  a.officials.push_back({"张红军", "zhang-hong-jun", "", {{0, first, {}}, {1, second, {}}}});
  return a;
}

TEST(CheckConflictingPosts, DisjointPostsOnOneDayAreReportedAtTheLaterMention) {
  base::Diagnostics diags;
  check_conflicting_posts(two_articles_with({"区长"}, {"区委书记"}), diags);
  EXPECT_EQ(places(diags), "content/b.txt:7:2 check/conflicting-posts\n");
}

TEST(CheckConflictingPosts, MatchingPostsOrOtherDaysAreFine) {
  const std::vector<archive::Archive> fine = {
      two_articles_with({"区长"}, {"区长", "区委副书记"}),
      two_articles_with({"党工委书记"}, {"高新区党工委书记"}),
      two_articles_with({"区长"}, {"区委书记"}, "2023-06-04"),
      two_articles_with({"区长"}, {}),
  };
  for (const archive::Archive& a : fine) {
    base::Diagnostics diags;
    check_conflicting_posts(a, diags);
    EXPECT_TRUE(diags.items().empty()) << places(diags);
  }
}

TEST(ResolveLink, RelativeAndSiteAbsoluteLinksBecomeSitePaths) {
  const std::string page = "articles/a/index.html";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"../b/", "articles/b/index.html"},
      {"../b/index.html#top", "articles/b/index.html"},
      {"../../dates/2023/", "dates/2023/index.html"},
      {"../%E5%B8%82/", "articles/市/index.html"},
      {"/paper/districts/?q=1", "districts/index.html"},
      {"photo.jpg", "articles/a/photo.jpg"},
      {"", ""},
      {"#section", ""},
      {"https://example.org/x", ""},
      {"mailto:desk@example.org", ""},
      {"//cdn.example.org/x.js", ""},
      {"/elsewhere/x", ""},
      {"../../../../up", ""},
  };
  for (const auto& [url, expected] : cases)
    EXPECT_EQ(resolve_link(url, page, "/paper/"), expected) << url;
}

TEST(CheckMarkdown, DeadLinksAndUnsafeMarkupAreReportedAtTheirFileLines) {
  ingest::ArticleRecord r = article("a", "2023-06-03", "content/a.md");
  r.markdown =
      "正文。\n\n见[上一篇](../b/)和[不存在](../missing/)。\n\n"
      "![图](x.png)\n\n<div>raw</div>\n\n[危险](javascript:alert(1))\n";
  const render::RenderedSite site = {{"articles/a/index.html", ""}, {"articles/b/index.html", ""}};
  base::Diagnostics diags;
  check_markdown(r, {5, "articles/a/index.html", "/"}, site, diags);
  EXPECT_EQ(places(diags),
            "content/a.md:7:15 check/dead-link\n"
            "content/a.md:9:1 check/dead-link\n"
            "content/a.md:11:1 check/unsafe-markup\n"
            "content/a.md:13:1 check/unsafe-markup\n");
}

// ---- check_site on inline sites ---------------------------------------------

constexpr std::string_view kSite = R"(
-- site.json --
{"title": "检查日报", "base_url": "https://example.org/",
 "typo_map": {"千部": "干部"}}
-- content/2023/a.md --
---
title: 管城区老街改造
date: 2023-06-03
---

管城区老街改造完工，[详见此处](../nowhere/)。

千部群众都来参观。
-- content/2023/b.txt --
没有日期的稿件

本报讯 这篇稿件没有写日期。
-- content/2023/broken.txt --
)";

TEST(CheckSite, GivesTheBuildDiagnosticsAndTheLintsSortedAndWritesNothing) {
  site_test::InlineSite s(kSite, {});
  s.write_file("content/2023/broken.txt", std::string("\0\1", 2));
  BuildOptions options;
  options.root = s.root().string();
  options.templates_dir = NEWSARC_SOURCE_DIR "/templates";
  options.assets_dir = NEWSARC_SOURCE_DIR "/assets";
  base::Diagnostics diags;
  const BuildReport report = check_site(options, diags);
  EXPECT_FALSE(report.config_error);
  EXPECT_FALSE(report.wrote);
  EXPECT_FALSE(std::filesystem::exists(s.root() / "public"));
  const std::string got = places(diags);
  for (const char* expected :
       {"content/2023/a.md:6:11 check/dead-link", "content/2023/a.md:8:1 check/typo",
        "content/2023/b.txt:1:1 check/undated", "content/2023/broken.txt:1:1 text/undecodable"})
    EXPECT_NE(got.find(expected), std::string::npos) << expected << " in\n" << got;
  base::Diagnostics sorted = diags;
  sorted.sort();
  EXPECT_EQ(places(sorted), got);
}

TEST(CheckSite, ABadConfigStopsIt) {
  site_test::InlineSite s("-- site.json --\n{\"typo_map\": 3}\n", {});
  BuildOptions options;
  options.root = s.root().string();
  options.templates_dir = NEWSARC_SOURCE_DIR "/templates";
  base::Diagnostics diags;
  EXPECT_TRUE(check_site(options, diags).config_error);
  EXPECT_NE(places(diags).find("site.json:1"), std::string::npos) << places(diags);
}

}  // namespace
}  // namespace newsarc::site
