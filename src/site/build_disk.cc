// build(): the incremental build. Sources are taken from the cache when
// their stat or bytes are known; units whose inputs did not change are not
// rendered; the spare folder is brought up to date, touching only files whose
// bytes changed, and swapped in (site/writer.h). With nothing changed at all,
// the last build's diagnostics are replayed and nothing is read or written.
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <tuple>
#include <unordered_map>

#include "site/build_steps.h"
#include "site/writer.h"
#include "text/text.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The binary and the config: what anything made from the records depends on
// besides them.
std::uint64_t program_stamp(const SiteInputs& in) {
  return hash_combine(binary_stamp(), hash_bytes(config::format_config(in.config)));
}

// Everything but the content that the output depends on.
std::uint64_t site_stamp(const SiteInputs& in, const std::string& out) {
  std::uint64_t h = program_stamp(in);
  for (const auto* files : {&in.templates, &in.assets}) {
    h = hash_combine(h, files->size());
    for (const auto& [name, bytes] : *files)
      h = hash_combine(hash_combine(h, hash_bytes(name)), hash_bytes(bytes));
  }
  return hash_combine(h, hash_bytes(out));
}

std::string with_count(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what;
}

// Nothing changed since `prev`: replays its diagnostics and numbers.
BuildReport replay(const OutputState& prev, BuildReport report, base::Diagnostics& diags) {
  for (const auto& d : prev.diags) diags.add(d);
  report.sources = prev.sources_count;
  report.articles = prev.articles;
  report.pages = prev.pages;
  report.files = prev.files;
  report.wrote = true;
  const std::string same = "nothing changed since the last build";
  report.phases.push_back({"ingest", report.articles, "articles", 0, same});
  report.phases.push_back({"index", report.articles, "articles", 0, same});
  report.phases.push_back({"render", report.pages, "pages", 0, same});
  report.phases.push_back({"write", 0, "files", 0, same});
  return report;
}

// A source changed less than kRacyNs before the last build read it may have
// changed again since without its stat showing it (one write just after
// another). Such a source is unchanged only if its bytes hash to what that
// build read: a build run right after an edit does not make the next one
// start over. True when every such source is unchanged.
bool racy_sources_unchanged(const OutputState& prev, const Listing& listing) {
  const std::map<std::string_view, std::uint64_t> read_as(prev.racy.begin(), prev.racy.end());
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    if (listing.stats[i].mtime_ns + kRacyNs < prev.read_at_ns) continue;
    auto it = read_as.find(listing.files[i].display);
    if (it == read_as.end()) return false;
    auto bytes = read_bytes(listing.files[i].path);
    if (!bytes || hash_bytes(*bytes) != it->second) return false;
  }
  return true;
}

bool unchanged_since(const OutputState& prev, std::uint64_t stamp, const Listing& listing,
                     const std::string& out) {
  std::error_code ec;
  return prev.stamp == stamp && prev.sources == listing.hash &&
         fs::is_regular_file(fs::path(out) / kOutputMarker, ec) &&
         (listing.newest_mtime_ns + kRacyNs < prev.read_at_ns ||
          racy_sources_unchanged(prev, listing));
}

// After a build that found nothing changed, the last build's record says so
// as of `read_at` when no source is racy any more: the sources just checked
// by their bytes are then trusted by their stat in the next builds.
void trust_racy_sources(const fs::path& cache_dir, const Listing& listing, std::int64_t read_at) {
  if (listing.newest_mtime_ns + kRacyNs >= read_at) return;  // still racy: checked next time
  auto state = load_output_state(cache_dir, StateOf::kLive);
  if (!state || state->racy.empty()) return;
  state->read_at_ns = read_at;
  state->racy.clear();
  save_output_state(cache_dir, *state, StateOf::kLive);
}

// Runs task(i) for i in [0, n) in blocks of a few thousand on `threads` threads.
template <typename Task>
void for_each_in_blocks(std::size_t n, int threads, const Task& task) {
  constexpr std::size_t kBlock = 4096;
  run_pool((n + kBlock - 1) / kBlock, threads, [&](std::size_t b) {
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) task(i);
  });
}

// The hashes of the article lists that many units show alike (an official's
// timeline shows his articles on each of his pages), each list hashed once
// and found again by its address: hashing it for every page cost his pages
// times his articles, 26 million listing keys at 100,000 articles. Each list
// is held while its hash is, so that its address cannot name another one.
class SharedListHashes {
 public:
  using Articles = std::shared_ptr<const std::vector<std::size_t>>;
  explicit SharedListHashes(const std::vector<std::uint64_t>& listed) : listed_(listed) {}

