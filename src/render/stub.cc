// Temporary stub; replaced by the renderer.
#include "render/render.h"
namespace newsarc::render {
RenderedSite render_site(const archive::Archive&, const config::SiteConfig&, const TemplateSet&, base::Diagnostics&) { return {{"index.html", "<!doctype html>"}}; }
bool check_templates(const TemplateSet&, base::Diagnostics&) { return true; }
}  // namespace newsarc::render
