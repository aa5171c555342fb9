// Officials and reporters: A–Z pinyin indexes, person pages with the post
// timeline (officials) or the credited roles (reporters), and feeds.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "render/views.h"
#include "text/text.h"

namespace newsarc::render {
namespace {

using archive::PersonEntry;

constexpr std::size_t kTimelineLinks = 10;  // newest articles linked per post

std::string person_dir(const std::string& folder, const PersonEntry& p) {
  return folder + "/" + p.slug + "/";
}

std::string anchor_of(char initial) {
  return initial >= 'A' && initial <= 'Z' ? std::string("initial-") + initial : "initial-other";
}

// Groups by pinyin initial, A..Z then "#"; entries keep their pinyin order.
Json initial_groups(const std::vector<PersonEntry>& people, const std::string& folder,
                    const text::Collator& collator) {
  std::map<char, Json> groups;  // '#' sorts before 'A': moved last below
  for (const auto& p : people) {
    Json& group = groups[collator.initial(p.name)];
    if (group.is_null()) group = Json::array();
    group.push_back({{"name", p.name},
                     {"url", person_dir(folder, p) + "index.html"},
                     {"count", std::to_string(p.appearances.size())}});
  }
  Json out = Json::array();
  auto add = [&](char initial, Json& list) {
    const std::string letter = initial >= 'A' && initial <= 'Z' ? std::string(1, initial) : "#";
    out.push_back(
        {{"letter", letter}, {"anchor", anchor_of(initial)}, {"people", std::move(list)}});
  };
  for (auto& [initial, list] : groups) {
    if (initial >= 'A' && initial <= 'Z') add(initial, list);
  }
  for (auto& [initial, list] : groups) {
    if (!(initial >= 'A' && initial <= 'Z')) add(initial, list);
  }
  return out;
}

std::string role_label(archive::Role role) {
  switch (role) {
    case archive::Role::kReporter:
      return "记者";
    case archive::Role::kCorrespondent:
      return "通讯员";
    case archive::Role::kAuthor:
      return "作者";
    case archive::Role::kPhotographer:
      return "摄影";
  }
  return "";
}

struct Post {
  std::string title;
  std::vector<std::size_t> articles;  // newest first
};

// Each post as printed with the articles that print it, ordered by the first
// (oldest) article seen; tie-breaker: the title's bytes.
std::vector<Post> posts_of(const PersonEntry& p) {
  std::vector<Post> posts;
  for (const auto& a : p.appearances) {
    for (const auto& title : a.titles) {
      auto it = std::find_if(posts.begin(), posts.end(),
                             [&](const Post& post) { return post.title == title; });
      if (it == posts.end()) it = posts.insert(posts.end(), Post{title, {}});
      it->articles.push_back(a.article);
    }
  }
  std::sort(posts.begin(), posts.end(), [](const Post& a, const Post& b) {
    if (a.articles.back() != b.articles.back()) return a.articles.back() > b.articles.back();
    return a.title < b.title;
  });
  return posts;
}

Json timeline_of(const SiteInput& in, const PersonEntry& p) {
  Json out = Json::array();
  for (const auto& post : posts_of(p)) {
    const auto& first = in.archive.articles[post.articles.back()];
    const auto& last = in.archive.articles[post.articles.front()];
    std::vector<std::size_t> newest(
        post.articles.begin(),
        post.articles.begin() + std::min(post.articles.size(), kTimelineLinks));
    out.push_back({{"title", post.title},
                   {"first", format_date(first.date)},
                   {"first_iso", first.date.iso()},
                   {"last", format_date(last.date)},
                   {"last_iso", last.date.iso()},
                   {"count", std::to_string(post.articles.size())},
                   {"more", post.articles.size() > kTimelineLinks},
                   {"articles", article_items(in.archive, newest)}});
  }
  return out;
}

std::vector<std::size_t> articles_of(const PersonEntry& p) {
  std::vector<std::size_t> out;
  for (const auto& a : p.appearances) out.push_back(a.article);
  return out;
}

// What the person was in article i ("局长、党工委书记", or "记者"): the
// appearance is found when a page is rendered (appearances are in article
// order), so building the renderer labels none of the thousands of them.
std::string role_in(const PersonEntry& p, std::size_t i, bool roles) {
  auto it =
      std::lower_bound(p.appearances.begin(), p.appearances.end(), i,
                       [](const archive::Appearance& a, std::size_t at) { return a.article < at; });
  if (it == p.appearances.end() || it->article != i) return "";
  if (!roles) return join(it->titles, "、");
  std::vector<std::string> labels;
  for (auto r : it->roles) labels.push_back(role_label(r));
  return join(labels, "、");
}

// The list item of an article on a person page: what the person was there.
std::function<Json(std::size_t)> item_with_role(const SiteInput& in, const PersonEntry& p,
                                                bool roles) {
  return [&in, &p, roles](std::size_t i) {
    Json item = article_item(in.archive, i);
    item["role"] = role_in(p, i, roles);
    return item;
  };
}

struct PeopleKind {
  const char* folder;
  const char* label;
  const char* index_template;
  const char* person_template;
  bool roles;
};

void add_people_pages(const SiteInput& in, const std::vector<PersonEntry>& people,
                      const PeopleKind& kind, std::vector<Page>& pages) {
  const std::string index_url = std::string(kind.folder) + "/index.html";
  // Built when the page is rendered: its A-Z groups take each name's pinyin
  // initial from ICU, whose rules take some 0.1 s to compile, and a build
  // after an edit that changes no listing does not render the page again.
  pages.push_back({index_url, kind.index_template, Json(), [&in, &people, kind, index_url] {
                     const text::Collator collator;
                     Page index{
                         index_url, kind.index_template,
                         object_of({{"groups", initial_groups(people, kind.folder, collator)},
                                    {"count", std::to_string(people.size())}})};
                     add_frame(index, in, std::string(kind.label) + "索引",
                               std::string(kind.label) + "姓名按拼音排序",
                               Json::array({object_of({{"label", kind.label}})}));
                     return std::move(index.view);
                   }});
  for (const auto& p : people) {
    const std::string dir = person_dir(kind.folder, p);
    Json extra = {{"name", p.name}, {"count", std::to_string(p.appearances.size())}};
    std::function<Json()> timeline;  // built when a page is rendered
    if (!kind.roles) {
      timeline = [&in, &p] { return Json{{"timeline", timeline_of(in, p)}}; };
      extra["feed"] = {{"url", dir + "atom.xml"}, {"title", p.name + " 订阅"}};
    }
    Json crumbs = {{{"label", kind.label}, {"url", index_url}}, {{"label", p.name}}};
    ListSpec spec{.dir = dir,
                  .template_name = kind.person_template,
                  .items = articles_of(p),
                  .title = p.name,
                  .description = p.name + "的相关报道",
                  .crumbs = crumbs,
                  .extra = extra,
                  .make_extra = std::move(timeline)};
    if (spec.make_extra) spec.extra_items = spec.items;  // the timeline shows his articles
    add_list_pages(in, spec, pages, item_with_role(in, p, kind.roles));
  }
}

}  // namespace

void add_official_pages(const SiteInput& in, std::vector<Page>& pages) {
  add_people_pages(in, in.archive.officials,
                   {"officials", "人物", "officials.mustache", "official.mustache", false}, pages);
}

void add_reporter_pages(const SiteInput& in, std::vector<Page>& pages) {
  add_people_pages(in, in.archive.reporters,
                   {"reporters", "记者", "reporters.mustache", "reporter.mustache", true}, pages);
}

}  // namespace newsarc::render
