// The page normaliser and segmenter on invented pages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/page.h"

namespace newsarc::ingest {
namespace {

std::vector<ArticleRecord> ingest(std::string_view text, base::Diagnostics* out = nullptr) {
  base::Diagnostics diags;
  auto records = ingest_page(text, "content/p.txt", config::SiteConfig{}, diags);
  if (out) *out = diags;
  return records;
}

// Three briefs, hard-wrapped at 13 characters, the first with a headline
// printed after its byline, the others without a headline.
constexpr std::string_view kBriefs = R"(本报讯 3月5日，东湖区召开
春季植树动员会，部署全年绿
化工作，要求各单位落实责
任。

会议由林建华主持。
各街道负责人参加会议。
记者 马晓东 文/图

春风行动添新绿
东湖区部署春季植树工作

本报讯 3月 7日上午，东湖区
区长周明远调研城市更新项
目，察看老旧小区改造进度。

周明远要求加快施工进度，确
保按期交付。
记者 马晓东
通讯员 白雪 陈立

本报讯 3月 8日，东湖区举办
“巾帼建功”表彰会，表彰先进
集体和个人。记者 马晓东
)";

TEST(Segment, SplitsAtDatelines) {
  auto r = ingest(kBriefs);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].paragraphs().front().substr(0, 9), "本报讯");
  EXPECT_EQ(r[1].source_line, 13);
  EXPECT_EQ(r[2].source_line, 22);
}

TEST(Segment, HeadlineAfterBylineGoesToTheBriefItRestates) {
  auto r = ingest(kBriefs);
  ASSERT_EQ(r.size(), 3u);
  ASSERT_TRUE(r[0].title.has_value());
  EXPECT_EQ(*r[0].title, "春风行动添新绿 东湖区部署春季植树工作");
  EXPECT_EQ(r[0].subtitle.value_or(""), "春风行动添新绿");
  EXPECT_FALSE(r[1].title.has_value());
  EXPECT_FALSE(r[2].title.has_value());
}

TEST(Segment, UntitledBriefGetsADerivedDisplayTitle) {
  auto r = ingest(kBriefs);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].display_title, "东湖区区长周明远调研城市更新项目");
}

TEST(Reflow, JoinsWrappedLinesAndBreaksAfterShortSentenceEnd) {
  auto r = ingest(kBriefs);
  ASSERT_EQ(r.size(), 3u);
  std::vector<std::string> want = {
      "本报讯 3月5日，东湖区召开春季植树动员会，部署全年绿化工作，要求各单位落实责任。",
      "会议由林建华主持。", "各街道负责人参加会议。"};
  EXPECT_EQ(r[0].paragraphs(), want);
}

TEST(Credits, BylinesOnOneAndTwoLinesAndGlued) {
  auto r = ingest(kBriefs);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].reporters, std::vector<std::string>{"马晓东"});
  EXPECT_EQ(r[0].photo_credits, std::vector<std::string>{"马晓东"});
  EXPECT_EQ(r[1].correspondents, (std::vector<std::string>{"白雪", "陈立"}));
  EXPECT_EQ(r[2].reporters, std::vector<std::string>{"马晓东"});
  EXPECT_EQ(r[2].paragraphs().back().substr(r[2].paragraphs().back().size() - 3), "。");
}

