#pragma once
// Internal to site: the build cache in <root>/.newsarc-cache/. Files:
// cache_codec.cc (a small binary codec for records and
// diagnostics), cache_ingest.cc (records by source content), cache_output.cc
// (what the last build wrote), cache_memo.cc (render::Memo on disk),
// cache_slugs.cc (the slugs of names).
//
//   ingest.bin  an append-only log of sources: display name, stat, content
//               hash, the records and diagnostics ingesting it gave (with
//               each record's digest and listing hash). Valid only for the
//               key it starts with (binary + ingest config).
//   memo/       what the units that depend on every article keep for the
//               next build (render::Memo), a file per key; records.json's
//               runs only by where the live output folder holds them.
//   output.bin  the last build's output folder: every unit's key and files
//               (path, size, hash), the sources' stats and the diagnostics
//               printed after listing them. Removed while the output folder
//               is being updated, so a build killed half-way is noticed.
//   slugs.bin   the last build's names and their pinyin slugs, so that a
//               build with no new name needs no ICU transliterator.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/base.h"
#include "base/flat_table.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "site/files.h"
#include "site/site.h"
#include "text/text.h"

namespace newsarc::site {

// ---- cache_codec.cc --------------------------------------------------------

using base::hash_bytes;
using base::hash_combine;
using base::hash_pieces;

/// Appends little-endian varints and length-prefixed strings.
class Encoder {
 public:
  void u64(std::uint64_t v);
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void str(std::string_view s);
  void record(const ingest::ArticleRecord& r);
  void diagnostic(const base::Diagnostic& d);
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

/// Reads what Encoder wrote; any read past the end or malformed value sets
/// failed() and returns zero values, so a damaged cache is simply not used.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  std::uint64_t u64();
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  /// A count of items that follow, each at least one byte (fails past the end).
  std::size_t count();
  std::string str();
  /// The same string, in the input's bytes.
  std::string_view view();
  /// A record; with `owner`, which keeps the input's bytes alive, its body
  /// is left encoded in them until read (ingest::DeferredBody).
  ingest::ArticleRecord record(std::shared_ptr<const void> owner = nullptr);
  base::Diagnostic diagnostic();
  bool failed() const { return failed_; }
  bool done() const { return in_.empty() || failed_; }
  /// Bytes read so far from the start of the input given.
  std::size_t position(std::string_view whole) const { return whole.size() - in_.size(); }

 private:
  std::string_view in_;
  bool failed_ = false;
};

/// Replaces `file` with the pieces one after another, through a temporary
/// name beside it ("<file>.tmp"), so a reader sees the old file or the new.
bool write_pieces_atomically(const std::filesystem::path& file,
                             const std::vector<std::string_view>& pieces);

/// What identifies the running program: its size and modification time, so
/// any rebuild of newsarc invalidates the cache.
std::uint64_t binary_stamp();

// ---- cache_ingest.cc -------------------------------------------------------

/// A file changed less than this before a build read it may change again
/// without its stat showing it (mtime granularity): its stat is not trusted.
inline constexpr std::int64_t kRacyNs = 2'000'000'000;

/// Nanoseconds since the epoch, by the clock file times use.
std::int64_t now_ns();

/// What ingesting one source gave.
struct IngestEntry {
  std::string display;
  FileStat stat;
  std::int64_t read_at_ns = 0;  ///< when the build that read it started
  std::uint64_t content_hash = 0;
  std::vector<ingest::ArticleRecord> records;
  std::vector<std::uint64_t> digests;  ///< one per record: the hash of its encoding
  std::vector<std::uint64_t> listed;   ///< one per record: the hash of its render::listing_key
  std::vector<base::Diagnostic> diags;
};

/// The hash of a record's encoding (what "the record changed" means).
std::uint64_t record_digest(const ingest::ArticleRecord& r);

/// ingest.bin, an append-only log of IngestEntry; the last entry of a name wins.
class IngestCache {
 public:
  /// Where an entry is in the log, and what decides whether it still holds.
  struct Found {
    FileStat stat;
    std::int64_t read_at_ns = 0;
    std::uint64_t content_hash = 0;
    std::size_t offset = 0, length = 0;
  };
  /// Loads the log in `dir` when it was written under `key` (and `mode`
  /// allows); else starts empty.
  IngestCache(std::filesystem::path dir, std::uint64_t key, CacheMode mode);
  /// Not copied: found_'s names point into names_, which a copy would not share.
  IngestCache(const IngestCache&) = delete;
  IngestCache& operator=(const IngestCache&) = delete;
  /// The entry of `display`, if any.
  const Found* find(const std::string& display) const;
  /// Decodes a found entry (any thread); nullopt when damaged.
  std::optional<IngestEntry> decode(const Found& found) const;
  /// Lets go of the loaded log (decode() is then unusable); records read from
  /// it keep what their deferred bodies need.
  void release();
  /// An entry's bytes in the log (any thread). Fills `entry.digests` when
  /// empty: each record's record_digest, from the same encoding; and
  /// `entry.listed` when empty.
  static std::string encode(IngestEntry& entry);
  /// Adds or replaces the entry of `display` (encode()'s bytes, appended by save()).
  void put(const std::string& display, std::string encoded);
  /// Appends the new entries, or rewrites the log when most of it is stale
  /// (replaced entries, or files not in `live`).
  void save(const std::vector<std::string>& live);

