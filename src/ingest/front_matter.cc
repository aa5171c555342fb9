// apply_front_matter: the fields of a Markdown file's front matter.
#include <algorithm>
#include <functional>

#include "ingest/extract_date.h"
#include "ingest/front_matter.h"
#include "ingest/metadata.h"

namespace newsarc::ingest {

namespace {

using nlohmann::json;

/// Everything a field handler needs to set a field or report a problem.
struct FieldContext {
  ArticleRecord& r;
  base::Diagnostics& diags;
  std::string path;
  std::string key;
  int line = 1;

  void warn(std::string code, std::string message) const {
    diags.report(base::Severity::kWarning, path, line, 1, std::move(code), std::move(message));
  }
  /// An error: ingest_markdown then skips the article.
  void fail(std::string code, std::string message) const {
    diags.report(base::Severity::kError, path, line, 1, std::move(code),
                 std::move(message) + "; article skipped");
  }
  void wrong_type(std::string_view expected) const {
    fail("ingest/front-matter-type",
         "front matter \"" + key + "\" must be " + std::string(expected));
  }
};

std::optional<std::string> as_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return std::nullopt;
}

// "2023-02-12", "2023-02", "2023", "2023-02-12T09:30:00+08:00", "2023/2/12".
std::optional<PartialDate> parse_date(std::string_view s) {
  std::u32string u(s.begin(), s.end());  // ASCII is enough for a date value
  std::size_t t = u.find_first_of(U"T ");
  if (t != std::u32string::npos) u.resize(t);
  int parts[3] = {0, 0, 0};
  int n = 0;
  std::size_t i = 0;
  while (i < u.size() && n < 3) {
    std::size_t start = i;
    // At most four digits a part, so "date: 20111111111111111111" cannot overflow.
    while (i < u.size() && u[i] >= U'0' && u[i] <= U'9' && i - start < 4)
      parts[n] = parts[n] * 10 + int(u[i++] - U'0');
    if (i == start || (n == 0 && i - start != 4)) return std::nullopt;
    ++n;
    if (i < u.size() && u[i] != U'-' && u[i] != U'/' && u[i] != U'.') return std::nullopt;
    if (i < u.size()) ++i;
  }
  if (i < u.size() || n == 0) return std::nullopt;
  static constexpr DatePrecision kByParts[] = {DatePrecision::kYear, DatePrecision::kMonth,
                                               DatePrecision::kDay};
  return PartialDate{parts[0], parts[1], parts[2], kByParts[n - 1]};
}

bool plausible(const PartialDate& d) {
  if (d.year < 1000 || d.year > 9999) return false;
  if (d.precision == DatePrecision::kMonth) return d.month >= 1 && d.month <= 12;
  if (d.precision == DatePrecision::kDay) return dates::is_valid_date(d.year, d.month, d.day);
  return true;
}

void set_date(const json& v, FieldContext& c) {
  std::optional<std::string> s = as_text(v);
  if (!s) return c.wrong_type("a date: YYYY, YYYY-MM or YYYY-MM-DD");
  std::optional<PartialDate> d = parse_date(*s);
  if (!d || !plausible(*d))
    return c.fail("ingest/bad-date", "front matter date \"" + *s + "\" is not a valid date");
  c.r.date = *d;
  c.r.date_origin = "front_matter";
  c.r.date_confidence = "high";
  c.r.date_span = base::SourceSpan{c.line, 1, c.line};
}

// A list of names; a single string counts as a list of one ("reporters: 张三").
std::optional<std::vector<std::string>> as_names(const json& v) {
  if (v.is_string()) return std::vector<std::string>{v.get<std::string>()};
  if (!v.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const json& item : v) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.get<std::string>());
  }
  return out;
}

Person& person_named(std::vector<Person>& people, const std::string& name, int line) {
  for (Person& p : people)
    if (p.name == name) return p;
  people.push_back(Person{name, {}, base::SourceSpan{line, 1, line}});
  return people.back();
}

void add_titles(Person& p, const std::vector<std::string>& titles) {
  for (const std::string& t : titles)
    if (std::find(p.titles.begin(), p.titles.end(), t) == p.titles.end()) p.titles.push_back(t);
}

// officials: [张三, {name: 李四, titles: [区长]}]
void set_officials(const json& v, FieldContext& c) {
  if (!v.is_array()) return c.wrong_type("a list of names or {name, titles}");
  for (const json& item : v) {
    const json* name = item.is_object() && item.contains("name") ? &item["name"] : &item;
    const json titles =
        item.is_object() ? item.value("titles", item.value("title", json::array())) : json::array();
    std::optional<std::vector<std::string>> posts = as_names(titles);
    if (!name->is_string() || !posts) {
      c.wrong_type("a list of names or {name, titles}");
      continue;
    }
    add_titles(person_named(c.r.officials, name->get<std::string>(), c.line), *posts);
  }
}

