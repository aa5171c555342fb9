#include <gtest/gtest.h>

#include "archive/archive.h"
#include "archive/test_records.h"
#include "text/text.h"

namespace newsarc::archive {
namespace {

using testing::article;
using testing::day;
using testing::official;

const PersonEntry* find(const std::vector<PersonEntry>& people, const std::string& name) {
  for (const auto& p : people)
    if (p.name == name) return &p;
  return nullptr;
}

TEST(ArchiveOfficials, OneEntryPerNameWithThePostsOfEachArticle) {
  auto older = article("older", day(2021, 1, 14));
  older.officials = {official("张红军", {"示范区党工委书记", "管委会主任"})};
  auto newer = article("newer", day(2021, 11, 30));
  newer.officials = {official("张红军", {"示范区党工委副书记"}), official("李文", {"区长"})};
  base::Diagnostics diags;
  const Archive a = build_archive({older, newer}, {}, diags);
  ASSERT_EQ(a.officials.size(), 2u);
  const PersonEntry* zhang = find(a.officials, "张红军");
  ASSERT_NE(zhang, nullptr);
  ASSERT_EQ(zhang->appearances.size(), 2u);
  EXPECT_EQ(a.articles[zhang->appearances[0].article].id, "newer");
  EXPECT_EQ(zhang->appearances[0].titles, std::vector<std::string>{"示范区党工委副书记"});
  EXPECT_EQ(zhang->appearances[1].titles,
            (std::vector<std::string>{"示范区党工委书记", "管委会主任"}));
  EXPECT_EQ(zhang->slug, "zhang-hong-jun");
  // Pinyin order: li before zhang.
  EXPECT_EQ(a.officials[0].name, "李文");
}

TEST(ArchiveOfficials, CollidingSlugsGetSuffixesInCollationOrder) {
  // 张红军 and 章宏俊 both read zhang hong jun.
  auto one = article("one", day(2022, 5, 1));
  one.officials = {official("章宏俊", {"局长"})};
  auto two = article("two", day(2022, 5, 2));
  two.officials = {official("张红军", {"主任"})};
  const text::Collator collator;
  const bool zhang_first = std::make_pair(collator.sort_key("张红军"), std::string("张红军")) <
                           std::make_pair(collator.sort_key("章宏俊"), std::string("章宏俊"));
  for (const auto& records : {std::vector{one, two}, std::vector{two, one}}) {
    base::Diagnostics diags;
    const Archive a = build_archive(records, {}, diags);
    ASSERT_EQ(a.officials.size(), 2u);
    EXPECT_EQ(find(a.officials, "张红军")->slug,
              zhang_first ? "zhang-hong-jun" : "zhang-hong-jun-2");
    EXPECT_EQ(find(a.officials, "章宏俊")->slug,
              zhang_first ? "zhang-hong-jun-2" : "zhang-hong-jun");
  }
}

TEST(ArchiveReporters, OneIndexForAllCreditsWithTheRolePerAppearance) {
  auto a1 = article("a1", day(2023, 2, 3));
  a1.reporters = {"王小明"};
  a1.photo_credits = {"王小明", "赵青"};
  a1.correspondents = {"陈一"};
  auto a2 = article("a2", day(2023, 2, 1));
  a2.authors = {"王小明"};
  base::Diagnostics diags;
  const Archive a = build_archive({a1, a2}, {}, diags);
  ASSERT_EQ(a.reporters.size(), 3u);
  const PersonEntry* wang = find(a.reporters, "王小明");
  ASSERT_NE(wang, nullptr);
  ASSERT_EQ(wang->appearances.size(), 2u);
  EXPECT_EQ(wang->appearances[0].roles, (std::vector<Role>{Role::kReporter, Role::kPhotographer}));
  EXPECT_EQ(wang->appearances[1].roles, std::vector<Role>{Role::kAuthor});
  EXPECT_EQ(find(a.reporters, "陈一")->appearances[0].roles,
            std::vector<Role>{Role::kCorrespondent});
  EXPECT_TRUE(a.officials.empty());
}

TEST(ArchiveDistricts, GazetteerOrderOnlyWithArticlesAndConfiguredSlugs) {
  config::SiteConfig config;
  config.districts = {{"示范新区", {}, "", "shifan"},
                      {"空白街道", {}, "示范新区", ""},
                      {"东湖街道", {}, "示范新区", ""}};
  auto a1 = article("a1", day(2023, 2, 3));
  a1.districts = {"东湖街道", "示范新区"};
  auto a2 = article("a2", day(2023, 2, 4));
  a2.districts = {"示范新区", "未收录镇"};
  base::Diagnostics diags;
  const Archive a = build_archive({a1, a2}, config, diags);
  ASSERT_EQ(a.districts.size(), 3u);
  EXPECT_EQ(a.districts[0].district.name, "示范新区");
  EXPECT_EQ(a.districts[0].slug, "shifan");
  EXPECT_EQ(a.districts[0].articles, (std::vector<std::size_t>{0, 1}));  // a2 is newer
  EXPECT_EQ(a.districts[1].district.name, "东湖街道");
  EXPECT_EQ(a.districts[1].slug, "dong-hu-jie-dao");
  EXPECT_EQ(a.districts[1].district.parent, "示范新区");
  EXPECT_EQ(a.districts[2].district.name, "未收录镇");  // not in the gazetteer: last
}

}  // namespace
}  // namespace newsarc::archive
