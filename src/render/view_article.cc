// The article page: the record with links to its districts, people and dates.
#include <nlohmann/json.hpp>

#include "base/json_writer.h"
#include "render/views.h"

namespace newsarc::render {
namespace {

using ingest::ArticleRecord;

// {name, url}; url is null when the name has no page (an unknown slug).
Json link(const SlugOf& slugs, const std::string& folder, const std::string& name) {
  auto it = slugs.find(name);
  return object_of(
      {{"name", name},
       {"url", it == slugs.end() ? Json() : Json(folder + it->second + "/index.html")}});
}

Json district_links(const SiteInput& in, const ArticleRecord& r) {
  Json out = Json::array();
  for (const auto& d : r.districts) out.push_back(link(in.district_slugs, "districts/", d));
  return out;
}

Json official_links(const SiteInput& in, const ArticleRecord& r) {
  Json out = Json::array();
  for (const auto& person : r.officials) {
    Json item = link(in.official_slugs, "officials/", person.name);
    item["titles"] = join(person.titles, "、");
    out.push_back(std::move(item));
  }
  return out;
}

Json credit_group(const SiteInput& in, const char* label, const std::vector<std::string>& names) {
  Json people = Json::array();
  for (const auto& name : names) people.push_back(link(in.reporter_slugs, "reporters/", name));
  return object_of({{"label", label}, {"people", std::move(people)}});
}

Json credit_groups(const SiteInput& in, const ArticleRecord& r) {
  Json out = Json::array();
  const std::pair<const char*, const std::vector<std::string>*> groups[] = {
      {"记者", &r.reporters},
      {"通讯员", &r.correspondents},
      {"作者", &r.authors},
      {"摄影", &r.photo_credits}};
  for (const auto& [label, names] : groups) {
    if (!names->empty()) out.push_back(credit_group(in, label, *names));
  }
  return out;
}

// Text bodies: paragraphs as <p>, headings as <h2>, escaped by the template.
Json body_blocks(const ArticleRecord& r) {
  Json out = Json::array();
  for (const auto& block : r.body_blocks()) {
    const bool heading = block.kind == ingest::BlockKind::kHeading;
    out.push_back(object_of({{"heading", heading ? Json(block.text) : Json()},
                             {"paragraph", heading ? Json() : Json(block.text)}}));
  }
  return out;
}

Json repairs_view(const ArticleRecord& r) {
  Json out = Json::array();
  for (const auto& repair : r.repairs) {
    out.push_back({{"code", repair.code},
                   {"line", std::to_string(repair.line)},
                   {"text", repair.text},
                   {"source", r.source_path + ":" + std::to_string(repair.line)}});
  }
  return out;
}

Json neighbour(const SiteInput& in, std::size_t index) {
  const auto& r = in.archive.articles[index];
  return object_of(
      {{"url", article_url(r)}, {"title", r.display_title}, {"date", format_date(r.date)}});
}

Json strings(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const auto& s : items) out.push_back(s);
  return out;
}

/// The printed headline in its parts, so a kicker or a "——" subtitle that
/// the record's title already contains is not shown twice:
///   title "强基固本 某某办事处召开推进会", subtitle "强基固本" -> kicker + main.
struct Headline {
  std::string kicker, main, subtitle;
};

Headline headline_parts(const ArticleRecord& r) {
  Headline h{"", r.display_title, ""};
  if (!r.title || !r.subtitle) return h;
  const std::string& t = *r.title;
  const std::string& s = *r.subtitle;
  if (s.starts_with("——") && t.ends_with(s) && t.size() > s.size()) {
    h.main = t.substr(0, t.size() - s.size());
    h.subtitle = s;
  } else if (t.starts_with(s) && t.size() > s.size()) {
    h.kicker = s;
    h.main = t.substr(s.size());
    while (h.main.starts_with(" ")) h.main.erase(0, 1);
  } else {
    h.subtitle = s;
  }
  return h;
}

}  // namespace

Json article_view(const SiteInput& in, std::size_t index) {
  const ArticleRecord& r = in.archive.articles[index];
  const bool markdown = r.format == "markdown" && !r.markdown_source().empty();
  const std::size_t count = in.archive.articles.size();
  const Headline headline = headline_parts(r);
  return object_of({{"title", headline.main},
                    {"kicker", headline.kicker},
                    {"derived", !r.title.has_value()},
                    {"subtitle", headline.subtitle},
                    {"date", format_date(r.date)},
                    {"iso", r.date.iso()},
                    {"date_url", date_url(r.date)},
                    {"districts", district_links(in, r)},
                    {"officials", official_links(in, r)},
                    {"credits", credit_groups(in, r)},
                    {"body_html", markdown ? markdown_to_html(r.markdown_source()) : ""},
                    {"blocks", markdown ? Json::array() : body_blocks(r)},
                    {"captions", strings(r.captions)},
                    {"source", r.source_path + ":" + std::to_string(r.source_line)},
                    {"repairs", repairs_view(r)},
                    {"repair_count", std::to_string(r.repairs.size())},
                    {"json_url", "articles/" + r.id + "/index.json"},
                    {"older", index + 1 < count ? neighbour(in, index + 1) : Json()},
                    {"newer", index > 0 ? neighbour(in, index - 1) : Json()}});
}

