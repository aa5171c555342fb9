// The home page (page 1 of all articles), its further pages, search and 404.
#include <nlohmann/json.hpp>

#include "render/views.h"

namespace newsarc::render {
namespace {

Json top_districts(const archive::Archive& archive) {
  Json out = Json::array();
  for (const auto& d : archive.districts) {
    if (!d.district.parent.empty()) continue;
    out.push_back({{"name", d.district.name},
                   {"url", "districts/" + d.slug + "/index.html"},
                   {"count", std::to_string(d.articles.size())}});
  }
  return out;
}

std::vector<std::size_t> all_articles(const archive::Archive& archive) {
  std::vector<std::size_t> out(archive.articles.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

}  // namespace

void add_home_pages(const SiteInput& in, std::vector<Page>& pages) {
  const archive::Archive& archive = in.archive;
  Json extra = {{"years", years_view(archive)},
                {"districts", top_districts(archive)},
                {"article_count", std::to_string(archive.articles.size())},
                {"official_count", std::to_string(archive.officials.size())},
                {"reporter_count", std::to_string(archive.reporters.size())},
                {"undated_count",
                 archive.undated.empty() ? Json() : Json(std::to_string(archive.undated.size()))},
                {"feed", {{"url", "atom.xml"}, {"title", in.config.title + " 订阅"}}}};
  add_list_pages(
      in,
      {"", "index.mustache", all_articles(archive), in.config.title,
       in.config.description.empty() ? in.config.title + "报道档案" : in.config.description,
       Json::array(), extra},
      pages);

  Page search{"search/index.html", "search.mustache", Json::object()};
  add_frame(search, in, "搜索", "在全部报道中搜索", {{{"label", "搜索"}}});
  pages.push_back(std::move(search));

  Page missing{"404.html", "404.mustache", Json::object()};
  add_frame(missing, in, "页面未找到", "页面未找到", Json::array());
  // Served for any missing path at any depth, so relative links cannot work:
  // this one page links through the absolute base URL.
  missing.view["root"] = in.config.base_url;
  missing.view["canonical"] = nullptr;
  pages.push_back(std::move(missing));
}

}  // namespace newsarc::render
