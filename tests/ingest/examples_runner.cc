#include "ingest/examples_runner.h"

#include <fstream>
#include <sstream>

namespace newsarc::testing {

namespace {

std::string display_name(const std::string& file) {
  std::size_t at = file.rfind("examples/");
  return at == std::string::npos ? file : file.substr(at);
}

bool is_fence(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '`') ++n;
  return n >= 3;
}

bool opens_example(std::string_view line) {
  if (!is_fence(line)) return false;
  std::size_t n = line.find_first_not_of('`');
  return n != std::string_view::npos && line.substr(n) == " example";
}

bool closes_example(std::string_view line) {
  return is_fence(line) && line.find_first_not_of('`') == std::string_view::npos;
}

std::string shown(const nlohmann::json& j) {
  return j.dump(-1, ' ', false);
}

}  // namespace

std::vector<Example> read_examples(const std::string& file, std::vector<Failure>& problems) {
  std::ifstream in(file);
  if (!in) {
    problems.push_back({display_name(file), 0, "cannot read " + file});
    return {};
  }
  std::vector<Example> out;
  std::string line;
  int number = 0;
  Example* current = nullptr;
  bool in_expected = false;
  bool first_input_line = true;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (current == nullptr) {
      if (opens_example(line)) {
        out.push_back(Example{number, "", ""});
        current = &out.back();
        in_expected = false;
        first_input_line = true;
      }
      continue;
    }
    if (closes_example(line)) {
      if (!in_expected) problems.push_back({display_name(file), current->line, "no \".\" line"});
      current = nullptr;
    } else if (!in_expected && line == ".") {
      in_expected = true;
    } else if (in_expected) {
      current->expected += line + "\n";
    } else {
      if (!first_input_line) current->input += "\n";
      current->input += line == "\\." ? "." : line;
      first_input_line = false;
    }
  }
  if (current != nullptr)
    problems.push_back({display_name(file), current->line, "no closing fence"});
  return out;
}

std::string first_difference(const nlohmann::json& expected, const nlohmann::json& actual,
                             const std::string& where) {
  const std::string prefix = where.empty() ? "" : where + ": ";
  if (expected.is_object() && actual.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      std::string key = where.empty() ? it.key() : where + "." + it.key();
      nlohmann::json got = actual.contains(it.key()) ? actual[it.key()] : nlohmann::json();
      std::string d = first_difference(it.value(), got, key);
      if (!d.empty()) return d;
    }
    return "";
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size())
      return prefix + "expected " + shown(expected) + " got " + shown(actual);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      std::string d =
          first_difference(expected[i], actual[i], where + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  if (expected == actual) return "";
  return prefix + "expected " + shown(expected) + " got " + shown(actual);
}

std::vector<Failure> run_examples(const std::string& file,
                                  std::function<nlohmann::json(std::string_view input)> run) {
  std::vector<Failure> failures;
  std::vector<Example> examples = read_examples(file, failures);
  if (examples.empty() && failures.empty())
    failures.push_back({display_name(file), 0, "no examples"});
  for (const Example& e : examples) {
    nlohmann::json expected = nlohmann::json::parse(e.expected, nullptr, false);
    if (expected.is_discarded()) {
      failures.push_back({display_name(file), e.line, "expected output is not JSON"});
      continue;
    }
    try {
      std::string d = first_difference(expected, run(e.input));
      if (!d.empty()) failures.push_back({display_name(file), e.line, d});
    } catch (const std::exception& ex) {
      failures.push_back({display_name(file), e.line, std::string("exception: ") + ex.what()});
    }
  }
  return failures;
}

std::string format_failure(const Failure& f) {
  return f.file + ":" + std::to_string(f.line) + ": " + f.message;
}

std::string format_failures(const std::vector<Failure>& failures) {
  std::ostringstream out;
  for (const Failure& f : failures) out << format_failure(f) << "\n";
  return out.str();
}

}  // namespace newsarc::testing