namespace {

// Where each name article_view links lands (a slug, or none), appended to
// `out`: the same lists, in the same order, as district_links,
// official_links and credit_groups.
void append_link_targets(const SiteInput& in, const ArticleRecord& r, std::string& out) {
  const auto target = [&out](const SlugOf& slugs, const std::string& name) {
    auto it = slugs.find(name);
    out += it == slugs.end() ? std::string_view("\x1d") : std::string_view(it->second);
    out += '\x1f';
  };
  for (const auto& d : r.districts) target(in.district_slugs, d);
  out += '\x1e';
  for (const auto& person : r.officials) target(in.official_slugs, person.name);
  out += '\x1e';
  for (const auto* names : {&r.reporters, &r.correspondents, &r.authors, &r.photo_credits}) {
    for (const auto& name : *names) target(in.reporter_slugs, name);
    out += '\x1e';
  }
}

// What article_view shows besides the record: its neighbours (listed) and
// where its names link.
UnitContext article_context(const SiteInput& in, std::size_t index) {
  UnitContext context;
  append_link_targets(in, in.archive.articles[index], context.bytes);
  const bool newer = index > 0, older = index + 1 < in.archive.articles.size();
  if (newer) context.listed.push_back(index - 1);
  if (older) context.listed.push_back(index + 1);
  context.bytes += newer ? 'n' : '-';
  context.bytes += older ? 'o' : '-';
  return context;
}

}  // namespace

std::string article_json_ld(const SiteInput& in, std::size_t index) {
  const ArticleRecord& r = in.archive.articles[index];
  const std::string url = absolute_url(in.config, article_url(r));
  std::string json;
  base::JsonWriter ld(json, -1);  // members in dump()'s order, as the tree had them
  ld.begin_object();
  ld.member("@context", "https://schema.org");
  ld.member("@type", "NewsArticle");
  if (!r.reporters.empty() || !r.authors.empty()) {
    ld.key("author");
    ld.begin_array();
    for (const auto* names : {&r.reporters, &r.authors}) {
      for (const auto& name : *names) {
        ld.begin_object();
        ld.member("@type", "Person");
        ld.member("name", name);
        ld.end_object();
      }
    }
    ld.end_array();
  }
  if (const std::string iso = r.date.iso(); !iso.empty()) ld.member("datePublished", iso);
  ld.member("description", summary_of(r));
  ld.member("headline", r.display_title);
  ld.member("inLanguage", in.config.language);
  ld.member("mainEntityOfPage", url);
  ld.key("publisher");
  ld.begin_object();
  ld.member("@type", "Organization");
  ld.member("name", in.config.title);
  ld.end_object();
  ld.member("url", url);
  ld.end_object();
  std::string out;
  // Inside <script>, "</script>" must not appear: escape the characters that could form it.
  for (char c : json) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// The whole view of article i's page (built on demand: it holds the body).
Json article_page_view(const SiteInput& in, std::size_t i, const std::string& path) {
  const ArticleRecord& r = in.archive.articles[i];
  Page page{path, "article.mustache", article_view(in, i), {}};
  page.view["json_ld"] = article_json_ld(in, i);
  page.view["og_type"] = "article";
  page.view["published"] = r.date.iso();
  Json crumbs = Json::array({object_of({{"label", "日期"}, {"url", "dates/index.html"}}),
                             object_of({{"label", format_date(r.date)}, {"url", date_url(r.date)}}),
                             object_of({{"label", r.display_title}})});
  add_frame(page, in, r.display_title, summary_of(r), std::move(crumbs));
  return std::move(page.view);
}

}  // namespace

void add_article_pages(const SiteInput& in, std::vector<Page>& pages) {
  for (std::size_t i = 0; i < in.archive.articles.size(); ++i) {
    std::string path = article_url(in.archive.articles[i]);
    pages.push_back({path, "article.mustache", Json(),
                     [&in, i, path] { return article_page_view(in, i, path); },
                     [&in, i] { return article_context(in, i); }});
  }
}

}  // namespace newsarc::render
