// render_site and SiteRenderer: every page, feed, sitemap and JSON export as a
// unit that builds its view and renders it with the templates compiled once.
#include "render/render.h"

#include <algorithm>
#include <future>
#include <iterator>

#include <nlohmann/json.hpp>

#include "render/search.h"
#include "render/templates.h"
#include "render/views.h"

namespace newsarc::render {
namespace {

SlugOf slugs_of(const std::vector<archive::PersonEntry>& people) {
  SlugOf out;
  out.reserve(people.size());
  for (const auto& p : people) out.emplace(p.name, p.slug);
  return out;
}

// The site icon every page links to (so browsers do not ask for a missing
// /favicon.ico): a front page with a red masthead and grey columns.
constexpr const char* kFavicon =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
    "<rect x=\"3\" y=\"2\" width=\"26\" height=\"28\" fill=\"#fdfcf8\" stroke=\"#1b1b1b\" "
    "stroke-width=\"2\"/><rect x=\"6\" y=\"5\" width=\"20\" height=\"6\" fill=\"#8a1c1c\"/>"
    "<path d=\"M6 15h9M6 19h9M6 23h9M6 27h9M18 15h8M18 19h8M18 23h8\" stroke=\"#555555\" "
    "stroke-width=\"2\"/></svg>\n";

// Search text and metadata chunks per unit: some 256 documents each.
constexpr std::size_t kTextChunksPerUnit = 64;
constexpr std::size_t kMetaChunksPerUnit = 32;
// records.json's runs in the memo (see records_json), and what their values are.
constexpr std::size_t kRecordRunMin = 512;
constexpr std::size_t kRecordRunMax = 4096;
constexpr std::string_view kRecordRunFormat = "records-json-2";
constexpr std::string_view kRecordsPath = "records.json";

// records.json is the array of every record, oldest first, one record per
// line: the same fields as each index.json without its indentation, so a
// line is a record for grep and `jq -c`, and the file (the largest of the
// site) is about a quarter smaller and cheaper to write. Oldest first, so
// that a day's new articles add lines at the end: newest first, every line
// moved and the whole file (400 MB at 100,000 articles) was written again
// each day. Built record by record, never as one tree; the memo knows where
// the file holds the lines of each run of records, so a rebuild after an
// edit serialises the edited run only and reads the others from the last
// build's file. The file is those runs in pieces (FileBytes), never joined
// in memory.
std::string record_lines(const archive::Archive& archive, ArticleRun run) {
  std::string out;
  for (std::size_t i = run.last; i-- > run.first;) {
    if (i + 1 < run.last) out += ",\n";
    base::JsonWriter line(out, -1);
    ingest::write_json(line, archive.articles[i], ingest::JsonForm::kExport);
  }
  return out;
}

FileBytes records_json(const archive::Archive& archive, const Reuse* reuse) {
  if (archive.articles.empty()) return "[]\n";
  std::vector<SharedBytes> pieces;
  std::uint64_t size = 0;
  const auto add = [&](SharedBytes piece) {
    size += piece.bytes.size();
    pieces.push_back(std::move(piece));
  };
  add({"[\n", nullptr});
  const std::vector<ArticleRun> runs = article_runs(archive, kRecordRunMin, kRecordRunMax);
  for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
    if (pieces.size() > 1) add({",\n", nullptr});
    // The file itself holds each run: the memo need not keep a second copy.
    const OutputPlace place{kRecordsPath, size};
    add(from_memo(
        reuse, archive, kRecordRunFormat, *run, [&] { return record_lines(archive, *run); },
        nullptr, &place));
  }
  add({"\n]\n", nullptr});
  return FileBytes::of_pieces(std::move(pieces));
}

void report_exception(base::Diagnostics& diags, const std::exception& e) {
  diags.report(base::Severity::kError, "", 0, 0, "render/internal-error",
               std::string("rendering failed: ") + e.what());
}

// Appended in place: the keys of every article are made in every build.
void add_field(std::string& out, std::string_view field, char end = '\x1f') {
  out += field;
  out += end;
}

void add_list(std::string& out, const std::vector<std::string>& items) {
  for (const auto& item : items) add_field(out, item);
  out += '\x1e';
}

void add_people(std::string& out, const std::vector<ingest::Person>& people) {
  for (const auto& p : people) {
    add_field(out, p.name, '\x1d');
    add_list(out, p.titles);
  }
  out += '\x1e';
}

void add_optional(std::string& out, const std::optional<std::string>& field) {
  out += field ? '1' : '0';
  add_field(out, field ? std::string_view(*field) : std::string_view());
}

}  // namespace