  std::uint64_t of(const Articles& articles) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = hashes_.find(articles.get()); it != hashes_.end()) return it->second.second;
    }
    std::uint64_t h = articles->size();
    for (std::size_t a : *articles) h = hash_combine(h, listed_[a]);
    std::lock_guard lock(mutex_);
    // Another thread may have hashed it too, to the same value.
    hashes_.try_emplace(articles.get(), articles, h);
    return h;
  }

 private:
  const std::vector<std::uint64_t>& listed_;
  std::mutex mutex_;
  std::unordered_map<const std::vector<std::size_t>*, std::pair<Articles, std::uint64_t>> hashes_;
};

// Per article, in archive order: its record's digest, and the hash of its
// render::listing_key.
struct ArticleHashes {
  std::vector<std::uint64_t> digests, listed;
};

// The key of each unit: what it depends on, hashed. Equal keys, equal files.
// A kArticles unit (an article's page, its export, a feed, a search chunk)
// hashes its articles' digests and its context: only what it shows, so a new
// day's articles leave the other articles' pages alone.
std::vector<std::uint64_t> unit_keys(const render::SiteRenderer& renderer,
                                     const ArticleHashes& hashes, std::uint64_t stamp,
                                     int threads) {
  const std::vector<std::uint64_t>& listed = hashes.listed;
  const std::vector<std::uint64_t>& digests = hashes.digests;
  std::uint64_t listing = hash_combine(stamp, listed.size());
  for (std::uint64_t h : listed) listing = hash_combine(listing, h);
  std::uint64_t all = listing;
  for (std::uint64_t d : digests) all = hash_combine(all, d);
  SharedListHashes shared(listed);
  std::vector<std::uint64_t> keys(renderer.size());
  for_each_in_blocks(keys.size(), threads, [&](std::size_t u) {
    switch (renderer.depends(u)) {
      case render::Depends::kArticles: {
        const render::UnitContext context = renderer.context(u);
        std::uint64_t h = hash_combine(stamp, hash_bytes(context.bytes));
        for (std::size_t a : context.listed) h = hash_combine(h, listed[a]);
        h = hash_combine(h, context.listed.size());
        if (context.also_listed) h = hash_combine(h, shared.of(context.also_listed));
        for (std::size_t a : renderer.articles(u)) h = hash_combine(h, digests[a]);
        keys[u] = h | 1;
        break;
      }
      case render::Depends::kListing:
        keys[u] = listing | 1;
        break;
      case render::Depends::kAll:
        keys[u] = all | 1;
        break;
    }
  });
  return keys;  // never 0: 0 marks a unit that must be rendered again
}

// What the last builds left in the output folder and its spare: their states
// and files by path, when known.
struct Known {
  std::optional<OutputState> live, spare;
  FileIndex live_files, spare_files;  // into live and spare
};

Known load_known(const fs::path& cache_dir, const std::string& out_abs) {
  Known k;
  k.live = load_output_state(cache_dir, StateOf::kLive);
  k.spare = load_output_state(cache_dir, StateOf::kSpare, StatePart::kUnindexed);  // files only
  if (k.live && k.live->out_dir != out_abs) k.live.reset();
  if (k.spare && k.spare->out_dir != out_abs) k.spare.reset();
  if (k.live) k.live_files = index_files(*k.live);
  if (k.spare) k.spare_files = index_files(*k.spare);
  return k;
}

// One build's writing: the writer, the state it leaves, what went wrong.
struct Output {
  Known known;       // before the writer, which refers to its files
  OutputState next;  // before the writer too: it takes the kept live files
  render::Reuse reuse;
  std::unique_ptr<const render::SiteRenderer> renderer;  // refers to reuse
  std::unique_ptr<OutputWriter> writer;
  std::vector<UnitState*> kept;  // per unit: the live one it keeps, if any (files moved out)
  std::optional<base::Error> failed;
  double write_ms = 0;
  std::size_t rendered = 0, skipped = 0;
};

// A file a rendered unit left as the live folder has it
// (render::FileBytes::unchanged, where the memo said it would be kept).
void keep_unchanged(const std::string& path, std::uint64_t hash, UnitState& entry, Output& out) {
  const OutputFile* live = out.writer->live_file(path, hash);
  if (live == nullptr) {
    out.failed =
        base::Error{"site/write", "cannot keep " + path + ": the last build did not write it"};
    return;
  }
  out.failed = out.writer->keep(*live);
  entry.files.push_back(*live);
}

