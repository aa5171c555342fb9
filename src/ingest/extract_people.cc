// People named with a post in an article: officials and everyone else.
#include <algorithm>
#include <unordered_map>

#include "ingest/extract_people.h"
#include "ingest/metadata.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

/// One printed "posts + name" (or "name + post") in one text unit.
struct Mention {
  std::u32string name;
  std::vector<std::u32string> titles;
  bool official = false;
  base::SourceSpan span;
};

/// A piece of the article's text with the lines it came from.
struct Unit {
  std::u32string_view text;
  base::SourceSpan span;
};

std::vector<Unit> units_of(const ArticleRecord& r, const ArticleText& text) {
  std::vector<Unit> out;
  base::SourceSpan head{r.source_line, 1, r.source_line};
  if (text.title) out.push_back({*text.title, head});
  if (text.subtitle) out.push_back({*text.subtitle, head});
  for (std::size_t i = 0; i < r.body.size(); ++i) out.push_back({text.blocks[i], r.body[i].span});
  return out;
}

// "高新区党工委副书记、管委会主任郭程明": a post ends where a name starts.
std::size_t read_title_then_name(std::u32string_view s, std::size_t q, std::size_t floor,
                                 const people::NameIndex& article, const base::SourceSpan& span,
                                 std::vector<Mention>& out) {
  // The post test first: it rejects almost every position with one lookup.
  if (people::post_ending_at(s, q) == 0 || people::surname_length(s.substr(q)) == 0) return 0;
  std::size_t n = people::choose_name_length(s, q, article);
  if (n == 0) return 0;
  std::size_t begin = people::title_chain_begin(s, q, floor);
  std::u32string_view chain = s.substr(begin, q - begin);
  out.push_back({std::u32string(s.substr(q, n)), people::split_titles(chain),
                 !people::is_company_post(chain), span});
  return q + n;
}

// "72岁的居民张三高兴地说": a person named without a post.
std::size_t read_role_then_name(std::u32string_view s, std::size_t q,
                                const people::NameIndex& article, const base::SourceSpan& span,
                                std::vector<Mention>& out) {
  if (people::role_ending_at(s, q) == 0) return 0;
  std::size_t n = people::choose_name_length(s, q, article);
  // Without a post to vouch for it, the name must be followed by a verb or
  // punctuation: "群众温暖过冬" names nobody.
  if (n == 0 || !people::starts_after_name_word(s, q + n)) return 0;
  out.push_back({std::u32string(s.substr(q, n)), {}, false, span});
  return q + n;
}

// A name of 2 to 4 characters could end at `q`: one of them is a surname.
bool could_end_name(std::u32string_view s, std::size_t q, std::size_t floor) {
  for (std::size_t len = 2; len <= 4 && len <= q - floor; ++len)
    if (people::surname_length(s.substr(q - len)) > 0) return true;
  return false;
}

// "习近平总书记" (a leader), "卡斯柯公司杨智慧副总经理" (a name between an
// organisation and its post): the name ends where a post starts.
std::size_t read_name_then_title(std::u32string_view s, std::size_t q, std::size_t floor,
                                 const base::SourceSpan& span, std::vector<Mention>& out) {
  std::size_t post = people::post_starting_at(s, q);  // rarely true: tested first
  if (post == 0 || !could_end_name(s, q, floor)) return 0;
  bool leader = people::leader_post_at(s, q) != 0;
  for (std::size_t len = 4; len >= 2; --len) {
    if (q < floor + len) continue;
    std::size_t start = q - len;
    std::vector<std::size_t> readings = people::name_lengths_at(s, start);
    if (std::find(readings.begin(), readings.end(), len) == readings.end()) continue;
    bool after_org = start > 0 && people::ends_organisation(s[start - 1]);
    if (!leader && !after_org) continue;
    std::size_t org = after_org ? people::title_chain_begin(s, start, floor) : start;
    std::u32string chain =
        std::u32string(s.substr(org, start - org)) + std::u32string(s.substr(q, post));
    out.push_back({std::u32string(s.substr(start, len)),
                   {std::u32string(s.substr(q, post))},
                   !people::is_company_post(chain),
                   span});
    return q + post;
  }
  return 0;
}

void scan_unit(const Unit& u, const people::NameIndex& article, std::vector<Mention>& out) {
  std::u32string_view s = u.text;
  std::size_t floor = 0;
  for (std::size_t q = 1; q < s.size(); ++q) {
    std::size_t next = read_title_then_name(s, q, floor, article, u.span, out);
    if (next == 0) next = read_name_then_title(s, q, floor, u.span, out);
    if (next == 0) next = read_role_then_name(s, q, article, u.span, out);
    if (next == 0) continue;
    floor = next;
    q = next - 1;
  }
}

bool is_credited(const ArticleRecord& r, const std::string& name) {
  for (const auto* list : {&r.reporters, &r.correspondents, &r.authors, &r.photo_credits})
    if (std::find(list->begin(), list->end(), name) != list->end()) return true;
  return false;
}

void add_titles(Person& p, const std::vector<std::u32string>& titles) {
  for (const std::u32string& t : titles) {
    std::string title = text::to_utf8(t);
    if (std::find(p.titles.begin(), p.titles.end(), title) == p.titles.end())
      p.titles.push_back(std::move(title));
  }
}

Person* find_person(std::vector<Person>& people, const std::string& name) {
  for (Person& p : people)
    if (p.name == name) return &p;
  return nullptr;
}

/// A person found in the text, and whether any mention gave an official post.
struct FoundPerson {
  Person person;
  bool official = false;
};

// One person per name, in order of first mention; an official post in any
// mention makes an official. Credited journalists are left out.
std::vector<FoundPerson> merge_mentions(const ArticleRecord& r,
                                        const std::vector<Mention>& mentions) {
  std::vector<FoundPerson> out;
  std::unordered_map<std::string, std::size_t> by_name;
  for (const Mention& m : mentions) {
    std::string name = text::to_utf8(m.name);
    if (is_credited(r, name)) continue;
    auto [it, added] = by_name.try_emplace(name, out.size());
    if (added) out.push_back({Person{name, {}, m.span}, false});
    FoundPerson& f = out[it->second];
    add_titles(f.person, m.titles);
    f.official = f.official || m.official;
  }
  return out;
}

// Officials given by front matter win. Those listed by name only
// ("officials: [张三]") get the posts printed before their name in the body;
// everyone else found in the body is another person.
void keep_given_officials(ArticleRecord& r, std::vector<FoundPerson>& found) {
  for (FoundPerson& f : found) {
    Person& p = f.person;
    Person* given = find_person(r.officials, p.name);
    if (given == nullptr) {
      r.other_people.push_back(std::move(p));
    } else if (given->titles.empty()) {
      given->titles = p.titles;
      given->span = p.span;
    }
  }
}

}  // namespace

void find_people(ArticleRecord& r) {
  find_people(r, ArticleText(r));
}

void find_people(ArticleRecord& r, const ArticleText& text) {
  std::vector<Unit> units = units_of(r, text);
  std::u32string article;
  for (const Unit& u : units) {
    article += u.text;
    article += U'\n';
  }
  const people::NameIndex index(article);
  std::vector<Mention> mentions;
  for (const Unit& u : units) scan_unit(u, index, mentions);

  std::vector<FoundPerson> found = merge_mentions(r, mentions);
  r.other_people.clear();
  if (!r.officials.empty()) {
    keep_given_officials(r, found);
    return;
  }
  for (FoundPerson& f : found)
    (f.official ? r.officials : r.other_people).push_back(std::move(f.person));
}

}  // namespace newsarc::ingest