SiteInput make_site_input(const archive::Archive& archive, const config::SiteConfig& config) {
  SiteInput in{archive, config, {}, {}, {}};
  for (const auto& d : archive.districts) in.district_slugs.emplace(d.district.name, d.slug);
  in.official_slugs = slugs_of(archive.officials);
  in.reporter_slugs = slugs_of(archive.reporters);
  return in;
}

// One unit: its name, what it depends on, and how it renders.
struct Unit {
  std::string name;
  Depends depends = Depends::kListing;
  std::vector<std::size_t> articles;
  std::function<void(int slot, const EmitFile&, base::Diagnostics&)> run;
  std::function<UnitContext()> context = nullptr;  ///< kArticles: none when empty
};

struct SiteRenderer::Impl {
  Impl(const archive::Archive& archive, const config::SiteConfig& config, const Reuse* reuse)
      : in(make_site_input(archive, config)), reuse(reuse) {}
  SiteInput in;
  const Reuse* reuse;
  std::vector<std::unique_ptr<CompiledTemplates>> compiled;  // one per slot
  std::vector<Page> pages;
  std::vector<Unit> units;

  void add_page_units(std::size_t first_article, std::size_t articles);
  void add_feed_units();
  void add_search_units();
  void add_export_units();
};

// Pages first (an article's page is kArticles of it), in build_pages order.
void SiteRenderer::Impl::add_page_units(std::size_t first_article, std::size_t articles) {
  for (std::size_t k = 0; k < pages.size(); ++k) {
    const bool own = k >= first_article && k < first_article + articles;
    const bool shows = static_cast<bool>(pages[k].make_context);  // not every listing key
    units.push_back({pages[k].path, shows ? Depends::kArticles : Depends::kListing,
                     own ? std::vector<std::size_t>{k - first_article} : std::vector<std::size_t>{},
                     [this, k](int slot, const EmitFile& emit, base::Diagnostics& diags) {
                       const Page& page = pages[k];
                       emit(page.path, compiled[static_cast<std::size_t>(slot)]->render(
                                           page.template_name, page.build_view(), diags));
                     },
                     pages[k].make_context});
  }
}

