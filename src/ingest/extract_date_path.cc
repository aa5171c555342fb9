// Dates in file paths: "2023/02/12/a.txt", "2023-02-12-a.md", "2019/07/0042.txt".
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "ingest/extract_date.h"
#include "ingest/metadata.h"

namespace newsarc::ingest {

namespace {

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Reads exactly `n` digits at `i` that are not followed by another digit.
std::optional<int> fixed_digits(std::string_view s, std::size_t i, std::size_t n) {
  if (i + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t k = i; k < i + n; ++k) {
    if (!is_ascii_digit(s[k])) return std::nullopt;
    v = v * 10 + (s[k] - '0');
  }
  if (i + n < s.size() && is_ascii_digit(s[i + n])) return std::nullopt;
  return v;
}

/// One or two digits at `i`, not followed by a third.
std::optional<int> small_number(std::string_view s, std::size_t i) {
  if (auto two = fixed_digits(s, i, 2)) return two;
  return fixed_digits(s, i, 1);
}

bool plausible_year(int y) {
  return y >= 1900 && y <= 2100;
}

PartialDate make(int y, int m, int d, DatePrecision p) {
  if (!plausible_year(y)) return {};
  if (p >= DatePrecision::kMonth && (m < 1 || m > 12)) return {};
  if (p == DatePrecision::kDay && !dates::is_valid_date(y, m, d)) return {};
  return PartialDate{y, p >= DatePrecision::kMonth ? m : 0, p == DatePrecision::kDay ? d : 0, p};
}

// "2023-02-12-a.md", "2023_02_12", "2023.02.12", "20230212-p1": a date that
// opens a file or folder name.
PartialDate date_in_name(std::string_view name) {
  auto y = fixed_digits(name, 0, 4);
  if (!y && name.size() >= 8) {
    auto ymd = fixed_digits(name, 0, 8);
    if (ymd) return make(*ymd / 10000, *ymd / 100 % 100, *ymd % 100, DatePrecision::kDay);
  }
  if (!y || name.size() < 6) return {};
  char sep = name[4];
  if (sep != '-' && sep != '_' && sep != '.') return {};
  auto m = small_number(name, 5);
  if (!m) return {};
  std::size_t after_m = 5 + (*m >= 10 || name[5] == '0' ? 2 : 1);
  if (after_m < name.size() && name[after_m] == sep) {
    if (auto d = small_number(name, after_m + 1)) return make(*y, *m, *d, DatePrecision::kDay);
  }
  return make(*y, *m, 0, DatePrecision::kMonth);
}

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/' || path[i] == '\\') {
      if (i > start) out.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Folders "YYYY/MM[/DD]" above the file; the day may open the file name
// ("2023/02/12-p1.txt") but a longer number is an id ("2019/07/0042.txt").
PartialDate date_in_folders(const std::vector<std::string_view>& parts) {
  const std::size_t n = parts.size();  // parts[n-1] is the file name
  for (std::size_t i = n >= 4 ? n - 4 : 0; i + 1 < n; ++i) {
    auto y = fixed_digits(parts[i], 0, 4);
    if (!y || parts[i].size() != 4) continue;
    std::optional<int> m =
        i + 1 < n - 1 && parts[i + 1].size() <= 2 ? small_number(parts[i + 1], 0) : std::nullopt;
    if (!m) {
      if (i + 2 == n) return make(*y, 0, 0, DatePrecision::kYear);  // "2019/a.txt"
      continue;
    }
    std::optional<int> d = i + 2 < n ? small_number(parts[i + 2], 0) : std::nullopt;
    if (d) {
      PartialDate day = make(*y, *m, *d, DatePrecision::kDay);
      if (day.precision == DatePrecision::kDay) return day;
    }
    return make(*y, *m, 0, DatePrecision::kMonth);
  }
  return {};
}

}  // namespace

PartialDate date_from_path(std::string_view path) {
  std::vector<std::string_view> parts = components(path);
  if (parts.empty()) return {};
  PartialDate in_name = date_in_name(parts.back());
  if (in_name.precision == DatePrecision::kDay) return in_name;
  PartialDate in_folders = date_in_folders(parts);
  if (in_folders.precision > in_name.precision) return in_folders;
  if (in_name.precision != DatePrecision::kNone) return in_name;
  // "2023-02/a.txt": a month folder directly above the file.
  return parts.size() >= 2 ? date_in_name(parts[parts.size() - 2]) : PartialDate{};
}

}  // namespace newsarc::ingest
