#pragma once
// Internal to site: the steps of a build shared by build.cc (in memory, for
// serve and check) and build_disk.cc (the incremental build that writes):
// build_ingest.cc reads and ingests content through the cache,
// build_render.cc renders units on several threads.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "base/base.h"
#include "render/render.h"
#include "site/cache.h"
#include "site/files.h"
#include "site/pool.h"
#include "site/site.h"
#include "site/writer.h"

namespace newsarc::site {

/// What a build reads before the content.
struct SiteInputs {
  config::SiteConfig config;
  render::TemplateSet templates;
  std::map<std::string, std::string> assets;  ///< output path -> bytes
  std::size_t files = 0;                      ///< template and asset files read
};

/// Reads the config, templates and assets; sets report.config, out_dir and
/// (when unusable) config_error.
bool read_site_inputs(const BuildOptions& options, SiteInputs& inputs, BuildReport& report,
                      base::Diagnostics& diags);

/// The content folder and the name diagnostics give it ("content").
std::filesystem::path content_dir(const BuildOptions& options);
std::string content_prefix(const BuildOptions& options);

/// Tells options.progress, if set.
void tell(const BuildOptions& options, std::string phase, std::size_t done, std::size_t total);
/// How many of `n` items to process between two progress reports: about a
/// 50th (at least 64), or all of them when nobody listens.
std::size_t progress_slice(const BuildOptions& options, std::size_t n);

// ---- build_ingest.cc -------------------------------------------------------

/// The content as ingested, with what the cache needs.
struct Content {
  /// The records of each source that gave any, in the listing's order: the
  /// archive moves each record once, from here to its place.
  std::vector<std::vector<ingest::ArticleRecord>> records;
  std::vector<std::uint64_t> digests;  ///< record_digest of each record, in that order (one each)
  std::vector<std::uint64_t> listed;   ///< hash of each record's render::listing_key, likewise
  std::vector<std::string> live;       ///< display names of the sources
  /// Sources changed less than kRacyNs before they were read: name, content hash.
  std::vector<std::pair<std::string, std::uint64_t>> racy;
  std::size_t sources = 0;     ///< files read or taken from the cache
  std::size_t from_cache = 0;  ///< sources whose records came from the cache
};

/// The content files with their stats, and a hash of all names and stats.
struct Listing {
  std::vector<FoundFile> files;
  std::vector<FileStat> stats;
  std::uint64_t hash = 0;
  std::int64_t newest_mtime_ns = 0;
};

/// Lists the content folder (reporting a missing one) and stats every file.
Listing list_content(const BuildOptions& options, base::Diagnostics& diags);

/// Where the build cache lives: <root>/.newsarc-cache.
std::filesystem::path ingest_cache_dir(const BuildOptions& options);

/// The key ingest.bin is valid for: the binary, and what ingest reads from
/// the config besides the bytes (gazetteer, default year, typo map).
std::uint64_t ingest_cache_key(const config::SiteConfig& config);

/// Reads and ingests the listed files on options.jobs threads; a file whose
/// stat or bytes the cache knows is not ingested again. New entries are put
/// into `cache`, whose loaded log is released at the end (save() still
/// works). Records and diagnostics come in file order for any jobs. Adds the
/// "ingest" phase, with how many files came from the cache, and
/// report.sources.
Content ingest_content(const BuildOptions& options, const Listing& listing,
                       const config::SiteConfig& config, IngestCache& cache,
                       std::int64_t read_at_ns, BuildReport& report, base::Diagnostics& diags);

// ---- build_render.cc -------------------------------------------------------

/// One unit's output.
struct RenderedUnit {
  std::vector<std::pair<std::string, render::FileBytes>> files;
  base::Diagnostics diags;
  /// Per file, when the rendering thread wrote it already (empty: none were).
  std::vector<std::optional<OutputWriter::Ahead>> written;
};

/// Renders the units not skipped, in batches on `jobs` threads (and the units
/// that depend on every record on threads of their own, when the renderer has
/// a slot more than `jobs` threads), and hands
/// each unit to `take` in unit order (nullptr when skipped), so at most a
/// batch of pages is held at once. `rendered`, when given, is called with
/// each unit on the thread that rendered it, before the unit is handed over.
void render_units(const render::SiteRenderer& renderer, int jobs, const std::vector<char>& skip,
                  const std::function<void(std::size_t, RenderedUnit*)>& take,
                  const std::function<void(RenderedUnit&)>& rendered = {});

/// render_site on `jobs` threads: the same bytes and diagnostics for any jobs.
render::RenderedSite render_parallel(const archive::Archive& archive,
                                     const config::SiteConfig& config,
                                     const render::TemplateSet& templates, int jobs,
                                     base::Diagnostics& diags);

// ---- build.cc --------------------------------------------------------------

/// build_in_memory for `serve`: the content goes through the ingest cache
/// (options.cache), so a rebuild re-ingests only the files that changed, and
/// the cache is saved for the next build or serve. Renders everything.
render::RenderedSite build_in_memory_cached(const BuildOptions& options, base::Diagnostics& diags,
                                            BuildReport& report);

// ---- build_disk.cc ---------------------------------------------------------

/// build(): the incremental build that writes the output folder.
BuildReport build_to_disk(const BuildOptions& options, base::Diagnostics& diags);

}  // namespace newsarc::site
