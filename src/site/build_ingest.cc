// The content of an incremental build: list and stat the files, then take
// each file's records from the cache when its stat or its bytes are known,
// and ingest only the others.
#include <algorithm>
#include <chrono>
#include <exception>

#include "site/build_steps.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

// What one source gave, kept apart until all are done.
struct Outcome {
  IngestEntry entry;
  bool from_cache = false;
  bool read = false;
  std::string encoded;      // the entry for the cache, when read
  base::Diagnostics diags;  // reading errors
  std::exception_ptr failure;
};

// The cache's entry for the file when its stat (and its age) vouch for it.
const IngestCache::Found* entry_vouched_by_stat(const IngestCache& cache,
                                                const std::string& display, const FileStat& stat) {
  const IngestCache::Found* found = cache.find(display);
  if (found == nullptr || !(found->stat == stat) || stat.mtime_ns + kRacyNs >= found->read_at_ns)
    return nullptr;
  return found;
}

// For each file, the cache's entry when its stat vouches for it, else nullptr
// (the file is read).
std::vector<const IngestCache::Found*> vouched_by_stat(const Listing& listing,
                                                       const IngestCache& cache) {
  std::vector<const IngestCache::Found*> vouched(listing.files.size(), nullptr);
  for (std::size_t i = 0; i < listing.files.size(); ++i)
    vouched[i] = entry_vouched_by_stat(cache, listing.files[i].display, listing.stats[i]);
  return vouched;
}

// The files that will be read, in order.
std::vector<std::size_t> files_to_read(const std::vector<const IngestCache::Found*>& vouched) {
  std::vector<std::size_t> wanted;
  for (std::size_t i = 0; i < vouched.size(); ++i)
    if (vouched[i] == nullptr) wanted.push_back(i);
  return wanted;
}

// Reads the file; takes the cached entry when the bytes are the same, else ingests.
void read_and_ingest(const FoundFile& file, const FileStat& stat, const IngestCache& cache,
                     const config::SiteConfig& config, Outcome& out) {
  auto bytes = read_bytes(file.path);
  if (!bytes) {
    out.diags.report(base::Severity::kError, file.display, 0, 0, bytes.error().code,
                     bytes.error().message + "; skipped");
    return;
  }
  out.read = true;
  const std::uint64_t hash = hash_bytes(*bytes);
  const IngestCache::Found* found = cache.find(file.display);
  if (found != nullptr && found->content_hash == hash) {
    if (auto entry = cache.decode(*found)) {
      out.entry = std::move(*entry);
      out.entry.stat = stat;
      out.from_cache = true;
      return;
    }
  }
  base::Diagnostics diags;
  out.entry.records = ingest::ingest_file(*bytes, file.display, config, diags);
  out.entry.diags = diags.items();
  out.entry.content_hash = hash;
  out.entry.stat = stat;
}

void process(const FoundFile& file, const FileStat& stat, const IngestCache::Found* vouched,
             const IngestCache& cache, const config::SiteConfig& config, std::int64_t read_at_ns,
             Outcome& out) {
  // Not handled here: a third-party exception is carried to the calling
  // thread and rethrown there, so cli/ reports it as it would without threads.
  try {
    if (vouched != nullptr) {
      if (auto entry = cache.decode(*vouched)) {
        out.entry = std::move(*entry);
        out.from_cache = true;
        return;
      }
    }
    read_and_ingest(file, stat, cache, config, out);
    out.entry.display = file.display;
    out.entry.read_at_ns = read_at_ns;
    // New, or known bytes with a new stat: encoded here, on the pool.
    if (out.read) out.encoded = IngestCache::encode(out.entry);
  } catch (...) {
    out.failure = std::current_exception();
  }
}

