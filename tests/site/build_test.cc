// Whole builds through the inline-site harness: each test holds its site.
#include <gtest/gtest.h>

#include "site/inline_site.h"

namespace newsarc::site_test {
namespace {

// Invented text only. One page of plain text and one Markdown file.
constexpr std::string_view kTwoArticles = R"(
-- site.json --
{"title": "测试晚报", "base_url": "https://example.org/paper/"}
-- content/2023/p1.txt --
二七区新开一条公交线路

本报讯（记者 孙立群）2023年6月3日，二七区新开通一条公交线路，连接三个居民小区和一所中学。

新线路早晚高峰每十分钟一班，方便学生上下学。
-- content/2023/market.md --
---
title: 中原区夜市重新开张
date: 2023-06-10
---

中原区一处夜市经过整修后重新开张，摊位数量比原来增加了一倍。

不少市民**专程赶来**品尝小吃。
)";

TEST(Build, TextAndMarkdownFilesBecomeArticlePages) {
  auto s = build_inline_site(kTwoArticles);
  EXPECT_FALSE(s.report().config_error) << s.diagnostics_text();
  EXPECT_TRUE(s.report().wrote);
  EXPECT_EQ(s.report().sources, 2u);
  EXPECT_EQ(s.report().articles, 2u) << s.diagnostics_text();
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  EXPECT_EQ(s.output_paths("articles/", "/index.html").size(), 2u);
  const std::string bus = s.find_output("articles/", "新线路早晚高峰每十分钟一班");
  const std::string market = s.find_output("articles/", "摊位数量比原来增加了一倍");
  ASSERT_FALSE(bus.empty());
  ASSERT_FALSE(market.empty());
  s.expect_file(bus, R"(
    <h1>二七区新开一条公交线路</h1>
    ! -- content/2023/p1.txt --)");
  s.expect_file(market, R"(
    <h1>中原区夜市重新开张</h1>
    # Markdown is rendered by cmark-gfm
    <strong>专程赶来</strong>
    ! **专程赶来**
    ! title: 中原区夜市重新开张)");
  s.expect_file("index.html", "测试晚报");
  s.expect_file(site::kOutputMarker, "newsarc");
  s.expect_no_file("site.json");
}

TEST(Build, ABrokenFileIsReportedAndTheOthersAreBuilt) {
  auto s = build_inline_site(std::string(kTwoArticles) + "-- content/2023/scan.txt --\n" +
                             std::string("\0\0\xff\xfe\x01", 5) + "\n");
  s.expect_diagnostic("content/2023/scan.txt", "text/undecodable");
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 1u) << s.diagnostics_text();
  EXPECT_TRUE(s.report().wrote);
  EXPECT_EQ(s.report().articles, 2u);
  EXPECT_FALSE(s.find_output("articles/", "新线路早晚高峰每十分钟一班").empty());
}

TEST(Build, TwoBuildsGiveTheSameBytes) {
  auto first = build_inline_site(kTwoArticles);
  const auto before = first.output();
  first.rebuild();
  EXPECT_EQ(first.output(), before);
  auto elsewhere = build_inline_site(kTwoArticles);  // another temp folder
  EXPECT_EQ(elsewhere.output(), before);
}

TEST(Build, OneJobAndFourJobsGiveTheSameBytesAndDiagnostics) {
  std::string archive(kTwoArticles);
  for (int i = 1; i <= 9; ++i) {
    archive += "-- content/2022/0" + std::to_string(i) + ".txt --\n惠济区第" + std::to_string(i) +
               "批树苗栽种完成\n\n本报讯 2022年3月" + std::to_string(i) +
               "日，惠济区志愿者在河堤两侧栽种树苗，当天共栽下数百棵。\n\n"
               "工作人员表示，入夏前还会安排人员浇水养护。\n";
  }
  archive += "-- content/2022/bad.txt --\n" + std::string("\0\xff", 2) + "\n";
  auto one = build_inline_site(archive, {.jobs = 1, .base_url = {}});
  auto four = build_inline_site(archive, {.jobs = 4, .base_url = {}});
  EXPECT_GE(one.report().articles, 10u);
  EXPECT_EQ(four.output(), one.output());
  EXPECT_EQ(four.diagnostics_text(), one.diagnostics_text());
}

// `newsarc build` ends the process right after the build, so the build hands
// what it holds in memory back instead of freeing it; its output is the same.
TEST(Build, ABuildThatEndsTheProcessHandsItsMemoryBack) {
  auto freed = build_inline_site(kTwoArticles);
  EXPECT_EQ(freed.report().leftovers, nullptr);
  InlineOptions options;
  options.exit_after = true;
  auto kept = build_inline_site(kTwoArticles, options);
  EXPECT_NE(kept.report().leftovers, nullptr);
  EXPECT_EQ(kept.output(), freed.output());
  kept.write_file("content/2023/extra.txt", "管城区路灯完成更换\n\n本报讯 全区路灯已全部换新。\n");
  kept.rebuild();  // incremental: the same again
  EXPECT_NE(kept.report().leftovers, nullptr);
  EXPECT_NE(kept.output_file("index.html").find("管城区路灯完成更换"), std::string::npos);
  // A build that wrote nothing frees what it made (a writer removes its staging folder).
  auto refused =
      build_inline_site(std::string(kTwoArticles) + "-- public/notes.txt --\n私人笔记\n", options);
  EXPECT_FALSE(refused.report().wrote);
  EXPECT_EQ(refused.report().leftovers, nullptr);
}

