#include "site/inline_site.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace newsarc::site_test {

namespace fs = std::filesystem;

namespace {

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "newsarc-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
  return pattern;
}

bool is_header(std::string_view line) {
  return line.size() > 6 && line.starts_with("-- ") && line.ends_with(" --");
}

std::string trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return std::string(s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1));
}

// "content/a.txt:3" -> {"content/a.txt", 3}; "content/a.txt" -> {.., 0}.
std::pair<std::string, int> split_location(std::string_view location) {
  const std::size_t colon = location.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == location.size())
    return {std::string(location), 0};
  const std::string_view digits = location.substr(colon + 1);
  if (digits.find_first_not_of("0123456789") != std::string_view::npos)
    return {std::string(location), 0};
  return {std::string(location.substr(0, colon)), std::stoi(std::string(digits))};
}

}  // namespace

TempDir::TempDir() : path_(make_temp_dir()) {}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

ino_t inode_of(const fs::path& path) {
  struct ::stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::pair<std::string, std::string>> parse_archive(std::string_view archive) {
  std::vector<std::pair<std::string, std::string>> files;
  while (!archive.empty()) {
    const std::size_t end = archive.find('\n');
    const std::string_view line = archive.substr(0, end);
    if (is_header(line)) {
      files.emplace_back(trim(line.substr(3, line.size() - 6)), "");
    } else if (!files.empty()) {
      files.back().second += line;
      if (end != std::string_view::npos) files.back().second += '\n';
    }
    if (end == std::string_view::npos) break;
    archive.remove_prefix(end + 1);
  }
  return files;
}

InlineSite::InlineSite(std::string_view archive, InlineOptions options)
    : root_(make_temp_dir()), options_(std::move(options)) {
  for (const auto& [path, bytes] : parse_archive(archive)) write_file(path, bytes);
}

InlineSite::InlineSite(InlineSite&& other) noexcept
    : root_(std::move(other.root_)),
      options_(std::move(other.options_)),
      report_(std::move(other.report_)),
      diags_(std::move(other.diags_)) {
  other.root_.clear();
}

InlineSite::~InlineSite() {
  std::error_code ec;
  if (!root_.empty()) fs::remove_all(root_, ec);
}

void InlineSite::rebuild() {
  site::BuildOptions options;
  options.root = root_.string();
  options.templates_dir = NEWSARC_SOURCE_DIR "/templates";
  std::error_code ec;
  if (fs::is_directory(root_ / "templates", ec)) options.user_templates_dir = "templates";
  if (!fs::is_directory(root_ / "assets", ec)) options.assets_dir = NEWSARC_SOURCE_DIR "/assets";
  options.jobs = options_.jobs;
  options.base_url = options_.base_url;
  options.cache = options_.cache;
  options.exit_after = options_.exit_after;
  diags_ = {};
  report_ = site::build(options, diags_);
}

void InlineSite::write_file(const std::string& path, std::string_view bytes) const {
  const fs::path target = root_ / path;
  fs::create_directories(target.parent_path());
  std::ofstream(target, std::ios::binary) << bytes;
}

void InlineSite::remove_file(const std::string& path) const {
  fs::remove(root_ / path);
}

fs::path InlineSite::out_dir() const {
  return report_.out_dir.empty() ? root_ / "public" : fs::path(report_.out_dir);
}

std::string InlineSite::output_file(const std::string& path) const {
  return read_all(out_dir() / path);
}

std::map<std::string, std::string> InlineSite::output() const {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(out_dir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file())
      files[fs::relative(it->path(), out_dir()).string()] = read_all(it->path());
  }
  return files;
}

std::vector<std::string> InlineSite::output_paths(std::string_view prefix,
                                                  std::string_view suffix) const {
  std::vector<std::string> paths;
  for (const auto& [path, bytes] : output())
    if (path.starts_with(prefix) && path.ends_with(suffix)) paths.push_back(path);
  return paths;
}

std::string InlineSite::find_output(std::string_view prefix, std::string_view needle,
                                    std::string_view suffix) const {
  for (const auto& [path, bytes] : output())
    if (path.starts_with(prefix) && path.ends_with(suffix) &&
        bytes.find(needle) != std::string::npos)
      return path;
  return {};
}

std::string InlineSite::diagnostics_text() const {
  std::string out;
  for (const auto& d : diags_.items()) out += base::format_diagnostic(d) + "\n";
  return out;
}

void InlineSite::expect_file(const std::string& path, std::string_view expectations,
                             std::source_location where) const {
  std::error_code ec;
  if (!fs::is_regular_file(out_dir() / path, ec)) {
    ADD_FAILURE_AT(where.file_name(), where.line())
        << "no output file " << path << "\ndiagnostics:\n"
        << diagnostics_text();
    return;
  }
  const std::string text = output_file(path);
  std::istringstream lines{std::string(expectations)};
  for (std::string line; std::getline(lines, line);) {
    line = trim(line);
    if (line.empty() || line.starts_with("#")) continue;
    const bool negated = line.starts_with("!");
    const std::string needle = negated ? trim(std::string_view(line).substr(1)) : line;
    if ((text.find(needle) != std::string::npos) == negated)
      ADD_FAILURE_AT(where.file_name(), where.line())
          << path << (negated ? " must not contain: " : " must contain: ") << needle << "\n--- "
          << path << " ---\n"
          << text.substr(0, 4000);
  }
}

void InlineSite::expect_no_file(const std::string& path, std::source_location where) const {
  std::error_code ec;
  if (fs::exists(out_dir() / path, ec))
    ADD_FAILURE_AT(where.file_name(), where.line()) << "unexpected output file " << path;
}

void InlineSite::expect_diagnostic(std::string_view location, std::string_view code,
                                   std::source_location where) const {
  const auto [path, line] = split_location(location);
  for (const auto& d : diags_.items())
    if (d.path == path && (line == 0 || d.line == line) && d.code == code) return;
  ADD_FAILURE_AT(where.file_name(), where.line())
      << "no diagnostic " << code << " at " << location << "; got:\n"
      << diagnostics_text();
}

void InlineSite::expect_no_diagnostic(std::string_view code, std::source_location where) const {
  for (const auto& d : diags_.items())
    if (d.code == code)
      ADD_FAILURE_AT(where.file_name(), where.line())
          << "unexpected diagnostic " << base::format_diagnostic(d);
}

InlineSite build_inline_site(std::string_view archive, InlineOptions options) {
  InlineSite site(archive, std::move(options));
  site.rebuild();
  return site;
}

}  // namespace newsarc::site_test
