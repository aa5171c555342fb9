#pragma once
// render: archive -> in-memory site (output path -> bytes), through mustache
// templates. Pure: no file system access.

#include <map>
#include <string>

#include "archive/archive.h"
#include "base/base.h"
#include "config/config.h"

namespace newsarc::render {

/// Template name ("article.mustache", "partials/header.mustache") -> text.
using TemplateSet = std::map<std::string, std::string>;

/// Output path relative to the site root ("index.html", "a/x/index.html") -> bytes.
using RenderedSite = std::map<std::string, std::string>;

/// Renders every page, feed, sitemap and JSON export of the archive. A
/// template error is reported as `render/template-error` naming the template.
RenderedSite render_site(const archive::Archive& archive, const config::SiteConfig& config,
                         const TemplateSet& templates, base::Diagnostics& diags);

/// Checks that every template compiles; reports each error. Returns false
/// when any failed (the build then stops before writing).
bool check_templates(const TemplateSet& templates, base::Diagnostics& diags);

}  // namespace newsarc::render
