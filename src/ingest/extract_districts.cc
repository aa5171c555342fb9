// Gazetteer districts named in an article.
#include <algorithm>

#include "ingest/extract_chars.h"
#include "ingest/metadata.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

// Matches `alias` at `i`, skipping spaces left inside a name by hard wrapping
// ("郑州 高新区"); returns the end of the match, or 0.
std::size_t match_at(std::u32string_view s, std::size_t i, std::u32string_view alias) {
  std::size_t k = i;
  for (std::size_t a = 0; a < alias.size(); ++a, ++k) {
    while (a > 0 && k < s.size() && chars::is_space(s[k])) ++k;
    if (k >= s.size() || s[k] != alias[a]) return 0;
  }
  return k;
}

}  // namespace

DistrictMatcher::DistrictMatcher(const std::vector<config::District>& gazetteer) {
  for (std::size_t d = 0; d < gazetteer.size(); ++d) {
    names_.push_back(gazetteer[d].name);
    aliases_.push_back({text::to_u32(gazetteer[d].name), d});
    for (const std::string& a : gazetteer[d].aliases) aliases_.push_back({text::to_u32(a), d});
  }
  std::erase_if(aliases_, [](const Alias& a) { return a.text.empty(); });
  for (const Alias& a : aliases_)
    if (a.text.front() < first_bmp_.size()) first_bmp_[a.text.front()] = true;
  // Longer aliases first among those that share a first code point, so the
  // first match at a position is the longest: "郑州高新区" before "郑州高新".
  std::sort(aliases_.begin(), aliases_.end(), [](const Alias& a, const Alias& b) {
    if (a.text.front() != b.text.front()) return a.text.front() < b.text.front();
    if (a.text.size() != b.text.size()) return a.text.size() > b.text.size();
    return a.text < b.text;
  });
}

void DistrictMatcher::scan(std::string_view utf8, std::vector<bool>& found) const {
  scan(std::u32string_view(text::to_u32(utf8)), found);
}

void DistrictMatcher::scan(std::u32string_view s, std::vector<bool>& found) const {
  found.resize(names_.size(), false);
  auto by_first = [](const Alias& a, char32_t c) { return a.text.front() < c; };
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] < first_bmp_.size() && !first_bmp_[s[i]]) {  // most characters start no alias
      ++i;
      continue;
    }
    auto it = std::lower_bound(aliases_.begin(), aliases_.end(), s[i], by_first);
    std::size_t end = 0;
    for (; it != aliases_.end() && it->text.front() == s[i]; ++it) {
      end = match_at(s, i, it->text);
      if (end != 0) {
        found[it->district] = true;
        break;
      }
    }
    i = end != 0 ? end : i + 1;
  }
}

std::vector<std::string> DistrictMatcher::canonical(const std::vector<std::string>& given) const {
  std::vector<std::string> out;
  for (const std::string& g : given) {
    std::u32string u = text::to_u32(g);
    auto a = std::find_if(aliases_.begin(), aliases_.end(),
                          [&](const Alias& alias) { return alias.text == u; });
    out.push_back(a == aliases_.end() ? g : names_[a->district]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> DistrictMatcher::find(const ArticleRecord& r) const {
  if (!r.districts.empty()) return canonical(r.districts);
  return find(r, ArticleText(r));
}

std::vector<std::string> DistrictMatcher::find(const ArticleRecord& r,
                                               const ArticleText& text) const {
  if (!r.districts.empty()) return canonical(r.districts);  // given by front matter
  std::vector<bool> found(names_.size(), false);
  if (text.title) scan(std::u32string_view(*text.title), found);
  if (text.subtitle) scan(std::u32string_view(*text.subtitle), found);
  for (const std::u32string& b : text.blocks) scan(std::u32string_view(b), found);
  // Captions are often misplaced by the page extraction (a neighbour's photo,
  // a repeated panel), so they only speak when the text names no district.
  if (std::find(found.begin(), found.end(), true) == found.end())
    for (const std::string& c : r.captions) scan(c, found);
  std::vector<std::string> out;
  for (std::size_t d = 0; d < names_.size(); ++d)
    if (found[d]) out.push_back(names_[d]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> find_districts(const ArticleRecord& r,
                                        const std::vector<config::District>& gazetteer) {
  return DistrictMatcher(gazetteer).find(r);
}

}  // namespace newsarc::ingest
