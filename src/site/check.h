#pragma once
// Internal to site: the lints of `newsarc check` (check.cc), pure functions
// over values, and the build that keeps what they look at (build.cc).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/archive.h"
#include "base/base.h"
#include "render/render.h"
#include "site/files.h"
#include "site/site.h"

namespace newsarc::site {

/// What a build read and indexed, kept for the lints.
struct BuildInputs {
  std::vector<Source> sources;  ///< content files as read (undecoded)
  archive::Archive archive;
};

/// build_in_memory that also hands back its sources and archive.
render::RenderedSite build_for_check(const BuildOptions& options, base::Diagnostics& diags,
                                     BuildReport& report, BuildInputs& inputs);

/// `check/undated` (warning) for each article not dated to the day, unless
/// ingest already reported it (`ingest/no-date`).
void check_undated(const archive::Archive& archive, base::Diagnostics& diags);

/// `check/conflicting-posts` (warning) for an official whose posts in two
/// articles of the same day have nothing in common: "区长" in one, "区委书记"
/// in the other. Posts match when one contains the other ("党工委书记",
/// "高新区党工委书记").
void check_conflicting_posts(const archive::Archive& archive, base::Diagnostics& diags);

/// `check/typo` (warning) for each occurrence in `text` (a decoded file) of a
/// suspicious form of `typo_map`, at its line and column (in code points).
void check_typos(std::string_view text, const std::string& path,
                 const std::vector<std::pair<std::string, std::string>>& typo_map,
                 base::Diagnostics& diags);

/// Where an article's Markdown is and how the site is addressed.
struct MarkdownContext {
  int first_line = 1;           ///< file line where the record's `markdown` starts
  std::string page;             ///< the article's output path: "articles/x/index.html"
  std::string base_path = "/";  ///< path of the base URL: "/paper/"
};

/// `check/dead-link` (error) for each relative or site-absolute link or image
/// of the article's Markdown whose target is not a file of `site`, and
/// `check/unsafe-markup` (warning) for raw HTML and javascript:... links,
/// which the page leaves out.
void check_markdown(const ingest::ArticleRecord& r, const MarkdownContext& where,
                    const render::RenderedSite& site, base::Diagnostics& diags);

/// The site path a link on page `page` leads to ("../b/" on
/// "articles/a/index.html" -> "articles/b/index.html"); "" for links that leave
/// the site (a scheme, "//host", a same-page "#anchor", or above its root).
std::string resolve_link(std::string_view url, std::string_view page, std::string_view base_path);

}  // namespace newsarc::site