TEST(Credits, CreditLineTable) {
  struct Case {
    std::string line;
    bool ok;
    std::vector<std::string> reporters, correspondents, authors, photos;
  };
  std::vector<Case> cases = {
      {"记者 张三", true, {"张三"}, {}, {}, {}},
      {"本报记者 张三 李四 通讯员 王五", true, {"张三", "李四"}, {"王五"}, {}, {}},
      {"记者 张三 文/图", true, {"张三"}, {}, {}, {"张三"}},
      {"通讯员 王五 赵六图", true, {}, {"王五", "赵六"}, {}, {"赵六"}},
      {"▶ 钱小七", true, {}, {}, {"钱小七"}, {}},
      {"东湖区某某街道 供图", true, {}, {}, {}, {"东湖区某某街道"}},
      {"张三 摄", true, {}, {}, {"张三"}, {"张三"}},
      {"记者会上，张三介绍", false, {}, {}, {}, {}},
      {"春风行动添新绿", false, {}, {}, {}, {}},
      {"文明城市创建", false, {}, {}, {}, {}},
  };
  for (const Case& c : cases) {
    Credits got;
    EXPECT_EQ(parse_credit_line(c.line, got), c.ok) << c.line;
    if (!c.ok) continue;
    EXPECT_EQ(got.reporters, c.reporters) << c.line;
    EXPECT_EQ(got.correspondents, c.correspondents) << c.line;
    EXPECT_EQ(got.authors, c.authors) << c.line;
    EXPECT_EQ(got.photo_credits, c.photos) << c.line;
  }
}

TEST(Credits, GluedCreditNeedsASentenceEnd) {
  Credits c;
  EXPECT_EQ(strip_glued_credit("工作取得实效。记者 张三", c), "工作取得实效。");
  EXPECT_EQ(c.reporters, std::vector<std::string>{"张三"});
  Credits none;
  EXPECT_EQ(strip_glued_credit("据记者张三介绍", none), "据记者张三介绍");
  EXPECT_TRUE(none.empty());
}

// A feature: headline, "——" subtitle, author mark, section headings, a
// paragraph cut by a column break, a duplicated paragraph and a caption
// block repeated down the page.
constexpr std::string_view kFeature = R"(

奋进新时代 建设新东湖

——东湖区高质量发展纪实

▶ 吕文涛

2024年是东湖区撤县设区十周年。十年来，东湖区坚持创新驱动，经济总量翻了一番。

科技创新 点燃发展引擎

东湖区持续加大研发投入，全区高新技术企业达到三百余家，一批重点实验室

相继落地，为产业升级提供了有力支撑。

东湖区把民生实事作为检验发展成效的重要标尺，办好了一批群众身边的实事。

东湖区把民生实事作为检验发展成效的重要标尺，办好了一批群众身边的实事。

民生优先 共享发展成果

东湖区新建公园绿地二十余处，群众幸福感持续增强。

“迎新春”书画展
东湖区文化馆

2024.1.8

“迎新春”书画展
东湖区文化馆

2024.1.8

“迎新春”书画展
东湖区文化馆

2024.1.8

“迎新春)";

TEST(Feature, HeadlineSubtitleAuthorAndSections) {
  auto r = ingest(kFeature);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].title.value_or(""), "奋进新时代 建设新东湖——东湖区高质量发展纪实");
  EXPECT_EQ(r[0].subtitle.value_or(""), "——东湖区高质量发展纪实");
  EXPECT_EQ(r[0].authors, std::vector<std::string>{"吕文涛"});
  EXPECT_EQ(r[0].section_headings,
            (std::vector<std::string>{"科技创新 点燃发展引擎", "民生优先 共享发展成果"}));
}

TEST(Feature, ColumnBreakIsJoined) {
  auto r = ingest(kFeature);
  ASSERT_EQ(r.size(), 1u);
  bool joined = false;
  for (const auto& p : r[0].paragraphs())
    joined |= p.find("重点实验室相继落地") != std::string::npos;
  EXPECT_TRUE(joined);
}

TEST(Repair, DuplicateParagraphKeptOnceWithARepair) {
  base::Diagnostics diags;
  auto r = ingest(kFeature, &diags);
  ASSERT_EQ(r.size(), 1u);
  int copies = 0;
  for (const auto& p : r[0].paragraphs()) copies += p.starts_with("东湖区把民生实事");
  EXPECT_EQ(copies, 1);
  bool reported = false;
  for (const auto& d : diags.items())
    reported |= d.code == "ingest/duplicate-paragraph" && d.line == 19;
  EXPECT_TRUE(reported);
}

