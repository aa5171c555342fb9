// Districts: the matcher's rules in examples/districts.txt, plus the
// front-matter and scan entry points.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/example_records.h"
#include "ingest/examples_runner.h"
#include "ingest/metadata.h"

namespace newsarc::ingest {
namespace {

std::vector<config::District> test_gazetteer() {
  auto d = [](std::string name, std::vector<std::string> aliases, std::string parent = "") {
    return config::District{std::move(name), std::move(aliases), std::move(parent), ""};
  };
  return {
      d("郑州高新区", {"高新区", "郑州高新"}),
      d("郑州经济技术开发区", {"经开区", "郑州经开区"}),
      d("金水区", {}),
      d("中原区", {}),
      d("管城回族区", {"管城区"}),
      d("枫杨办事处", {"枫杨街道"}, "郑州高新区"),
      d("沟赵办事处", {}, "郑州高新区"),
      d("梧桐办事处", {}, "郑州高新区"),
      d("石佛办事处", {}, "郑州高新区"),
      d("潮河办事处", {}, "郑州经济技术开发区"),
  };
}

TEST(FindDistricts, FollowsTheExamples) {
  const DistrictMatcher matcher(test_gazetteer());
  auto run = [&](std::string_view input) {
    testing::ExamplePage page = testing::parse_example_page(input);
    return nlohmann::json{{"districts", matcher.find(page.articles.at(0))}};
  };
  auto failures =
      testing::run_examples(NEWSARC_SOURCE_DIR "/tests/ingest/examples/districts.txt", run);
  EXPECT_TRUE(failures.empty()) << testing::format_failures(failures);
}

TEST(FindDistricts, CanonicalisesDistrictsGivenByFrontMatter) {
  ArticleRecord r;
  r.districts = {"枫杨街道", "高新区", "滨河新城"};
  r.body.push_back({BlockKind::kParagraph, "经开区召开会议。", {}});
  EXPECT_EQ(find_districts(r, test_gazetteer()),
            (std::vector<std::string>{"枫杨办事处", "滨河新城", "郑州高新区"}));
}

TEST(FindDistricts, ScanMarksDistrictsByGazetteerIndex) {
  const DistrictMatcher matcher(test_gazetteer());
  std::vector<bool> found;
  matcher.scan("中原区与金水区", found);
  EXPECT_EQ(found, (std::vector<bool>{false, false, true, true, false, false, false, false, false,
                                      false}));
}

TEST(FindDistricts, AnEmptyGazetteerFindsNothing) {
  ArticleRecord r;
  r.title = "郑州高新区";
  EXPECT_TRUE(find_districts(r, {}).empty());
}

}  // namespace
}  // namespace newsarc::ingest
