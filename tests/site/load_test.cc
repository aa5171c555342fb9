// Finding, reading and ingesting content files (no rendering).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "site/files.h"
#include "site/inline_site.h"
#include "site/site.h"

namespace newsarc::site {
namespace {

namespace fs = std::filesystem;

class LoadTest : public ::testing::Test {
 protected:
  void touch(const std::string& path, const std::string& text = "x\n") {
    fs::create_directories((root_ / path).parent_path());
    std::ofstream(root_ / path, std::ios::binary) << text;
  }
  std::vector<std::string> list(const std::string& dir, base::Diagnostics& diags) {
    std::vector<std::string> names;
    for (const auto& f : list_files(root_ / dir, dir, FileFilter::kContent, diags))
      names.push_back(f.display);
    return names;
  }
  static bool has(const base::Diagnostics& diags, std::string_view path, std::string_view code) {
    for (const auto& d : diags.items())
      if (d.path == path && d.code == code) return true;
    return false;
  }

  site_test::TempDir tmp_;
  const fs::path root_ = tmp_.path();
};

TEST_F(LoadTest, ListsContentFilesSortedByPathAndSkipsDotFiles) {
  for (const char* p : {"content/b.txt", "content/a/z.md", "content/a.txt", "content/C.MARKDOWN",
                        "content/.hidden.txt", "content/.git/x.txt", "content/notes.rst"})
    touch(p);
  base::Diagnostics diags;
  EXPECT_EQ(list("content", diags), (std::vector<std::string>{"content/C.MARKDOWN", "content/a.txt",
                                                              "content/a/z.md", "content/b.txt"}));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "site/skip");
  EXPECT_EQ(diags.items()[0].path, "content/notes.rst");
  EXPECT_EQ(diags.items()[0].severity, base::Severity::kNote);
}

// The extension is the last dot's of the file's own name, and what is
// neither a file nor a folder (a named pipe) is skipped with a note.
TEST_F(LoadTest, TakesTheLastExtensionAndSkipsWhatIsNotAFile) {
  for (const char* p : {"content/a.b.md", "content/notes.d/x.txt", "content/old.txt.bak"}) touch(p);
  ASSERT_EQ(::mkfifo((root_ / "content/pipe.txt").c_str(), 0600), 0);
  base::Diagnostics diags;
  EXPECT_EQ(list("content", diags),
            (std::vector<std::string>{"content/a.b.md", "content/notes.d/x.txt"}));
  EXPECT_TRUE(has(diags, "content/old.txt.bak", "site/skip"));
  EXPECT_TRUE(has(diags, "content/pipe.txt", "site/skip"));
  EXPECT_EQ(diags.items().size(), 2u);
}

TEST_F(LoadTest, FollowsSymlinksInsideButNotOutsideOrInLoops) {
  touch("outside.txt");
  touch("content/real/a.txt");
  fs::create_symlink(root_ / "outside.txt", root_ / "content/out.txt");
  fs::create_symlink(root_ / "content/real/a.txt", root_ / "content/in.txt");
  fs::create_directory_symlink(root_ / "content", root_ / "content/real/loop");
  fs::create_directory_symlink(root_, root_ / "content/up");
  fs::create_symlink(root_ / "missing.txt", root_ / "content/dangling.txt");
  base::Diagnostics diags;
  EXPECT_EQ(list("content", diags),
            (std::vector<std::string>{"content/in.txt", "content/real/a.txt"}));
  for (const char* p :
       {"content/out.txt", "content/real/loop", "content/up", "content/dangling.txt"})
    EXPECT_TRUE(has(diags, p, "site/symlink")) << p;
  EXPECT_EQ(diags.count(base::Severity::kWarning), 4u);
}

TEST_F(LoadTest, AnUnreadableFileIsReportedAndSkipped) {
  touch("content/ok.txt", "fine");
  base::Diagnostics diags;
  const auto sources = read_sources({{root_ / "content/gone.txt", "content/gone.txt"},
                                     {root_ / "content/ok.txt", "content/ok.txt"}},
                                    diags);
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].display, "content/ok.txt");
  EXPECT_EQ(sources[0].bytes, "fine");
  EXPECT_TRUE(has(diags, "content/gone.txt", "site/read"));
  EXPECT_TRUE(diags.has_errors());
}

// A pool that stops early is not waited for: destroying the read-ahead
// returns while its hints are held back by the window. (That a missing file
// is passed over, its hint skipped, is only exercised below: a hint leaves
// nothing a test can see.)
TEST_F(LoadTest, ReadAheadStopsWhenThePoolStopsShort) {
  std::vector<FoundFile> files;
  for (int i = 0; i < 2000; ++i) {
    const std::string name = "content/p" + std::to_string(i) + ".txt";
    if (i % 2 == 0) touch(name);
    files.push_back({(root_ / name).string(), name});
  }
  std::vector<std::size_t> wanted(files.size());
  for (std::size_t i = 0; i < wanted.size(); ++i) wanted[i] = i;
  {
    // Without its stop, the thread would wait for reached() forever and the
    // test would hang until CTest's timeout fails it.
    ReadAhead ahead(files, wanted, 8);
    ahead.reached(3);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    ReadAhead all(files, wanted, 8);
    for (std::size_t i = 0; i < files.size(); ++i) all.reached(i);
  }
}

// An invented page with two articles, for the ingest tests below.
std::string example_page(int n) {
  return "第" + std::to_string(n) + "号社区举办邻里节\n\n本报讯（记者 赵一鸣）2022年5月" +
         std::to_string(n) +
         "日，金水区一个社区举办邻里节，居民们带来自家做的饭菜一起分享。\n\n"
         "活动持续了一个下午，不少老人说这是几年来最热闹的一次聚会。\n";
}

TEST_F(LoadTest, RecordsNameTheirFileRelativeToTheSiteRoot) {
  touch("content/2022/p1.txt", example_page(1));
  base::Diagnostics diags;
  const auto records =
      load_content((root_ / "content").string(), config::SiteConfig{}, diags, {"content", 1});
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0].source_path, "content/2022/p1.txt");
}

TEST_F(LoadTest, AnyNumberOfJobsGivesTheSameRecordsAndDiagnostics) {
  for (int i = 1; i <= 12; ++i)
    touch("content/p" + std::to_string(100 + i) + ".txt", example_page(i));
  touch("content/broken.txt", std::string("\0\xff\xfe\0garbage", 11));
  const auto run = [&](int jobs) {
    base::Diagnostics diags;
    std::string out;
    for (const auto& r :
         load_content((root_ / "content").string(), config::SiteConfig{}, diags, {"content", jobs}))
      out += ingest::to_json(r).dump() + "\n";
    for (const auto& d : diags.items()) out += base::format_diagnostic(d) + "\n";
    return out;
  };
  const std::string one = run(1);
  EXPECT_NE(one.find("content/p112.txt"), std::string::npos);
  EXPECT_EQ(run(4), one);
  EXPECT_EQ(run(0), one);
}

}  // namespace
}  // namespace newsarc::site
