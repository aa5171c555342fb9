#pragma once
// JsonWriter: JSON text written straight into a string, byte for byte what
// nlohmann::json::dump(indent, ' ', false, error_handler_t::replace) writes
// for the same tree. The exports (records.json, every article's index.json)
// are the largest files of a site; building a tree for each record only to
// dump it and free it was a tenth of a clean build.
//
// The caller writes an object's keys in the order nlohmann keeps them
// (ascending bytes), and calls end_* for every begin_*; tests compare the
// output with dump() for every shape the exports use.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsarc::base {

class JsonWriter {
 public:
  /// Appends to `out`. indent < 0: compact, one line; else that many spaces per level.
  JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The next member's key; its value follows.
  void key(std::string_view k);

  void string(std::string_view s);
  void number(std::int64_t n);
  void null();
  void boolean(bool b);

  /// Shorthands for one member.
  void member(std::string_view k, std::string_view s) { key(k), string(s); }
  void member(std::string_view k, std::int64_t n) { key(k), number(n); }
  void member(std::string_view k, int n) { key(k), number(n); }
  void member(std::string_view k, const std::vector<std::string>& items) { key(k), strings(items); }
  /// An array of strings.
  void strings(const std::vector<std::string>& items);

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void new_line(std::size_t depth);

  std::string& out_;
  int indent_;
  std::vector<bool> has_members_;  // per open container: has it a member yet?
  bool after_key_ = false;
};

/// Appends `s` escaped as nlohmann's dump escapes it (without quotes): `"`,
/// `\` and control characters escaped, other UTF-8 kept, and each ill-formed
/// sequence replaced by U+FFFD (one per maximal subpart, base/utf8.h).
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace newsarc::base
