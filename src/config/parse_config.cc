#include <algorithm>
#include <climits>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "config/positions.h"

namespace newsarc::config {

namespace {

using Json = nlohmann::ordered_json;

// Levenshtein distance, for "did you mean" hints on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(std::string_view key, const std::vector<std::string_view>& known) {
  std::string message = "unknown key \"" + std::string(key) + "\"";
  for (std::string_view candidate : known) {
    if (edit_distance(key, candidate) <= 2)
      return message + " (did you mean \"" + std::string(candidate) + "\"?)";
  }
  return message;
}

bool is_slug(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Reads a parsed site.json into a SiteConfig, reporting every problem at the
// line of the key it concerns.
class ConfigReader {
 public:
  ConfigReader(std::string_view text, std::string_view path, base::Diagnostics& diags)
      : positions_(text), path_(path), diags_(diags) {}

  void read(const Json& root, SiteConfig& config);
  bool failed() const { return errors_ > 0; }

  void error(std::string_view pointer, std::string code, std::string message) {
    const TextPosition at = positions_.find(pointer);
    diags_.report(base::Severity::kError, path_, at.line, at.column, std::move(code),
                  std::move(message));
    ++errors_;
  }

  bool check_type(const Json& v, const std::string& pointer, bool ok, std::string_view wanted) {
    if (ok) return true;
    error(pointer, "config/type",
          "\"" + last_token(pointer) + "\" must be " + std::string(wanted) + ", not " +
              (v.is_number() ? std::string("a number") : article_for(v.type_name())));
    return false;
  }

  void read_string(const Json& v, const std::string& p, std::string& out) {
    if (check_type(v, p, v.is_string(), "a string")) out = v.get<std::string>();
  }

  void read_int(const Json& v, const std::string& p, int& out, int min) {
    if (!check_type(v, p, v.is_number_integer(), "an integer")) return;
    const auto n = v.get<long long>();
    if (n < min || n > INT_MAX) {
      error(p, "config/value",
            "\"" + last_token(p) + "\" must be at least " + std::to_string(min) + ", not " +
                std::to_string(n));
      return;
    }
    out = static_cast<int>(n);
  }

  void read_string_list(const Json& v, const std::string& p, std::vector<std::string>& out) {
    if (!check_type(v, p, v.is_array(), "an array of strings")) return;
    out.clear();
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string item_pointer = child_pointer(p, std::to_string(i));
      if (v[i].is_string()) {
        out.push_back(v[i].get<std::string>());
      } else {
        error(item_pointer, "config/type",
              "\"" + last_token(p) + "\" must hold only strings, not " +
                  article_for(v[i].type_name()));
      }
    }
  }

  void read_base_url(const Json& v, const std::string& p, std::string& out) {
    if (!check_type(v, p, v.is_string(), "a string")) return;
    auto normalised = normalise_base_url(v.get<std::string>());
    if (!normalised) return error(p, normalised.error().code, normalised.error().message);
    out = *normalised;
  }

  void read_districts(const Json& v, const std::string& p, std::vector<District>& out);
  void read_typo_map(const Json& v, const std::string& p,
                     std::vector<std::pair<std::string, std::string>>& out);

 private:
  static std::string last_token(std::string_view pointer) {
    return std::string(pointer.substr(pointer.rfind('/') + 1));
  }
  static std::string article_for(std::string_view type_name) {
    const bool vowel = !type_name.empty() &&
                       std::string_view("aeiou").find(type_name[0]) != std::string_view::npos;
    if (type_name == "null") return "null";
    return (vowel ? "an " : "a ") + std::string(type_name);
  }

  District read_district(const Json& v, const std::string& p);
  void check_parents(const std::vector<District>& districts, const std::string& p);

  PositionMap positions_;
  std::string path_;
  base::Diagnostics& diags_;
  int errors_ = 0;
};

using FieldReader =
    std::function<void(ConfigReader&, const Json&, const std::string&, SiteConfig&)>;

struct Field {
  std::string_view key;
  FieldReader read;
};

const std::vector<Field>& site_fields() {
  using R = ConfigReader;
  using S = SiteConfig;
  using P = const std::string&;
  static const std::vector<Field> kFields = {
      {"title", [](R& r, const Json& v, P p, S& c) { r.read_string(v, p, c.title); }},
      {"description", [](R& r, const Json& v, P p, S& c) { r.read_string(v, p, c.description); }},
      {"base_url", [](R& r, const Json& v, P p, S& c) { r.read_base_url(v, p, c.base_url); }},
      {"language", [](R& r, const Json& v, P p, S& c) { r.read_string(v, p, c.language); }},
      {"page_size", [](R& r, const Json& v, P p, S& c) { r.read_int(v, p, c.page_size, 1); }},
      {"default_year",
       [](R& r, const Json& v, P p, S& c) {
         if (v.is_null()) return c.default_year.reset();
         int year = 0;
         r.read_int(v, p, year, 1);
         if (year > 0) c.default_year = year;
       }},
      {"out_dir", [](R& r, const Json& v, P p, S& c) { r.read_string(v, p, c.out_dir); }},
      {"districts", [](R& r, const Json& v, P p, S& c) { r.read_districts(v, p, c.districts); }},
      {"silence", [](R& r, const Json& v, P p, S& c) { r.read_string_list(v, p, c.silence); }},
      {"max_warnings",
       [](R& r, const Json& v, P p, S& c) { r.read_int(v, p, c.max_warnings, -1); }},
      {"typo_map", [](R& r, const Json& v, P p, S& c) { r.read_typo_map(v, p, c.typo_map); }},
  };
  return kFields;
}

std::vector<std::string_view> keys_of(const std::vector<Field>& fields) {
  std::vector<std::string_view> keys;
  for (const Field& f : fields) keys.push_back(f.key);
  return keys;
}

void ConfigReader::read(const Json& root, SiteConfig& config) {
  if (!check_type(root, "", root.is_object(), "an object")) return;
  const auto& fields = site_fields();
  for (const auto& [key, value] : root.items()) {
    const std::string pointer = child_pointer("", key);
    auto field = std::find_if(fields.begin(), fields.end(),
                              [&key = key](const Field& f) { return f.key == key; });
    if (field == fields.end()) {
      error(pointer, "config/unknown-key", unknown_key_message(key, keys_of(fields)));
      continue;
    }
    field->read(*this, value, pointer, config);
  }
  if (config.out_dir.empty()) error("/out_dir", "config/value", "\"out_dir\" must not be empty");
}

District ConfigReader::read_district(const Json& v, const std::string& p) {
  District d;
  if (!check_type(v, p, v.is_object(), "an object")) return d;
  static const std::vector<std::string_view> kKeys = {"name", "aliases", "parent", "slug"};
  for (const auto& [key, value] : v.items()) {
    const std::string pointer = child_pointer(p, key);
    if (key == "name") {
      read_string(value, pointer, d.name);
    } else if (key == "aliases") {
      read_string_list(value, pointer, d.aliases);
    } else if (key == "parent") {
      read_string(value, pointer, d.parent);
    } else if (key == "slug") {
      read_string(value, pointer, d.slug);
      if (!is_slug(d.slug))
        error(pointer, "config/value",
              "district slug \"" + d.slug + "\" may hold only a-z, 0-9 and '-'");
    } else {
      error(pointer, "config/unknown-key", unknown_key_message(key, kKeys));
    }
  }
  if (d.name.empty()) error(p, "config/value", "a district needs a non-empty \"name\"");
  return d;
}

void ConfigReader::read_districts(const Json& v, const std::string& p, std::vector<District>& out) {
  if (!check_type(v, p, v.is_array(), "an array of district objects")) return;
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i)
    out.push_back(read_district(v[i], child_pointer(p, std::to_string(i))));
  check_parents(out, p);
}

