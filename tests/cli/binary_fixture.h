#pragma once
// Running the real newsarc binary from a test: a temp folder per test, a
// shell command with its output captured, and a site made by `newsarc new`.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace newsarc::cli_test {

namespace fs = std::filesystem;

/// What a finished command did.
struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// `s` quoted for sh.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// The whole file ("" when missing).
inline std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

/// Creates or replaces a file, and its folders.
inline void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// True when `needle` occurs in `haystack`.
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// A fresh temp folder with `work/site` made by `newsarc new`.
class BinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "newsarc-bin-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    tmp_ = pattern;
    fs::create_directory(tmp_ / "work");
    const Outcome r = run({"new", "site"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }

  /// Runs `prefix newsarc args...` in work/ through sh: no stdin, output captured.
  Outcome run(const std::vector<std::string>& args, const std::string& prefix = "") const {
    std::string command = "cd " + quote(dir().string()) + " && " + prefix + quote(NEWSARC_BINARY);
    for (const auto& a : args) command += " " + quote(a);
    return shell(command);
  }

  /// Runs a shell command in work/ with its output captured.
  Outcome shell(const std::string& command) const {
    const std::string full = "cd " + quote(dir().string()) + " && (" + command + ") >" +
                             quote((tmp_ / "stdout").string()) + " 2>" +
                             quote((tmp_ / "stderr").string()) + " </dev/null";
    const int status = std::system(full.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(tmp_ / "stdout"),
            read(tmp_ / "stderr")};
  }

  /// The work folder; the site is dir() / "site".
  fs::path dir() const { return tmp_ / "work"; }
  /// The temp folder (work/ is inside it).
  const fs::path& tmp() const { return tmp_; }

 private:
  fs::path tmp_;
};

}  // namespace newsarc::cli_test
