#include "text/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace newsarc::text {
namespace {

TEST(Slugify, MakesAsciiSlugs) {
  const struct {
    const char* input;
    const char* slug;
  } cases[] = {
      {"张红军", "zhang-hong-jun"},
      {"郑州高新区", "zheng-zhou-gao-xin-qu"},
      {"Hello, World", "hello-world"},
      {"  --Hello--  ", "hello"},
      {"2023/02/12-P1_Final", "2023-02-12-p1-final"},  // a path: ASCII, no ICU
      {"張紅軍", "zhang-hong-jun"},
      {"ＡＢＣ１２", "abc12"},
      {"Café au lait", "cafe-au-lait"},
      {"C++ 程序", "c-cheng-xu"},
      {"１２３号", "123hao"},
      {"第3版", "di3ban"},
      // Han-Latin reads one character at a time, so polyphonic characters get
      // their most common reading even where a word needs another one:
      {"银行", "yin-xing"},     // a bank is yin-hang
      {"长江", "zhang-jiang"},  // the river is chang-jiang
      // ... except for a few words ICU lists explicitly.
      {"重庆", "chong-qing"},
  };
  for (const auto& c : cases) EXPECT_EQ(slugify(c.input), c.slug) << c.input;
}

TEST(Slugify, IsNeverEmpty) {
  EXPECT_EQ(slugify(""), "x");
  EXPECT_EQ(slugify("Ω"), "x3a9");
  EXPECT_EQ(slugify("——"), "x2014-2014");
}

// Two people whose names read the same: telling them apart is the archive's job.
TEST(Slugify, DifferentNamesCanShareASlug) {
  EXPECT_EQ(slugify("张红军"), slugify("章宏军"));
}

// A known name's slug is the memo's (here one ICU would not give), an
// unknown one's slugify's.
TEST(SlugMemo, GivesKnownSlugsAndLearnsNewOnes) {
  SlugMemo memo(SlugMemo::Known{{"张红军", "zhang-hong-jun-known"}});
  EXPECT_EQ(memo.slug("张红军"), "zhang-hong-jun-known");
  EXPECT_FALSE(memo.changed().has_value());  // exactly the names known
  EXPECT_EQ(memo.slug("李明"), "li-ming");
  const auto changed = memo.changed();
  ASSERT_TRUE(changed.has_value());
  EXPECT_EQ(*changed, (SlugMemo::Known{{"张红军", "zhang-hong-jun-known"}, {"李明", "li-ming"}}));
}

// What the next build needs: the names of this one, not every name ever seen.
TEST(SlugMemo, ForgetsNamesNotAskedFor) {
  SlugMemo memo(SlugMemo::Known{{"张红军", "zhang-hong-jun"}, {"王芳", "wang-fang"}});
  EXPECT_EQ(memo.slug("王芳"), "wang-fang");
  EXPECT_EQ(memo.changed(), (SlugMemo::Known{{"王芳", "wang-fang"}}));
  EXPECT_FALSE(SlugMemo().changed().has_value());
}

std::vector<std::string> sorted_by_pinyin(const Collator& collator, std::vector<std::string> v) {
  std::sort(v.begin(), v.end(), [&](const std::string& a, const std::string& b) {
    return collator.sort_key(a) < collator.sort_key(b);
  });
  return v;
}

TEST(Collator, SortsByPinyin) {
  const Collator collator;
  EXPECT_LT(collator.sort_key("艾"), collator.sort_key("白"));
  EXPECT_LT(collator.sort_key("白"), collator.sort_key("陈"));
  EXPECT_LT(collator.sort_key("陈"), collator.sort_key("张"));
  EXPECT_EQ(sorted_by_pinyin(collator, {"张红军", "陈立", "艾青山", "白雪", "白露"}),
            (std::vector<std::string>{"艾青山", "白露", "白雪", "陈立", "张红军"}));
}

TEST(Collator, SortKeysOfDifferentNamesDiffer) {
  const Collator collator;
  EXPECT_NE(collator.sort_key("张红军"), collator.sort_key("章宏军"));
  EXPECT_EQ(collator.sort_key("张红军"), collator.sort_key("张红军"));
  EXPECT_LT(collator.sort_key("张"), collator.sort_key("张红军"));  // prefix first
}

TEST(Collator, Initials) {
  const Collator collator;
  const struct {
    const char* name;
    char initial;
  } cases[] = {
      {"张红军", 'Z'}, {"艾青山", 'A'}, {"陈立", 'C'},   {"張紅軍", 'Z'},
      {"alice", 'A'},  {"Émile", 'E'},  {"“白雪”", 'B'}, {"1号楼", '#'},
      {"Ω", '#'},      {"", '#'},       {"  ", '#'},
  };
  for (const auto& c : cases) EXPECT_EQ(collator.initial(c.name), c.initial) << c.name;
}

// One Collator shared read-only by several threads gives the same answers as
// when used alone.
TEST(Collator, IsSafeToShareBetweenThreads) {
  const Collator collator;
  const std::vector<std::string> names = {"张红军", "章宏军", "艾青山", "白雪",  "陈立",
                                          "郑州",   "李明华", "Alice",  "１２号"};
  std::vector<std::string> expected;
  for (const auto& n : names)
    expected.push_back(collator.sort_key(n) + collator.initial(n) + slugify(n));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round)
        for (std::size_t i = 0; i < names.size(); ++i)
          if (collator.sort_key(names[i]) + collator.initial(names[i]) + slugify(names[i]) !=
              expected[i])
            ++mismatches[t];
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace newsarc::text
