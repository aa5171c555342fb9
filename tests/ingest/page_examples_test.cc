// Runs the page-level spec-by-example files (reflow, segmentation, credits,
// captions, repairs) through the real ingester.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ingest/examples_runner.h"
#include "ingest/ingest.h"

namespace newsarc::ingest {
namespace {

nlohmann::json page_records(std::string_view input) {
  base::Diagnostics diags;
  config::SiteConfig config;
  config.default_year = 2024;
  nlohmann::json records = nlohmann::json::array();
  for (const auto& r : ingest_page(input, "content/example.txt", config, diags))
    records.push_back(to_json(r));
  return {{"records", records}};
}

void expect_examples(const char* name) {
  std::string file = std::string(NEWSARC_SOURCE_DIR "/tests/ingest/examples/") + name;
  auto failures = testing::run_examples(file, page_records);
  EXPECT_TRUE(failures.empty()) << testing::format_failures(failures);
}

TEST(PageExamples, Reflow) {
  expect_examples("reflow.txt");
}
TEST(PageExamples, Segment) {
  expect_examples("segment.txt");
}
TEST(PageExamples, Credits) {
  expect_examples("credits.txt");
}
TEST(PageExamples, Captions) {
  expect_examples("captions.txt");
}
TEST(PageExamples, Repairs) {
  expect_examples("repairs.txt");
}

}  // namespace
}  // namespace newsarc::ingest
