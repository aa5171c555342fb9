#include "archive/archive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "archive/indexes.h"
#include "archive/test_records.h"
#include "text/text.h"

namespace newsarc::archive {
namespace {

using testing::article;
using testing::day;
using testing::month;
using testing::undated;
using testing::year;

std::vector<std::string> ids_of(const Archive& a) {
  std::vector<std::string> ids;
  for (const auto& r : a.articles) ids.push_back(r.id);
  return ids;
}

std::vector<ArticleRecord> mixed_precision_records() {
  return {article("h", undated()),         article("b", day(2023, 2, 12)),
          article("c", month(2023, 2)),    article("e", year(2023)),
          article("a", day(2023, 2, 12)),  article("g", undated()),
          article("f", day(2022, 12, 31)), article("i", day(2023, 3, 1)),
          article("d", day(2023, 2, 28))};
}

TEST(ArchiveOrder, NewestFirstMonthAfterItsDaysYearAfterItsMonthsUndatedLast) {
  base::Diagnostics diags;
  const Archive a = build_archive(mixed_precision_records(), {}, diags);
  const std::vector<std::string> expected = {"i", "d", "a", "b", "c", "e", "f", "g", "h"};
  EXPECT_EQ(ids_of(a), expected);
  EXPECT_TRUE(diags.items().empty());
}

TEST(ArchiveOrder, DoesNotDependOnInputOrder) {
  base::Diagnostics diags;
  const auto reference = ids_of(build_archive(mixed_precision_records(), {}, diags));
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    auto records = mixed_precision_records();
    std::shuffle(records.begin(), records.end(), rng);
    EXPECT_EQ(ids_of(build_archive(records, {}, diags)), reference) << "round " << round;
  }
}

TEST(ArchiveOrder, PrecisionDecidesWhichPartsCount) {
  // A month-precision date with a stray day must still sort as a month.
  ingest::PartialDate stray = month(2023, 2);
  stray.day = 27;
  EXPECT_TRUE(newer_first(article("z", day(2023, 2, 1)), article("a", stray)));
  EXPECT_TRUE(newer_first(article("a", day(2023, 2, 1)), article("b", day(2023, 2, 1))));
  EXPECT_FALSE(newer_first(article("a", day(2023, 2, 1)), article("a", day(2023, 2, 1))));
}

TEST(ArchiveDates, BucketsByKnownParts) {
  base::Diagnostics diags;
  const Archive a = build_archive(mixed_precision_records(), {}, diags);
  auto ids = [&](const std::vector<std::size_t>& idx) {
    std::vector<std::string> out;
    for (auto i : idx) out.push_back(a.articles[i].id);
    return out;
  };
  EXPECT_EQ(ids(a.by_date.at(2023).at(2).at(12)), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ids(a.by_date.at(2023).at(2).at(0)), (std::vector<std::string>{"c"}));
  EXPECT_EQ(ids(a.by_date.at(2023).at(0).at(0)), (std::vector<std::string>{"e"}));
  EXPECT_EQ(ids(a.by_date.at(2022).at(12).at(31)), (std::vector<std::string>{"f"}));
  EXPECT_EQ(ids(a.undated), (std::vector<std::string>{"g", "h"}));
  EXPECT_EQ(a.by_date.count(0), 0u);
}

TEST(ArchiveIds, DuplicateIdIsACollisionNamingBothSources) {
  auto first = article("same", day(2023, 1, 2));
  first.source_path = "content/one.txt";
  first.source_line = 3;
  auto second = article("same", day(2023, 1, 5));
  second.source_path = "content/two.txt";
  second.source_line = 17;
  base::Diagnostics diags;
  const Archive a = build_archive({first, second}, {}, diags);
  ASSERT_EQ(a.articles.size(), 1u);
  EXPECT_EQ(a.articles[0].source_path, "content/one.txt");
  ASSERT_EQ(diags.items().size(), 1u);
  const auto& d = diags.items()[0];
  EXPECT_EQ(d.code, "archive/path-collision");
  EXPECT_EQ(d.severity, base::Severity::kError);
  EXPECT_EQ(d.path, "content/two.txt");
  EXPECT_EQ(d.line, 17);
  EXPECT_NE(d.message.find("content/one.txt:3"), std::string::npos);
  EXPECT_NE(d.message.find("content/two.txt:17"), std::string::npos);
}

// Records in batches (a source's each, as the build ingests them) give the
// archive the same records as one list of them in the same order: the
// first of an id is kept, wherever the batches are cut.
TEST(ArchiveIds, BatchesGiveWhatOneListGives) {
  auto records = mixed_precision_records();
  auto later = article("a", day(2024, 1, 1));  // a collision, and newer than all
  later.source_path = "content/later.txt";
  records.insert(records.begin() + 5, later);
  records.push_back(article("../x", day(2023, 2, 12)));  // skipped
  base::Diagnostics one_list;
  const Archive reference = build_archive(records, {}, one_list);
  ASSERT_EQ(one_list.items().size(), 2u);
  for (std::size_t cut : {1u, 2u, 3u, 5u}) {
    std::vector<std::vector<ArticleRecord>> batches;
    for (std::size_t i = 0; i < records.size(); i += cut)
      batches.emplace_back(
          records.begin() + static_cast<std::ptrdiff_t>(i),
          records.begin() + static_cast<std::ptrdiff_t>(std::min(records.size(), i + cut)));
    batches.insert(batches.begin() + 1, std::vector<ArticleRecord>{});  // a source without any
    base::Diagnostics diags;
    const Archive a = build_archive(std::move(batches), {}, diags);
    EXPECT_EQ(ids_of(a), ids_of(reference)) << cut;
    for (const auto& r : a.articles) EXPECT_NE(r.source_path, "content/later.txt") << cut;
    ASSERT_EQ(diags.items().size(), one_list.items().size()) << cut;
    for (std::size_t k = 0; k < diags.items().size(); ++k)
      EXPECT_EQ(diags.items()[k].message, one_list.items()[k].message) << cut;
  }
}

// The articles of a day are in id order, as std::string orders ids, long
// ones that share their first bytes and prefixes of others too.
TEST(ArchiveOrder, ADaysArticlesInIdOrder) {
  std::vector<std::string> ids = {"2023-02-12-page3-article-9",  "2023-02-12-page3-article-10",
                                  "2023-02-12-page3-article",    "2023-02-12-page3-articl",
                                  "2023-02-12-page3-article-9x", "2023-02-12",
                                  "2023-02-12-page3-article-1",  "Z",
                                  "2023-02-12-page3-article-99"};
  std::vector<ArticleRecord> records;
  for (const auto& id : ids) records.push_back(article(id, day(2023, 2, 12)));
  std::mt19937 rng(3);
  std::shuffle(records.begin(), records.end(), rng);
  base::Diagnostics diags;
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids_of(build_archive(records, {}, diags)), ids);
}

