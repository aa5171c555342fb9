#pragma once
// The inline-site harness (STYLE.md habit 6): a whole site in one string,
// written to a fresh temp folder and built with the real site::build.
//
//   auto s = build_inline_site(R"(
//   -- site.json --
//   {"title": "示例"}
//   -- content/a.txt --
//   ...
//   -- templates/404.mustache --
//   ...)");
//   s.expect_file("index.html", R"(
//   # comment
//   line that must appear
//   ! line that must not appear)");
//   s.expect_diagnostic("content/a.txt:3", "ingest/no-date");
//
// Templates and assets in the archive override the repo's templates/ and
// assets/ folders, which serve as the built-in ones.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "site/site.h"

namespace newsarc::site_test {

/// Build settings a test may change.
struct InlineOptions {
  int jobs = 2;
  std::string base_url;                           ///< as `--base-url`; "" = config's
  site::CacheMode cache = site::CacheMode::kUse;  ///< kRebuild = `--no-cache`
  bool exit_after = false;                        ///< as `newsarc build` sets it
};

/// A site written from an archive string into its own temp folder (removed at
/// the end) and built; the expect_* methods add GoogleTest failures at the
/// caller's line.
class InlineSite {
 public:
  InlineSite(std::string_view archive, InlineOptions options);
  ~InlineSite();
  InlineSite(InlineSite&& other) noexcept;
  InlineSite& operator=(InlineSite&&) = delete;
  InlineSite(const InlineSite&) = delete;
  InlineSite& operator=(const InlineSite&) = delete;

  /// Runs site::build again (diagnostics and report are replaced).
  void rebuild();
  /// The options of the next rebuild (jobs, cache mode).
  InlineOptions& options() { return options_; }
  /// Writes (or replaces) a source file, relative to the site root.
  void write_file(const std::string& path, std::string_view bytes) const;
  /// Removes a source file, relative to the site root.
  void remove_file(const std::string& path) const;

  /// Checks output file `path`: each line of `expectations` must appear in it,
  /// except "! text" (must not appear), "# comment" and blank lines.
  void expect_file(const std::string& path, std::string_view expectations,
                   std::source_location where = std::source_location::current()) const;
  /// Checks that the output has no file `path`.
  void expect_no_file(const std::string& path,
                      std::source_location where = std::source_location::current()) const;
  /// Checks for a diagnostic with `code` at "path" or "path:line".
  void expect_diagnostic(std::string_view location, std::string_view code,
                         std::source_location where = std::source_location::current()) const;
  /// Checks that no diagnostic has `code`.
  void expect_no_diagnostic(std::string_view code,
                            std::source_location where = std::source_location::current()) const;

  /// Contents of output file `path` ("" when missing).
  std::string output_file(const std::string& path) const;
  /// Every output file (path relative to the output folder -> bytes).
  std::map<std::string, std::string> output() const;
  /// Output paths that start with `prefix` and end with `suffix`, sorted.
  std::vector<std::string> output_paths(std::string_view prefix,
                                        std::string_view suffix = "") const;
  /// The first output file under `prefix`, ending in `suffix`, whose text
  /// contains `needle` ("" when none).
  std::string find_output(std::string_view prefix, std::string_view needle,
                          std::string_view suffix = ".html") const;
  /// Every diagnostic, formatted one per line (for failure messages and comparisons).
  std::string diagnostics_text() const;

  const site::BuildReport& report() const { return report_; }
  const base::Diagnostics& diagnostics() const { return diags_; }
  const std::filesystem::path& root() const { return root_; }
  /// The output folder of the last build.
  std::filesystem::path out_dir() const;

 private:
  std::filesystem::path root_;
  InlineOptions options_;
  site::BuildReport report_;
  base::Diagnostics diags_;
};

/// Writes the archive's files into a fresh temp folder and builds the site.
InlineSite build_inline_site(std::string_view archive, InlineOptions options = {});

/// A fresh temp folder, removed with all it holds when this goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The whole contents of file `path`, as bytes ("" when it cannot be read).
std::string read_all(const std::filesystem::path& path);

/// The inode number of file `path` (0 when it cannot be statted): a file
/// kept as it was keeps its inode.
ino_t inode_of(const std::filesystem::path& path);

/// The files of an archive string: "-- path --" lines start each file.
std::vector<std::pair<std::string, std::string>> parse_archive(std::string_view archive);

}  // namespace newsarc::site_test
