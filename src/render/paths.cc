// URLs, dates, summaries, pagination and the page frame shared by all views.
#include <algorithm>
#include <memory>
#include <mutex>

#include "archive/archive.h"
#include "base/utf8.h"
#include "render/render.h"
#include "render/views.h"
#include "text/text.h"

namespace newsarc::render {

std::string root_for(std::string_view out_path) {
  std::string root;
  for (char c : out_path) {
    if (c == '/') root += "../";
  }
  return root;
}

std::string article_url(const ingest::ArticleRecord& r) {
  return "articles/" + r.id + "/index.html";
}

std::string article_page_path(const ingest::ArticleRecord& r) {
  return article_url(r);
}

std::string absolute_url(const config::SiteConfig& config, std::string_view out_path) {
  constexpr std::string_view kIndex = "index.html";
  if (out_path.ends_with(kIndex) &&
      (out_path.size() == kIndex.size() || out_path[out_path.size() - kIndex.size() - 1] == '/')) {
    out_path.remove_suffix(kIndex.size());
  }
  return config.base_url + std::string(out_path);
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string pad2(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string format_date(const ingest::PartialDate& date) {
  using ingest::DatePrecision;
  const std::string y = std::to_string(date.year) + "年";
  switch (date.precision) {
    case DatePrecision::kDay:
      return y + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
    case DatePrecision::kMonth:
      return y + std::to_string(date.month) + "月";
    case DatePrecision::kYear:
      return y;
    case DatePrecision::kNone:
      break;
  }
  return "日期不详";
}

std::string date_url(const ingest::PartialDate& date) {
  using ingest::DatePrecision;
  const std::string y = "dates/" + std::to_string(date.year) + "/";
  switch (date.precision) {
    case DatePrecision::kDay:
      return y + pad2(date.month) + "/" + pad2(date.day) + "/index.html";
    case DatePrecision::kMonth:
      return y + pad2(date.month) + "/index.html";
    case DatePrecision::kYear:
      return y + "index.html";
    case DatePrecision::kNone:
      break;
  }
  return "dates/undated/index.html";
}

namespace {

// Cuts to `max_chars` code points, adding "…" when something was cut.
std::string truncate_chars(const std::string& s, std::size_t max_chars) {
  const std::string_view kept = base::first_code_points(s, max_chars);
  return kept.size() == s.size() ? s : std::string(kept) + "…";
}

std::string first_line(const std::string& s) {
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) return s.substr(start, end - start);
    start = end + 1;
  }
  return {};
}

}  // namespace

std::string summary_of(const ingest::ArticleRecord& r, std::size_t max_chars) {
  for (const auto& block : r.body_blocks()) {
    if (block.kind == ingest::BlockKind::kParagraph && !block.text.empty())
      return truncate_chars(block.text, max_chars);
  }
  if (!r.markdown_source().empty())
    return truncate_chars(first_line(markdown_to_text(r.markdown_source())), max_chars);
  return truncate_chars(r.display_title, max_chars);
}

Json object_of(std::initializer_list<Member> members) {
  Json object(Json::value_t::object);
  auto& fields = object.get_ref<Json::object_t&>();
  for (const Member& m : members) fields.emplace(m.key, std::move(m.value));
  return object;
}

Json article_item(const archive::Archive& archive, std::size_t index) {
  const auto& r = archive.articles[index];
  return object_of({{"url", article_url(r)},
                    {"title", r.display_title},
                    {"derived", !r.title.has_value()},
                    {"date", format_date(r.date)},
                    {"iso", r.date.iso()},
                    {"districts", r.districts}});
}

Json article_items(const archive::Archive& archive, const std::vector<std::size_t>& indexes) {
  Json items = Json::array();
  for (std::size_t i : indexes) items.push_back(article_item(archive, i));
  return items;
}

namespace {

std::string page_path(const std::string& dir, std::size_t number) {
  return number == 1 ? dir + "index.html" : dir + "page/" + std::to_string(number) + "/index.html";
}

// Links to the first, last and nearby pages; "gap" marks skipped runs.
Json page_links(const std::string& dir, std::size_t current, std::size_t total) {
  // Only these numbers are shown, so a list of 10,000 pages costs the same as one of 10.
  std::vector<std::size_t> shown = {1, total};
  for (std::size_t n = current > 2 ? current - 2 : 1; n <= std::min(total, current + 2); ++n)
    shown.push_back(n);
  std::sort(shown.begin(), shown.end());
  shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
  Json links = Json::array();
  std::size_t last_shown = 0;
  for (std::size_t n : shown) {
    if (last_shown != 0 && n != last_shown + 1) links.push_back(object_of({{"gap", true}}));
    links.push_back(object_of({{"number", std::to_string(n)},
                               {"url", page_path(dir, n)},
                               {"current", n == current},
                               {"gap", false}}));
    last_shown = n;
  }
  return links;
}

Json pagination_view(const std::string& dir, std::size_t current, std::size_t total) {
  return object_of({{"page_number", std::to_string(current)},
                    {"page_total", std::to_string(total)},
                    {"prev_url", current > 1 ? Json(page_path(dir, current - 1)) : Json()},
                    {"next_url", current < total ? Json(page_path(dir, current + 1)) : Json()},
                    {"pages", page_links(dir, current, total)}});
}

}  // namespace

Json PageSlice::pagination() const {
  return total > 1 ? pagination_view(dir, number, total) : Json();
}

std::vector<PageSlice> paginate(const std::string& dir, const std::vector<std::size_t>& items,
                                int page_size) {
  const std::size_t size = static_cast<std::size_t>(std::max(1, page_size));
  const std::size_t total = std::max<std::size_t>(1, (items.size() + size - 1) / size);
  std::vector<PageSlice> pages;
  for (std::size_t n = 1; n <= total; ++n) {
    const std::size_t begin = (n - 1) * size;
    const std::size_t end = std::min(items.size(), begin + size);
    PageSlice slice;
    slice.path = page_path(dir, n);
    if (begin < end) slice.items.assign(items.begin() + begin, items.begin() + end);
    slice.dir = dir;
    slice.number = n;
    slice.total = total;
    pages.push_back(std::move(slice));
  }
  return pages;
}

namespace {

// What every page of a list shows besides its items, hashed once per list.
std::uint64_t list_hash(const ListSpec& spec) {
  std::string out = spec.template_name + '\x1f' + spec.title + '\x1f' + spec.description + '\x1f';
  out += spec.crumbs.dump() + '\x1f' + spec.extra.dump();
  return base::hash_bytes(out);
}

// What the pages of one list share. make_extra's fields are the same on every
// page, and for an official they cost his whole record of appearances (the
// timeline): built once per list, not once per page, and let go when every
// page has taken them (a month's fields list every article of the month).
struct SharedList {
  SharedList(const ListSpec& list, const ItemFn& item_fn, std::size_t page_count)
      : spec(list), item(item_fn), hash(list_hash(list)), pages(page_count) {}

