#include "base/base.h"

#include <algorithm>
#include <tuple>

namespace newsarc::base {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

namespace {

std::string_view severity_colour(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "\033[1;36m";
    case Severity::kWarning:
      return "\033[1;35m";
    case Severity::kError:
      return "\033[1;31m";
  }
  return "";
}

// Counts display columns up to the caret: a CJK character is two columns wide
// in a terminal, so "本报讯 2月" needs 7 columns of padding before "2".
std::string caret_padding(std::string_view line, int column) {
  std::string pad;
  int cp = 1;
  for (std::size_t i = 0; i < line.size() && cp < column; ++cp) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c == '\t') {
      pad += '\t';
    } else {
      pad += len >= 3 ? "  " : " ";
    }
    i += len;
  }
  return pad;
}

}  // namespace

std::string diagnostic_location(const Diagnostic& d) {
  std::string out = d.path;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  if (d.line > 0 && d.column > 0) out += ":" + std::to_string(d.column);
  return out;
}

std::string format_diagnostic(const Diagnostic& d, std::string_view source_line, bool colour) {
  std::string out = diagnostic_location(d) + ": ";
  if (colour) out += severity_colour(d.severity);
  out += severity_name(d.severity);
  out += "[" + d.code + "]";
  if (colour) out += "\033[0m";
  out += ": " + d.message;
  if (!source_line.empty()) {
    out += "\n    ";
    out += source_line;
    out += "\n    " + caret_padding(source_line, std::max(d.column, 1)) + "^";
  }
  return out;
}

void Diagnostics::report(Severity s, std::string path, int line, int column, std::string code,
                         std::string message) {
  items_.push_back({std::move(path), line, column, s, std::move(code), std::move(message)});
}

void Diagnostics::append(Diagnostics&& other) {
  for (auto& d : other.items_) items_.push_back(std::move(d));
  other.items_.clear();
}

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.column, a.code, a.message) <
           std::tie(b.path, b.line, b.column, b.code, b.message);
  });
}

}  // namespace newsarc::base