// Moves one outcome into the content, in file order; new entries go to the cache.
void gather(Outcome& out, std::int64_t read_at_ns, IngestCache& cache, Content& content,
            base::Diagnostics& diags) {
  if (out.failure) std::rethrow_exception(out.failure);
  diags.append(std::move(out.diags));
  if (!out.read && !out.from_cache) return;  // unreadable
  ++content.sources;
  content.live.push_back(out.entry.display);
  if (out.entry.stat.mtime_ns + kRacyNs >= read_at_ns)
    content.racy.emplace_back(out.entry.display, out.entry.content_hash);
  if (out.from_cache) ++content.from_cache;
  if (out.read) cache.put(out.entry.display, std::move(out.encoded));
  for (const auto& d : out.entry.diags) diags.add(d);
  if (out.entry.records.empty()) return;
  content.digests.insert(content.digests.end(), out.entry.digests.begin(), out.entry.digests.end());
  content.listed.insert(content.listed.end(), out.entry.listed.begin(), out.entry.listed.end());
  content.records.push_back(std::move(out.entry.records));
}

}  // namespace

Listing list_content(const BuildOptions& options, base::Diagnostics& diags) {
  Listing listing;
  const fs::path dir = content_dir(options);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.report(base::Severity::kWarning, content_prefix(options), 0, 0, "site/read",
                 "content folder not found; building a site without articles");
    return listing;
  }
  listing.files = list_files(dir, content_prefix(options), FileFilter::kContent, diags,
                             thread_count(options.jobs, SIZE_MAX), listing.stats);
  std::uint64_t h = listing.files.size();
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    const FoundFile& f = listing.files[i];
    const FileStat& stat = listing.stats[i];
    listing.newest_mtime_ns = std::max(listing.newest_mtime_ns, stat.mtime_ns);
    h = hash_combine(h, hash_bytes(f.display));
    for (auto v : {stat.size, stat.mtime_ns, static_cast<std::int64_t>(stat.inode)})
      h = hash_combine(h, static_cast<std::uint64_t>(v));
  }
  listing.hash = h;
  return listing;
}

fs::path ingest_cache_dir(const BuildOptions& options) {
  return fs::path(options.root) / ".newsarc-cache";
}

std::uint64_t ingest_cache_key(const config::SiteConfig& config) {
  config::SiteConfig only;
  only.districts = config.districts;
  only.default_year = config.default_year;
  only.typo_map = config.typo_map;
  return hash_combine(binary_stamp(), hash_bytes(config::format_config(only)));
}

Content ingest_content(const BuildOptions& options, const Listing& listing,
                       const config::SiteConfig& config, IngestCache& cache,
                       std::int64_t read_at_ns, BuildReport& report, base::Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = listing.files.size();
  const std::size_t step = progress_slice(options, n);
  const int threads = thread_count(options.jobs, n);
  Content content;
  content.records.reserve(n);  // most sources are one article
  content.digests.reserve(n);
  content.listed.reserve(n);
  content.live.reserve(n);
  const auto vouched = vouched_by_stat(listing, cache);
  ReadAhead ahead(listing.files, files_to_read(vouched));
  for (std::size_t at = 0; at < n; at += step) {
    tell(options, "ingest", at, n);
    const std::size_t end = std::min(n, at + step);
    std::vector<Outcome> outcomes(end - at);
    run_pool(outcomes.size(), threads, [&](std::size_t k) {
      const std::size_t i = at + k;
      ahead.reached(i);
      process(listing.files[i], listing.stats[i], vouched[i], cache, config, read_at_ns,
              outcomes[k]);
    });
    for (Outcome& out : outcomes) gather(out, read_at_ns, cache, content, diags);
  }
  tell(options, "ingest", n, n);
  cache.release();
  report.sources = content.sources;
  const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
  report.phases.push_back({"ingest", content.digests.size(), "articles", ms.count(),
                           std::to_string(content.from_cache) + " of " +
                               std::to_string(content.sources) + " files from the cache"});
  return content;
}

}  // namespace newsarc::site
