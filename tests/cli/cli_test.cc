// The real binary, run in a temp folder: exit codes, stdout and stderr.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "newsarc-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    tmp_ = pattern;
    fs::create_directory(tmp_ / "work");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }

  // Runs newsarc with `args` in work/ (or `cwd` below it), no stdin, no TTY.
  Outcome run(const std::vector<std::string>& args, const std::string& cwd = "") const {
    std::string command = "cd " + quote((dir() / cwd).string()) + " && " + quote(NEWSARC_BINARY);
    for (const auto& a : args) command += " " + quote(a);
    command += " >" + quote((tmp_ / "stdout").string()) + " 2>" +
               quote((tmp_ / "stderr").string()) + " </dev/null";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(tmp_ / "stdout"),
            read(tmp_ / "stderr")};
  }

  // A site made by `newsarc new site`.
  void make_site() const {
    const Outcome r = run({"new", "site"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  fs::path dir() const { return tmp_ / "work"; }

 private:
  fs::path tmp_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(CliTest, VersionPrintsTheVersion) {
  const Outcome r = run({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("newsarc 0.")) << r.out;
}

TEST_F(CliTest, HelpListsTheCommands) {
  const Outcome r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"build", "ingest", "new DIR", "version"})
    EXPECT_TRUE(contains(r.out, word)) << word;
}

TEST_F(CliTest, EachCommandHasHelp) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"build", "--base-url"}, {"ingest", "--json"}, {"new", "DIR"}};
  for (const auto& [command, option] : cases) {
    const Outcome r = run({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_TRUE(contains(r.out, "newsarc " + command)) << r.out;
    EXPECT_TRUE(contains(r.out, option)) << r.out;
  }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"build", "--no-such-flag"},
      {"build", "--jobs", "-3"},
      {"build", "--jobs", "many"},
      {"build", "--quiet", "--verbose"},
      {"build", "stray-argument"},
      {"build", "--config", "missing.json"},
      {"build", "--templates", "no-such-folder"},
      {"ingest"},
      {"new"},
      {"new", "a", "b"},
  };
  for (const auto& args : cases) {
    const Outcome r = run(args);
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args);
    EXPECT_FALSE(r.err.empty()) << ::testing::PrintToString(args);
  }
}

TEST_F(CliTest, NewThenBuildNeedsNoFlags) {
  make_site();
  EXPECT_TRUE(fs::is_regular_file(dir() / "site/site.json"));
  EXPECT_TRUE(fs::is_directory(dir() / "site/templates"));
  const Outcome r = run({"build"}, "site");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("Built ")) << r.out;
  EXPECT_TRUE(contains(r.out, "from 2 articles")) << r.out;
  EXPECT_TRUE(fs::is_regular_file(dir() / "site/public/index.html"));
}

TEST_F(CliTest, BuildWithRootAndOut) {
  make_site();
  const Outcome r = run({"build", "--root", "site", "--out", "../www", "--jobs", "3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(dir() / "www/index.html"));
  EXPECT_TRUE(fs::is_regular_file(dir() / "www/assets/style.css"));
  EXPECT_FALSE(fs::exists(dir() / "site/public"));
}

TEST_F(CliTest, NewRefusesAFolderThatIsNotEmpty) {
  write(dir() / "site/mine.txt", "mine");
  const Outcome r = run({"new", "site"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "site/not-empty")) << r.err;
  EXPECT_EQ(read(dir() / "site/mine.txt"), "mine");
  EXPECT_FALSE(fs::exists(dir() / "site/site.json"));
}

TEST_F(CliTest, ABadConfigExitsTwoAtItsLineWithTheSourceLine) {
  make_site();
  write(dir() / "site/site.json", "{\"title\": \"t\",\n \"titel\": \"u\"}\n");
  const Outcome r = run({"build"}, "site");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "site.json:2:2: error[config/unknown-key]")) << r.err;
  EXPECT_TRUE(contains(r.err, "\"titel\": \"u\"}\n     ^")) << r.err;
  EXPECT_FALSE(fs::exists(dir() / "site/public"));
}