void take_unit(const render::SiteRenderer& renderer, std::size_t u, RenderedUnit* unit,
               std::uint64_t key, Output& out, base::Diagnostics& diags) {
  const std::string& name = renderer.name(u);
  if (unit == nullptr) {
    UnitState& kept = *out.kept[u];
    for (const OutputFile& f : kept.files)
      if (!out.failed) out.failed = out.writer->keep(f);
    out.next.units.push_back({kept.name, kept.key, std::move(kept.files)});  // taken once
    ++out.skipped;
    return;
  }
  ++out.rendered;
  const bool clean = unit->diags.items().empty();
  diags.append(std::move(unit->diags));
  UnitState& entry = out.next.units.emplace_back();
  entry.name = name;
  entry.key = clean ? key : 0;  // a unit that reported something is rendered again
  const Clock::time_point start = Clock::now();
  for (std::size_t k = 0; k < unit->files.size(); ++k) {
    if (out.failed) return;
    if (auto hash = unit->files[k].second.unchanged_hash()) {
      keep_unchanged(unit->files[k].first, *hash, entry, out);
      continue;
    }
    const Pieces bytes = unit->files[k].second.pieces();
    const bool ahead = k < unit->written.size() && unit->written[k];
    auto file = ahead ? out.writer->put_written(*unit->written[k], bytes)
                      : out.writer->put(unit->files[k].first, bytes);
    if (!file) out.failed = file.error();
    if (file) entry.files.push_back(*file);
  }
  out.write_ms += ms_since(start);
}

// On the thread that rendered the unit: its files written ahead of put. One
// thread putting every file was the long pole of a clean build (a folder and
// two files per article) and of a day's rebuild (the 16,000 list pages a
// day's articles move at 100,000 articles: 4 s of system calls) while the
// rendering threads waited.
void write_unit_ahead(const OutputWriter& writer, RenderedUnit& unit) {
  unit.written.reserve(unit.files.size());
  for (const auto& [path, bytes] : unit.files)
    unit.written.push_back(bytes.unchanged_hash() ? std::nullopt
                                                  : writer.write_ahead(path, bytes.pieces()));
}

void put_assets(const std::map<std::string, std::string>& assets, Output& out,
                base::Diagnostics& diags) {
  for (const auto& [path, bytes] : assets) {
    if (out.failed) return;
    if (out.writer->has(path)) {
      diags.report(base::Severity::kWarning, path, 0, 0, "site/asset-collision",
                   "an asset has the name of a rendered page; the page is kept");
      continue;
    }
    auto file = out.writer->put(path, bytes);
    if (!file) out.failed = file.error();
    if (file) out.next.units.push_back({"asset:" + path, 0, {*file}});
  }
}

// What the renderer may reuse: the memo, and each article's record digest
// seeded with the program stamp (not the templates: a template change leaves
// the search index's parts valid).
render::Reuse reuse_of(const SiteInputs& in, const std::vector<std::uint64_t>& digests,
                       render::Memo& memo) {
  const std::uint64_t seed = program_stamp(in);
  render::Reuse reuse{&memo, {}, seed};
  reuse.digests.reserve(digests.size());
  for (std::uint64_t d : digests) reuse.digests.push_back(hash_combine(seed, d));
  return reuse;
}

