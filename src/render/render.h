#pragma once
// render: archive -> in-memory site (output path -> bytes), through mustache
// templates. Pure: no file system access.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/archive.h"
#include "base/base.h"
#include "config/config.h"

namespace newsarc::render {

/// Template name ("article.mustache", "partials/header.mustache") -> text.
using TemplateSet = std::map<std::string, std::string>;

/// Output path relative to the site root ("index.html", "a/x/index.html") -> bytes.
using RenderedSite = std::map<std::string, std::string>;

/// Renders every page, feed, sitemap and JSON export of the archive. A
/// template error is reported as `render/template-error` naming the template.
RenderedSite render_site(const archive::Archive& archive, const config::SiteConfig& config,
                         const TemplateSet& templates, base::Diagnostics& diags);

/// Checks that every template compiles; reports each error. Returns false
/// when any failed (the build then stops before writing).
bool check_templates(const TemplateSet& templates, base::Diagnostics& diags);

/// What a unit of output depends on, so a build can skip the units whose
/// inputs did not change.
enum class Depends {
  kArticles,  ///< some articles' whole records (articles()), and what context() names
  kListing,   ///< the listing keys of all articles, in archive order
  kAll,       ///< every record in full (records.json, the search postings)
};

/// Bytes held for a caller, and what keeps them valid (a mapped file, a string).
struct SharedBytes {
  std::string_view bytes;
  std::shared_ptr<const void> owner;
  /// `text` moved into an owner of its own.
  static SharedBytes of(std::string text);
};

/// Where the units that depend on every article keep what they derived from
/// a run of articles, so that the next build derives it again only for the
/// runs that changed (site keeps it in .newsarc-cache/memo/). A key is a hash
/// of everything its value was derived from, so a value found is valid (the
/// search index's table of shards is the one exception: see search_index.cc).
class Memo {
 public:
  virtual ~Memo() = default;
  /// The value kept under `key`, if any (any thread).
  virtual std::optional<SharedBytes> get(std::uint64_t key) = 0;
  /// Keeps `value` under `key` (any thread).
  virtual void put(std::uint64_t key, std::string_view value) = 0;
  /// Keeps `value` under `key`, knowing that this build's output holds it at
  /// byte `offset` of file `path`: a memo may keep only that place and read
  /// the value back from the output next time, when the file still holds
  /// it, instead of a second copy. This one keeps a copy.
  virtual void put_placed(std::uint64_t key, std::string_view value, std::string_view /*path*/,
                          std::uint64_t /*offset*/) {
    put(key, value);
  }
  /// The bytes of file `path` of the last build's output, when they hash to
  /// `hash` (base::hash_bytes): a caller that kept what a file held finds
  /// it again, unless it changed since. This one knows no output.
  virtual std::optional<SharedBytes> last_output(std::string_view /*path*/,
                                                 std::uint64_t /*hash*/) {
    return std::nullopt;
  }
  /// True when whoever writes this build's output keeps file `path` as the
  /// last build left it, and its record says that file's bytes hash to
  /// `hash`: a unit may then emit FileBytes::unchanged(hash) for it, and
  /// the file is neither read nor written. This one keeps nothing.
  virtual bool keeps_last_output(std::string_view /*path*/, std::uint64_t /*hash*/) {
    return false;
  }
};

/// What lets units reuse earlier work: the memo, and for each article (in
/// archive order) a digest that changes whenever its record, or anything else
/// that what is derived from it depends on (config, binary), does.
struct Reuse {
  Memo* memo = nullptr;
  std::vector<std::uint64_t> digests;
  /// What every value depends on besides the articles (the config, the
  /// binary): part of the keys of values not derived from a run of articles.
  std::uint64_t seed = 0;
};

/// What a kArticles unit shows besides its own articles' records, so that a
/// change elsewhere in the archive (a new day's articles) leaves it alone
/// unless it shows the change: an article page links to its neighbours and
/// to the pages of its names.
struct UnitContext {
  std::string bytes;                ///< anything else it shows, as bytes to hash
  std::vector<std::size_t> listed;  ///< articles whose listing_key it shows
  /// More such articles, the same for every page of a list (an official's
  /// timeline shows his articles on each of his pages): shared, so that a
  /// caller can hash them once per list instead of once per page.
  std::shared_ptr<const std::vector<std::size_t>> also_listed = nullptr;
};

/// A rendered file's bytes: one string, or pieces held elsewhere. records.json
/// is the memo's runs in pieces, written one after another and never joined
/// in memory (400 MB at 100,000 articles).
class FileBytes {
 public:
  FileBytes(std::string text) : text_(std::move(text)) {}  // NOLINT: implicit
  FileBytes(const char* text) : text_(text) {}             // NOLINT: implicit
  static FileBytes of_pieces(std::vector<SharedBytes> pieces);
  /// No bytes: the file the last build wrote, whose bytes hash to `hash`,
  /// is kept. Emitted only where Memo::keeps_last_output said so.
  static FileBytes unchanged(std::uint64_t hash);
  /// The hash given to unchanged(), if this is such a file.
  std::optional<std::uint64_t> unchanged_hash() const { return unchanged_; }
  /// The bytes in order.
  std::vector<std::string_view> pieces() const;
  std::size_t size() const;
  /// The bytes as one string.
  std::string join() &&;

