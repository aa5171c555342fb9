#pragma once
// config: the site configuration (site.json), parsed and validated.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace newsarc::config {

/// One gazetteer entry: a canonical district name, the surface forms that mean
/// it, and the district it belongs to ("" for a top-level district).
struct District {
  std::string name;                  ///< canonical: "郑州高新区"
  std::vector<std::string> aliases;  ///< "高新区", "郑州高新"
  std::string parent;                ///< "郑州高新区" for "枫杨办事处"
  std::string slug;                  ///< ASCII URL slug; derived from pinyin when empty
};

/// Everything site.json can say. Defaults make an empty "{}" a valid config.
struct SiteConfig {
  std::string title = "newsarc";
  std::string description;
  std::string base_url = "http://localhost:1313/";  ///< always ends with '/'
  std::string language = "zh-CN";
  int page_size = 20;
  std::optional<int> default_year;  ///< last resort for month-day datelines
  std::string out_dir = "public";
  std::vector<District> districts;                            ///< the gazetteer
  std::vector<std::string> silence;                           ///< diagnostic codes not to print
  int max_warnings = -1;                                      ///< -1: no limit
  std::vector<std::pair<std::string, std::string>> typo_map;  ///< suspicious OCR form -> fix
};

/// Parses site.json text. Unknown keys, wrong types and bad values are errors
/// reported at `path:line`; the Result fails only when the text is not JSON or
/// a value is unusable (the CLI then exits 2).
base::Result<SiteConfig> parse_config(std::string_view json_text, std::string_view path,
                                      base::Diagnostics& diags);

/// The default Zhengzhou gazetteer that `newsarc new` writes and tests use.
std::vector<District> default_gazetteer();

/// Serialises `config` as site.json text (2-space indent, UTF-8 unescaped);
/// parse_config reads it back unchanged.
std::string format_config(const SiteConfig& config);

/// Returns base_url with exactly one trailing slash, or an Error when it is not
/// an absolute http(s) URL.
base::Result<std::string> normalise_base_url(std::string_view url);

}  // namespace newsarc::config
