// records.json through a memo: the file is told to the memo run by run, with
// where it holds each run, so a memo need not keep a copy of it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "render/render_fixture.h"

namespace newsarc::render {
namespace {

// A memo that holds nothing and notes where it is told each value lies.
class PlacesMemo : public Memo {
 public:
  struct Place {
    std::string path;
    std::uint64_t offset = 0;
    std::string value;
  };
  std::optional<SharedBytes> get(std::uint64_t /*key*/) override { return std::nullopt; }
  void put(std::uint64_t /*key*/, std::string_view /*value*/) override { ++copies; }
  void put_placed(std::uint64_t /*key*/, std::string_view value, std::string_view path,
                  std::uint64_t offset) override {
    places.push_back({std::string(path), offset, std::string(value)});
  }
  std::vector<Place> places;
  int copies = 0;
};

// The records.json of `archive` rendered with `reuse`.
std::string records_json(const archive::Archive& archive, const Reuse& reuse) {
  base::Diagnostics diags;
  const SiteRenderer renderer(archive, testing::test_config(), testing::real_templates(), diags, 1,
                              &reuse);
  std::string out;
  for (std::size_t i = 0; i < renderer.size(); ++i) {
    if (renderer.name(i) != "records.json") continue;
    renderer.render(
        i, 0,
        [&](const std::string& path, FileBytes bytes) {
          if (path == "records.json") out = std::move(bytes).join();
        },
        diags);
  }
  return out;
}

TEST(RecordsJson, TellsTheMemoWhereTheFileHoldsEachRunOfRecords) {
  std::vector<ingest::ArticleRecord> records;
  for (int i = 0; i < 1100; ++i)  // January and February: a run each
    records.push_back(
        testing::article("a" + std::to_string(i), testing::day(2023, i < 550 ? 1 : 2, 1 + i % 28)));
  base::Diagnostics diags;
  const archive::Archive archive =
      archive::build_archive(std::move(records), testing::test_config(), diags);
  PlacesMemo memo;
  const Reuse reuse{&memo, std::vector<std::uint64_t>(archive.articles.size(), 7)};
  const std::string file = records_json(archive, reuse);
  ASSERT_EQ(memo.places.size(), 2u);
  for (const PlacesMemo::Place& p : memo.places) {
    EXPECT_EQ(p.path, "records.json");
    EXPECT_EQ(file.substr(p.offset, p.value.size()), p.value) << p.offset;
    EXPECT_TRUE(p.value.starts_with("{\"authors\":")) << p.value.substr(0, 40);
  }
  EXPECT_EQ(memo.copies, 0);
}

}  // namespace
}  // namespace newsarc::render