// Renders what changed and writes it; false when nothing could be written.
// What the last builds left is `loading` until the unit keys are known.
bool render_and_write(const BuildOptions& options, const SiteInputs& in,
                      const archive::Archive& archive, const ArticleHashes& hashes,
                      std::uint64_t stamp, std::future<Known>& loading, MemoFolder& memo,
                      Output& out, BuildReport& report, base::Diagnostics& diags) {
  const Clock::time_point start = Clock::now();
  const int threads = thread_count(options.jobs, archive.articles.size() + 1);
  out.reuse = reuse_of(in, hashes.digests, memo);
  // One slot more than threads: see render_units.
  out.renderer = std::make_unique<const render::SiteRenderer>(archive, in.config, in.templates,
                                                              diags, threads + 1, &out.reuse);
  const render::SiteRenderer& renderer = *out.renderer;
  if (!renderer.ok()) {
    report.config_error = true;
    return false;
  }
  const std::vector<std::uint64_t> keys = unit_keys(renderer, hashes, stamp, threads);
  out.known = loading.get();
  const std::optional<OutputState>& prev = out.known.live;
  const WriteMode mode = options.cache == CacheMode::kUse ? WriteMode::kSpare : WriteMode::kStage;
  forget_output_state(ingest_cache_dir(options), StateOf::kSpare);  // it may change from here on
  auto writer = OutputWriter::open(
      report.out_dir, mode,
      {prev ? &out.known.live_files : nullptr, out.known.spare ? &out.known.spare_files : nullptr},
      threads);
  if (!writer) {
    out.failed = writer.error();
    return false;
  }
  out.writer = std::move(*writer);
  // What the writer keeps from the live folder need not be read back (the
  // search index's shards whose terms did not change).
  memo.set_keeps([&files = *out.writer](std::string_view path, std::uint64_t hash) {
    return files.live_file(path, hash) != nullptr;
  });
  // Units are kept from the live folder only when it is there to keep from
  // (someone may have deleted public/ since the last build).
  std::vector<char> skip(renderer.size(), 0);
  const bool may_skip = prev && prev->stamp == stamp && out.writer->can_keep();
  out.kept.assign(renderer.size(), nullptr);
  out.next.units.reserve(renderer.size() + in.assets.size());
  for (std::size_t u = 0, hint = 0; may_skip && u < skip.size(); ++u) {
    const UnitState* kept = prev->find(renderer.name(u), hint);
    if (!kept) continue;
    const auto at = static_cast<std::size_t>(kept - prev->units.data());
    hint = at + 1;
    skip[u] = kept->key == keys[u];
    if (skip[u]) out.kept[u] = &out.known.live->units[at];
  }
  tell(options, "render", 0, renderer.size());
  const OutputWriter& files_out = *out.writer;
  render_units(
      renderer, threads, skip,
      [&](std::size_t u, RenderedUnit* unit) {
        take_unit(renderer, u, unit, keys[u], out, diags);
        if ((u + 1) % 256 == 0) tell(options, "render", u + 1, renderer.size());
      },
      [&files_out](RenderedUnit& unit) { write_unit_ahead(files_out, unit); });
  tell(options, "render", renderer.size(), renderer.size());
  memo.set_keeps({});
  put_assets(in.assets, out, diags);
  out.writer->paths().for_each(
      [&](std::string_view path) { report.pages += path.ends_with(".html"); });
  report.files = out.writer->paths().size();
  report.phases.push_back(
      {"render", report.pages, "pages", ms_since(start) - out.write_ms,
       with_count(out.rendered, "of") + " " +
           with_count(renderer.size(), "units rendered, the others unchanged")});
  if (!options.exit_after) out.renderer.reset();
  return true;
}

// "files (12 unchanged)"; files the rendering threads wrote count in the
// render phase's time, and the note says how many they were.
std::string files_written_note(const BuildReport& report, const OutputWriter& writer) {
  std::string note = "files (" + with_count(report.files - writer.written(), "unchanged");
  if (writer.written_ahead() > 0)
    note += ", " + with_count(writer.written_ahead(), "written while rendering");
  return note + ")";
}

void report_write_error(const base::Error& error, BuildReport& report, base::Diagnostics& diags) {
  diags.report(base::Severity::kError, report.out_dir, 0, 0, error.code, error.message);
  report.config_error = error.code != "site/write";
}

// Writes the state the next build starts from beside its file; false when
// it could not be (see commit_output_state).
bool stage_state(const BuildOptions& options, Output& out, const Listing& listing,
                 std::int64_t read_at, std::uint64_t stamp, const BuildReport& report,
                 const base::Diagnostics& diags, std::size_t mark) {
  OutputState& s = out.next;
  s.out_dir = output_folder(report.out_dir).string();
  s.stamp = stamp;
  s.sources = listing.hash;
  s.read_at_ns = read_at;
  s.diags.assign(diags.items().begin() + static_cast<std::ptrdiff_t>(mark), diags.items().end());
  s.sources_count = report.sources;
  s.articles = report.articles;
  s.pages = report.pages;
  s.files = report.files;
  return stage_output_state(ingest_cache_dir(options), s, StateOf::kLive);
}

}  // namespace

