#pragma once
// site: the I/O shell. Loads sources, builds, writes the output atomically.
// The only stage that touches the disk, the clock or the network.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/base.h"
#include "config/config.h"
#include "render/render.h"

namespace newsarc::site {

/// What to do when the config file does not exist.
enum class MissingConfig { kUseDefaults, kError };

/// How far a long phase has got: 1,200 of 9,876 "ingest" files (total 0 = unknown).
struct Progress {
  std::string phase;  ///< ingest | render | write
  std::size_t done = 0;
  std::size_t total = 0;
};

/// Whether a build may use what earlier builds left in <root>/.newsarc-cache/.
enum class CacheMode {
  kUse,      ///< take unchanged sources' records and unchanged pages from it
  kRebuild,  ///< `--no-cache`: a clean build (the cache is then written afresh)
};

/// Where the inputs and the output are. Relative paths are relative to `root`.
struct BuildOptions {
  std::string root = ".";
  std::string content_dir = "content";
  std::string templates_dir = "templates";  ///< the site's templates (a complete set)
  std::string user_templates_dir;           ///< `--templates`: overrides file by file ("" = none)
  std::string assets_dir = "assets";        ///< copied under `assets/` in the output
  std::string
      data_dir;  ///< install share dir; its templates/ and assets/ stand in for missing ones
  std::string config_path = "site.json";
  MissingConfig missing_config = MissingConfig::kUseDefaults;
  std::string out_dir;                ///< "" = config's out_dir
  std::string base_url;               ///< "" = config's base_url
  int jobs = 0;                       ///< ingest and render threads; 0 = hardware threads
  CacheMode cache = CacheMode::kUse;  ///< build() and serve's ingest; check uses none
  std::function<void(const Progress&)> progress;  ///< called on the building thread, if set
  /// The process ends after this build (the CLI): what the build holds in
  /// memory is handed to BuildReport::leftovers instead of being freed object
  /// by object (2 GB at 100,000 articles), as compilers skip freeing at exit.
  bool exit_after = false;
};

/// One named, timed phase of a build: "ingest", 412 "articles", 38 ms.
struct Phase {
  std::string name;  ///< read | ingest | index | render | write
  std::size_t count = 0;
  std::string unit;  ///< what `count` counts: "files", "articles", "pages"
  double ms = 0;
  std::string detail = {};  ///< what the cache saved: "15724 of 15725 files from the cache"
};

/// What a build did.
struct BuildReport {
  std::size_t sources = 0;    ///< content files read
  std::size_t articles = 0;   ///< articles in the archive
  std::size_t pages = 0;      ///< HTML pages rendered
  std::size_t files = 0;      ///< output files, assets included
  bool config_error = false;  ///< config, templates or output folder unusable: nothing written
  bool wrote = false;
  std::string out_dir;
  config::SiteConfig config;  ///< the config the build used (silence, max_warnings)
  std::vector<Phase> phases;  ///< in the order they ran
  double total_ms = 0;
  /// With BuildOptions::exit_after: the build's memory, for the caller to
  /// end the process without freeing it.
  std::shared_ptr<const void> leftovers;
};

/// How load_content names and ingests files.
struct LoadOptions {
  std::string display_prefix;  ///< prepended to paths in diagnostics: "content"; "" = dir's name
  int jobs = 1;                ///< ingest threads; 0 = hardware threads
};

/// Reads every .txt/.md/.markdown file below `dir` (sorted by path, dot files
/// skipped, symlinks leaving `dir` or looping not followed) and ingests them in
/// parallel; records and diagnostics come back in file order for any `jobs`.
std::vector<ingest::ArticleRecord> load_content(const std::string& dir,
                                                const config::SiteConfig& config,
                                                base::Diagnostics& diags,
                                                const LoadOptions& options = {});

/// Ingests files (any extension) and folders (walked as load_content does) in
/// the order given, naming them as given: `newsarc ingest`.
std::vector<ingest::ArticleRecord> ingest_paths(const std::vector<std::string>& paths,
                                                const config::SiteConfig& config,
                                                base::Diagnostics& diags, int jobs = 0);

/// Reads and parses a site.json; a missing file gives the defaults with the
/// default gazetteer when `missing` allows it. `display_path` names it in diagnostics.
base::Result<config::SiteConfig> read_config(const std::string& path,
                                             const std::string& display_path, MissingConfig missing,
                                             base::Diagnostics& diags);

/// Builds the site into the output folder. The first build, and one with
/// CacheMode::kRebuild, stages the site in a sibling folder and swaps it in;
/// later builds re-ingest only changed sources, re-render only units whose
/// inputs changed, and bring the previous site's folder (kept as the spare)
/// up to date before swapping it in, leaving files whose bytes did not change
/// untouched (see site/writer.h). The live folder is never changed in place.
BuildReport build(const BuildOptions& options, base::Diagnostics& diags);

/// Renders without writing (for tests and `serve`).
render::RenderedSite build_in_memory(const BuildOptions& options, base::Diagnostics& diags,
                                     BuildReport* report = nullptr);

/// `newsarc check`: builds in memory, writes nothing, and adds the lints:
/// `check/undated`, `check/conflicting-posts`, `check/typo` (config typo_map),
/// `check/dead-link` and `check/unsafe-markup` in Markdown. Diagnostics sorted.
BuildReport check_site(const BuildOptions& options, base::Diagnostics& diags);

/// Writes `site` into `out_dir`: stages into a sibling temp folder, then swaps
/// it in. Refuses (`site/not-ours`) a non-empty folder without newsarc's
/// marker file, and (`site/bad-path`) output paths that are absolute or hold "..".
base::Result<bool> write_site(const render::RenderedSite& site, const std::string& out_dir);

/// The name of the marker file write_site puts in every folder it writes.
inline constexpr const char* kOutputMarker = ".newsarc-output";

/// Creates a new site in `dir` (which must not exist or be empty): site.json
/// with the default gazetteer, two example articles, and the templates/ and
/// assets/ folders of `data_dir`.
base::Result<bool> scaffold_site(const std::string& dir, const std::string& data_dir);

/// The first of `candidates` that holds a templates/ folder ("" when none).
std::string find_data_dir(const std::vector<std::string>& candidates);

/// The folder of the running executable, from /proc/self/exe ("" when unknown).
std::string executable_dir();

/// How `newsarc serve` listens and watches the sources.
struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 1313;        ///< 0 = any free port
  int poll_ms = 300;      ///< how often content, templates, assets and config are checked
  int debounce_ms = 200;  ///< quiet time after the last change before rebuilding
  /// Called after every build, on the thread that built.
  std::function<void(const base::Diagnostics&, const BuildReport&)> on_build;
};

/// How a URL names the host the server listens on: "localhost" for an
/// any-address bind ("", "0.0.0.0", "::"), an IPv6 address in brackets.
std::string url_host(const std::string& bind);

/// `newsarc serve`: the site built in memory and served over HTTP, rebuilt when
/// a source changes; the browser reloads by itself and shows build errors in an
/// overlay while the last good site keeps being served.
class PreviewServer {
 public:
  /// `build.base_url` "" = the server's own address.
  PreviewServer(BuildOptions build, ServeOptions serve);
  ~PreviewServer();  ///< stops, joins the watcher
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;
  /// Binds (`site/bind` Error when the port is taken), builds once, starts
  /// watching. Returns the port.
  base::Result<int> start();
  /// Serves until stop(); rethrows what a rebuild threw. Blocks.
  void run();
  /// Stops serving and watching; any thread, any number of times.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Source lines for printing diagnostics: each file is read and decoded once.
class SourceLines {
 public:
  /// Paths in diagnostics are relative to `root`.
  explicit SourceLines(std::string root) : root_(std::move(root)) {}
  /// Line `line` (1-based) of `path`, or "" when unreadable or out of range.
  std::string line(const std::string& path, int line);

 private:
  std::string root_;
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace newsarc::site