// official_posts: {张三: 区长} (as gen_corpus.py --format hugo writes it)
void set_official_posts(const json& v, FieldContext& c) {
  if (!v.is_object()) return c.wrong_type("a mapping from name to post");
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::optional<std::vector<std::string>> posts = as_names(it.value());
    if (!posts) {
      c.wrong_type("a mapping from name to post");
      continue;
    }
    add_titles(person_named(c.r.officials, it.key(), c.line), *posts);
  }
}

using Handler = std::function<void(const json&, FieldContext&)>;

Handler text_field(std::optional<std::string> ArticleRecord::*field) {
  return [field](const json& v, FieldContext& c) {
    std::optional<std::string> s = as_text(v);
    if (!s) return c.wrong_type("a string");
    c.r.*field = *s;
  };
}

// A slug or id names a folder of the site: "../x", "/etc", "a:b" or a line
// break would leave the output folder or fail on some file systems.
bool is_safe_name(std::string_view s) {
  if (s.empty() || s == "." || s == ".." || s.find("..") != std::string_view::npos) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f ||
           std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos;
  });
}

Handler name_field(std::string ArticleRecord::*field) {
  return [field](const json& v, FieldContext& c) {
    std::optional<std::string> s = as_text(v);
    if (!s) return c.wrong_type("a string");
    if (!is_safe_name(*s))
      return c.fail("ingest/bad-slug", "front matter \"" + c.key +
                                           "\" cannot name a folder: it holds \"/\", \"..\", a "
                                           "control character or one of \\:*?\"<>|");
    c.r.*field = *s;
  };
}

Handler names_field(std::vector<std::string> ArticleRecord::*field) {
  return [field](const json& v, FieldContext& c) {
    std::optional<std::vector<std::string>> names = as_names(v);
    if (!names) return c.wrong_type("a list of strings");
    c.r.*field = *names;
  };
}

const std::vector<std::pair<std::string_view, Handler>>& handlers() {
  static const std::vector<std::pair<std::string_view, Handler>> kHandlers = {
      {"title", text_field(&ArticleRecord::title)},
      {"subtitle", text_field(&ArticleRecord::subtitle)},
      {"date", set_date},
      {"districts", names_field(&ArticleRecord::districts)},
      {"officials", set_officials},
      {"official_posts", set_official_posts},
      {"reporters", names_field(&ArticleRecord::reporters)},
      {"correspondents", names_field(&ArticleRecord::correspondents)},
      {"authors", names_field(&ArticleRecord::authors)},
      {"photo_credits", names_field(&ArticleRecord::photo_credits)},
      {"slug", name_field(&ArticleRecord::slug)},
      {"id", name_field(&ArticleRecord::id)},
  };
  return kHandlers;
}

void apply_fields(const front_matter::Fields& f, std::string_view path, ArticleRecord& r,
                  base::Diagnostics& diags) {
  for (const std::string& key : f.order) {
    const json& v = f.values.at(key);
    auto line = f.lines.find(key);
    FieldContext c{r, diags, std::string(path), key, line == f.lines.end() ? 1 : line->second};
    if (v.is_null()) continue;  // "subtitle:" with no value
    auto h = std::find_if(handlers().begin(), handlers().end(),
                          [&](const auto& kh) { return kh.first == key; });
    if (h == handlers().end()) {
      c.warn("ingest/front-matter-key", "unknown front matter key \"" + key + "\" is ignored");
      continue;
    }
    h->second(v, c);
  }
}

}  // namespace

std::pair<std::string_view, int> apply_front_matter(std::string_view text, std::string_view path,
                                                    ArticleRecord& r, base::Diagnostics& diags) {
  std::optional<front_matter::Block> block = front_matter::find_block(text);
  if (!block) return {text, 1};
  base::Result<front_matter::Fields> fields = front_matter::parse_block(*block);
  if (!fields) {
    const base::Error& e = fields.error();
    diags.report(base::Severity::kError, std::string(path), e.line, std::max(e.column, 1), e.code,
                 e.message);
    // An unclosed block cannot be told from the body: the whole text is body.
    if (!block->closed) return {text, 1};
  } else {
    apply_fields(*fields, path, r, diags);
  }
  return {block->body, block->body_line};
}

}  // namespace newsarc::ingest
