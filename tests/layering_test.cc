// Fails when a stage includes a header from a stage above it, so the
// dependency order base -> config -> text -> ingest -> archive -> render ->
// site -> cli holds without anyone having to remember it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kStages = {"base",    "config", "text", "ingest",
                                          "archive", "render", "site", "cli"};

int rank_of(const std::string& stage) {
  for (std::size_t i = 0; i < kStages.size(); ++i)
    if (kStages[i] == stage) return static_cast<int>(i);
  return -1;
}

struct Violation {
  std::string file;
  std::string include;
};

std::vector<Violation> find_violations(const std::filesystem::path& src) {
  std::vector<Violation> out;
  const std::regex include_re(R"re(^\s*#\s*include\s*"([a-z_]+)/[^"]+")re");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const std::string stage = entry.path().parent_path().filename().string();
    const int own = rank_of(stage);
    if (own < 0) continue;
    std::ifstream in(entry.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
      if (std::regex_search(line, m, include_re) && rank_of(m[1]) > own)
        out.push_back({entry.path().string(), m[1]});
    }
  }
  return out;
}

TEST(Layering, NoStageIncludesAStageAboveIt) {
  const auto violations = find_violations(std::filesystem::path(NEWSARC_SOURCE_DIR) / "src");
  for (const auto& v : violations) ADD_FAILURE() << v.file << " includes " << v.include << "/";
  EXPECT_TRUE(violations.empty());
}

TEST(Layering, TheCheckCatchesAnUpwardInclude) {
  auto dir = std::filesystem::temp_directory_path() / "newsarc-layering-check";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "text");
  std::ofstream(dir / "text" / "bad.cc")
      << "#include \"render/render.h\"\n#include \"base/base.h\"\n";
  auto violations = find_violations(dir);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].include, "render");
}

TEST(Layering, EveryStageHasItsNarrowHeader) {
  for (const auto& stage : kStages) {
    if (stage == "cli") continue;
    auto header = std::filesystem::path(NEWSARC_SOURCE_DIR) / "src" / stage / (stage + ".h");
    EXPECT_TRUE(std::filesystem::exists(header)) << header;
  }
}

}  // namespace
