#pragma once
// Internal to render: the view builders. Every page is a Page (output path,
// template name, view data); view data is JSON whose URLs are relative to the
// site root, and templates prefix them with {{root}}.
// Files: paths.cc (URLs, dates, pagination), view_article.cc, view_dates.cc,
// view_districts.cc, view_people.cc, view_home.cc, feeds.cc, markdown.cc.

#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "config/config.h"
#include "render/render.h"

namespace newsarc::render {

using Json = nlohmann::json;

/// One member of object_of's object. `value` is mutable so that it can be
/// moved out of the initializer list, whose elements are const.
struct Member {
  std::string_view key;
  mutable Json value;
};

/// The JSON object of `members`, each value moved in; a repeated key keeps
/// its first value, as nlohmann's {{"key", value}, ...} does. That form makes
/// every member a two-element array first and copies it into the object: it
/// took twice as long for a list page's item (six members: 1.9 us against
/// 0.9 us, a million items, GCC 12 -O2), and views are built by the million.
Json object_of(std::initializer_list<Member> members);

/// Articles [first, last) of the archive: what a memo value is made from.
struct ArticleRun {
  std::size_t first = 0, last = 0;
};
/// The archive cut into runs of at least `min` (the last may be shorter) and
/// at most `max` articles, cut where the month changes (runs.cc).
std::vector<ArticleRun> article_runs(const archive::Archive& archive, std::size_t min,
                                     std::size_t max);
/// Where a value derived from a run lies in this build's output: byte
/// `offset` of output file `path`.
struct OutputPlace {
  std::string_view path;
  std::uint64_t offset = 0;
};
/// What `kind` derives from `run`: the value the memo keeps under a hash of
/// `kind` and the run's digests when it has one that `usable` (if given)
/// accepts, else make()'s, which the memo then keeps. Without a memo or a
/// digest for every article, make()'s. With `place`, the memo is told where
/// the output holds the value (Memo::put_placed), found or made.
SharedBytes from_memo(const Reuse* reuse, const archive::Archive& archive, std::string_view kind,
                      ArticleRun run, const std::function<std::string()>& make,
                      const std::function<bool(std::string_view)>& usable = nullptr,
                      const OutputPlace* place = nullptr);

/// One page to render: where it goes, with which template, from which data.
/// Pages of which a site has thousands build their view on demand
/// (`make_view`), so a build never holds every view at once.
struct Page {
  std::string path;                           ///< "articles/a1/index.html"
  std::string template_name;                  ///< "article.mustache"
  Json view;                                  ///< used when make_view is empty
  std::function<Json()> make_view = nullptr;  ///< builds the view; may run on any thread
  /// What the page shows besides its own article's record (an article page:
  /// its neighbours and where its names link; a list page: its items and
  /// fields): its unit depends on that only. Without it, a page depends on
  /// every article's listing key.
  std::function<UnitContext()> make_context = nullptr;
  /// The view: make_view's, else `view`.
  Json build_view() const { return make_view ? make_view() : view; }
};

/// A name's slug, looked up by name (an article page looks up each of its
/// names, twice per build: a hash map, not a tree).
using SlugOf = std::unordered_map<std::string, std::string>;

/// What every view builder reads: the model, the config, and name -> slug
/// lookups built once per build.
struct SiteInput {
  const archive::Archive& archive;
  const config::SiteConfig& config;
  SlugOf district_slugs;
  SlugOf official_slugs;
  SlugOf reporter_slugs;
};

/// Builds the SiteInput of one build.
SiteInput make_site_input(const archive::Archive& archive, const config::SiteConfig& config);

// ---- paths.cc --------------------------------------------------------------

/// "../" once per folder in `out_path`: "" for "index.html", "../../" for "a/b/index.html".
std::string root_for(std::string_view out_path);
/// "articles/<id>/index.html".
std::string article_url(const ingest::ArticleRecord& r);
/// The absolute URL of an output path, folders without "index.html".
std::string absolute_url(const config::SiteConfig& config, std::string_view out_path);
/// "2023年2月12日", "2023年2月", "2021年" or "日期不详".
std::string format_date(const ingest::PartialDate& date);
/// The date page of a date at its precision ("dates/2023/02/12/index.html"),
/// "dates/undated/index.html" when undated.
std::string date_url(const ingest::PartialDate& date);
/// The parts joined with `sep` ("、" between posts).
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// "2023", "02": zero-padded parts used in date paths.
std::string pad2(int n);
/// A short plain-text summary: the first paragraph, at most `max_chars` code points.
std::string summary_of(const ingest::ArticleRecord& r, std::size_t max_chars = 120);
/// An article as a list item: url, title, derived, date, iso, districts.
Json article_item(const archive::Archive& archive, std::size_t index);
/// Items for a list of article indexes.
Json article_items(const archive::Archive& archive, const std::vector<std::size_t>& indexes);

/// One page of a paginated list: its output path, its items, where it is.
struct PageSlice {
  std::string path;
  std::vector<std::size_t> items;
  std::string dir;         ///< the list's folder
  std::size_t number = 1;  ///< from 1
  std::size_t total = 1;   ///< pages in the list
  /// Its nav: links to the first, last and nearby pages; null when the list
  /// has a single page. Made when the page is rendered: a build makes the
  /// slices of every list, and renders few of them again after an edit.
  Json pagination() const;
};
/// Splits `items` into pages of `page_size`: `dir` + "index.html", then
/// `dir` + "page/2/index.html"... Always at least one page.
std::vector<PageSlice> paginate(const std::string& dir, const std::vector<std::size_t>& items,
                                int page_size);

/// A paginated list of articles: pages `dir`index.html, `dir`page/2/index.html...
struct ListSpec {
  std::string dir;
  std::string template_name;
  std::vector<std::size_t> items;  ///< article indexes, newest first
  std::string title;
  std::string description;
  Json crumbs;  ///< as for add_frame
  Json extra;   ///< fields every page of the list shows (an object)
  /// More such fields, built when a page is rendered: those too large to
  /// hold for every list at once (a month's articles by day).
  std::function<Json()> make_extra = nullptr;
  /// The articles whose listing keys make_extra shows (a month's, an
  /// official's). A list with make_extra and none of these is rendered again
  /// whenever any article's listing key changes.
  std::vector<std::size_t> extra_items = {};
};
/// An article's list item on one kind of list page.
using ItemFn = std::function<Json(std::size_t)>;
/// Adds the pages of a list: view = extra + heading, articles, pagination.
/// Items come from `item`, or article_item when it is empty.
void add_list_pages(const SiteInput& in, const ListSpec& spec, std::vector<Page>& pages,
                    const ItemFn& item = {});

/// Adds the fields every page's layout uses (root, lang, site, title,
/// description, canonical, nav, breadcrumbs) to `page.view`.
/// `crumbs` is [{label, url}] from below the home page to the page itself.
void add_frame(Page& page, const SiteInput& in, const std::string& title,
               const std::string& description, Json crumbs);

// ---- markdown.cc -----------------------------------------------------------

/// cmark-gfm (table, strikethrough, autolink; safe: raw HTML and unsafe links
/// dropped), headings shifted to start at <h2>.
std::string markdown_to_html(std::string_view markdown);
/// The Markdown as plain text (for summaries).
std::string markdown_to_text(std::string_view markdown);

// ---- view builders ---------------------------------------------------------

/// The article page view of archive.articles[index].
Json article_view(const SiteInput& in, std::size_t index);
/// JSON-LD NewsArticle, serialised with '<', '>' and '&' escaped for a <script>.
std::string article_json_ld(const SiteInput& in, std::size_t index);

/// Years with article counts, newest first: [{label, url, count}].
Json years_view(const archive::Archive& archive);

void add_article_pages(const SiteInput& in, std::vector<Page>& pages);
void add_home_pages(const SiteInput& in, std::vector<Page>& pages);
void add_date_pages(const SiteInput& in, std::vector<Page>& pages);
void add_district_pages(const SiteInput& in, std::vector<Page>& pages);
void add_official_pages(const SiteInput& in, std::vector<Page>& pages);
void add_reporter_pages(const SiteInput& in, std::vector<Page>& pages);

// ---- feeds.cc --------------------------------------------------------------

/// An Atom feed of the newest `limit` articles among `indexes`.
struct FeedSpec {
  std::string path;       ///< "atom.xml", "districts/x/atom.xml"
  std::string html_path;  ///< the page the feed belongs to
  std::string title;
  std::vector<std::size_t> indexes;
  std::size_t limit = 20;
};
std::string atom_feed(const SiteInput& in, const FeedSpec& spec);
/// What atom_feed shows besides its shown articles' records: the title and
/// the date it was updated (which may come from other articles).
UnitContext feed_context(const SiteInput& in, const FeedSpec& spec);
/// sitemap.xml (and sitemap-N.xml past `max_urls`) over the HTML pages.
void add_sitemaps(const config::SiteConfig& config, const std::vector<Page>& pages,
                  std::map<std::string, std::string>& out, std::size_t max_urls = 50000);
/// "&", "<", ">", '"' escaped for XML text and attributes.
std::string xml_escape(std::string_view s);

}  // namespace newsarc::render
