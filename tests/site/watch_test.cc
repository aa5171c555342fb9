// Noticing source changes: snapshots of a temp folder, and the debouncer fed
// with invented times (no clock, no sleeping).
#include <gtest/gtest.h>

#include "site/inline_site.h"
#include "site/watch.h"

namespace newsarc::site_test {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = site::Debouncer::Clock;

constexpr std::string_view kFiles = R"(
-- site.json --
{}
-- content/a.txt --
甲
-- content/2023/b.md --
乙
-- content/.a.txt.swp --
editor state
-- content/a.txt~ --
backup
)";

TEST(TakeSnapshot, StampsFilesBelowFoldersAndSkipsEditorFiles) {
  InlineSite s(kFiles, {});
  const auto snapshot =
      site::take_snapshot({s.root() / "content", s.root() / "site.json", s.root() / "missing"});
  std::vector<std::string> names;
  for (const auto& [path, stamp] : snapshot) names.push_back(fs::relative(path, s.root()).string());
  EXPECT_EQ(names, (std::vector<std::string>{"content/2023/b.md", "content/a.txt", "site.json"}));
  EXPECT_EQ(snapshot.at((s.root() / "content/a.txt").string()).size, 4u);
}

TEST(TakeSnapshot, SeesAnEditAnAdditionAndARemoval) {
  InlineSite s(kFiles, {});
  const std::vector<fs::path> roots = {s.root() / "content"};
  const auto before = site::take_snapshot(roots);
  s.write_file("content/a.txt", "甲乙丙\n");
  EXPECT_NE(site::take_snapshot(roots), before);
  s.write_file("content/c.txt", "丙\n");
  const auto added = site::take_snapshot(roots);
  EXPECT_EQ(added.size(), before.size() + 1);
  s.remove_file("content/c.txt");
  EXPECT_EQ(site::take_snapshot(roots).size(), before.size());
}

TEST(WatchedPaths, AreWhatABuildReads) {
  site::BuildOptions options;
  options.root = "/srv/paper";
  options.user_templates_dir = "mine";
  options.config_path = "/etc/paper.json";
  const std::vector<fs::path> expected = {"/srv/paper/content", "/srv/paper/templates",
                                          "/srv/paper/assets", "/etc/paper.json",
                                          "/srv/paper/mine"};
  EXPECT_EQ(site::watched_paths(options), expected);
}

site::Snapshot snapshot_of(std::int64_t mtime) {
  return {{"content/a.txt", {mtime, 4}}};
}

TEST(Debouncer, RebuildsOnceAfterTheChangesSettle) {
  const Clock::time_point t0{};
  site::Debouncer d(snapshot_of(1), milliseconds(200));
  EXPECT_FALSE(d.observe(snapshot_of(1), t0));                       // nothing changed
  EXPECT_FALSE(d.observe(snapshot_of(2), t0 + milliseconds(300)));   // changed
  EXPECT_FALSE(d.observe(snapshot_of(3), t0 + milliseconds(450)));   // changed again
  EXPECT_FALSE(d.observe(snapshot_of(3), t0 + milliseconds(600)));   // quiet 150 ms
  EXPECT_TRUE(d.observe(snapshot_of(3), t0 + milliseconds(650)));    // quiet 200 ms
  EXPECT_FALSE(d.observe(snapshot_of(3), t0 + milliseconds(2000)));  // already rebuilt
}

TEST(Debouncer, ASizeChangeAloneCounts) {
  const Clock::time_point t0{};
  site::Debouncer d({{"a", {1, 4}}}, milliseconds(0));
  EXPECT_FALSE(d.observe({{"a", {1, 5}}}, t0));
  EXPECT_TRUE(d.observe({{"a", {1, 5}}}, t0));
}

}  // namespace
}  // namespace newsarc::site_test
