// People: names, title chains and classification one fact per line; the
// article-level rules in examples/people.txt.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/example_records.h"
#include "ingest/examples_runner.h"
#include "ingest/extract_chars.h"
#include "ingest/extract_people.h"
#include "ingest/metadata.h"
#include "text/text.h"

namespace newsarc::ingest {
namespace {

TEST(Surnames, KnowsSingleAndTwoCharacterSurnames) {
  EXPECT_EQ(people::surname_length(U"张三"), 1u);
  EXPECT_EQ(people::surname_length(U"栗正"), 1u);
  EXPECT_EQ(people::surname_length(U"欧阳春晓"), 2u);
  EXPECT_EQ(people::surname_length(U"诸葛明"), 2u);
  EXPECT_EQ(people::surname_length(U"上官云"), 2u);
  EXPECT_EQ(people::surname_length(U"和分管"), 0u);
  EXPECT_EQ(people::surname_length(U"全面"), 0u);
  EXPECT_EQ(people::surname_length(U""), 0u);
}

// The name that starts the text, read with the whole text as its article.
std::string name_at_start(std::string_view text) {
  std::u32string s = text::to_u32(text);
  const people::NameIndex index(s);
  return text::to_utf8(std::u32string_view(s).substr(0, people::choose_name_length(s, 0, index)));
}

TEST(ChooseNameLength, FindsWhereTheNameEnds) {
  struct Case {
    std::string_view text;
    std::string_view expected;
  };
  const Case cases[] = {
      {"张红旗会见客商", "张红旗"},
      {"郭立明作工作部署", "郭立明"},
      {"王伟主持会议", "王伟"},
      {"陈伟表示", "陈伟"},
      {"李强调研企业", "李强"},
      {"王建强主持会议，王建强表示", "王建强"},
      {"黄毅，因劳累", "黄毅"},
      {"孙立新有关筹备工作的汇报", "孙立新"},
      {"欧阳景和在会上讲话", "欧阳景和"},
      {"王伟和李强出席", "王伟"},
      {"王伟会见客商", "王伟"},
      {"崔会莉出席", "崔会莉"},
      {"李会、科长", "李会"},
      {"高度重视", ""},
      {"常务副区长", ""},
      {"党工委", ""},
      {"赵丹，", "赵丹"},
  };
  for (const Case& c : cases) EXPECT_EQ(name_at_start(c.text), c.expected) << c.text;
}

// Every offset where `name` occurs in `text`, overlapping ones included.
std::vector<std::size_t> naive_find(std::u32string_view text, std::u32string_view name) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + name.size() <= text.size(); ++i)
    if (text.substr(i, name.size()) == name) out.push_back(i);
  return out;
}

// The first finds scan the text, later ones use the index: both must give
// every mention, including one that overlaps another and one at the end.
TEST(NameIndex, ScanningAndIndexingFindTheSameMentions) {
  const std::u32string text =
      U"王伟主持会议，王伟强表示：欧阳景和、欧阳景和张三。李强李强调研。王伟\n"
      U"陈伟、刘洋、赵丹、孙立新、周杰、吴敏出席。刘洋，赵丹；吴吴吴；王伟";
  const std::vector<std::u32string> names = {
      U"王伟", U"王伟强", U"欧阳景和", U"欧阳景", U"李强",   U"李强调", U"陈伟", U"刘洋",
      U"赵丹", U"孙立新", U"周杰",     U"吴敏",   U"钱多多", U"张三",   U"吴吴"};
  const people::NameIndex shared(text);
  for (int round = 0; round < 2; ++round) {  // the second round is all index
    for (const std::u32string& name : names) {
      const auto expected = naive_find(text, name);
      EXPECT_EQ(shared.find(name), expected) << text::to_utf8(name) << " round " << round;
      EXPECT_EQ(people::NameIndex(text).find(name), expected) << text::to_utf8(name);
    }
  }
  EXPECT_EQ(naive_find(text, U"王伟").size(), 4u);  // the test text has what it claims
  EXPECT_EQ(naive_find(text, U"欧阳景和").size(), 2u);
  EXPECT_EQ(naive_find(text, U"吴吴"),
            (std::vector<std::size_t>{text.find(U"吴吴吴"), text.find(U"吴吴吴") + 1}));
}

TEST(WordsByChar, GroupsWordsByTheirEdgeInListOrder) {
  using chars::WordsByChar;
  constexpr std::u32string_view kWords[] = {U"副书记", U"主任", U"书记", U"▶甲", U"ab", U"记录"};
  auto list = [](std::span<const std::u32string_view> words) {
    return std::vector<std::u32string_view>(words.begin(), words.end());
  };
  const WordsByChar by_last(kWords, WordsByChar::Edge::kLast);
  EXPECT_EQ(list(by_last.with(U'记')), (std::vector<std::u32string_view>{U"副书记", U"书记"}));
  EXPECT_EQ(list(by_last.with(U'任')), (std::vector<std::u32string_view>{U"主任"}));
  EXPECT_EQ(list(by_last.with(U'b')), (std::vector<std::u32string_view>{U"ab"}));
  EXPECT_TRUE(by_last.with(U'书').empty());
  EXPECT_TRUE(by_last.with(U'x').empty());
  const WordsByChar by_first(kWords, WordsByChar::Edge::kFirst);
  EXPECT_EQ(list(by_first.with(U'▶')), (std::vector<std::u32string_view>{U"▶甲"}));  // below U+3000
  EXPECT_EQ(list(by_first.with(U'记')), (std::vector<std::u32string_view>{U"记录"}));
  EXPECT_EQ(list(by_first.with(U'书')), (std::vector<std::u32string_view>{U"书记"}));
  EXPECT_TRUE(by_first.with(U'\U00020000').empty());  // beyond the table, in no group
}

