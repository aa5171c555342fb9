// The lints of `newsarc check`: pure functions over the archive, the decoded
// sources and the rendered site.
#include "site/check.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "base/utf8.h"
#include "text/text.h"

namespace newsarc::site {

namespace {

using base::Severity;

bool has_code(const ingest::ArticleRecord& r, std::string_view code) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                     [&](const base::Diagnostic& d) { return d.code == code; });
}

std::string source_of(const ingest::ArticleRecord& r) {
  return r.source_path + ":" + std::to_string(r.source_line);
}

// "高新区党工委书记" and "党工委书记" name the same post; "区长" and "区委书记" do not.
bool posts_match(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    for (const std::string& y : b)
      if (x.find(y) != std::string::npos || y.find(x) != std::string::npos) return true;
  return false;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

const ingest::Person* find_official(const ingest::ArticleRecord& r, const std::string& name) {
  for (const ingest::Person& p : r.officials)
    if (p.name == name) return &p;
  return nullptr;
}

// Reports the appearances of one official on one day whose posts match none
// of the first appearance's.
void report_conflicts(const archive::Archive& archive, const std::string& name,
                      const std::vector<const archive::Appearance*>& day,
                      base::Diagnostics& diags) {
  const archive::Appearance& first = *day.front();
  const ingest::ArticleRecord& a = archive.articles[first.article];
  for (std::size_t i = 1; i < day.size(); ++i) {
    if (posts_match(first.titles, day[i]->titles)) continue;
    const ingest::ArticleRecord& b = archive.articles[day[i]->article];
    const ingest::Person* person = find_official(b, name);
    const int line = person && person->span.line > 0 ? person->span.line : b.source_line;
    const int column = person ? std::max(person->span.column, 1) : 1;
    diags.report(Severity::kWarning, b.source_path, line, column, "check/conflicting-posts",
                 name + " is " + join(day[i]->titles) + " here but " + join(first.titles) + " in " +
                     source_of(a) + " of the same day (" + a.date.iso() + ")");
  }
}

// The line of an offset in a text, for offsets that only grow: each byte is
// looked at once however many matches a file has.
struct LineCursor {
  std::string_view text;
  std::size_t scanned = 0;     // bytes counted so far
  std::size_t line_start = 0;  // offset of the current line
  int line = 1;

  void advance_to(std::size_t offset) {
    for (; scanned < offset; ++scanned)
      if (text[scanned] == '\n') {
        ++line;
        line_start = scanned + 1;
      }
  }
};

int code_points(std::string_view s) {
  return static_cast<int>(base::count_code_points(s));
}

bool has_scheme(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const auto is_scheme_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  };
  return std::isalpha(static_cast<unsigned char>(url[0])) &&
         std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), is_scheme_char);
}

// "%E5%B8%82" -> "市"; a malformed escape is kept as written.
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Applies "." and ".." to "/"-separated `parts`; false when ".." climbs above the root.
bool normalise(std::vector<std::string>& parts) {
  std::vector<std::string> out;
  for (std::string& p : parts) {
    if (p == ".") continue;
    if (p != "..") {
      out.push_back(std::move(p));
    } else if (out.empty()) {
      return false;
    } else {
      out.pop_back();
    }
  }
  parts = std::move(out);
  return true;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool site_has(const render::RenderedSite& site, const std::string& path) {
  return site.count(path) > 0 || site.count(path + "/index.html") > 0;
}

}  // namespace

void check_undated(const archive::Archive& archive, base::Diagnostics& diags) {
  for (const ingest::ArticleRecord& r : archive.articles) {
    if (r.date.precision == ingest::DatePrecision::kDay || has_code(r, "ingest/no-date")) continue;
    const std::string known = r.date.precision == ingest::DatePrecision::kNone
                                  ? "has no date"
                                  : "is dated only to " + r.date.iso() +
                                        (r.date_origin.empty() ? "" : " (" + r.date_origin + ")");
    diags.report(Severity::kWarning, r.source_path, std::max(r.source_line, 1), 1, "check/undated",
                 "article " + known + "; it is not listed under a day");
  }
}

void check_conflicting_posts(const archive::Archive& archive, base::Diagnostics& diags) {
  for (const archive::PersonEntry& official : archive.officials) {
    // Appearances with posts, by day; articles not dated to the day are left out.
    std::map<std::string, std::vector<const archive::Appearance*>> by_day;
    for (const archive::Appearance& a : official.appearances) {
      const ingest::ArticleRecord& r = archive.articles[a.article];
      if (r.date.precision == ingest::DatePrecision::kDay && !a.titles.empty())
        by_day[r.date.iso()].push_back(&a);
    }
    for (auto& [day, appearances] : by_day) {
      // In source order (path, then line), so the first mention is the reference.
      std::sort(appearances.begin(), appearances.end(),
                [&](const archive::Appearance* x, const archive::Appearance* y) {
                  const ingest::ArticleRecord& a = archive.articles[x->article];
                  const ingest::ArticleRecord& b = archive.articles[y->article];
                  return std::tie(a.source_path, a.source_line) <
                         std::tie(b.source_path, b.source_line);
                });
      report_conflicts(archive, official.name, appearances, diags);
    }
  }
}

void check_typos(std::string_view text, const std::string& path,
                 const std::vector<std::pair<std::string, std::string>>& typo_map,
                 base::Diagnostics& diags) {
  for (const auto& [form, fix] : typo_map) {
    if (form.empty()) continue;
    LineCursor cursor{text};
    for (std::size_t at = text.find(form); at != std::string_view::npos;
         at = text.find(form, at + form.size())) {
      cursor.advance_to(at);
      const int column = code_points(text.substr(cursor.line_start, at - cursor.line_start)) + 1;
      diags.report(Severity::kWarning, path, cursor.line, column, "check/typo",
                   "\"" + form + "\" looks like an OCR misreading of \"" + fix + "\"");
    }
  }
}

std::string resolve_link(std::string_view url, std::string_view page, std::string_view base_path) {
  if (url.empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(url)) return {};
  url = url.substr(0, std::min(url.find('#'), url.find('?')));
  std::string path = percent_decode(url);
  if (path.starts_with('/')) {
    if (!path.starts_with(base_path)) return {};  // elsewhere on the same host
    path = path.substr(base_path.size());
  } else {
    path = std::string(page.substr(0, page.rfind('/') + 1)) + path;
  }
  std::vector<std::string> parts = split_path(path);
  if (!normalise(parts)) return {};
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? "/" : "") + parts[i];
  if (out.empty() || out.ends_with('/')) out += "index.html";
  return out;
}

void check_markdown(const ingest::ArticleRecord& r, const MarkdownContext& where,
                    const render::RenderedSite& site, base::Diagnostics& diags) {
  for (const render::MarkdownItem& item : render::scan_markdown(r.markdown_source())) {
    const int line = where.first_line + std::max(item.line, 1) - 1;
    if (item.dropped) {
      diags.report(Severity::kWarning, r.source_path, line, item.column, "check/unsafe-markup",
                   (item.kind == render::MarkdownItem::Kind::kRawHtml ? "raw HTML " : "link ") +
                       std::string("\"") + item.text + "\" is left out of the page");
      continue;
    }
    const std::string target = resolve_link(item.text, where.page, where.base_path);
    if (target.empty() || site_has(site, target)) continue;
    diags.report(
        Severity::kError, r.source_path, line, item.column, "check/dead-link",
        "link \"" + item.text + "\" leads to " + target + ", which the site does not have");
  }
}

}  // namespace newsarc::site
