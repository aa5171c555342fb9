// base/flat_table.h: the flat table output files and ids are indexed with.
#include "base/flat_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace newsarc::base_test {
namespace {

struct Entry {
  std::string_view path;
  int value = 0;
};
struct PathOfEntry {
  std::string_view operator()(const Entry& e) const { return e.path; }
};
using Table = base::FlatTable<Entry, PathOfEntry>;

std::vector<std::string> paths(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("articles/" + std::to_string(i) + "/index.html");
  return out;
}

TEST(FlatTable, FindsEveryItemThroughManyGrowthsAndNoOther) {
  const std::vector<std::string> keys = paths(20000);
  Table table;  // no reserve: grows from empty
  EXPECT_EQ(table.find("articles/0/index.html"), nullptr);
  for (int i = 0; i < 20000; ++i) EXPECT_TRUE(table.insert({keys[i], i}));
  EXPECT_EQ(table.size(), 20000u);
  for (int i = 0; i < 20000; ++i) {
    const Entry* e = table.find(keys[i]);
    ASSERT_NE(e, nullptr) << keys[i];
    EXPECT_EQ(e->value, i);
  }
  EXPECT_FALSE(table.contains("articles/20000/index.html"));
  EXPECT_FALSE(table.contains("articles/1/index.htm"));
  EXPECT_FALSE(table.contains(""));
}

TEST(FlatTable, InsertKeepsTheFirstItemOfAKeyAndAssignReplacesIt) {
  const std::string a = "a.html", also_a = "a.html";
  Table table;
  table.reserve(4);
  EXPECT_TRUE(table.insert({a, 1}));
  EXPECT_FALSE(table.insert({also_a, 2}));
  EXPECT_EQ(table.find("a.html")->value, 1);
  const auto [there, added] = table.try_insert({also_a, 4});
  EXPECT_FALSE(added);
  EXPECT_EQ(there, table.find("a.html"));
  EXPECT_EQ(there->value, 1);
  table.assign({also_a, 3});
  EXPECT_EQ(table.find("a.html")->value, 3);
  EXPECT_EQ(table.size(), 1u);
}

TEST(FlatTable, ForEachVisitsEachItemOnce) {
  const std::vector<std::string> keys = paths(1000);
  Table table;
  table.reserve(keys.size());
  for (int i = 0; i < 1000; ++i) table.insert({keys[i], i});
  std::multiset<int> seen;
  table.for_each([&](const Entry& e) { seen.insert(e.value); });
  ASSERT_EQ(seen.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen.count(i), 1u) << i;
}

}  // namespace
}  // namespace newsarc::base_test
