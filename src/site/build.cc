// build and build_in_memory: config, templates and content in; a rendered
// site out, each phase timed.
#include <algorithm>
#include <chrono>

#include "archive/archive.h"
#include "site/build_steps.h"
#include "site/check.h"
#include "site/files.h"
#include "site/site.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

class Stopwatch {
 public:
  double ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

fs::path under_root(const BuildOptions& options, const std::string& path) {
  return fs::path(options.root) / path;
}

// How diagnostics name a folder given on the command line: relative to the
// root when it is below it ("content"), else as given.
std::string display_name(const BuildOptions& options, const std::string& path) {
  const fs::path p = fs::path(path).lexically_normal();
  if (p.is_relative()) return p.string().ends_with('/') ? p.parent_path().string() : p.string();
  std::error_code ec;
  const fs::path rel = fs::relative(p, fs::absolute(options.root, ec), ec);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.string();
  return p.string();
}

// The first of `candidates` that is a folder, or "" when none is.
fs::path first_folder(const std::vector<fs::path>& candidates) {
  std::error_code ec;
  for (const fs::path& c : candidates)
    if (!c.empty() && fs::is_directory(c, ec)) return c;
  return {};
}

// Adds every file below `dir` to `out` under `prefix`, replacing same names.
std::size_t read_folder_into(const fs::path& dir, const std::string& prefix,
                             std::map<std::string, std::string>& out, base::Diagnostics& diags) {
  const auto files = list_files(dir, "", FileFilter::kAll, diags);
  std::size_t n = 0;
  for (Source& s : read_sources(files, diags)) {
    out[prefix + s.display] = std::move(s.bytes);
    ++n;
  }
  return n;
}

// Built-in templates (the site's own folder, else the install's), then the
// user's folder over them file by file. False when the user's folder is missing.
bool read_templates(const BuildOptions& options, render::TemplateSet& out, std::size_t& files,
                    base::Diagnostics& diags) {
  const fs::path builtin = first_folder(
      {under_root(options, options.templates_dir),
       options.data_dir.empty() ? fs::path() : fs::path(options.data_dir) / "templates"});
  if (!builtin.empty()) files += read_folder_into(builtin, "", out, diags);
  if (options.user_templates_dir.empty()) return true;
  const fs::path user = under_root(options, options.user_templates_dir);
  if (first_folder({user}).empty()) {
    diags.report(base::Severity::kError, display_name(options, options.user_templates_dir), 0, 0,
                 "site/read", "templates folder not found");
    return false;
  }
  files += read_folder_into(user, "", out, diags);
  return true;
}

std::size_t read_assets(const BuildOptions& options, std::map<std::string, std::string>& out,
                        base::Diagnostics& diags) {
  const fs::path dir =
      first_folder({under_root(options, options.assets_dir),
                    options.data_dir.empty() ? fs::path() : fs::path(options.data_dir) / "assets"});
  return dir.empty() ? 0 : read_folder_into(dir, "assets/", out, diags);
}

// The config with the command line's overrides applied, or an Error.
base::Result<config::SiteConfig> effective_config(const BuildOptions& options,
                                                  base::Diagnostics& diags) {
  auto config =
      read_config(under_root(options, options.config_path).string(),
                  display_name(options, options.config_path), options.missing_config, diags);
  if (!config || options.base_url.empty()) return config;
  auto url = config::normalise_base_url(options.base_url);
  if (!url) {
    diags.report(base::Severity::kError, "--base-url", 0, 0, url.error().code, url.error().message);
    return url.error();
  }
  config->base_url = *url;
  return config;
}

// Without a progress callback, all at once; with one, in about 50 slices so it
// can be told how far ingest got. Records and diagnostics come out the same.
std::vector<ingest::ArticleRecord> ingest_in_slices(const BuildOptions& options,
                                                    const std::vector<Source>& sources,
                                                    const config::SiteConfig& config,
                                                    base::Diagnostics& diags) {
  if (!options.progress) return ingest_sources(sources, config, options.jobs, diags);
  const std::size_t step = progress_slice(options, sources.size());
  std::vector<ingest::ArticleRecord> records;
  for (std::size_t at = 0; at < sources.size(); at += step) {
    tell(options, "ingest", at, sources.size());
    const auto end =
        sources.begin() + static_cast<std::ptrdiff_t>(std::min(at + step, sources.size()));
    const std::vector<Source> slice(sources.begin() + static_cast<std::ptrdiff_t>(at), end);
    for (auto& r : ingest_sources(slice, config, options.jobs, diags))
      records.push_back(std::move(r));
  }
  tell(options, "ingest", sources.size(), sources.size());
  return records;
}

std::vector<ingest::ArticleRecord> read_and_ingest(const BuildOptions& options,
                                                   const config::SiteConfig& config,
                                                   BuildReport& report, Stopwatch& read_clock,
                                                   std::size_t& read_files, BuildInputs* keep,
                                                   base::Diagnostics& diags) {
  const fs::path dir = under_root(options, options.content_dir);
  const std::string prefix = display_name(options, options.content_dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.report(base::Severity::kWarning, prefix, 0, 0, "site/read",
                 "content folder not found; building a site without articles");
  }
  auto sources = fs::is_directory(dir, ec)
                     ? read_sources(list_files(dir, prefix, FileFilter::kContent, diags), diags)
                     : std::vector<Source>{};
  report.sources = sources.size();
  read_files += sources.size();
  report.phases.push_back({"read", read_files, "files", read_clock.ms()});
  Stopwatch clock;
  auto records = ingest_in_slices(options, sources, config, diags);
  report.phases.push_back({"ingest", records.size(), "articles", clock.ms()});
  if (keep) keep->sources = std::move(sources);
  return records;
}

// The content through the ingest cache: only files whose stat and bytes it
// does not know are ingested; the cache is saved at once for the next build.
std::vector<ingest::ArticleRecord> ingest_through_cache(const BuildOptions& options,
                                                        const config::SiteConfig& config,
                                                        BuildReport& report, Stopwatch& read_clock,
                                                        std::size_t read_files,
                                                        base::Diagnostics& diags) {
  const std::int64_t read_at = now_ns();
  const Listing listing = list_content(options, diags);
  report.phases.push_back({"read", read_files + listing.files.size(), "files", read_clock.ms()});
  IngestCache cache(ingest_cache_dir(options), ingest_cache_key(config), options.cache);
  Content content = ingest_content(options, listing, config, cache, read_at, report, diags);
  cache.save(content.live);
  std::vector<ingest::ArticleRecord> records;
  records.reserve(content.digests.size());
  for (auto& batch : content.records)
    for (auto& r : batch) records.push_back(std::move(r));
  return records;
}

std::size_t count_pages(const render::RenderedSite& site) {
  std::size_t n = 0;
  for (const auto& [path, bytes] : site) n += path.ends_with(".html") ? 1 : 0;
  return n;
}

// Adds the assets; a rendered file of the same name wins and is reported.
void add_assets(std::map<std::string, std::string>& assets, render::RenderedSite& site,
                base::Diagnostics& diags) {
  for (auto& [path, bytes] : assets) {
    if (!site.emplace(path, std::move(bytes)).second)
      diags.report(base::Severity::kWarning, path, 0, 0, "site/asset-collision",
                   "an asset has the name of a rendered page; the page is kept");
  }
}

// Where build_site takes the content from.
enum class IngestFrom {
  kFiles,  // read and ingest every file
  kCache,  // only what the ingest cache does not know
};

render::RenderedSite build_site(const BuildOptions& options, base::Diagnostics& diags,
                                BuildReport& report, BuildInputs* keep, IngestFrom from) {
  Stopwatch read_clock;
  SiteInputs in;
  if (!read_site_inputs(options, in, report, diags)) return {};
  const config::SiteConfig* config = &in.config;
  std::size_t read_files = in.files;
  auto records =
      from == IngestFrom::kCache
          ? ingest_through_cache(options, *config, report, read_clock, read_files, diags)
          : read_and_ingest(options, *config, report, read_clock, read_files, keep, diags);
  Stopwatch index_clock;
  archive::Archive archive = archive::build_archive(std::move(records), *config, diags);
  report.articles = archive.articles.size();
  report.phases.push_back({"index", report.articles, "articles", index_clock.ms()});
  Stopwatch render_clock;
  tell(options, "render", 0, 0);
  render::RenderedSite site = render_parallel(archive, *config, in.templates, options.jobs, diags);
  add_assets(in.assets, site, diags);
  report.pages = count_pages(site);
  report.files = site.size();
  report.phases.push_back({"render", report.pages, "pages", render_clock.ms()});
  tell(options, "render", report.pages, report.pages);
  if (keep) keep->archive = std::move(archive);
  return site;
}

}  // namespace