 private:
  std::filesystem::path file_;
  std::uint64_t key_;
  /// A copy of `name` that lives as long as the cache, among the others.
  std::string_view hold_name(std::string_view name);

  std::shared_ptr<const MappedFile> map_;  ///< the file as loaded
  std::string_view log_;                   ///< its bytes
  /// An entry's name, and where its Found is in found_.
  struct Named {
    std::string_view name;
    std::size_t at = 0;
  };
  struct NameOf {
    std::string_view operator()(const Named& n) const { return n.name; }
  };
  std::deque<std::string> names_;  ///< found_'s names, packed in a few large strings
  std::vector<std::pair<std::string_view, Found>> found_;  ///< in the log's order
  base::FlatTable<Named, NameOf> by_name_;                 ///< into found_
  std::size_t logged_ = 0;  ///< entries in the file, stale ones included
  std::map<std::string, std::string, std::less<>> added_;  ///< display -> encoded entry
};

// ---- cache_memo.cc ---------------------------------------------------------

/// render::Memo in <cache>/memo/, a file per key (see cache_memo.cc). Used
/// from any thread during a build; sweep() then removes what it did not use.
class MemoFolder : public render::Memo {
 public:
  /// Values placed in the output are read back from `output_dir` (the live
  /// folder). With CacheMode::kRebuild, values are written but none is read.
  MemoFolder(std::filesystem::path dir, std::filesystem::path output_dir, CacheMode mode);
  std::optional<render::SharedBytes> get(std::uint64_t key) override;
  void put(std::uint64_t key, std::string_view value) override;
  /// Keeps only where the output holds `value` (see cache_memo.cc).
  void put_placed(std::uint64_t key, std::string_view value, std::string_view path,
                  std::uint64_t offset) override;
  std::optional<render::SharedBytes> last_output(std::string_view path,
                                                 std::uint64_t hash) override;
  /// Says whether the output's writer keeps the last build's file at a path
  /// with bytes of a hash (set before the units are rendered; none: never).
  using Keeps = std::function<bool(std::string_view path, std::uint64_t hash)>;
  void set_keeps(Keeps keeps) { keeps_ = std::move(keeps); }
  bool keeps_last_output(std::string_view path, std::uint64_t hash) override {
    return read_ && keeps_ && keeps_(path, hash);
  }
  /// Removes the values this build neither read nor wrote (call when no
  /// thread uses the memo any more).
  void sweep();

 private:
  /// A value get() returned from the output: its bytes and their hash.
  struct Found {
    const char* data = nullptr;
    std::size_t size = 0;
    std::uint64_t hash = 0;
  };
  std::optional<render::SharedBytes> placed_value(std::uint64_t key, std::string_view entry);
  std::shared_ptr<const MappedFile> output_file(const std::string& path);
  /// Writes the file of `key` from `pieces`, and marks it used.
  void write(std::uint64_t key, const std::vector<std::string_view>& pieces);
  void use(std::uint64_t key);