TEST_F(CliTest, ABrokenArticleExitsOneAndTheSiteIsBuilt) {
  make_site();
  write(dir() / "site/content/scan.txt", std::string("\0\xff\0\xfe", 4));
  const Outcome r = run({"build"}, "site");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "content/scan.txt")) << r.err;
  EXPECT_TRUE(contains(r.err, "error[")) << r.err;
  EXPECT_TRUE(contains(r.out, "1 error")) << r.out;
  EXPECT_TRUE(fs::is_regular_file(dir() / "site/public/index.html"));
}

TEST_F(CliTest, WarningsAloneExitZero) {
  make_site();
  write(dir() / "outside.txt", "不在内容目录里\n");
  fs::create_symlink(dir() / "outside.txt", dir() / "site/content/link.txt");
  const Outcome r = run({"build"}, "site");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "content/link.txt: warning[site/symlink]")) << r.err;
  EXPECT_TRUE(contains(r.out, "1 warning")) << r.out;
}

TEST_F(CliTest, SilencedCodesAreNeitherPrintedNorCounted) {
  make_site();
  write(dir() / "outside.txt", "x\n");
  fs::create_symlink(dir() / "outside.txt", dir() / "site/content/link.txt");
  write(dir() / "site/site.json", R"({"silence": ["site/symlink"]})");
  const Outcome r = run({"build"}, "site");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(contains(r.err, "site/symlink")) << r.err;
  EXPECT_FALSE(contains(r.out, "warning")) << r.out;
}

TEST_F(CliTest, MoreWarningsThanMaxWarningsExitsOne) {
  make_site();
  write(dir() / "outside.txt", "x\n");
  fs::create_symlink(dir() / "outside.txt", dir() / "site/content/link.txt");
  write(dir() / "site/site.json", R"({"max_warnings": 0})");
  const Outcome r = run({"build"}, "site");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "max_warnings")) << r.err;
}

TEST_F(CliTest, QuietPrintsNothingOnSuccessAndVerboseTimesThePhases) {
  make_site();
  const Outcome quiet = run({"build", "--quiet"}, "site");
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
  const Outcome verbose = run({"build", "--verbose"}, "site");
  EXPECT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_TRUE(contains(verbose.out, "Ingested 2 articles in ")) << verbose.out;
  EXPECT_TRUE(contains(verbose.out, "Rendered ")) << verbose.out;
}

TEST_F(CliTest, RefusesToOverwriteAFolderItDidNotWrite) {
  make_site();
  write(dir() / "home/notes.txt", "keep me");
  const Outcome r = run({"build", "--out", "../home"}, "site");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "site/not-ours")) << r.err;
  EXPECT_EQ(read(dir() / "home/notes.txt"), "keep me");
}

TEST_F(CliTest, IngestJsonPrintsAnArrayOfRecords) {
  make_site();
  const Outcome r = run({"ingest", "--json", "content"}, "site");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto records = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(records.is_array()) << r.out;
  EXPECT_EQ(records.size(), 2u);
  EXPECT_TRUE(contains(r.out, "\n  {\n    \"")) << "two-space indent";
  EXPECT_TRUE(contains(r.out, "高新区社区书屋开放")) << "UTF-8, not \\u escapes";
}

TEST_F(CliTest, IngestWithoutSiteJsonUsesTheDefaultGazetteer) {
  write(dir() / "page.txt",
        "梧桐街道新建口袋公园\n\n本报讯 2022年8月1日，郑州高新区梧桐办事处新建的口袋公园"
        "向居民开放。\n");
  const Outcome r = run({"ingest", "--json", "page.txt"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto records = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(records.is_array() && !records.empty()) << r.out;
  EXPECT_TRUE(contains(records[0]["districts"].dump(-1, ' ', false), "郑州高新区"))
      << records[0]["districts"];
}

TEST_F(CliTest, IngestReportsAMissingPathAndGoesOn) {
  make_site();
  const Outcome r = run({"ingest", "--json", "nowhere.txt", "content/2023/page-01.txt"}, "site");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "nowhere.txt: error[site/read]")) << r.err;
  const auto records = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(records.is_array());
  EXPECT_EQ(records.size(), 1u);
}

}  // namespace
