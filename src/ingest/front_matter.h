#pragma once
// Internal to ingest: reading a front matter block (front_matter_parse.cc) for
// apply_front_matter (front_matter.cc).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/base.h"

namespace newsarc::ingest::front_matter {

/// The syntax of a front matter block.
enum class Syntax { kYaml, kJson };

/// Where a front matter block sits in a file.
struct Block {
  Syntax syntax = Syntax::kYaml;
  std::string_view text;  ///< the block's content, without the "---" fences
  int first_line = 1;     ///< file line of text's first line
  std::string_view body;  ///< what follows the block
  int body_line = 1;      ///< file line where body starts
  bool closed = true;     ///< false: no closing "---" or "}" was found
};

/// Finds a front matter block at the very start of `text`: YAML between "---"
/// lines, or a JSON object starting with "{". None when the file has none.
std::optional<Block> find_block(std::string_view text);

/// A parsed block: its top-level keys with their values and file lines.
struct Fields {
  nlohmann::json values = nlohmann::json::object();
  std::map<std::string, int> lines;  ///< key -> file line of the key
  std::vector<std::string> order;    ///< keys in document order
};

/// Parses a block. YAML plain scalars that look like numbers or booleans
/// become JSON numbers and booleans ("districts: 5" is a number). A syntax
/// error, or a block that is not a mapping, is an Error with its file line.
base::Result<Fields> parse_block(const Block& b);

}  // namespace newsarc::ingest::front_matter
