// Temporary stub; replaced by load.cc, build.cc, write.cc.
#include "site/site.h"
namespace newsarc::site {
std::vector<ingest::ArticleRecord> load_content(const std::string&, const config::SiteConfig&, base::Diagnostics&) { return {}; }
BuildReport build(const BuildOptions&, base::Diagnostics&) { return {}; }
render::RenderedSite build_in_memory(const BuildOptions&, base::Diagnostics&, BuildReport*) { return {}; }
base::Result<bool> write_site(const render::RenderedSite&, const std::string&) { return true; }
}  // namespace newsarc::site
