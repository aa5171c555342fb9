// output.bin written in two steps: staged beside its file, then committed.
#include <gtest/gtest.h>

#include <filesystem>
#include <iterator>

#include "site/cache.h"
#include "site/inline_site.h"

namespace newsarc::site {
namespace {

namespace fs = std::filesystem;

// A build writes the next state while its folder is swapped in: a staged
// state is read by no build until it is committed, and one not used is
// removed, leaving the state in place as it was.
TEST(OutputStateFile, AStagedStateCountsOnlyOnceCommitted) {
  site_test::TempDir tmp;
  const fs::path dir = tmp.path() / "cache";
  OutputState state;
  state.out_dir = "/site/public";
  state.stamp = 7;
  ASSERT_TRUE(stage_output_state(dir, state, StateOf::kLive));
  EXPECT_FALSE(load_output_state(dir, StateOf::kLive).has_value());
  commit_output_state(dir, StateOf::kLive, true);
  auto live = load_output_state(dir, StateOf::kLive);
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->stamp, 7u);
  state.stamp = 8;
  ASSERT_TRUE(stage_output_state(dir, state, StateOf::kLive));
  commit_output_state(dir, StateOf::kLive, false);
  live = load_output_state(dir, StateOf::kLive);
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->stamp, 7u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace newsarc::site
