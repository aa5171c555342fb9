#include "render/templates.h"

#include <array>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "base/utf8.h"

namespace newsarc::render {

namespace mustache = kainjow::mustache;

const std::vector<std::string>& required_templates() {
  static const std::vector<std::string> kNames = {
      "404.mustache",       "article.mustache",   "dates.mustache",    "district.mustache",
      "districts.mustache", "index.mustache",     "list.mustache",     "month.mustache",
      "official.mustache",  "officials.mustache", "reporter.mustache", "reporters.mustache",
      "search.mustache",    "year.mustache"};
  return kNames;
}

namespace {

// The entity of each byte html_escape replaces (empty for the others), as
// a table: every byte of every page is looked up once.
constexpr std::array<std::string_view, 256> kEntities = [] {
  std::array<std::string_view, 256> t{};
  t['&'] = "&amp;";
  t['<'] = "&lt;";
  t['>'] = "&gt;";
  t['"'] = "&quot;";
  t['\''] = "&apos;";
  return t;
}();

// kainjow's html_escape, which appends byte by byte: the same five entities,
// with the runs between them appended whole (most text has none).
std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  std::size_t from = 0;
  for (std::size_t at = 0; at < s.size(); ++at) {
    const std::string_view entity = kEntities[static_cast<unsigned char>(s[at])];
    if (entity.empty()) continue;
    out.append(s, from, at - from);
    out += entity;
    from = at + 1;
  }
  out.append(s, from);
  return out;
}

}  // namespace

struct CompiledTemplates::Compiled {
  explicit Compiled(const std::string& text) : tmpl(text) { tmpl.set_custom_escape(html_escape); }
  mutable mustache::mustache tmpl;  // render() is non-const but leaves it unchanged
};

namespace {

constexpr int kMaxPartialDepth = 8;

std::string template_path(const std::string& name) {
  return "templates/" + name;
}

void report(base::Diagnostics& diags, const std::string& name, int line, int column,
            const std::string& message) {
  diags.report(base::Severity::kError, template_path(name), line, column, "render/template-error",
               message);
}

// kainjow's messages end in a byte offset ("Unclosed section \"x\" at 45").
std::pair<int, int> line_column_of_message(const std::string& message, const std::string& text) {
  const auto at = message.rfind(" at ");
  if (at == std::string::npos) return {1, 1};
  std::size_t offset = std::strtoul(message.c_str() + at + 4, nullptr, 10);
  offset = std::min(offset, text.size());
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if (!base::is_continuation_byte(text[i])) {
      ++column;
    }
  }
  return {line, column};
}

// Compiles `text` on its own to find syntax errors with their place.
bool check_syntax(const std::string& name, const std::string& text, base::Diagnostics& diags) {
  try {
    mustache::mustache tmpl(text);
    if (tmpl.is_valid()) return true;
    auto [line, column] = line_column_of_message(tmpl.error_message(), text);
    report(diags, name, line, column, "mustache syntax error: " + tmpl.error_message());
  } catch (const std::exception& e) {
    report(diags, name, 1, 1, std::string("mustache syntax error: ") + e.what());
  }
  return false;
}

const std::string* find_partial(const TemplateSet& templates, const std::string& partial) {
  for (const std::string& candidate :
       {"partials/" + partial + ".mustache", partial + ".mustache"}) {
    auto it = templates.find(candidate);
    if (it != templates.end()) return &it->second;
  }
  return nullptr;
}

std::string trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\n");
  if (begin == std::string_view::npos) return {};
  return std::string(s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1));
}

