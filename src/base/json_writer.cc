#include "base/json_writer.h"

#include <charconv>

namespace newsarc::base {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// How many continuation bytes a lead byte wants, and the range its first one
// must lie in (the rest lie in 80..BF): the table of well-formed UTF-8, which
// rules out overlong forms, surrogates and code points above U+10FFFF.
struct Lead {
  int continuations = -1;  // -1: not a lead byte
  unsigned char low = 0x80, high = 0xBF;
};

Lead lead_of(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return {1};
  if (b == 0xE0) return {2, 0xA0, 0xBF};
  if (b == 0xED) return {2, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {2};
  if (b == 0xF0) return {3, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {3};
  if (b == 0xF4) return {3, 0x80, 0x8F};
  return {};
}

// The UTF-8 sequence starting at s[i] (a byte >= 0x80): where it ends, and
// whether it is well-formed. An ill-formed one ends after the longest prefix
// of a well-formed sequence (or its one bad byte), so the byte that broke it
// is read again as the start of the next one, as nlohmann's decoder does:
// "\xE4\xB8" then "a" is one broken sequence, then "a".
struct Sequence {
  std::size_t end;
  bool well_formed;
};

Sequence scan_sequence(std::string_view s, std::size_t i) {
  const Lead lead = lead_of(static_cast<unsigned char>(s[i]));
  if (lead.continuations < 0) return {i + 1, false};
  for (int k = 1; k <= lead.continuations; ++k) {
    if (i + k >= s.size()) return {s.size(), false};  // cut off at the end of the string
    const auto b = static_cast<unsigned char>(s[i + k]);
    const bool fits = k == 1 ? (b >= lead.low && b <= lead.high) : (b >= 0x80 && b <= 0xBF);
    if (!fits) return {i + k, false};
  }
  return {i + lead.continuations + 1, true};
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Most of an archive's text: a three-byte character with a lead other than
// E0 and ED (whose second bytes are restricted), e.g. "郑" E9 83 91.
bool is_plain_three_byte(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  return c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size() && is_continuation(s[i + 1]) &&
         is_continuation(s[i + 2]);
}

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
  std::size_t i = 0;
  while (i < s.size()) {
    // The run of bytes written as they are: printable ASCII but " and \, and
    // well-formed UTF-8.
    std::size_t plain = i;
    while (plain < s.size()) {
      const auto c = static_cast<unsigned char>(s[plain]);
      if (is_plain_three_byte(s, plain)) {
        plain += 3;
      } else if (c >= 0x80) {
        const Sequence seq = scan_sequence(s, plain);
        if (!seq.well_formed) break;
        plain = seq.end;
      } else if (c < 0x20 || c == '"' || c == '\\') {
        break;
      } else {
        ++plain;
      }
    }
    out.append(s.substr(i, plain - i));
    i = plain;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {  // ill-formed: one U+FFFD for it
      out += kReplacement;
      i = scan_sequence(s, i).end;
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else {
      escape_control(out, c);
      ++i;
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
