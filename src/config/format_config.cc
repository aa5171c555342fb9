#include <nlohmann/json.hpp>

#include "config/config.h"

namespace newsarc::config {

namespace {

using Json = nlohmann::ordered_json;

Json district_json(const District& d) {
  Json j = Json::object();
  j["name"] = d.name;
  if (!d.aliases.empty()) j["aliases"] = d.aliases;
  if (!d.parent.empty()) j["parent"] = d.parent;
  if (!d.slug.empty()) j["slug"] = d.slug;
  return j;
}

}  // namespace

std::string format_config(const SiteConfig& config) {
  Json j = Json::object();
  j["title"] = config.title;
  j["description"] = config.description;
  j["base_url"] = config.base_url;
  j["language"] = config.language;
  j["page_size"] = config.page_size;
  if (config.default_year) j["default_year"] = *config.default_year;
  j["out_dir"] = config.out_dir;
  j["districts"] = Json::array();
  for (const District& d : config.districts) j["districts"].push_back(district_json(d));
  j["silence"] = config.silence;
  j["max_warnings"] = config.max_warnings;
  j["typo_map"] = Json::object();
  for (const auto& [from, to] : config.typo_map) j["typo_map"][from] = to;
  return j.dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace) + "\n";
}

}  // namespace newsarc::config