// A feed shows the newest 20 of its articles with their summaries: it
// depends on those records in full (and on the date it was updated).
void SiteRenderer::Impl::add_feed_units() {
  const auto feed = [this](const std::string& dir, const std::string& title,
                           std::vector<std::size_t> indexes) {
    FeedSpec spec{dir + "atom.xml", dir + "index.html", title, std::move(indexes)};
    spec.indexes.resize(std::min(spec.limit, spec.indexes.size()));  // the ones it shows
    std::vector<std::size_t> shown = spec.indexes;
    units.push_back({spec.path, Depends::kArticles, std::move(shown),
                     [this, spec](int, const EmitFile& emit, base::Diagnostics&) {
                       emit(spec.path, atom_feed(in, spec));
                     },
                     [this, spec] { return feed_context(in, spec); }});
  };
  const archive::Archive& a = in.archive;
  std::vector<std::size_t> all(a.articles.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  feed("", in.config.title, std::move(all));
  for (const auto& d : a.districts)
    feed("districts/" + d.slug + "/", in.config.title + "：" + d.district.name, d.articles);
  for (const auto& p : a.officials) {
    std::vector<std::size_t> articles;
    for (const auto& appearance : p.appearances) articles.push_back(appearance.article);
    feed("officials/" + p.slug + "/", in.config.title + "：" + p.name, std::move(articles));
  }
}

// The search index: text and metadata chunks in units of a few hundred
// documents each (an edit renders one again), and the postings, which
// depend on every record, as one unit of many files.
void SiteRenderer::Impl::add_search_units() {
  const search::IndexOptions options;
  const std::size_t n = in.archive.articles.size();
  const auto chunks = [this, n, options](const std::string& kind, std::size_t docs_per_chunk,
                                         std::size_t per_unit, auto add) {
    const std::size_t count = (n + docs_per_chunk - 1) / docs_per_chunk;
    for (std::size_t first = 0; first < count; first += per_unit) {
      const std::size_t last = std::min(first + per_unit, count);
      std::vector<std::size_t> docs = search::chunk_docs(first, last, n, docs_per_chunk);
      units.push_back(
          {"search/" + kind + "/" + std::to_string(first) + ".json", Depends::kArticles,
           std::move(docs),
           [this, first, last, add, options](int, const EmitFile& emit, base::Diagnostics&) {
             RenderedSite files;
             add(in.archive, first, last, files, options);
             for (auto& [path, bytes] : files) emit(path, std::move(bytes));
           }});
    }
  };
  chunks("text", options.text_chunk, kTextChunksPerUnit, search::add_text_chunks);
  chunks("meta", options.meta_chunk, kMetaChunksPerUnit, search::add_meta_chunks);
  units.push_back(
      {"search/manifest.json",
       Depends::kAll,
       {},
       [this](int, const EmitFile& emit, base::Diagnostics&) {
         // On as many threads as the build renders with (the
         // renderer has one slot more: see site/build_render.cc).
         for (auto& [path, bytes] : search::search_postings(
                  in.archive, {.threads = std::max<std::size_t>(compiled.size() - 1, 1)}, reuse))
           emit(path, std::move(bytes));
       }});
}

void SiteRenderer::Impl::add_export_units() {
  units.push_back(
      {"sitemap.xml", Depends::kListing, {}, [this](int, const EmitFile& emit, base::Diagnostics&) {
         RenderedSite maps;
         add_sitemaps(in.config, pages, maps);
         for (auto& [path, bytes] : maps) emit(path, std::move(bytes));
       }});
  for (std::size_t i = 0; i < in.archive.articles.size(); ++i) {
    const std::string path = "articles/" + in.archive.articles[i].id + "/index.json";
    units.push_back({path,
                     Depends::kArticles,
                     {i},
                     [this, i, path](int, const EmitFile& emit, base::Diagnostics&) {
                       std::string json;
                       base::JsonWriter w(json, 1);
                       ingest::write_json(w, in.archive.articles[i], ingest::JsonForm::kExport);
                       emit(path, std::move(json += '\n'));
                     }});
  }
  units.push_back(
      {"records.json", Depends::kAll, {}, [this](int, const EmitFile& emit, base::Diagnostics&) {
         emit(std::string(kRecordsPath), records_json(in.archive, reuse));
       }});
  add_search_units();
  units.push_back(
      {"robots.txt", Depends::kListing, {}, [this](int, const EmitFile& emit, base::Diagnostics&) {
         emit("favicon.svg", kFavicon);
         emit("robots.txt",
              "User-agent: *\nAllow: /\n\nSitemap: " + in.config.base_url + "sitemap.xml\n");
       }});
}

SiteRenderer::SiteRenderer(const archive::Archive& archive, const config::SiteConfig& config,
                           const TemplateSet& templates, base::Diagnostics& diags, int slots,
                           const Reuse* reuse)
    : impl_(std::make_unique<Impl>(archive, config, reuse)) {
  impl_->compiled.push_back(std::make_unique<CompiledTemplates>(templates, diags));
  if (!impl_->compiled.front()->ok()) return;
  for (int s = 1; s < slots; ++s) {
    base::Diagnostics again;  // the same errors as the first: none
    impl_->compiled.push_back(std::make_unique<CompiledTemplates>(templates, again));
  }
  // The date, district and people pages (about half of this set-up at
  // 100,000 articles) are listed on a second thread when the build has one,
  // the home and article pages on this one; each list is built from the
  // same read-only input, so the pages come out the same either way.
  const SiteInput& in = impl_->in;
  std::vector<Page> lists;
  const auto make_lists = [&in, &lists] {
    add_date_pages(in, lists);
    add_district_pages(in, lists);
    add_official_pages(in, lists);
    add_reporter_pages(in, lists);
  };
  std::future<void> lists_done;
  if (slots > 2) lists_done = std::async(std::launch::async, make_lists);
  std::vector<Page>& pages = impl_->pages;
  const std::size_t n = archive.articles.size();
  pages.reserve(n + n / std::max(config.page_size, 1) + 16);  // home pages, then articles
  add_home_pages(in, pages);
  const std::size_t first_article = pages.size();
  add_article_pages(in, pages);
  const std::size_t articles = pages.size() - first_article;
  if (lists_done.valid())
    lists_done.get();
  else
    make_lists();
  pages.insert(pages.end(), std::make_move_iterator(lists.begin()),
               std::make_move_iterator(lists.end()));
  // A unit per page, per article's export and feed, and a few more: room
  // for all at once (224,000 at 100,000 articles).
  impl_->units.reserve(pages.size() + n + archive.districts.size() + archive.officials.size() +
                       n / search::IndexOptions{}.text_chunk +
                       n / search::IndexOptions{}.meta_chunk + 16);
  impl_->add_page_units(first_article, articles);
  impl_->add_feed_units();
  impl_->add_export_units();
}

SiteRenderer::~SiteRenderer() = default;

bool SiteRenderer::ok() const {
  return impl_->compiled.front()->ok();
}

int SiteRenderer::slots() const {
  return static_cast<int>(impl_->compiled.size());
}

std::size_t SiteRenderer::size() const {
  return impl_->units.size();
}

const std::string& SiteRenderer::name(std::size_t i) const {
  return impl_->units[i].name;
}

Depends SiteRenderer::depends(std::size_t i) const {
  return impl_->units[i].depends;
}

const std::vector<std::size_t>& SiteRenderer::articles(std::size_t i) const {
  return impl_->units[i].articles;
}

UnitContext SiteRenderer::context(std::size_t i) const {
  const Unit& unit = impl_->units[i];
  return unit.context ? unit.context() : UnitContext{};
}

void SiteRenderer::render(std::size_t i, int slot, const EmitFile& emit,
                          base::Diagnostics& diags) const {
  try {
    impl_->units[i].run(slot, emit, diags);
  } catch (const std::exception& e) {
    report_exception(diags, e);
  }
}

std::string listing_key(const ingest::ArticleRecord& r) {
  std::string out;
  out.reserve(256);
  for (const std::string* field : {&r.id, &r.slug, &r.source_path, &r.format})
    add_field(out, *field);
  add_optional(out, r.title);
  add_optional(out, r.subtitle);
  add_field(out, r.display_title);
  add_field(out, r.date.iso());
  add_field(out, r.date_origin);
  add_field(out, r.date_confidence, '\x1e');
  for (const auto* list :
       {&r.districts, &r.reporters, &r.correspondents, &r.authors, &r.photo_credits})
    add_list(out, *list);
  add_people(out, r.officials);
  add_people(out, r.other_people);
  return out;
}

RenderedSite render_site(const archive::Archive& archive, const config::SiteConfig& config,
                         const TemplateSet& templates, base::Diagnostics& diags) {
  RenderedSite out;
  try {
    const SiteRenderer renderer(archive, config, templates, diags);
    if (!renderer.ok()) return {};
    const EmitFile keep = [&out](const std::string& path, FileBytes bytes) {
      out[path] = std::move(bytes).join();
    };
    for (std::size_t i = 0; i < renderer.size(); ++i) renderer.render(i, 0, keep, diags);
  } catch (const std::exception& e) {
    report_exception(diags, e);
  }
  return out;
}

bool check_templates(const TemplateSet& templates, base::Diagnostics& diags) {
  return CompiledTemplates(templates, diags).ok();
}

}  // namespace newsarc::render
