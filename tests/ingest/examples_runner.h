#pragma once
// Spec-by-example files for the ingest heuristics, in the manner of
// cmark-gfm's spec.txt (STYLE.md habit 7).
//
// File format (tests/ingest/examples/<name>.txt):
//
//   Any line outside an example is prose: say what the rule is and why.
//   A bug fix adds an example headed by its issue number ("Issue 12: …").
//
//   ```````````````````````````````` example
//   本报讯 3月5日，…            <- the input: every line up to the "." line,
//                               joined with "\n" (no final newline)
//   .
//   {"date": "2023-03-05"}      <- the expected JSON (may span several lines)
//   ````````````````````````````````
//
// - An example opens with a line of three or more backticks followed by
//   " example", and closes with a line of three or more backticks.
// - The line holding only "." separates input from expected output; an input
//   line that must be a literal "." is written "\.".
// - Only what the expected JSON names is compared: objects compare the keys
//   they list (recursively), arrays compare their length and each element,
//   other values compare equal. So `{"date": "2023"}` ignores every other
//   field of the actual output.
// - A failure reads `examples/date.txt:42: date: expected "2023" got "2022"`,
//   where 42 is the line of the example's opening fence.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace newsarc::testing {

/// One example read from a file.
struct Example {
  int line = 0;          ///< line of the opening fence
  std::string input;     ///< lines up to ".", joined with "\n"
  std::string expected;  ///< the JSON text after "."
};

/// One example whose output differs from what it expects.
struct Failure {
  std::string file;  ///< as printed: from "examples/" on when the path has it
  int line = 0;
  std::string message;
};

/// Reads the examples of a file; an unreadable file or an example without
/// "." or without its closing fence gives a Failure instead.
std::vector<Example> read_examples(const std::string& file, std::vector<Failure>& problems);

/// Runs every example of `file` through `run` and returns the mismatches. A
/// file with no examples fails too, so a test on it cannot pass vacuously.
std::vector<Failure> run_examples(const std::string& file,
                                  std::function<nlohmann::json(std::string_view input)> run);

/// The first difference between `expected` and `actual` under the rules above,
/// as "key.path: expected X got Y", or "" when `actual` matches.
std::string first_difference(const nlohmann::json& expected, const nlohmann::json& actual,
                             const std::string& where = "");

/// "examples/date.txt:42: date: expected …"
std::string format_failure(const Failure& f);

/// All failures, one per line, for a test assertion message.
std::string format_failures(const std::vector<Failure>& failures);

}  // namespace newsarc::testing
