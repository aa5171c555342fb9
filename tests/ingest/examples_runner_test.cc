// The spec-by-example runner: file format, comparison and failure reports.
#include "ingest/examples_runner.h"

#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace newsarc::testing {
namespace {

std::string fence(bool open) {
  return std::string(32, '`') + (open ? " example" : "");
}

// Writes `text` to a file of this test's own (ctest -j runs tests in parallel).
std::string write_examples(const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string path =
      ::testing::TempDir() + "newsarc-" + info->test_suite_name() + "-" + info->name() + ".txt";
  std::ofstream(path) << text;
  return path;
}

TEST(ExamplesRunner, ReadsInputAndExpectedOutput) {
  std::string path =
      write_examples("prose\n\n" + fence(true) + "\n第一行\n\n\\.\n.\n{\"a\": 1}\n" + fence(false) +
                     "\nmore prose\n" + fence(true) + "\n.\n[]\n" + fence(false) + "\n");
  std::vector<Failure> problems;
  std::vector<Example> examples = read_examples(path, problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(examples.size(), 2u);
  EXPECT_EQ(examples[0].line, 3);
  EXPECT_EQ(examples[0].input, "第一行\n\n.");
  EXPECT_EQ(examples[0].expected, "{\"a\": 1}\n");
  EXPECT_EQ(examples[1].input, "");
}

TEST(ExamplesRunner, ReportsBrokenExamples) {
  std::string path = write_examples(fence(true) + "\ninput\n" + fence(false) + "\n" + fence(true) +
                                    "\nunclosed\n.\n{}\n");
  std::vector<Failure> problems;
  read_examples(path, problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_EQ(problems[0].message, "no \".\" line");
  EXPECT_EQ(problems[1].line, 4);
  EXPECT_EQ(problems[1].message, "no closing fence");
}

TEST(ExamplesRunner, ComparesOnlyTheKeysTheExpectationNames) {
  auto j = [](const char* s) { return nlohmann::json::parse(s); };
  EXPECT_EQ(first_difference(j(R"({"a": 1})"), j(R"({"a": 1, "b": 2})")), "");
  EXPECT_EQ(first_difference(j(R"({"a": {"b": 1}})"), j(R"({"a": {"b": 1, "c": 3}})")), "");
  EXPECT_EQ(first_difference(j(R"({"a": 1})"), j(R"({"a": 2})")), "a: expected 1 got 2");
  EXPECT_EQ(first_difference(j(R"({"a": null})"), j(R"({})")), "");
  EXPECT_EQ(first_difference(j(R"({"a": [1, 2]})"), j(R"({"a": [1]})")),
            "a: expected [1,2] got [1]");
  EXPECT_EQ(first_difference(j(R"([{"n": "x"}])"), j(R"([{"n": "y", "m": 1}])")),
            "[0].n: expected \"x\" got \"y\"");
  EXPECT_EQ(first_difference(j(R"("张三")"), j(R"("张三")")), "");
}

TEST(ExamplesRunner, ReportsFileLineAndDifference) {
  std::string path = write_examples(
      "intro\n" + fence(true) + "\nx\n.\n{\"v\": \"x\"}\n" + fence(false) + "\n" + fence(true) +
      "\ny\n.\n{\"v\": \"z\"}\n" + fence(false) + "\n" + fence(true) + "\nboom\n.\nnot json\n" +
      fence(false) + "\n" + fence(true) + "\nthrow\n.\n{}\n" + fence(false) + "\n");
  auto failures = run_examples(path, [](std::string_view in) {
    if (in == "throw") throw std::runtime_error("bad input");
    return nlohmann::json{{"v", std::string(in)}};
  });
  ASSERT_EQ(failures.size(), 3u) << format_failures(failures);
  EXPECT_EQ(failures[0].line, 7);
  EXPECT_EQ(failures[0].message, "v: expected \"z\" got \"y\"");
  EXPECT_EQ(failures[1].message, "expected output is not JSON");
  EXPECT_EQ(failures[2].message, "exception: bad input");
  EXPECT_NE(format_failure(failures[0]).find(".txt:7: v: expected"), std::string::npos);
}

TEST(ExamplesRunner, AFileWithoutExamplesFails) {
  EXPECT_EQ(run_examples(write_examples("only prose\n"),
                         [](std::string_view) { return nlohmann::json(); })
                .size(),
            1u);
  EXPECT_EQ(run_examples("/nonexistent/examples/x.txt",
                         [](std::string_view) { return nlohmann::json(); })[0]
                .file,
            "examples/x.txt");
}

}  // namespace
}  // namespace newsarc::testing
