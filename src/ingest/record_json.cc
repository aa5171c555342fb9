// The record's JSON form: `newsarc ingest --json`, records.json and the cache.
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"

namespace newsarc::ingest {

namespace {

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

nlohmann::json optional_string(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

nlohmann::json people_json(const std::vector<Person>& people) {
  nlohmann::json out = nlohmann::json::array();
  for (const Person& p : people)
    out.push_back({{"name", p.name}, {"titles", p.titles}, {"line", p.span.line}});
  return out;
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
  for (const Block& b : body)
    if (b.kind == BlockKind::kParagraph) out.push_back(b.text);
  return out;
}

nlohmann::json to_json(const ArticleRecord& r, JsonForm form) {
  nlohmann::json j;
  j["id"] = r.id;
  j["source"] = {{"path", r.source_path}, {"line", r.source_line}, {"format", r.format}};
  j["title"] = optional_string(r.title);
  j["subtitle"] = optional_string(r.subtitle);
  j["display_title"] = r.display_title;
  std::string iso = r.date.iso();
  j["date"] = iso.empty() ? nlohmann::json(nullptr) : nlohmann::json(iso);
  j["date_origin"] =
      r.date_origin.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.date_origin);
  j["date_confidence"] =
      r.date_confidence.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.date_confidence);
  j["date_line"] = r.date_span.line;
  j["districts"] = r.districts;
  j["officials"] = people_json(r.officials);
  j["other_people"] = people_json(r.other_people);
  j["reporters"] = r.reporters;
  j["correspondents"] = r.correspondents;
  j["authors"] = r.authors;
  j["photo_credits"] = r.photo_credits;
  j["section_headings"] = r.section_headings;
  j["captions"] = r.captions;
  if (form == JsonForm::kFull) j["paragraphs"] = r.paragraphs();
  nlohmann::json body = nlohmann::json::array();
  for (const Block& b : r.body)
    body.push_back({{"kind", block_kind_name(b.kind)},
                    {"text", b.text},
                    {"line", b.span.line},
                    {"end_line", b.span.end_line}});
  j["body"] = std::move(body);
  if (!r.slug.empty()) j["slug"] = r.slug;
  if (!r.markdown.empty()) j["markdown"] = r.markdown;
  nlohmann::json repairs = nlohmann::json::array();
  for (const Repair& rep : r.repairs)
    repairs.push_back({{"code", rep.code}, {"line", rep.line}, {"text", rep.text}});
  j["repairs"] = std::move(repairs);
  nlohmann::json diags = nlohmann::json::array();
  for (const base::Diagnostic& d : r.diagnostics)
    diags.push_back({{"path", d.path},
                     {"line", d.line},
                     {"column", d.column},
                     {"severity", base::severity_name(d.severity)},
                     {"code", d.code},
                     {"message", d.message}});
  j["diagnostics"] = std::move(diags);
  return j;
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