BuildReport build_to_disk(const BuildOptions& options, base::Diagnostics& diags) {
  const Clock::time_point start = Clock::now();
  BuildReport report;
  SiteInputs in;
  if (!read_site_inputs(options, in, report, diags)) return report;
  const std::string out_abs = output_folder(report.out_dir).string();
  const std::uint64_t stamp = site_stamp(in, out_abs);
  const std::int64_t read_at = now_ns();
  const Listing listing = list_content(options, diags);
  const std::size_t mark = diags.items().size();
  // The last build's header is enough to tell that nothing changed; its units
  // and the spare folder's are read only when something did.
  const fs::path cache_dir = ingest_cache_dir(options);
  const bool use_cache = options.cache == CacheMode::kUse;
  if (auto prev = use_cache ? load_output_state(cache_dir, StateOf::kLive, StatePart::kHeader)
                            : std::nullopt;
      prev && prev->out_dir == out_abs && unchanged_since(*prev, stamp, listing, out_abs)) {
    if (!prev->racy.empty()) trust_racy_sources(cache_dir, listing, read_at);
    report.phases.push_back({"read", listing.files.size() + in.files, "files", ms_since(start)});
    report = replay(*prev, std::move(report), diags);
    report.total_ms = ms_since(start);
    return report;
  }
  report.phases.push_back({"read", listing.files.size() + in.files, "files", ms_since(start)});
  // Names the last build slugged need no ICU. Without them, the archive's
  // first slug would wait for ICU to compile its pinyin rules: they are
  // compiled meanwhile.
  text::SlugMemo slugs(use_cache ? load_slugs(cache_dir) : text::SlugMemo::Known{});
  std::future<void> slugs_ready;
  if (slugs.empty()) slugs_ready = std::async(std::launch::async, text::prepare_slugify);
  IngestCache cache(cache_dir, ingest_cache_key(in.config), options.cache);
  Content content = ingest_content(options, listing, in.config, cache, read_at, report, diags);
  // Records depend on their sources and the config only, so the cache can be
  // saved while the site renders (at 100k articles it is a 360 MB file).
  std::future<void> cache_saved =
      std::async(std::launch::async, [&cache, &content] { cache.save(content.live); });
  // The archive and the renderer are built on one core: the last builds'
  // states (two 20 MB files at 100k articles) are read on the other meanwhile.
  std::future<Known> known = std::async(
      std::launch::async, [&] { return use_cache ? load_known(cache_dir, out_abs) : Known{}; });
  Clock::time_point clock = Clock::now();
  std::vector<std::size_t> taken_from;  // each article's place among the records
  auto archive = std::make_unique<const archive::Archive>(
      archive::build_archive(std::move(content.records), in.config, diags, &slugs, &taken_from));
  if (auto changed = slugs.changed()) save_slugs(cache_dir, *changed);
  ArticleHashes hashes;
  hashes.digests.reserve(taken_from.size());
  hashes.listed.reserve(taken_from.size());
  for (std::size_t at : taken_from) {
    hashes.digests.push_back(content.digests[at]);
    hashes.listed.push_back(content.listed[at]);
  }
  report.articles = archive->articles.size();
  report.phases.push_back({"index", report.articles, "articles", ms_since(clock)});
  Output out;
  MemoFolder memo(cache_dir / "memo", output_folder(report.out_dir), options.cache);
  bool staged = false;
  if (render_and_write(options, in, *archive, hashes, stamp, known, memo, out, report, diags) &&
      !out.failed) {
    clock = Clock::now();
    // The state of the folder about to be swapped in is written meanwhile
    // (22 MB at 100,000 articles), and put in place only after the swap.
    out.next.racy = std::move(content.racy);
    std::future<bool> state_staged = std::async(std::launch::async, [&] {
      return stage_state(options, out, listing, read_at, stamp, report, diags, mark);
    });
    // The swap changes the live folder; its state is the spare's after it.
    move_output_state(cache_dir, StateOf::kLive, StateOf::kAside);
    tell(options, "write", 0, 0);  // the last step: stale files out, the folder swapped in
    out.failed = out.writer->finish();
    staged = state_staged.get();
    out.write_ms += ms_since(clock);
  }
  if (out.failed) {
    report_write_error(*out.failed, report, diags);
  } else if (!report.config_error) {
    report.wrote = true;
    report.phases.push_back(
        {"write", out.writer->written(), files_written_note(report, *out.writer), out.write_ms});
    // The old live folder is now the spare one, if its files were known.
    if (out.known.live && out.writer->kept_old())
      move_output_state(cache_dir, StateOf::kAside, StateOf::kSpare);
    commit_output_state(cache_dir, StateOf::kLive, staged);
    if (!options.exit_after) {
      archive.reset();
      out.writer.reset();
      out.known = Known{};
    }
    memo.sweep();
  }
  if (staged && !report.wrote) commit_output_state(cache_dir, StateOf::kLive, false);
  forget_output_state(cache_dir, StateOf::kAside);
  cache_saved.get();
  report.total_ms = ms_since(start);
  if (options.exit_after && report.wrote)  // else the writer removes what it staged
    report.leftovers = std::make_shared<const std::tuple<decltype(archive), Output, Content>>(
        std::move(archive), std::move(out), std::move(content));
  return report;
}

}  // namespace newsarc::site
