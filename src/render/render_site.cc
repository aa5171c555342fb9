// render_site: builds every page's view, renders it with the templates
// compiled once, and adds feeds, sitemaps and the JSON exports.
#include "render/render.h"

#include <nlohmann/json.hpp>

#include "render/search.h"
#include "render/templates.h"
#include "render/views.h"

namespace newsarc::render {
namespace {

// The site icon every page links to (so browsers do not ask for a missing
// /favicon.ico): a front page with a red masthead and grey columns.
constexpr const char* kFavicon =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
    "<rect x=\"3\" y=\"2\" width=\"26\" height=\"28\" fill=\"#fdfcf8\" stroke=\"#1b1b1b\" "
    "stroke-width=\"2\"/><rect x=\"6\" y=\"5\" width=\"20\" height=\"6\" fill=\"#8a1c1c\"/>"
    "<path d=\"M6 15h9M6 19h9M6 23h9M6 27h9M18 15h8M18 19h8M18 23h8\" stroke=\"#555555\" "
    "stroke-width=\"2\"/></svg>\n";

std::map<std::string, std::string> slugs_of(const std::vector<archive::PersonEntry>& people) {
  std::map<std::string, std::string> out;
  for (const auto& p : people) out.emplace(p.name, p.slug);
  return out;
}

std::vector<Page> build_pages(const SiteInput& in) {
  std::vector<Page> pages;
  add_home_pages(in, pages);
  add_article_pages(in, pages);
  add_date_pages(in, pages);
  add_district_pages(in, pages);
  add_official_pages(in, pages);
  add_reporter_pages(in, pages);
  return pages;
}

void add_feeds(const SiteInput& in, RenderedSite& out) {
  std::vector<std::size_t> all(in.archive.articles.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  out["atom.xml"] = atom_feed(in, {"atom.xml", "index.html", in.config.title, all});
  for (const auto& d : in.archive.districts) {
    const std::string dir = "districts/" + d.slug + "/";
    out[dir + "atom.xml"] = atom_feed(in, {dir + "atom.xml", dir + "index.html",
                                           in.config.title + "：" + d.district.name, d.articles});
  }
  for (const auto& p : in.archive.officials) {
    const std::string dir = "officials/" + p.slug + "/";
    std::vector<std::size_t> articles;
    for (const auto& a : p.appearances) articles.push_back(a.article);
    out[dir + "atom.xml"] = atom_feed(
        in, {dir + "atom.xml", dir + "index.html", in.config.title + "：" + p.name, articles});
  }
}

std::string dump(const nlohmann::json& j) {
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void add_exports(const SiteInput& in, RenderedSite& out) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& r : in.archive.articles) {
    nlohmann::json record = ingest::to_json(r);
    out["articles/" + r.id + "/index.json"] = dump(record);
    all.push_back(std::move(record));
  }
  out["records.json"] = dump(all);
  out["robots.txt"] = "User-agent: *\nAllow: /\n\nSitemap: " + in.config.base_url + "sitemap.xml\n";
}

void report_exception(base::Diagnostics& diags, const std::exception& e) {
  diags.report(base::Severity::kError, "", 0, 0, "render/internal-error",
               std::string("rendering failed: ") + e.what());
}

}  // namespace

SiteInput make_site_input(const archive::Archive& archive, const config::SiteConfig& config) {
  SiteInput in{archive, config, {}, {}, {}};
  for (const auto& d : archive.districts) in.district_slugs.emplace(d.district.name, d.slug);
  in.official_slugs = slugs_of(archive.officials);
  in.reporter_slugs = slugs_of(archive.reporters);
  return in;
}

RenderedSite render_site(const archive::Archive& archive, const config::SiteConfig& config,
                         const TemplateSet& templates, base::Diagnostics& diags) {
  const CompiledTemplates compiled(templates, diags);
  if (!compiled.ok()) return {};
  RenderedSite out;
  try {
    const SiteInput in = make_site_input(archive, config);
    const std::vector<Page> pages = build_pages(in);
    for (const auto& page : pages)
      out[page.path] = compiled.render(page.template_name, page.view, diags);
    add_feeds(in, out);
    add_sitemaps(config, pages, out);
    add_exports(in, out);
    out["favicon.svg"] = kFavicon;
    search::add_search_index(archive, out);
  } catch (const std::exception& e) {
    report_exception(diags, e);
  }
  return out;
}

bool check_templates(const TemplateSet& templates, base::Diagnostics& diags) {
  return CompiledTemplates(templates, diags).ok();
}

}  // namespace newsarc::render
