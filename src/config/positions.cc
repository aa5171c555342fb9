#include "config/positions.h"

#include <vector>

#include <nlohmann/json.hpp>

#include "base/utf8.h"

namespace newsarc::config {

namespace {

int count_code_points(std::string_view s) {
  return static_cast<int>(base::count_code_points(s));
}

// One open object or array while scanning.
struct Frame {
  bool is_object = false;
  std::string pointer;
  std::string key;  // the member being read (objects)
  int index = 0;    // the element being read (arrays)
  bool expect_key = true;
};

// Walks valid JSON text token by token, recording where members start.
class Scanner {
 public:
  Scanner(std::string_view text, std::map<std::string, TextPosition, std::less<>>& out)
      : text_(text), out_(out) {}

  void run() {
    out_[""] = {1, 1};
    while (pos_ < text_.size()) step();
  }

 private:
  void step() {
    const char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      line_start_ = ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
      ++pos_;
    } else if (c == '"') {
      read_string();
    } else if (c == '{' || c == '[') {
      open(c == '{');
    } else if (c == '}' || c == ']') {
      if (!stack_.empty()) stack_.pop_back();
      ++pos_;
    } else if (c == ',') {
      next_member();
    } else {
      read_literal();
    }
  }

  TextPosition here() const {
    return {line_, count_code_points(text_.substr(line_start_, pos_ - line_start_)) + 1};
  }

  // The pointer of the value that starts here; records array elements.
  std::string value_pointer() {
    if (stack_.empty()) return "";
    Frame& top = stack_.back();
    if (top.is_object) return child_pointer(top.pointer, top.key);
    std::string p = child_pointer(top.pointer, std::to_string(top.index));
    out_.try_emplace(p, here());
    return p;
  }

  void open(bool is_object) {
    Frame f;
    f.is_object = is_object;
    f.pointer = value_pointer();
    stack_.push_back(std::move(f));
    ++pos_;
  }

  void next_member() {
    if (!stack_.empty()) {
      Frame& top = stack_.back();
      top.is_object ? void(top.expect_key = true) : void(++top.index);
    }
    ++pos_;
  }

  void read_string() {
    const std::size_t start = pos_;
    const TextPosition at = here();
    for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
      if (text_[pos_] == '\\') ++pos_;
    }
    ++pos_;
    const std::string_view token = text_.substr(start, pos_ - start);
    if (!stack_.empty() && stack_.back().is_object && stack_.back().expect_key) {
      Frame& top = stack_.back();
      const auto key = nlohmann::json::parse(token, nullptr, /*allow_exceptions=*/false);
      top.key = key.is_string() ? key.get<std::string>() : std::string(token);
      top.expect_key = false;
      out_.try_emplace(child_pointer(top.pointer, top.key), at);
      return;
    }
    value_pointer();
  }

  void read_literal() {
    value_pointer();
    while (pos_ < text_.size() &&
           std::string_view(",]} \t\r\n").find(text_[pos_]) == std::string_view::npos)
      ++pos_;
  }

  std::string_view text_;
  std::map<std::string, TextPosition, std::less<>>& out_;
  std::vector<Frame> stack_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

PositionMap::PositionMap(std::string_view json_text) {
  Scanner(json_text, positions_).run();
}

TextPosition PositionMap::find(std::string_view pointer) const {
  while (true) {
    auto it = positions_.find(pointer);
    if (it != positions_.end()) return it->second;
    const std::size_t slash = pointer.rfind('/');
    if (slash == std::string_view::npos) return {1, 1};
    pointer = pointer.substr(0, slash);
  }
}

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  const std::string_view before = text.substr(0, offset);
  const std::size_t last_newline = before.rfind('\n');
  int line = 1;
  for (char c : before) line += c == '\n' ? 1 : 0;
  const std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  return {line, count_code_points(before.substr(line_start)) + 1};
}

std::string child_pointer(std::string_view parent, std::string_view token) {
  std::string out(parent);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace newsarc::config