  // make_extra's fields for one more page.
  std::shared_ptr<const Json> extra_fields() const {
    std::lock_guard lock(mutex_);
    if (!extra_) extra_ = std::make_shared<const Json>(spec.make_extra());
    std::shared_ptr<const Json> fields = extra_;
    if (++taken_ >= pages) extra_.reset();  // the last page; one built again builds them again
    return fields;
  }

  const ListSpec spec;
  const ItemFn item;
  const std::uint64_t hash;
  const std::size_t pages;

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const Json> extra_;
  mutable std::size_t taken_ = 0;
};

// The view of one page of a list.
Json list_page_view(const SiteInput& in, const SharedList& list, const PageSlice& slice) {
  const ListSpec& spec = list.spec;
  Page page{
      slice.path, spec.template_name, spec.extra.is_object() ? spec.extra : Json::object(), {}};
  if (spec.make_extra) page.view.update(*list.extra_fields());
  page.view["heading"] = spec.title;
  Json items = Json::array();
  items.get_ref<Json::array_t&>().reserve(slice.items.size());
  for (std::size_t i : slice.items)
    items.push_back(list.item ? list.item(i) : article_item(in.archive, i));
  page.view["articles"] = std::move(items);
  page.view["pagination"] = slice.pagination();
  page.view["first_page"] = slice.number == 1;
  const std::string suffix =
      slice.number == 1 ? "" : "（第" + std::to_string(slice.number) + "页）";
  add_frame(page, in, spec.title + suffix, spec.description + suffix, spec.crumbs);
  return std::move(page.view);
}

// A list page's context: the list's fields, its pagination and number, the
// listing keys of its items and of those make_extra shows.
UnitContext list_page_context(const std::shared_ptr<const SharedList>& list,
                              const PageSlice& slice) {
  // The pagination is made from the page's folder, number and count.
  UnitContext context{std::to_string(list->hash) + '\x1f' + slice.dir + '\x1f' +
                          std::to_string(slice.total) + '\x1f' + std::to_string(slice.number),
                      slice.items};
  // The same vector for every page of the list (an aliasing pointer that
  // keeps the list alive), so that it can be hashed once per list.
  if (list->spec.make_extra) context.also_listed = {list, &list->spec.extra_items};
  return context;
}

}  // namespace

void add_list_pages(const SiteInput& in, const ListSpec& spec, std::vector<Page>& pages,
                    const ItemFn& item) {
  std::vector<PageSlice> slices = paginate(spec.dir, spec.items, in.config.page_size);
  // Shared by the list's pages, whose views are built on demand.
  const auto shared = std::make_shared<const SharedList>(spec, item, slices.size());
  const bool has_context = !spec.make_extra || !spec.extra_items.empty();
  for (auto& slice : slices) {
    const auto page_slice = std::make_shared<const PageSlice>(std::move(slice));
    pages.push_back({page_slice->path, spec.template_name, Json(), [&in, shared, page_slice] {
                       return list_page_view(in, *shared, *page_slice);
                     }});
    if (has_context)
      pages.back().make_context = [shared, page_slice] {
        return list_page_context(shared, *page_slice);
      };
  }
}

namespace {

struct NavItem {
  const char* label;
  const char* url;
  const char* section;  ///< the first path folder of the pages it is current for
};

constexpr NavItem kNav[] = {{"首页", "index.html", ""},
                            {"日期", "dates/index.html", "dates"},
                            {"地区", "districts/index.html", "districts"},
                            {"人物", "officials/index.html", "officials"},
                            {"记者", "reporters/index.html", "reporters"},
                            {"搜索", "search/index.html", "search"}};

Json nav_view(std::string_view path) {
  const std::string_view section =
      path.substr(0, path.find('/') == std::string_view::npos ? 0 : path.find('/'));
  const bool home = path == "index.html" || path.starts_with("page/");
  Json nav = Json::array();
  for (const auto& item : kNav) {
    const bool current = item.section[0] == '\0' ? home : section == item.section;
    nav.push_back(object_of({{"label", item.label}, {"url", item.url}, {"current", current}}));
  }
  return nav;
}

std::string locale_of(const std::string& language) {
  std::string locale = language;
  std::replace(locale.begin(), locale.end(), '-', '_');
  return locale;
}

}  // namespace

void add_frame(Page& page, const SiteInput& in, const std::string& title,
               const std::string& description, Json crumbs) {
  Json& v = page.view;
  v["root"] = root_for(page.path);
  v["lang"] = in.config.language;
  v["locale"] = locale_of(in.config.language);
  v["site_title"] = in.config.title;
  v["site_description"] = in.config.description;
  v["page_title"] = title;
  v["document_title"] = title == in.config.title ? title : title + " - " + in.config.title;
  v["description"] = !description.empty()             ? description
                     : !in.config.description.empty() ? in.config.description
                                                      : title;
  v["canonical"] = absolute_url(in.config, page.path);
  v["nav"] = nav_view(page.path);
  if (!crumbs.is_array() || crumbs.empty()) {
    v["breadcrumbs"] = nullptr;
  } else {
    crumbs.back()["current"] = true;
    crumbs.back()["url"] = nullptr;
    v["breadcrumbs"] = object_of({{"items", std::move(crumbs)}});
  }
  if (!v.contains("feed")) v["feed"] = nullptr;
  if (!v.contains("json_ld")) v["json_ld"] = nullptr;
  if (!v.contains("og_type")) v["og_type"] = "website";
}

}  // namespace newsarc::render
