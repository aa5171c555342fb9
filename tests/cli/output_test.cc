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
      {{"render", 1234, 1234}, 4, "Rendering [====] 1,234/1,234 pages"},
      {{"write", 0, 3}, 4, "Writing [>   ] 0/3 files"},
      {{"write", 9, 3}, 4, "Writing [====] 9/3 files"},
  };
  for (const auto& [progress, width, expected] : cases)
    EXPECT_EQ(cli::progress_text(progress, width), expected);
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
  Outcome build_on_a_terminal(const std::string& env) const {
    const std::string build =
        "cd site && " + env + " TERM=xterm " + quote(NEWSARC_BINARY) + " build";
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