TEST(Build, ABadConfigStopsTheBuildBeforeWriting) {
  auto s = build_inline_site(R"(
-- site.json --
{"title": "x",
 "colour": "blue"}
-- content/a.txt --
标题

正文一段。
)");
  EXPECT_TRUE(s.report().config_error);
  EXPECT_FALSE(s.report().wrote);
  s.expect_diagnostic("site.json:2", "config/unknown-key");
  s.expect_no_file("index.html");
}

TEST(Build, AFailedConfigLeavesThePreviousSiteUntouched) {
  auto s = build_inline_site(kTwoArticles);
  ASSERT_TRUE(s.report().wrote);
  const auto before = s.output();
  s.write_file("site.json", "{\"title\": \"新标题\",\n\"page_size\": \"many\"}\n");
  s.write_file("content/2023/extra.txt", "管城区路灯完成更换\n\n本报讯 全区路灯已全部换新。\n");
  s.rebuild();
  EXPECT_TRUE(s.report().config_error);
  s.expect_diagnostic("site.json:2", "config/type");
  EXPECT_EQ(s.output(), before);
}

TEST(Build, RefusesToReplaceAFolderItDidNotWrite) {
  auto s = build_inline_site(std::string(kTwoArticles) + "-- public/notes.txt --\n私人笔记\n");
  EXPECT_TRUE(s.report().config_error);
  EXPECT_FALSE(s.report().wrote);
  s.expect_diagnostic(s.report().out_dir, "site/not-ours");
  s.expect_file("notes.txt", "私人笔记");
  s.expect_no_file("index.html");
}

TEST(Build, ARebuildReplacesTheOldOutput) {
  auto s = build_inline_site(kTwoArticles);
  ASSERT_EQ(s.output_paths("articles/", "/index.html").size(), 2u);
  s.remove_file("content/2023/market.md");
  s.rebuild();
  EXPECT_EQ(s.output_paths("articles/", "/index.html").size(), 1u);
  EXPECT_TRUE(s.find_output("articles/", "摊位数量比原来增加了一倍").empty());
}

TEST(Build, ArchiveTemplatesOverrideTheBuiltInOnesFileByFile) {
  auto s = build_inline_site(std::string(kTwoArticles) +
                             "-- templates/404.mustache --\n<p>这里什么也没有</p>\n");
  s.expect_file("404.html", "<p>这里什么也没有</p>");
  s.expect_file("index.html", "测试晚报");  // still the built-in home template
}

TEST(Build, ABrokenTemplateStopsTheBuildBeforeWriting) {
  auto s = build_inline_site(std::string(kTwoArticles) +
                             "-- templates/404.mustache --\n{{#unclosed}}\n");
  EXPECT_TRUE(s.report().config_error);
  s.expect_diagnostic("templates/404.mustache", "render/template-error");
  s.expect_no_file("index.html");
}

TEST(Build, AssetsAreCopiedUnderAssets) {
  auto s =
      build_inline_site(std::string(kTwoArticles) + "-- assets/site.css --\nbody{color:red}\n" +
                        "-- assets/img/.cache --\nx\n");
  s.expect_file("assets/site.css", "body{color:red}");
  s.expect_no_file("assets/img/.cache");
}

TEST(Build, TheCommandLineBaseUrlOverridesTheConfig) {
  auto s = build_inline_site(kTwoArticles, {.jobs = 2, .base_url = "https://mirror.example.net/x"});
  EXPECT_EQ(s.report().config.base_url, "https://mirror.example.net/x/");
  s.expect_file("sitemap.xml", R"(
    https://mirror.example.net/x/
    ! https://example.org/paper/)");
}

TEST(Build, WithoutSiteJsonTheDefaultsAreUsed) {
  auto s = build_inline_site(R"(
-- content/a.txt --
上街区举办航模比赛

本报讯 2021年9月5日，上街区举办青少年航模比赛，四十多名选手参加。
)");
  EXPECT_FALSE(s.report().config_error) << s.diagnostics_text();
  EXPECT_EQ(s.report().config.title, config::SiteConfig{}.title);
  EXPECT_FALSE(s.report().config.districts.empty());  // the default gazetteer
  EXPECT_FALSE(s.find_output("articles/", "上街区举办航模比赛").empty());
}

TEST(Build, NonContentAndDotFilesAreSkipped) {
  auto s = build_inline_site(std::string(kTwoArticles) + "-- content/README.rst --\nnotes\n" +
                             "-- content/.draft.txt --\n草稿\n\n不要发布。\n");
  EXPECT_EQ(s.report().sources, 2u);
  s.expect_diagnostic("content/README.rst", "site/skip");
  EXPECT_TRUE(s.find_output("articles/", "不要发布").empty());
}

TEST(Build, PhasesAreNamedInOrder) {
  auto s = build_inline_site(kTwoArticles);
  std::vector<std::string> names;
  for (const auto& p : s.report().phases) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"read", "ingest", "index", "render", "write"}));
  EXPECT_EQ(s.report().phases[1].count, s.report().articles);
}

}  // namespace
}  // namespace newsarc::site_test
