#pragma once
// site: the I/O shell. Loads sources, builds, writes the output atomically,
// serves it.

#include <string>
#include <vector>

#include "base/base.h"
#include "config/config.h"
#include "render/render.h"

namespace newsarc::site {

/// Where the inputs and the output are; empty means the default.
struct BuildOptions {
  std::string root = ".";  ///< paths below are relative to it
  std::string content_dir = "content";
  std::string templates_dir = "templates";
  std::string assets_dir = "assets";
  std::string config_path = "site.json";
  std::string out_dir;   ///< "" = config's out_dir
  std::string base_url;  ///< "" = config's base_url
  int jobs = 0;          ///< 0 = hardware threads
};

/// What a build did.
struct BuildReport {
  std::size_t sources = 0;
  std::size_t articles = 0;
  std::size_t pages = 0;
  bool config_error = false;  ///< exit 2
  bool wrote = false;
  std::string out_dir;
};

/// Reads every content file below `dir` (sorted), ingests it; one broken file
/// is reported and skipped.
std::vector<ingest::ArticleRecord> load_content(const std::string& dir,
                                                const config::SiteConfig& config,
                                                base::Diagnostics& diags);

/// Builds the whole site and writes it atomically into the output folder.
BuildReport build(const BuildOptions& options, base::Diagnostics& diags);

/// Renders without writing (for tests and `serve`).
render::RenderedSite build_in_memory(const BuildOptions& options, base::Diagnostics& diags,
                                     BuildReport* report = nullptr);

/// Writes `site` into `out_dir`: stages into a sibling temp folder, then swaps
/// it in. Refuses a non-empty folder without newsarc's marker file.
base::Result<bool> write_site(const render::RenderedSite& site, const std::string& out_dir);

}  // namespace newsarc::site