// taken_from names, for each article, its place among the records given.
TEST(ArchiveIds, TakenFromNamesEachArticlesPlaceInTheInput) {
  auto records = mixed_precision_records();
  records.insert(records.begin() + 2, article("a", day(2020, 1, 1)));  // a later "a": skipped
  std::vector<std::vector<ArticleRecord>> batches = {
      {records.begin(), records.begin() + 3}, {}, {records.begin() + 3, records.end()}};
  base::Diagnostics diags;
  std::vector<std::size_t> taken_from;
  const Archive a = build_archive(std::move(batches), {}, diags, nullptr, &taken_from);
  ASSERT_EQ(taken_from.size(), a.articles.size());
  for (std::size_t i = 0; i < a.articles.size(); ++i) {
    EXPECT_EQ(records[taken_from[i]].id, a.articles[i].id) << i;
    EXPECT_EQ(records[taken_from[i]].date, a.articles[i].date) << i;
  }
}

TEST(ArchiveIds, IdsThatCannotBeFoldersAreSkipped) {
  struct Case {
    const char* id;
    bool kept;
  };
  const Case cases[] = {{"2023-02-12-p3-1", true}, {"a_b.c", true}, {"", false},   {"..", false},
                        {"../x", false},           {"a b", false},  {"a/b", false}};
  for (const auto& c : cases) {
    base::Diagnostics diags;
    const Archive a = build_archive({article(c.id, day(2023, 1, 1))}, {}, diags);
    EXPECT_EQ(a.articles.size(), c.kept ? 1u : 0u) << c.id;
    EXPECT_EQ(diags.items().size(), c.kept ? 0u : 1u) << c.id;
    if (!c.kept) {
      EXPECT_EQ(diags.items()[0].code, "archive/bad-id");
    }
  }
}

TEST(ArchiveSlugs, TakenSlugsGetTheNextFreeSuffix) {
  struct Case {
    std::vector<std::string> in, out;
  };
  const Case cases[] = {
      {{"a", "b"}, {"a", "b"}},
      {{"a", "a", "a"}, {"a", "a-2", "a-3"}},
      {{"a", "a", "a-2"}, {"a", "a-3", "a-2"}},  // a natural "a-2" keeps its slug
  };
  for (const auto& c : cases) {
    auto slugs = c.in;
    std::vector<std::string*> ptrs;
    for (auto& s : slugs) ptrs.push_back(&s);
    make_slugs_unique(ptrs);
    EXPECT_EQ(slugs, c.out);
  }
}

}  // namespace
}  // namespace newsarc::archive
