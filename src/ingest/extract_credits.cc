// Credits: reporter, correspondent, author and photo bylines.
#include <algorithm>
#include <array>

#include "base/utf8.h"
#include "ingest/page.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

// The widest credit line, in columns (a Han character is one column).
constexpr int kMaxCreditWidth = 40;

enum class Role { kNone, kReporter, kCorrespondent, kAuthor, kPhoto };

struct RoleWord {
  std::u32string_view word;
  Role role;
  bool also_photo;  // "文/图": the writer took the photos too
};

// Longest first, so "本报记者" wins over "记者".
constexpr std::array<RoleWord, 13> kRoleWords = {{
    {U"本报记者", Role::kReporter, false},
    {U"实习记者", Role::kReporter, false},
    {U"通讯员", Role::kCorrespondent, false},
    {U"实习生", Role::kCorrespondent, false},
    {U"记者", Role::kReporter, false},
    {U"文/图", Role::kAuthor, true},
    {U"文／图", Role::kAuthor, true},
    {U"图/文", Role::kAuthor, true},
    {U"摄影", Role::kPhoto, false},
    {U"▶", Role::kAuthor, false},
    {U"文", Role::kAuthor, false},
    {U"图", Role::kPhoto, false},
    {U"摄", Role::kPhoto, false},
}};

bool is_name(std::u32string_view s) {
  return s.size() >= 2 && s.size() <= 4 && std::all_of(s.begin(), s.end(), text::is_han);
}

