// Temporary stub; replaced by config.cc.
#include "config/config.h"
namespace newsarc::config {
base::Result<SiteConfig> parse_config(std::string_view, std::string_view, base::Diagnostics&) { return SiteConfig{}; }
std::vector<District> default_gazetteer() { return {}; }
base::Result<std::string> normalise_base_url(std::string_view url) { return std::string(url); }
}  // namespace newsarc::config