void tell(const BuildOptions& options, std::string phase, std::size_t done, std::size_t total) {
  if (options.progress) options.progress({std::move(phase), done, total});
}

std::size_t progress_slice(const BuildOptions& options, std::size_t n) {
  return options.progress ? std::max<std::size_t>(64, n / 50) : n + 1;
}

fs::path content_dir(const BuildOptions& options) {
  return under_root(options, options.content_dir);
}

std::string content_prefix(const BuildOptions& options) {
  return display_name(options, options.content_dir);
}

bool read_site_inputs(const BuildOptions& options, SiteInputs& in, BuildReport& report,
                      base::Diagnostics& diags) {
  auto config = effective_config(options, diags);
  if (!config) {
    report.config_error = true;
    return false;
  }
  in.config = *config;
  report.config = *config;
  report.out_dir = under_root(options, options.out_dir.empty() ? config->out_dir : options.out_dir)
                       .lexically_normal()
                       .string();
  if (!read_templates(options, in.templates, in.files, diags) ||
      !render::check_templates(in.templates, diags)) {
    report.config_error = true;
    return false;
  }
  in.files += read_assets(options, in.assets, diags);
  return true;
}

base::Result<config::SiteConfig> read_config(const std::string& path,
                                             const std::string& display_path, MissingConfig missing,
                                             base::Diagnostics& diags) {
  std::error_code ec;
  if (!fs::exists(path, ec) && missing == MissingConfig::kUseDefaults) {
    config::SiteConfig defaults;
    defaults.districts = config::default_gazetteer();
    return defaults;
  }
  auto text = read_bytes(path);
  if (!text) {
    diags.report(base::Severity::kError, display_path, 0, 0, text.error().code,
                 text.error().message);
    return text.error();
  }
  return config::parse_config(*text, display_path, diags);
}

render::RenderedSite build_in_memory(const BuildOptions& options, base::Diagnostics& diags,
                                     BuildReport* report) {
  Stopwatch total;
  BuildReport local;
  BuildReport& r = report ? *report : local;
  r = BuildReport{};
  render::RenderedSite site = build_site(options, diags, r, nullptr, IngestFrom::kFiles);
  r.total_ms = total.ms();
  return site;
}

render::RenderedSite build_in_memory_cached(const BuildOptions& options, base::Diagnostics& diags,
                                            BuildReport& report) {
  Stopwatch total;
  report = BuildReport{};
  render::RenderedSite site = build_site(options, diags, report, nullptr, IngestFrom::kCache);
  report.total_ms = total.ms();
  return site;
}

render::RenderedSite build_for_check(const BuildOptions& options, base::Diagnostics& diags,
                                     BuildReport& report, BuildInputs& inputs) {
  Stopwatch total;
  report = BuildReport{};
  render::RenderedSite site = build_site(options, diags, report, &inputs, IngestFrom::kFiles);
  report.total_ms = total.ms();
  return site;
}

BuildReport build(const BuildOptions& options, base::Diagnostics& diags) {
  return build_to_disk(options, diags);
}

}  // namespace newsarc::site