std::vector<std::u32string> split_tokens(std::u32string_view line) {
  std::vector<std::u32string> tokens;
  std::u32string cur;
  for (char32_t c : line) {
    if (c == U' ' || c == U'\u3000' || c == U'\t') {
      if (!cur.empty()) tokens.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  return tokens;
}

void add_unique(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

void add_name(Credits& c, Role role, const std::u32string& name) {
  std::string n = text::to_utf8(name);
  switch (role) {
    case Role::kReporter:
      add_unique(c.reporters, n);
      break;
    case Role::kCorrespondent:
      add_unique(c.correspondents, n);
      break;
    case Role::kAuthor:
      add_unique(c.authors, n);
      break;
    case Role::kPhoto:
      add_unique(c.photo_credits, n);
      break;
    case Role::kNone:
      break;
  }
}

// The role word a token starts with. One-character marks (文, 图, 摄) only
// count on their own: "文小明" is a name, "记者张三" is a role and a name.
const RoleWord* role_prefix(std::u32string_view token) {
  // strip_glued_credit asks at each of a paragraph's last 48 characters; the
  // role words' first characters turn almost all of them away at once.
  static const std::u32string kFirsts = [] {
    std::u32string out;
    for (const RoleWord& r : kRoleWords) out.push_back(r.word.front());
    return out;
  }();
  if (token.empty() || kFirsts.find(token.front()) == std::u32string::npos) return nullptr;
  for (const RoleWord& r : kRoleWords)
    if (token.starts_with(r.word) && (r.word.size() > 1 || token.size() == 1 || r.word == U"▶"))
      return &r;
  return nullptr;
}

// "高新区某某办事处 供图": an organisation supplied the photos.
bool parse_supplied_photo(std::u32string_view line, Credits& out) {
  std::u32string t = trim(line);
  if (!t.ends_with(U"供图") || t.size() < 4 || t.size() > 24) return false;
  std::u32string who = trim(std::u32string_view(t).substr(0, t.size() - 2));
  if (!std::all_of(who.begin(), who.end(), text::is_han) || who.size() < 2) return false;
  add_unique(out.photo_credits, text::to_utf8(who));
  return true;
}

// The byte offset where the last `n` characters of well-formed UTF-8 start:
// each character has one byte that is not a continuation byte (10xxxxxx).
std::size_t tail_start(std::string_view utf8, std::size_t n) {
  std::size_t pos = utf8.size();
  for (std::size_t seen = 0; pos > 0 && seen < n;) {
    --pos;
    if (!base::is_continuation_byte(utf8[pos])) ++seen;
  }
  return pos;
}

}  // namespace

// A credit line is role words and 2-4 character names and nothing else:
//   "记者 张三 通讯员 李四 王五", "本报记者 赵六", "记者 张三 文/图", "▶ 钱七",
//   "通讯员 李四 孙八图" (孙八 took the photos), "张三 摄".
bool parse_credit_line(std::u32string_view line, Credits& out) {
  if (line.empty() || display_width(line) > kMaxCreditWidth) return false;
  if (parse_supplied_photo(line, out)) return true;
  std::vector<std::u32string> tokens = split_tokens(line);
  Credits found;
  Role role = Role::kNone;
  std::vector<std::u32string> group;  // names since the last role word
  bool any_role = false, any_name = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::u32string tok = tokens[i];
    const bool last = i + 1 == tokens.size();
    if (const RoleWord* r = role_prefix(tok);
        r && (tok.size() == r->word.size() ||
              is_name(std::u32string_view(tok).substr(r->word.size())))) {
      // A bare suffix after names: "张三 摄", "记者 张三 文/图".
      if (tok.size() == r->word.size() && !group.empty() &&
          (r->also_photo || r->role == Role::kPhoto)) {
        for (const auto& n : group) add_name(found, Role::kPhoto, n);
        if (role == Role::kNone)
          for (const auto& n : group) add_name(found, Role::kAuthor, n);
        group.clear();
        any_role = true;
        continue;
      }
      role = r->role;
      any_role = true;
      group.clear();
      tok = tok.substr(r->word.size());
      if (tok.empty()) continue;
    }
    // A photo mark glued to the last name: "孙八图" is 孙八 with the photos.
    bool photo_suffix = last && tok.size() >= 3 && (tok.back() == U'图' || tok.back() == U'摄') &&
                        is_name(std::u32string_view(tok).substr(0, tok.size() - 1));
    if (photo_suffix) tok.pop_back();
    if (!is_name(tok)) return false;
    any_name = true;
    group.push_back(tok);
    if (role != Role::kNone) add_name(found, role, tok);
    if (photo_suffix) add_name(found, Role::kPhoto, tok);
  }
  if (!any_role || !any_name) return false;
  if (role == Role::kNone && !group.empty()) return false;  // names with no role at all
  merge_credits(out, found);
  return true;
}

bool parse_credit_line(std::string_view line_utf8, Credits& out) {
  // Every character is at least half a column wide and at most four bytes
  // long, so a line of over 320 bytes is wider than a credit line can be:
  // a paragraph is rejected without being decoded.
  if (line_utf8.size() > 4 * 2 * kMaxCreditWidth) return false;
  return parse_credit_line(std::u32string_view(text::to_u32(line_utf8)), out);
}

// "……推动发展。记者 张三" -> "……推动发展。" with 张三 as reporter. The credit
// must follow the end of a sentence, so "……记者张三介绍" stays text.
std::string strip_glued_credit(std::string_view paragraph, Credits& out) {
  // A credit is in the last 48 characters: only they are decoded, and the
  // rest of the paragraph only when a role word is found among them.
  std::size_t tail = tail_start(paragraph, 48);
  std::u32string end = text::to_u32(paragraph.substr(tail));
  for (std::size_t pos = 0; pos < end.size(); ++pos) {
    if (!role_prefix(std::u32string_view(end).substr(pos))) continue;
    // The credit is tested first: role words are common characters ("文" in
    // "文化"), and the text before is decoded whole only for a credit.
    Credits c;
    if (!parse_credit_line(std::u32string_view(end).substr(pos), c)) continue;
    std::u32string before =
        trim(text::to_u32(paragraph.substr(0, tail)) + std::u32string(end.substr(0, pos)));
    if (before.empty() || !ends_sentence(before)) continue;
    merge_credits(out, c);
    return text::to_utf8(before);
  }
  return std::string(paragraph);
}

void merge_credits(Credits& into, const Credits& from) {
  for (const auto& n : from.reporters) add_unique(into.reporters, n);
  for (const auto& n : from.correspondents) add_unique(into.correspondents, n);
  for (const auto& n : from.authors) add_unique(into.authors, n);
  for (const auto& n : from.photo_credits) add_unique(into.photo_credits, n);
}

}  // namespace newsarc::ingest
