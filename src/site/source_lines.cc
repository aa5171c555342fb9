#include "site/files.h"
#include "site/site.h"
#include "text/text.h"

namespace newsarc::site {

namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace

std::string SourceLines::line(const std::string& path, int line) {
  auto it = files_.find(path);
  if (it == files_.end()) {
    std::vector<std::string> lines;
    const std::filesystem::path p(path);
    if (!path.empty()) {
      auto bytes = read_bytes(p.is_absolute() ? p : std::filesystem::path(root_) / p);
      auto decoded = bytes ? text::decode(*bytes) : base::Result<text::Decoded>(bytes.error());
      if (decoded) lines = split_lines(decoded->utf8);
    }
    it = files_.emplace(path, std::move(lines)).first;
  }
  const auto& lines = it->second;
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return {};
  return lines[static_cast<std::size_t>(line) - 1];
}

}  // namespace newsarc::site
