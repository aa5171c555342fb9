// Front matter blocks: finding them and turning YAML or JSON into values
// with the line of each key.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "ingest/front_matter.h"

namespace newsarc::ingest::front_matter {

namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// The lines of `text` as views (without "\n").
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::optional<Block> find_yaml(std::string_view text) {
  std::vector<std::string_view> lines = split_lines(text);
  Block b{Syntax::kYaml, {}, 2, {}, 1, false};
  std::size_t offset = lines[0].size() + 1;
  const std::size_t start = std::min(offset, text.size());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view l = trim_right(lines[i]);
    if (l == "---" || l == "...") {
      b.text = text.substr(start, offset - start);
      std::size_t after = std::min(offset + lines[i].size() + 1, text.size());
      b.body = text.substr(after);
      b.body_line = static_cast<int>(i) + 2;
      b.closed = true;
      return b;
    }
    offset += lines[i].size() + 1;
  }
  b.text = text.substr(start);
  b.body = text.substr(start);
  b.body_line = 2;
  return b;
}

// The "}" that closes the object opened at text[0], skipping strings.
std::size_t matching_brace(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

int line_at(std::string_view text, std::size_t offset, int first_line) {
  int line = first_line;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

std::optional<Block> find_json(std::string_view text) {
  Block b{Syntax::kJson, text, 1, {}, 1, false};
  std::size_t close = matching_brace(text);
  if (close == std::string_view::npos) {
    b.body = text;
    return b;
  }
  b.text = text.substr(0, close + 1);
  std::size_t nl = text.find('\n', close);
  std::size_t after = nl == std::string_view::npos ? text.size() : nl + 1;
  b.body = text.substr(after);
  b.body_line = line_at(text, after, 1);
  b.closed = true;
  return b;
}

// A YAML plain scalar keeps its JSON type: "5" a number, "true" a boolean.
nlohmann::json scalar_value(const YAML::Node& n) {
  const std::string& s = n.Scalar();
  if (n.Tag() != "?") return s;  // quoted
  if (s == "true" || s == "false") return s == "true";
  if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-')) {
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 10);
    // Too many digits for a number ("slug: 20230101000000000000") stays text.
    if (end && *end == '\0') return errno == ERANGE ? nlohmann::json(s) : nlohmann::json(v);
    double d = std::strtod(s.c_str(), &end);
    if (end && *end == '\0') return d;
  }
  return s;
}

nlohmann::json yaml_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar:
      return scalar_value(n);
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const YAML::Node& item : n) a.push_back(yaml_to_json(item));
      return a;
    }
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      return o;
    }
    default:
      return nullptr;
  }
}

base::Result<Fields> parse_yaml(const Block& b) {
  try {
    YAML::Node root = YAML::Load(std::string(b.text));
    if (root.IsNull()) return Fields{};
    if (!root.IsMap())
      return base::Error{"ingest/bad-front-matter", "front matter is not a mapping of keys",
                         b.first_line, 1};
    Fields f;
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      f.values[key] = yaml_to_json(kv.second);
      f.lines[key] = b.first_line + kv.first.Mark().line;
      f.order.push_back(key);
    }
    return f;
  } catch (const YAML::Exception& e) {
    int line = b.first_line + (e.mark.line > 0 ? e.mark.line : 0);
    return base::Error{"ingest/bad-front-matter", "malformed YAML front matter: " + e.msg, line, 1};
  }
}

// Lines of the top-level keys of a JSON object ("{\n  \"date\": …" -> date: 2).
std::map<std::string, int> json_key_lines(std::string_view text, int first_line) {
  std::map<std::string, int> out;
  int depth = 0, line = first_line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') ++line;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c != '"') continue;
    std::size_t end = i + 1;
    while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    std::size_t k = end + 1;
    while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
    if (depth == 1 && k < text.size() && text[k] == ':') {
      nlohmann::json key = nlohmann::json::parse(text.substr(i, end + 1 - i), nullptr, false);
      if (key.is_string()) out.emplace(key.get<std::string>(), line);
    }
    for (std::size_t j = i; j < end && j < text.size(); ++j)
      if (text[j] == '\n') ++line;
    i = end;
  }
  return out;
}

base::Result<Fields> parse_json(const Block& b) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(b.text);
  } catch (const nlohmann::json::parse_error& e) {
    return base::Error{"ingest/bad-front-matter",
                       std::string("malformed JSON front matter: ") + e.what(),
                       line_at(b.text, e.byte > 0 ? e.byte - 1 : 0, b.first_line), 1};
  } catch (const nlohmann::json::exception& e) {
    // A number no double holds ("1e999") is out_of_range, with no position.
    return base::Error{"ingest/bad-front-matter",
                       std::string("malformed JSON front matter: ") + e.what(), b.first_line, 1};
  }
  if (!root.is_object())
    return base::Error{"ingest/bad-front-matter", "front matter is not a JSON object", b.first_line,
                       1};
  Fields f;
  f.lines = json_key_lines(b.text, b.first_line);
  std::vector<std::pair<int, std::string>> by_line;
  for (auto it = root.begin(); it != root.end(); ++it) {
    by_line.emplace_back(f.lines.count(it.key()) ? f.lines[it.key()] : b.first_line, it.key());
    f.values[it.key()] = it.value();
  }
  std::sort(by_line.begin(), by_line.end());
  for (auto& [line, key] : by_line) f.order.push_back(key);
  return f;
}

}  // namespace

std::optional<Block> find_block(std::string_view text) {
  if (text.starts_with("---") && trim_right(text.substr(0, text.find('\n'))) == "---")
    return find_yaml(text);
  if (text.starts_with("{")) return find_json(text);
  return std::nullopt;
}

base::Result<Fields> parse_block(const Block& b) {
  if (!b.closed)
    return base::Error{"ingest/bad-front-matter",
                       b.syntax == Syntax::kYaml ? "front matter has no closing \"---\" line"
                                                 : "front matter has no closing \"}\"",
                       b.first_line > 1 ? b.first_line - 1 : 1, 1};
  return b.syntax == Syntax::kYaml ? parse_yaml(b) : parse_json(b);
}

}  // namespace newsarc::ingest::front_matter