void ConfigReader::check_parents(const std::vector<District>& districts, const std::string& p) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < districts.size(); ++i) {
    const std::string pointer = child_pointer(p, std::to_string(i));
    if (!districts[i].name.empty() && !names.insert(districts[i].name).second)
      error(child_pointer(pointer, "name"), "config/value",
            "district \"" + districts[i].name + "\" is listed twice");
  }
  for (std::size_t i = 0; i < districts.size(); ++i) {
    const District& d = districts[i];
    if (d.parent.empty() || names.count(d.parent)) continue;
    error(child_pointer(child_pointer(p, std::to_string(i)), "parent"), "config/value",
          "parent \"" + d.parent + "\" of \"" + d.name + "\" is not a listed district");
  }
}

void ConfigReader::read_typo_map(const Json& v, const std::string& p,
                                 std::vector<std::pair<std::string, std::string>>& out) {
  if (!check_type(v, p, v.is_object(), "an object of strings")) return;
  out.clear();
  for (const auto& [from, to] : v.items()) {
    std::string fixed;
    read_string(to, child_pointer(p, from), fixed);
    if (to.is_string()) out.emplace_back(from, fixed);
  }
}

// Turns nlohmann's "[json.exception.parse_error.101] parse error at line 1,
// column 2: syntax error while parsing value - invalid literal; ..." into the
// part after the position.
std::string syntax_message(const std::string& what) {
  const std::size_t column = what.find("column ");
  const std::size_t colon = column == std::string::npos ? column : what.find(": ", column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Accepts every event and remembers the first syntax error, so the text is
// checked without exceptions (only cli/ catches those).
class SyntaxChecker : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    byte = position;
    message = syntax_message(e.what());
    return false;
  }
  std::size_t byte = 0;
  std::string message;
};

