// The record's JSON form: `newsarc ingest --json`, records.json and the cache.
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"

namespace newsarc::ingest {

namespace {

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string_view block_kind_name(BlockKind k) {
  return k == BlockKind::kHeading ? "heading" : "paragraph";
}

}  // namespace

std::string PartialDate::iso() const {
  switch (precision) {
    case DatePrecision::kNone:
      return "";
    case DatePrecision::kYear:
      return std::to_string(year);
    case DatePrecision::kMonth:
      return std::to_string(year) + "-" + two(month);
    case DatePrecision::kDay:
      return std::to_string(year) + "-" + two(month) + "-" + two(day);
  }
  return "";
}

std::vector<std::string> ArticleRecord::paragraphs() const {
  std::vector<std::string> out;
  for (const Block& b : body_blocks())
    if (b.kind == BlockKind::kParagraph) out.push_back(b.text);
  return out;
}

namespace {

void optional_string(base::JsonWriter& w, std::string_view key, const std::string* s) {
  w.key(key);
  s ? w.string(*s) : w.null();
}

// `key`: an array of one object per item, whose members `members` writes.
template <typename T, typename Members>
void object_array(base::JsonWriter& w, std::string_view key, const std::vector<T>& items,
                  const Members& members) {
  w.key(key);
  w.begin_array();
  for (const T& item : items) {
    w.begin_object();
    members(item);
    w.end_object();
  }
  w.end_array();
}

void people(base::JsonWriter& w, std::string_view key, const std::vector<Person>& list) {
  object_array(w, key, list, [&w](const Person& p) {
    w.member("line", p.span.line);
    w.member("name", p.name);
    w.member("titles", p.titles);
  });
}

void body(base::JsonWriter& w, const std::vector<Block>& blocks) {
  object_array(w, "body", blocks, [&w](const Block& b) {
    w.member("end_line", b.span.end_line);
    w.member("kind", block_kind_name(b.kind));
    w.member("line", b.span.line);
    w.member("text", b.text);
  });
}

void diagnostics(base::JsonWriter& w, const std::vector<base::Diagnostic>& list) {
  object_array(w, "diagnostics", list, [&w](const base::Diagnostic& d) {
    w.member("code", d.code);
    w.member("column", d.column);
    w.member("line", d.line);
    w.member("message", d.message);
    w.member("path", d.path);
    w.member("severity", base::severity_name(d.severity));
  });
}

void repairs(base::JsonWriter& w, const std::vector<Repair>& list) {
  object_array(w, "repairs", list, [&w](const Repair& rep) {
    w.member("code", rep.code);
    w.member("line", rep.line);
    w.member("text", rep.text);
  });
}

}  // namespace

// The members in the order nlohmann's std::map keeps them (ascending bytes),
// so the text is what the record's tree would dump.
void write_json(base::JsonWriter& w, const ArticleRecord& r, JsonForm form) {
  w.begin_object();
  w.member("authors", r.authors);
  body(w, r.body_blocks());
  w.member("captions", r.captions);
  w.member("correspondents", r.correspondents);
  const std::string iso = r.date.iso();
  optional_string(w, "date", iso.empty() ? nullptr : &iso);
  optional_string(w, "date_confidence", r.date_confidence.empty() ? nullptr : &r.date_confidence);
  w.member("date_line", r.date_span.line);
  optional_string(w, "date_origin", r.date_origin.empty() ? nullptr : &r.date_origin);
  diagnostics(w, r.diagnostics);
  w.member("display_title", r.display_title);
  w.member("districts", r.districts);
  w.member("id", r.id);
  if (!r.markdown_source().empty()) w.member("markdown", r.markdown_source());
  people(w, "officials", r.officials);
  people(w, "other_people", r.other_people);
  if (form == JsonForm::kFull) w.member("paragraphs", r.paragraphs());
  w.member("photo_credits", r.photo_credits);
  repairs(w, r.repairs);
  w.member("reporters", r.reporters);
  w.member("section_headings", r.section_headings);
  if (!r.slug.empty()) w.member("slug", r.slug);
  w.key("source");
  w.begin_object();
  w.member("format", r.format);
  w.member("line", r.source_line);
  w.member("path", r.source_path);
  w.end_object();
  optional_string(w, "subtitle", r.subtitle ? &*r.subtitle : nullptr);
  optional_string(w, "title", r.title ? &*r.title : nullptr);
  w.end_object();
}

nlohmann::json to_json(const ArticleRecord& r, JsonForm form) {
  std::string text;
  base::JsonWriter w(text, -1);
  write_json(w, r, form);
  return nlohmann::json::parse(text);
}

namespace {

std::optional<std::string> read_optional(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<std::string>();
}

std::vector<Person> read_people(const nlohmann::json& j) {
  std::vector<Person> out;
  for (const auto& p : j) {
    Person person{
        p.at("name").get<std::string>(), p.at("titles").get<std::vector<std::string>>(), {}};
    person.span.line = p.value("line", 0);
    out.push_back(std::move(person));
  }
  return out;
}

PartialDate parse_iso(const std::string& s) {
  PartialDate d;
  if (s.size() >= 4) d = {std::stoi(s.substr(0, 4)), 0, 0, DatePrecision::kYear};
  if (s.size() >= 7) d.month = std::stoi(s.substr(5, 2)), d.precision = DatePrecision::kMonth;
  if (s.size() >= 10) d.day = std::stoi(s.substr(8, 2)), d.precision = DatePrecision::kDay;
  return d;
}

ArticleRecord read_record(const nlohmann::json& j) {
  ArticleRecord r;
  r.id = j.at("id").get<std::string>();
  r.slug = j.value("slug", "");
  r.source_path = j.at("source").at("path").get<std::string>();
  r.source_line = j.at("source").at("line").get<int>();
  r.format = j.at("source").at("format").get<std::string>();
  r.title = read_optional(j, "title");
  r.subtitle = read_optional(j, "subtitle");
  r.display_title = j.at("display_title").get<std::string>();
  if (auto d = read_optional(j, "date")) r.date = parse_iso(*d);
  r.date_origin = read_optional(j, "date_origin").value_or("");
  r.date_confidence = read_optional(j, "date_confidence").value_or("");
  r.date_span.line = r.date_span.end_line = j.value("date_line", 0);
  r.districts = j.at("districts").get<std::vector<std::string>>();
  r.officials = read_people(j.at("officials"));
  r.other_people = read_people(j.at("other_people"));
  for (auto [field, key] : {std::pair{&r.reporters, "reporters"},
                            {&r.correspondents, "correspondents"},
                            {&r.authors, "authors"},
                            {&r.photo_credits, "photo_credits"},
                            {&r.section_headings, "section_headings"},
                            {&r.captions, "captions"}})
    *field = j.at(key).get<std::vector<std::string>>();
  for (const auto& b : j.at("body"))
    r.body.push_back({b.at("kind") == "heading" ? BlockKind::kHeading : BlockKind::kParagraph,
                      b.at("text").get<std::string>(),
                      {b.at("line").get<int>(), 1, b.at("end_line").get<int>()}});
  r.markdown = j.value("markdown", "");
  for (const auto& rep : j.at("repairs"))
    r.repairs.push_back({rep.at("code"), rep.at("line"), rep.at("text")});
  for (const auto& d : j.at("diagnostics")) {
    base::Severity s = d.at("severity") == "error"     ? base::Severity::kError
                       : d.at("severity") == "warning" ? base::Severity::kWarning
                                                       : base::Severity::kNote;
    r.diagnostics.push_back(
        {d.at("path"), d.at("line"), d.at("column"), s, d.at("code"), d.at("message")});
  }
  return r;
}

}  // namespace

base::Result<ArticleRecord> from_json(const nlohmann::json& j) {
  try {
    return read_record(j);
  } catch (const std::exception& e) {
    return base::Error{"ingest/bad-record", e.what()};
  }
}

}  // namespace newsarc::ingest
