// What the build prints: the progress line on a terminal (and only there),
// colour and NO_COLOR, --max-warnings, and `version --verbose`.
#include "cli/binary_fixture.h"
#include "cli/commands.h"

namespace newsarc::cli_test {
namespace {

TEST(ProgressText, ShowsABarAndCounts) {
  const std::vector<std::tuple<site::Progress, int, std::string>> cases = {
      {{"ingest", 0, 0}, 10, "Ingesting…"},
      {{"ingest", 5, 10}, 10, "Ingesting [=====>    ] 5/10 files"},
      {{"render", 1234, 1234}, 4, "Rendering [====] 1,234/1,234 outputs"},
      {{"write", 0, 3}, 4, "Writing [>   ] 0/3 files"},
      {{"write", 9, 3}, 4, "Writing [====] 9/3 files"},
  };
  for (const auto& [progress, width, expected] : cases)
    EXPECT_EQ(cli::progress_text(progress, width), expected);
}

TEST(SummaryLine, CountsPagesArticlesTimeAndProblems) {
  const auto report = [](std::size_t pages, std::size_t articles, double ms) {
    site::BuildReport r;
    r.pages = pages;
    r.articles = articles;
    r.total_ms = ms;
    return r;
  };
  const std::vector<std::tuple<site::BuildReport, cli::Tally, std::string>> cases = {
      {report(10234, 9876, 2300),
       {0, 3},
       "Built 10,234 pages from 9,876 articles in 2.3 s — 3 warnings"},
      {report(1, 1, 38.4), {0, 0}, "Built 1 page from 1 article in 38 ms"},
      {report(17, 2, 999.6),
       {1, 1},
       "Built 17 pages from 2 articles in 1.0 s — 1 error, 1 warning"},
      {report(0, 0, 61049), {2, 0}, "Built 0 pages from 0 articles in 61.0 s — 2 errors"},
  };
  for (const auto& [r, tally, expected] : cases) EXPECT_EQ(cli::summary_line(r, tally), expected);
}

TEST(FormatCount, GroupsThousands) {
  EXPECT_EQ(cli::format_count(0), "0");
  EXPECT_EQ(cli::format_count(999), "999");
  EXPECT_EQ(cli::format_count(1000), "1,000");
  EXPECT_EQ(cli::format_count(1234567), "1,234,567");
}

class OutputTest : public BinaryTest {
 protected:
  // One warning: a symlink that leaves the content folder.
  void add_a_warning() const {
    write(dir() / "outside.txt", "x\n");
    fs::create_symlink(dir() / "outside.txt", dir() / "site/content/link.txt");
  }
  // `newsarc build` in work/site on a pseudo-terminal (script(1)); stdout
  // and stderr come back together in `out`.
  Outcome build_on_a_terminal(const std::string& env, const std::string& flags = "") const {
    const std::string build =
        "cd site && " + env + " TERM=xterm " + quote(NEWSARC_BINARY) + " build " + flags;
    return shell("script -qec " + quote(build) + " /dev/null");
  }
};

TEST_F(OutputTest, OnATerminalTheBuildDrawsProgressAndColours) {
  add_a_warning();
  const Outcome r = build_on_a_terminal("");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "Ingesting [")) << r.out;
  EXPECT_TRUE(contains(r.out, "\x1b[1;35mwarning")) << r.out;
  EXPECT_TRUE(contains(r.out, "from 2 articles")) << r.out;
}

TEST_F(OutputTest, NoColorTurnsColourOffButKeepsProgress) {
  add_a_warning();
  const Outcome r = build_on_a_terminal("NO_COLOR=1");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "Ingesting [")) << r.out;
  EXPECT_TRUE(contains(r.out, "warning[site/symlink]")) << r.out;
  EXPECT_FALSE(contains(r.out, "\x1b[1;")) << r.out;
}

TEST_F(OutputTest, QuietOnATerminalDrawsNoProgressAndPrintsOnlyErrors) {
  add_a_warning();
  const Outcome r = build_on_a_terminal("", "--quiet");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_FALSE(contains(r.out, "Ingesting")) << r.out;
  EXPECT_FALSE(contains(r.out, "warning")) << r.out;
  EXPECT_FALSE(contains(r.out, "Built ")) << r.out;
}

TEST_F(OutputTest, WithoutATerminalThereIsNoProgressAndNoEscapes) {
  add_a_warning();
  const Outcome r = run({"build"}, "TERM=xterm ");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(contains(r.out + r.err, "Ingesting")) << r.err;
  EXPECT_FALSE(contains(r.out + r.err, "\x1b[")) << r.err;
  EXPECT_TRUE(r.out.starts_with("Built ")) << r.out;
}

TEST_F(OutputTest, MaxWarningsOnTheCommandLineOverridesTheConfig) {
  add_a_warning();
  write(dir() / "site/site.json", R"({"max_warnings": 0})");
  EXPECT_EQ(run({"build", "--root", "site"}).exit_code, 1);
  EXPECT_EQ(run({"build", "--root", "site", "--max-warnings", "1"}).exit_code, 0);
  write(dir() / "site/site.json", "{}");
  const Outcome over = run({"build", "--root", "site", "--max-warnings", "0"});
  EXPECT_EQ(over.exit_code, 1);
  EXPECT_TRUE(contains(over.err, "1 warnings, more than max_warnings (0)")) << over.err;
  EXPECT_EQ(run({"build", "--root", "site", "--max-warnings", "-1"}).exit_code, 2);
}

TEST_F(OutputTest, VersionVerboseNamesTheDataDirAndTheSourceTreeCanBeRuledOut) {
  const Outcome plain = run({"version", "--verbose"});
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_TRUE(contains(plain.out, "\ndata dir: ")) << plain.out;
  const Outcome installed_only = run({"version", "--verbose"}, "NEWSARC_NO_SOURCE_FALLBACK=1 ");
  EXPECT_EQ(installed_only.exit_code, 0);
  EXPECT_TRUE(contains(installed_only.out, "\ndata dir: ")) << installed_only.out;
  EXPECT_FALSE(contains(installed_only.out, "data dir: " NEWSARC_SOURCE_DIR "\n"))
      << installed_only.out;
}

}  // namespace
}  // namespace newsarc::cli_test
