#include "base/json_writer.h"

#include <charconv>

#include "base/utf8.h"

namespace newsarc::base {

namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD

void escape_control(std::string& out, unsigned char c) {
  switch (c) {
    case '\b':
      out += "\\b";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\r':
      out += "\\r";
      return;
    default:
      break;
  }
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\u00";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    // The run of bytes written as they are: printable ASCII but " and \, and
    // well-formed UTF-8.
    const auto* plain = p;
    while (plain < end) {
      const unsigned char c = *plain;
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') break;
        ++plain;
      } else if (is_plain_three_byte(plain, end)) {
        plain += 3;
      } else {
        const Utf8Step step = decode_utf8_step(plain, end);
        if (!step.valid) break;
        plain += step.length;
      }
    }
    out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(plain - p));
    p = plain;
    if (p == end) break;
    const unsigned char c = *p;
    if (c >= 0x80) {  // ill-formed: one U+FFFD for its maximal subpart
      out += kReplacementUtf8;
      p += decode_utf8_step(p, end).length;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++p;
    } else {
      escape_control(out, c);
      ++p;
    }
  }
}

void JsonWriter::new_line(std::size_t depth) {
  out_ += '\n';
  out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

// Every value but an object's (whose key wrote the separator) starts with the
// separator from its sibling and, when indenting, a new line.
void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_members_.empty()) return;
  if (has_members_.back()) out_ += ',';
  has_members_.back() = true;
  if (indent_ >= 0) new_line(has_members_.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  has_members_.push_back(false);
}

void JsonWriter::close(char bracket) {
  const bool any = has_members_.back();
  has_members_.pop_back();
  if (any && indent_ >= 0) new_line(has_members_.size());
  out_ += bracket;
}

void JsonWriter::key(std::string_view k) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, k);
  out_ += indent_ >= 0 ? "\": " : "\":";
  after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, s);
  out_ += '"';
}

void JsonWriter::number(std::int64_t n) {
  before_value();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out_.append(buffer, end);
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& item : items) string(item);
  end_array();
}

}  // namespace newsarc::base
