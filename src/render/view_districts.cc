// District pages: the index grouped by parent, and one paginated page per
// district with a by-year breakdown and a feed.
#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "render/views.h"

namespace newsarc::render {
namespace {

std::string district_dir(const archive::DistrictEntry& d) {
  return "districts/" + d.slug + "/";
}

Json district_link(const archive::DistrictEntry& d) {
  return {{"name", d.district.name},
          {"url", district_dir(d) + "index.html"},
          {"count", std::to_string(d.articles.size())}};
}

// Groups in gazetteer order: a top-level district opens its group, a child
// joins its parent's group (opened unlinked when the parent has no articles).
Json district_groups(const SiteInput& in) {
  Json groups = Json::array();
  std::map<std::string, std::size_t> group_of;
  for (const auto& d : in.archive.districts) {
    const std::string& key = d.district.parent.empty() ? d.district.name : d.district.parent;
    auto [it, added] = group_of.emplace(key, groups.size());
    if (added) {
      groups.push_back(
          {{"name", key}, {"url", nullptr}, {"count", ""}, {"children", Json::array()}});
    }
    Json& group = groups[it->second];
    if (d.district.parent.empty()) {
      group["url"] = district_dir(d) + "index.html";
      group["count"] = std::to_string(d.articles.size());
    } else {
      group["children"].push_back(district_link(d));
    }
  }
  return groups;
}

// Article counts per year, newest year first; undated ones last.
Json years_of(const archive::Archive& archive, const std::vector<std::size_t>& indexes) {
  std::map<int, std::size_t, std::greater<>> counts;
  for (std::size_t i : indexes) ++counts[archive.articles[i].date.year];
  Json years = Json::array();
  for (const auto& [year, count] : counts) {
    years.push_back({{"label", year == 0 ? "日期不详" : std::to_string(year) + "年"},
                     {"count", std::to_string(count)}});
  }
  return years;
}

Json parent_link(const SiteInput& in, const archive::DistrictEntry& d) {
  if (d.district.parent.empty()) return nullptr;
  auto it = in.district_slugs.find(d.district.parent);
  return {{"name", d.district.parent},
          {"url", it == in.district_slugs.end() ? Json()
                                                : Json("districts/" + it->second + "/index.html")}};
}

}  // namespace

void add_district_pages(const SiteInput& in, std::vector<Page>& pages) {
  Page index{"districts/index.html", "districts.mustache", {{"groups", district_groups(in)}}};
  add_frame(index, in, "按地区浏览", "按行政区和办事处浏览报道", {{{"label", "地区"}}});
  pages.push_back(std::move(index));
  for (const auto& d : in.archive.districts) {
    const std::string dir = district_dir(d);
    Json extra = {{"name", d.district.name},
                  {"parent", parent_link(in, d)},
                  {"years", years_of(in.archive, d.articles)},
                  {"count", std::to_string(d.articles.size())},
                  {"feed", {{"url", dir + "atom.xml"}, {"title", d.district.name + " 订阅"}}}};
    Json crumbs = {{{"label", "地区"}, {"url", "districts/index.html"}},
                   {{"label", d.district.name}}};
    add_list_pages(in,
                   {dir, "district.mustache", d.articles, d.district.name,
                    d.district.name + "的报道", crumbs, extra},
                   pages);
  }
}

}  // namespace newsarc::render
