// check_site: `newsarc check`, a build that writes nothing, plus the lints.
#include <algorithm>
#include <map>

#include "site/check.h"
#include "site/site.h"
#include "text/text.h"

namespace newsarc::site {

namespace {

// "/paper/" for "https://example.org/paper/"; "/" when the URL has no path.
std::string base_path_of(std::string_view base_url) {
  const std::size_t scheme = base_url.find("://");
  const std::size_t slash = base_url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(base_url.substr(slash));
}

// The file line where an article's Markdown starts: the Markdown is the tail
// of the decoded file, after the front matter.
int markdown_line(std::string_view text, std::string_view markdown) {
  if (!text.ends_with(markdown)) return 1;
  const std::string_view head = text.substr(0, text.size() - markdown.size());
  return 1 + static_cast<int>(std::count(head.begin(), head.end(), '\n'));
}

void lint_sources(const BuildInputs& inputs, const config::SiteConfig& config,
                  const render::RenderedSite& site, base::Diagnostics& diags) {
  std::map<std::string, const ingest::ArticleRecord*> markdown_of;  // source path -> article
  for (const ingest::ArticleRecord& r : inputs.archive.articles)
    if (!r.markdown_source().empty()) markdown_of[r.source_path] = &r;
  const std::string base_path = base_path_of(config.base_url);
  for (const Source& source : inputs.sources) {
    const auto decoded = text::decode(source.bytes);
    if (!decoded) continue;  // the build has reported it
    check_typos(decoded->utf8, source.display, config.typo_map, diags);
    const auto it = markdown_of.find(source.display);
    if (it == markdown_of.end()) continue;
    const ingest::ArticleRecord& r = *it->second;
    check_markdown(r,
                   {markdown_line(decoded->utf8, r.markdown_source()), render::article_page_path(r),
                    base_path},
                   site, diags);
  }
}

}  // namespace

BuildReport check_site(const BuildOptions& options, base::Diagnostics& diags) {
  BuildInputs inputs;
  BuildReport report;
  const render::RenderedSite site = build_for_check(options, diags, report, inputs);
  if (!report.config_error) {
    check_undated(inputs.archive, diags);
    check_conflicting_posts(inputs.archive, diags);
    lint_sources(inputs, report.config, site, diags);
  }
  diags.sort();
  return report;
}

}  // namespace newsarc::site
