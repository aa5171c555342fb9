// Code-point helpers shared by the page normaliser.
#include <algorithm>

#include "ingest/page.h"

namespace newsarc::ingest {

namespace {

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0';
}

bool is_terminal(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U'…' ||
         c == U'；' || c == U';';
}

bool is_closer(char32_t c) {
  return c == U'”' || c == U'’' || c == U'」' || c == U'』' || c == U'）' || c == U')' ||
         c == U'"' || c == U'》';
}

}  // namespace

std::u32string trim(std::u32string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::u32string(s.substr(b, e - b));
}

// A sentence ends with 。！？… or with a closing quote right after one:
// "……作为大事。”" ends a sentence, "“永远跟党走”" does not.
bool ends_sentence(std::u32string_view s) {
  std::u32string t = trim(s);
  std::size_t n = t.size();
  while (n > 0 && is_closer(t[n - 1])) --n;
  return n > 0 && is_terminal(t[n - 1]);
}

// Han and full-width forms count 1, ASCII half: "召开 2022年度" is 5.5 + 0.5.
double display_width(std::u32string_view s) {
  double w = 0;
  for (char32_t c : s) w += c < 0x2E80 ? 0.5 : 1.0;
  return w;
}

}  // namespace newsarc::ingest