std::string_view strip_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  return text.substr(0, kBom.size()) == kBom ? text.substr(kBom.size()) : text;
}

}  // namespace

base::Result<std::string> normalise_base_url(std::string_view url) {
  const auto bad = [&](std::string why) {
    return base::Error{"config/base-url",
                       "base_url \"" + std::string(url) + "\" " + std::move(why)};
  };
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return bad("must start with http:// or https://");
  }
  const std::string_view host = rest.substr(0, rest.find('/'));
  if (host.empty()) return bad("has no host name");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\')
      return bad("must not contain spaces, quotes, '<', '>' or '\\'");
  }
  if (url.find_first_of("?#") != std::string_view::npos)
    return bad("must not have a query or fragment");
  std::string out(url);
  while (out.size() > 1 && out.back() == '/' && out[out.size() - 2] == '/') out.pop_back();
  if (out.back() != '/') out += '/';
  return out;
}

base::Result<SiteConfig> parse_config(std::string_view json_text, std::string_view path,
                                      base::Diagnostics& diags) {
  const std::string_view text = strip_bom(json_text);
  SyntaxChecker checker;
  if (!Json::sax_parse(text, &checker)) {
    const TextPosition at = position_of_offset(text, checker.byte > 0 ? checker.byte - 1 : 0);
    const std::string message = "site.json is not valid JSON: " + checker.message;
    diags.report(base::Severity::kError, std::string(path), at.line, at.column, "config/syntax",
                 message);
    return base::Error{"config/syntax", message, at.line, at.column};
  }
  const Json root = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  SiteConfig config;
  base::Diagnostics found;
  ConfigReader reader(text, path, found);
  reader.read(root, config);
  found.sort();
  const bool failed = reader.failed();
  base::Error first;
  if (failed) {
    const base::Diagnostic& d = found.items().front();
    first = {d.code, d.message, d.line, d.column};
  }
  diags.append(std::move(found));
  if (failed) return first;
  return config;
}

}  // namespace newsarc::config