// Replaces each "{{> name}}" with the partial's text, recursively.
bool inline_partials(const TemplateSet& templates, const std::string& name, std::string& text,
                     int depth, base::Diagnostics& diags) {
  std::size_t pos = 0;
  while ((pos = text.find("{{>", pos)) != std::string::npos) {
    const std::size_t end = text.find("}}", pos);
    if (end == std::string::npos) return true;  // check_syntax reports it
    const std::string partial = trim(std::string_view(text).substr(pos + 3, end - pos - 3));
    const std::string* body = find_partial(templates, partial);
    if (body == nullptr || depth >= kMaxPartialDepth) {
      auto [line, column] = line_column_of_message(" at " + std::to_string(pos), text);
      report(diags, name, line, column,
             body == nullptr ? "partial \"" + partial + "\" not found (looked for partials/" +
                                   partial + ".mustache)"
                             : "partials nested too deep (a partial includes itself?)");
      return false;
    }
    std::string expanded = *body;
    if (!inline_partials(templates, name, expanded, depth + 1, diags)) return false;
    // A tag alone on its line stands for whole lines: keep one line end, not two.
    if (expanded.ends_with('\n') && text.compare(end + 2, 1, "\n") == 0) expanded.pop_back();
    text.replace(pos, end + 2 - pos, expanded);
    pos += expanded.size();
  }
  return true;
}

// mustache::data copies the object or list it is made from, so building each
// level as a container and wrapping it would copy every subtree once per
// level above it (a list page's items three times). Members are moved into
// the data's own containers instead.
mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data obj(mustache::data::type::object);
      // A key set first is kept, as emplace() keeps it. The object's own
      // keys differ, so only a "has_x" key can be there already (the list
      // "x" before it, or the key itself): other keys are not looked up first.
      auto put = [&obj](const std::string& key, mustache::data value) {
        if (!key.starts_with("has_") || !obj.get(key)) obj[key] = std::move(value);
      };
      for (const auto& [key, value] : j.items()) {
        put(key, to_data(value));
        // "has_x" lets a template wrap a list in <ul>...</ul> only when it has items.
        if (value.is_array()) put("has_" + key, mustache::data(!value.empty()));
      }
      return obj;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list(mustache::data::type::list);
      // list_value() is the data's own vector, created non-const and only
      // read through const: filling it in place is sound, and push_back would copy.
      auto& items = const_cast<mustache::list&>(list.list_value());
      items.reserve(j.size());
      for (const auto& value : j) items.push_back(to_data(value));
      return list;
    }
    case nlohmann::json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      // An empty string is false, so {{#subtitle}} skips it.
      return s.empty() ? mustache::data(false) : mustache::data(s);
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data(j.get<bool>());
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data(false);
    default:
      return mustache::data(j.dump());
  }
}

}  // namespace

CompiledTemplates::CompiledTemplates(const TemplateSet& templates, base::Diagnostics& diags) {
  for (const auto& [name, text] : templates) {
    if (name.ends_with(".mustache") && !check_syntax(name, text, diags)) ok_ = false;
  }
  if (!ok_) return;
  for (const auto& name : required_templates()) {
    auto it = templates.find(name);
    if (it == templates.end()) {
      report(diags, name, 0, 0, "template \"" + name + "\" is missing");
      ok_ = false;
      continue;
    }
    std::string text = it->second;
    if (!inline_partials(templates, name, text, 0, diags) || !check_syntax(name, text, diags)) {
      ok_ = false;
      continue;
    }
    compiled_.emplace(name, std::make_unique<Compiled>(text));
  }
}

CompiledTemplates::~CompiledTemplates() = default;

std::string CompiledTemplates::render(const std::string& name, const nlohmann::json& view,
                                      base::Diagnostics& diags) const {
  auto it = compiled_.find(name);
  if (it == compiled_.end()) return {};
  try {
    std::string out;
    it->second->tmpl.render(to_data(view), [&out](const std::string& piece) { out += piece; });
    if (it->second->tmpl.is_valid()) return out;
    report(diags, name, 1, 1, "render failed: " + it->second->tmpl.error_message());
  } catch (const std::exception& e) {
    report(diags, name, 1, 1, std::string("render failed: ") + e.what());
  }
  return {};
}

}  // namespace newsarc::render