 private:
  FileBytes() = default;
  std::string text_;
  std::vector<SharedBytes> pieces_;  ///< when not empty, the bytes (text_ is empty)
  std::optional<std::uint64_t> unchanged_;
};

/// Receives a unit's files as they are rendered: output path, bytes.
using EmitFile = std::function<void(const std::string& path, FileBytes bytes)>;

/// Renders a site unit by unit. A unit is one page or a group of files (a
/// feed, the sitemaps, an export). Views are built when their unit is
/// rendered, so the caller decides how much is held at once. Units are
/// independent: each may be rendered on any thread, in any order, or skipped;
/// rendering all in order and keeping the last file of each path gives
/// render_site's output.
class SiteRenderer {
 public:
  /// Compiles the templates once per slot; `slots` callers may render at
  /// once, each with its own slot. Template errors go to `diags`. With
  /// `reuse` (kept alive by the caller), units reuse what its memo holds.
  SiteRenderer(const archive::Archive& archive, const config::SiteConfig& config,
               const TemplateSet& templates, base::Diagnostics& diags, int slots = 1,
               const Reuse* reuse = nullptr);
  ~SiteRenderer();
  SiteRenderer(const SiteRenderer&) = delete;
  SiteRenderer& operator=(const SiteRenderer&) = delete;

  /// True when every template compiled (otherwise there are no units).
  bool ok() const;
  /// How many callers may render at once (the `slots` given).
  int slots() const;
  /// How many units there are.
  std::size_t size() const;
  /// A stable name of unit `i`: its path for a page ("articles/a1/index.html").
  const std::string& name(std::size_t i) const;
  /// What unit `i` depends on.
  Depends depends(std::size_t i) const;
  /// For a kArticles unit, its articles (indexes into archive.articles).
  const std::vector<std::size_t>& articles(std::size_t i) const;
  /// For a kArticles unit, what it shows besides its articles' records.
  UnitContext context(std::size_t i) const;
  /// Renders unit `i` on `slot` (< slots); errors go to `diags`.
  void render(std::size_t i, int slot, const EmitFile& emit, base::Diagnostics& diags) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What pages other than an article's own show of it (id, titles, date,
/// places, people, credits), as bytes to hash: kListing units change only
/// when some article's key does, or the order.
std::string listing_key(const ingest::ArticleRecord& r);

/// Where an article's page is in the site: "articles/<id>/index.html".
std::string article_page_path(const ingest::ArticleRecord& r);

/// A link, image or raw HTML in a Markdown text, with its 1-based line and
/// column (in code points) there: what `newsarc check` lints.
struct MarkdownItem {
  enum class Kind { kLink, kImage, kRawHtml };
  Kind kind = Kind::kLink;
  std::string text;      ///< the destination, or the start of the raw HTML
  bool dropped = false;  ///< left out of the page: raw HTML, or a javascript:/data:... URL
  int line = 0;
  int column = 0;
};

/// Every link, image and raw HTML block or span of `markdown`, in document order.
std::vector<MarkdownItem> scan_markdown(std::string_view markdown);

}  // namespace newsarc::render