TEST(Repair, RepeatedCaptionBlockBecomesOneCaption) {
  base::Diagnostics diags;
  auto r = ingest(kFeature, &diags);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].captions, std::vector<std::string>{"“迎新春”书画展 东湖区文化馆 2024.1.8"});
  for (const auto& p : r[0].paragraphs()) EXPECT_EQ(p.find("书画展"), std::string::npos) << p;
  bool reported = false;
  for (const auto& d : diags.items()) reported |= d.code == "ingest/repeated-block" && d.line == 25;
  EXPECT_TRUE(reported);
  ASSERT_FALSE(r[0].repairs.empty());
}

// The extraction scatters spaces differently over the copies; the report
// quotes the first 24 characters of the text without them.
TEST(Repair, CopiesThatDifferOnlyInSpacesAreOneParagraph) {
  constexpr std::string_view page =
      "本报讯 5月2日，东湖区召开防汛工作会议。\n\n"
      "东湖区\u3000把民生实事 作为检验发展成效的重要标尺，办好了一批群众身边的实事。\n\n"
      "东湖区把民生实事作为检验\t发展成效的重要标尺，办好了一批群众身边的实事。\n";
  base::Diagnostics diags;
  auto r = ingest(page, &diags);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].paragraphs().size(), 2u);
  EXPECT_TRUE(r[0].paragraphs()[1].starts_with("东湖区\u3000把民生实事 作为"));  // the first copy
  std::vector<std::string> reports;
  for (const auto& d : diags.items())
    if (d.code == "ingest/duplicate-paragraph") reports.push_back(d.message);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports[0].ends_with("：东湖区把民生实事作为检验发展成效的重要标尺，办好") ||
              reports[0].ends_with(": 东湖区把民生实事作为检验发展成效的重要标尺，办好"))
      << reports[0];
}

TEST(Repair, NearDuplicateIsKept) {
  constexpr std::string_view page = R"(本报讯 5月2日，东湖区召开防汛工作会议，部署汛前准备工作。

5月3日，区长周明远带队检查排水设施，要求立即整改发现的问题。

5月4日，区长周明远带队检查排水设施，要求立即整改发现的问题。
)";
  auto r = ingest(page);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].paragraphs().size(), 3u);
}

// Markdown headings: "##" kicker over "#" title opens an article, "###" is a
// section, a glued byline does not end the article.
constexpr std::string_view kMarkdownPage = R"(## 凝心聚力谋发展

# 东湖区召开年度工作会议

1月9日,东湖区召开年度工作会议,总结去年工作。

会议由区委书记林建华主持。记者 马晓东

### 明确目标 压实责任

林建华要求各部门明确目标任务。

## 东湖区会见某某科技公司客人

本报讯 1月10日,东湖区区长周明远会见客人一行,双方就合作进行交流。记者 马晓东
)";

TEST(Markdown, KickerTitleAndSections) {
  auto r = ingest(kMarkdownPage);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].title.value_or(""), "凝心聚力谋发展 东湖区召开年度工作会议");
  EXPECT_EQ(r[0].subtitle.value_or(""), "凝心聚力谋发展");
  EXPECT_EQ(r[0].section_headings, std::vector<std::string>{"明确目标 压实责任"});
  EXPECT_EQ(r[0].paragraphs().back(), "林建华要求各部门明确目标任务。");
  EXPECT_EQ(r[0].reporters, std::vector<std::string>{"马晓东"});
  EXPECT_EQ(r[1].title.value_or(""), "东湖区会见某某科技公司客人");
}

TEST(Ingest, EmptyPageGivesNoRecord) {
  EXPECT_TRUE(ingest("\n\n").empty());
}

TEST(Ingest, IdsAreStableAsciiAndUnique) {
  auto r = ingest(kBriefs);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].id, "p-1");
  EXPECT_EQ(r[2].id, "p-3");
  EXPECT_EQ(ingest(kBriefs)[1].id, r[1].id);
}

}  // namespace
}  // namespace newsarc::ingest
