// `newsarc check` through the real binary: exit codes, text and JSON output,
// and that it writes nothing. All text is invented.
#include <nlohmann/json.hpp>

#include "cli/binary_fixture.h"

namespace newsarc::cli_test {
namespace {

class CheckCli : public BinaryTest {
 protected:
  Outcome check(std::vector<std::string> args = {}) const {
    args.insert(args.begin(), "check");
    return run(args, "cd site && ");
  }
};

TEST_F(CheckCli, ACleanSiteExitsZeroAndWritesNothing) {
  const Outcome r = check();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Checked 2 articles from 2 files: no problems found")) << r.out;
  EXPECT_FALSE(fs::exists(dir() / "site/public"));
}

TEST_F(CheckCli, ADeadLinkIsAnErrorAtItsLineAndColumn) {
  write(dir() / "site/content/2023/links.md",
        "---\ntitle: 链接\ndate: 2023-05-01\n---\n\n参见[旧稿](../no-such-article/)。\n");
  const Outcome r = check();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "content/2023/links.md:6:3: error[check/dead-link]")) << r.err;
  EXPECT_TRUE(contains(r.out, "1 error")) << r.out;
  EXPECT_FALSE(fs::exists(dir() / "site/public"));
}

TEST_F(CheckCli, TyposAreWarningsAndJsonListsEveryDiagnostic) {
  write(dir() / "site/site.json", R"({"typo_map": {"书屋": "书室"}})");
  const Outcome r = check({"--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto all = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(all.is_array()) << r.out;
  ASSERT_FALSE(all.empty());
  for (const auto& d : all) {
    EXPECT_EQ(d["code"], "check/typo") << d;
    EXPECT_EQ(d["severity"], "warning") << d;
    EXPECT_EQ(d["path"], "content/2023/page-01.txt") << d;
  }
  EXPECT_EQ(all[0]["line"], 1);
  EXPECT_EQ(all[0]["column"], 6);
}

TEST_F(CheckCli, ABadConfigExitsTwoAndAnUnknownFormatIsAUsageError) {
  write(dir() / "site/site.json", "{\"page_size\": \"many\"}\n");
  const Outcome bad = check();
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "site.json:1:")) << bad.err;
  const Outcome json = check({"--format", "json"});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_TRUE(nlohmann::json::parse(json.out, nullptr, false).is_array()) << json.out;
  EXPECT_EQ(check({"--format", "xml"}).exit_code, 2);
}

}  // namespace
}  // namespace newsarc::cli_test