TEST(Posts, EndAndStartAtTheLongestPost) {
  std::u32string s = U"党工委副书记张三";
  EXPECT_EQ(people::post_ending_at(s, 6), 3u);  // 副书记
  EXPECT_EQ(people::post_ending_at(s, 5), 0u);
  EXPECT_EQ(people::post_starting_at(U"副总经理首先", 0), 4u);
  EXPECT_EQ(people::leader_post_at(U"总书记重要讲话", 0), 3u);
  EXPECT_EQ(people::role_ending_at(U"居民韩", 2), 2u);
}

// The title chain printed before the name that starts at `name`.
std::string chain_before(std::string_view text, std::string_view name) {
  std::u32string s = text::to_u32(text);
  std::size_t end = s.find(text::to_u32(name));
  return text::to_utf8(std::u32string_view(s).substr(people::title_chain_begin(s, end, 0),
                                                     end - people::title_chain_begin(s, end, 0)));
}

TEST(TitleChain, StartsAfterWhatIntroducesThePerson) {
  struct Case {
    std::string_view text, name, expected;
  };
  const Case cases[] = {
      {"会议由区党工委书记李文涛主持", "李文涛", "区党工委书记"},
      {"本报讯 3月5日，高新区党工委书记李文涛会见", "李文涛", "高新区党工委书记"},
      {"二十多天的市公安局刑侦大队负责人黄毅", "黄毅", "市公安局刑侦大队负责人"},
      {"正如高新区党工委副书记、管委会主任赵明轩所说", "赵明轩", "高新区党工委副书记、管委会主任"},
      {"会见专家组成员、物流学会常务理事吴启航", "吴启航", "专家组成员、物流学会常务理事"},
      {"主任周海燕、总经济师孙立新", "孙立新", "总经济师"},
      {"省工信厅、市工信局局长王冰", "王冰", "市工信局局长"},
      {"市住房和城乡建设局局长王冰", "王冰", "市住房和城乡建设局局长"},
      {"“很好。”枫杨办事处党工委副书记李广文表示", "李广文", "枫杨办事处党工委副书记"},
  };
  for (const Case& c : cases) EXPECT_EQ(chain_before(c.text, c.name), c.expected) << c.text;
}

TEST(SplitTitles, SplitsOnlyAtTheEnumerationComma) {
  EXPECT_EQ(people::split_titles(U"高新区党工委副书记、管委会主任"),
            (std::vector<std::u32string>{U"高新区党工委副书记", U"管委会主任"}));
  EXPECT_EQ(people::split_titles(U"领导小组副组长兼办公室主任"),
            (std::vector<std::u32string>{U"领导小组副组长兼办公室主任"}));
}

TEST(CompanyPosts, TellCompaniesFromPublicBodies) {
  EXPECT_TRUE(people::is_company_post(U"华晟科技有限公司党委书记"));
  EXPECT_TRUE(people::is_company_post(U"三磨所总经理助理"));
  EXPECT_TRUE(people::is_company_post(U"嵩山理工大学副校长"));
  EXPECT_TRUE(people::is_company_post(U"河南省物流协会会长"));
  EXPECT_TRUE(people::is_company_post(U"市第三人民医院院长"));
  EXPECT_FALSE(people::is_company_post(U"实验小学党支部书记"));
  EXPECT_FALSE(people::is_company_post(U"市工信局总会计师"));
  EXPECT_FALSE(people::is_company_post(U"总经济师"));
}

nlohmann::json people_json(const std::vector<Person>& people) {
  nlohmann::json out = nlohmann::json::array();
  for (const Person& p : people) out.push_back({{"name", p.name}, {"titles", p.titles}});
  return out;
}

nlohmann::json people_result(std::string_view input) {
  testing::ExamplePage page = testing::parse_example_page(input);
  ArticleRecord& r = page.articles.at(0);
  find_people(r);
  return {{"officials", people_json(r.officials)}, {"other_people", people_json(r.other_people)}};
}

TEST(FindPeople, FollowsTheExamples) {
  auto failures =
      testing::run_examples(NEWSARC_SOURCE_DIR "/tests/ingest/examples/people.txt", people_result);
  EXPECT_TRUE(failures.empty()) << testing::format_failures(failures);
}

TEST(FindPeople, RecordsTheLineOfTheFirstMentionWithAPost) {
  testing::ExamplePage page =
      testing::parse_example_page("李文涛会见客商。\n\n区长李文涛表示欢迎。\n");
  find_people(page.articles[0]);
  ASSERT_EQ(page.articles[0].officials.size(), 1u);
  EXPECT_EQ(page.articles[0].officials[0].span.line, 3);
}

TEST(FindPeople, KeepsFrontMatterOfficialsAndFillsTheirTitlesFromTheBody) {
  testing::ExamplePage page = testing::parse_example_page(
      "高新区党工委书记李文涛、管委会主任赵明轩出席。华晟公司总经理钱志远介绍情况。\n");
  ArticleRecord& r = page.articles[0];
  r.officials = {Person{"李文涛", {}, {}}, Person{"周海燕", {"区长"}, {}}};
  find_people(r);
  EXPECT_EQ(people_json(r.officials), (nlohmann::json::parse(R"([
      {"name": "李文涛", "titles": ["高新区党工委书记"]},
      {"name": "周海燕", "titles": ["区长"]}])")));
  EXPECT_EQ(people_json(r.other_people), (nlohmann::json::parse(R"([
      {"name": "赵明轩", "titles": ["管委会主任"]},
      {"name": "钱志远", "titles": ["华晟公司总经理"]}])")));
}

}  // namespace
}  // namespace newsarc::ingest
