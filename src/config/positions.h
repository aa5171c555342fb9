#pragma once
// Internal to config: where each key and value of a JSON text starts.
// nlohmann::json keeps no positions, so a small scanner walks the (already
// validated) text once and maps JSON pointers to line and column.

#include <map>
#include <string>
#include <string_view>

#include "base/base.h"

namespace newsarc::config {

/// A 1-based line and column (columns count code points).
struct TextPosition {
  int line = 1;
  int column = 1;
};

/// JSON pointer ("/districts/2/aliases") -> position of the member's key, or of
/// the value for array elements. The root "" maps to 1:1.
class PositionMap {
 public:
  /// Scans `json_text`, which must be valid JSON.
  explicit PositionMap(std::string_view json_text);
  /// Position of `pointer`, or of its nearest recorded ancestor.
  TextPosition find(std::string_view pointer) const;

 private:
  std::map<std::string, TextPosition, std::less<>> positions_;
};

/// Line and column of byte `offset` in `text` (clamped to the text).
TextPosition position_of_offset(std::string_view text, std::size_t offset);

/// Appends one reference token to a JSON pointer, escaping '~' and '/'.
std::string child_pointer(std::string_view parent, std::string_view token);

}  // namespace newsarc::config