  std::filesystem::path dir_, output_dir_;
  bool read_;
  Keeps keeps_;
  std::mutex mutex_;
  std::set<std::string> used_;                                      ///< file names
  std::map<std::string, std::weak_ptr<const MappedFile>> outputs_;  ///< output files mapped
  std::unordered_map<std::uint64_t, Found> found_;                  ///< by key
};

// ---- cache_output.cc -------------------------------------------------------

/// One output file as written.
struct OutputFile {
  std::string path;
  std::uint64_t size = 0;
  std::uint64_t hash = 0;
};

/// One unit as a build wrote it: its key (0: render it again) and files.
struct UnitState {
  std::string name;
  std::uint64_t key = 0;
  std::vector<OutputFile> files;
};

/// What the last build wrote into the output folder, and from what. Moved,
/// never copied (index() refers into units).
struct OutputState {
  OutputState() = default;
  OutputState(OutputState&&) = default;
  OutputState& operator=(OutputState&&) = default;

  /// The unit named `name`, looked for at units[hint] first (a unit mostly
  /// keeps its place from one build to the next), then by index(); nullptr
  /// when there is none.
  const UnitState* find(std::string_view name, std::size_t hint) const;
  /// Indexes the units by name for find() (after they are all added).
  void index();

  std::string out_dir;                  ///< absolute
  std::uint64_t stamp = 0;              ///< binary, config, templates and assets
  std::uint64_t sources = 0;            ///< hash of every source's name and stat
  std::int64_t read_at_ns = 0;          ///< when that build started reading
  std::vector<UnitState> units;         ///< in the order the build took them
  std::vector<base::Diagnostic> diags;  ///< those reported after listing the sources
  /// The sources changed less than kRacyNs before read_at_ns, which their
  /// stat cannot vouch for: name and hash of the bytes this build read.
  std::vector<std::pair<std::string, std::uint64_t>> racy;
  std::uint64_t sources_count = 0, articles = 0, pages = 0, files = 0;

 private:
  struct NameOfUnit {
    std::string_view operator()(const UnitState* unit) const { return unit->name; }
  };
  base::FlatTable<const UnitState*, NameOfUnit> by_name_;  ///< into units (moved with them)
};

/// Which folder a state describes: the live output folder (output.bin), its
/// spare (spare.bin, see site/writer.h), or the live folder while it is being
/// swapped out to become the spare (aside.bin, read by no build).
enum class StateOf { kLive, kSpare, kAside };

/// How much of a state to read: all of it; all of it but the index of units
/// by name (find() then finds a unit at its hint only: enough for a state
/// whose files only are looked up); or all but the units (enough to tell
/// that nothing changed, without decoding a record per output file).
enum class StatePart { kAll, kUnindexed, kHeader };

/// Reads the state of `dir` (nullopt when missing or damaged).
std::optional<OutputState> load_output_state(const std::filesystem::path& dir, StateOf which,
                                             StatePart part = StatePart::kAll);
/// Writes it (through a temp file and a rename).
void save_output_state(const std::filesystem::path& dir, const OutputState& state, StateOf which);
/// save_output_state in two steps, so that a state can be written while the
/// folder it describes is being swapped in: the state written beside its
/// file, where no build reads it (false when it could not be), ...
bool stage_output_state(const std::filesystem::path& dir, const OutputState& state, StateOf which);
/// ... and then renamed into place, with `use`; else removed.
void commit_output_state(const std::filesystem::path& dir, StateOf which, bool use);
/// Removes it: the folder it describes is about to change.
void forget_output_state(const std::filesystem::path& dir, StateOf which);
/// Renames the state of `from` to that of `to` (its folder was renamed).
void move_output_state(const std::filesystem::path& dir, StateOf from, StateOf to);

// ---- cache_slugs.cc --------------------------------------------------------

/// The names and slugs the last build kept in `dir`, when this binary made
/// them (another may slug differently); empty when missing or damaged.
text::SlugMemo::Known load_slugs(const std::filesystem::path& dir);
/// Keeps them for the next build (through a temp file and a rename).
void save_slugs(const std::filesystem::path& dir, const text::SlugMemo::Known& slugs);

}  // namespace newsarc::site
