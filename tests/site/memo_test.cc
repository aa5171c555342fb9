// MemoFolder on its own: values kept whole, and values it only knows the
// place of in the output folder, read back from there while they are there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "site/cache.h"
#include "site/inline_site.h"

namespace newsarc::site {
namespace {

namespace fs = std::filesystem;
using site_test::read_all;

class MemoFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(out());
    write_output("records.json", "[\nfirst run,\nsecond run\n]\n");
  }
  fs::path out() const { return root_ / "public"; }
  fs::path memo_dir() const { return root_ / "memo"; }
  void write_output(const std::string& path, const std::string& text) const {
    std::ofstream(out() / path, std::ios::binary) << text;
  }
  MemoFolder memo(CacheMode mode = CacheMode::kUse) const {
    return MemoFolder(memo_dir(), out(), mode);
  }
  static std::string value_of(MemoFolder& m, std::uint64_t key) {
    auto value = m.get(key);
    return value ? std::string(value->bytes) : "(none)";
  }
  std::uint64_t memo_bytes() const {
    std::uint64_t n = 0;
    for (const auto& entry : fs::directory_iterator(memo_dir())) n += entry.file_size();
    return n;
  }

  site_test::TempDir tmp_;
  const fs::path root_ = tmp_.path();
};

TEST_F(MemoFolderTest, AValueIsKeptWholeOrReadBackFromWhereTheOutputHoldsIt) {
  {
    MemoFolder m = memo(CacheMode::kRebuild);
    m.put(1, "kept whole");
    m.put_placed(2, "second run", "records.json", 13);
  }
  MemoFolder m = memo();
  EXPECT_EQ(value_of(m, 1), "kept whole");
  EXPECT_EQ(value_of(m, 2), "second run");
  EXPECT_EQ(value_of(m, 3), "(none)");
}

TEST_F(MemoFolderTest, APlacedValueIsNoCopyOfTheOutput) {
  const std::string run(100'000, 'x');
  write_output("big.json", "[" + run + "]");
  memo(CacheMode::kRebuild).put_placed(7, run, "big.json", 1);
  EXPECT_LT(memo_bytes(), 100u);
  MemoFolder m = memo();
  EXPECT_EQ(value_of(m, 7), run);
}

TEST_F(MemoFolderTest, APlacedValueIsNotUsedOnceTheOutputNoLongerHoldsIt) {
  memo(CacheMode::kRebuild).put_placed(2, "second run", "records.json", 13);
  {
    MemoFolder m = memo();
    EXPECT_EQ(value_of(m, 2), "second run");
  }
  write_output("records.json", "[\nfirst run,\nsecond ruin\n]\n");  // changed in place
  {
    MemoFolder m = memo();
    EXPECT_EQ(value_of(m, 2), "(none)");
  }
  write_output("records.json", "[\nfirst run\n]\n");  // shorter than the place
  {
    MemoFolder m = memo();
    EXPECT_EQ(value_of(m, 2), "(none)");
  }
  fs::remove(out() / "records.json");
  MemoFolder m = memo();
  EXPECT_EQ(value_of(m, 2), "(none)");
}

TEST_F(MemoFolderTest, APlaceOutsideTheOutputFolderIsNotRead) {
  std::ofstream(root_ / "outside.json", std::ios::binary) << "secret";
  memo(CacheMode::kRebuild).put_placed(4, "secret", "../outside.json", 0);
  MemoFolder m = memo();
  EXPECT_EQ(value_of(m, 4), "(none)");
}

TEST_F(MemoFolderTest, TheLastOutputIsReadWhileItHashesAsKept) {
  const std::string records = read_all(out() / "records.json");
  const std::uint64_t hash = base::hash_bytes(records);
  auto found = memo().last_output("records.json", hash);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->bytes, records);
  EXPECT_FALSE(memo().last_output("records.json", hash + 1).has_value());  // changed since
  EXPECT_FALSE(memo().last_output("missing.json", hash).has_value());
  EXPECT_FALSE(memo().last_output("../public/records.json", hash).has_value());
  EXPECT_FALSE(memo(CacheMode::kRebuild).last_output("records.json", hash).has_value());
}

TEST_F(MemoFolderTest, AnEntryIsRewrittenOnlyWhenTheValueMoved) {
  memo(CacheMode::kRebuild).put_placed(2, "second run", "records.json", 13);
  const fs::path entry = *fs::directory_iterator(memo_dir());
  const std::string was = read_all(entry);
  {
    MemoFolder m = memo();
    auto value = m.get(2);
    ASSERT_TRUE(value);
    m.put_placed(2, value->bytes, "records.json", 13);  // found where it was
  }
  EXPECT_EQ(read_all(entry), was);
  write_output("records.json", "[\nthe first run,\nsecond run\n]\n");
  memo().put_placed(2, "second run", "records.json", 17);  // it moved
  EXPECT_NE(read_all(entry), was);
  MemoFolder m = memo();
  EXPECT_EQ(value_of(m, 2), "second run");
}

}  // namespace
}  // namespace newsarc::site
