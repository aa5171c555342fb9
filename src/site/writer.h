#pragma once
// Internal to site: writing the output folder file by file, as units are
// rendered, so the whole site is never held in memory (write.cc).
//
// The live folder is never changed in place: every build writes a sibling
// folder and swaps it in with one rename, so a build killed at any moment
// leaves the previous site whole. To keep that cheap when little changed,
// the old site is kept after the swap as the spare folder ("public.newsarc-
// spare"), and the next build brings the spare up to date (writing what
// changed, hard-linking what the live site has right) instead of building a
// folder from nothing. Files whose bytes did not change keep their inode and
// mtime, so rsync-style deploys copy little.

#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "base/base.h"
#include "base/flat_table.h"
#include "site/cache.h"
#include "site/files.h"

namespace newsarc::site {

/// How the sibling folder that is swapped in is made.
enum class WriteMode {
  kStage,   ///< a fresh folder; every file is new (first build, --no-cache)
  kLinked,  ///< a fresh folder of hard links to the live files (a link per file)
  kSpare,   ///< the spare folder, updated: costs what changed since it was live
};

/// The key of a file in a FileIndex: its path.
struct PathOfFile {
  std::string_view operator()(const OutputFile* file) const { return file->path; }
};
/// A folder's files by path, pointing into the OutputState that lists them
/// (which must outlive the index; its units may be moved, not copied).
using FileIndex = base::FlatTable<const OutputFile*, PathOfFile>;

/// The key of a path in a PathViews: itself.
struct PathItself {
  std::string_view operator()(std::string_view path) const { return path; }
};
/// Paths held elsewhere.
using PathViews = base::FlatTable<std::string_view, PathItself>;

/// The files of `state`, indexed by path.
FileIndex index_files(const OutputState& state);

/// Paths, looked up by std::string or std::string_view alike.
struct PathHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view path) const {
    return std::hash<std::string_view>{}(path);
  }
};
using PathSet = std::unordered_set<std::string, PathHash, std::equal_to<>>;

/// An error when output path `path` is not a plain relative path inside the
/// output folder ("../x", "/etc/x") or would clobber newsarc's marker.
std::optional<base::Error> check_output_path(const std::string& path);

/// What is known of the folders' files; nullptr = unknown.
struct KnownFiles {
  const FileIndex* live = nullptr;
  const FileIndex* spare = nullptr;
};

/// `out_dir` as an absolute, normal path without a trailing slash: the name
/// the output folder is known by ("public/" -> "/site/public").
std::filesystem::path output_folder(const std::string& out_dir);

/// The spare folder of output folder `out_dir`.
std::filesystem::path spare_folder(const std::string& out_dir);

/// Writes the files of one build. Not thread-safe.
class OutputWriter {
 public:
  /// kSpare falls back to kLinked without a known spare and live folder, and
  /// any mode to kStage without a live folder. `known` must outlive the writer.
  /// kLinked links the live files on `threads` threads.
  static base::Result<std::unique_ptr<OutputWriter>> open(const std::string& out_dir,
                                                          WriteMode mode, const KnownFiles& known,
                                                          int threads = 1);
  ~OutputWriter();

  /// Writes `bytes` to `path` unless the folder already holds them.
  base::Result<OutputFile> put(const std::string& path, std::string_view bytes) {
    return put(path, Pieces{bytes});
  }
  /// The same for bytes in pieces, written one after another.
  base::Result<OutputFile> put(const std::string& path, const Pieces& bytes);
  /// What write_ahead() did with a file.
  struct Ahead {
    OutputFile file;
    bool wrote = true;  ///< false: the folder held these bytes already
  };
  /// Thread-safe, for the rendering threads: writes a file before it is put,
  /// so that files are written by every core instead of by the one thread
  /// that puts them. The file written (or found there already), or nullopt
  /// when put() must decide (a bad path, a failed write, a file the live site
  /// has right, a folder of links to live files that are not known):
  /// put() then writes it and says what went wrong, in order.
  std::optional<Ahead> write_ahead(const std::string& path, const Pieces& bytes) const;
  /// put() for a file write_ahead() handled: recorded, not written again,
  /// unless `path` was put before (the later bytes win, as with put).
  base::Result<OutputFile> put_written(const Ahead& ahead, const Pieces& bytes);
  /// True when keep() can work: the live folder exists and is ours (a first
  /// build, a deleted output folder or --no-cache must render every unit).
  bool can_keep() const { return mode_ != WriteMode::kStage; }
  /// Keeps `file` as the live site has it (a unit not rendered again).
  /// `file` is one of the known live folder's files, which outlive the
  /// writer: its path is referred to, not copied (a rebuild keeps hundreds
  /// of thousands of files).
  std::optional<base::Error> keep(const OutputFile& file);
  /// The known live folder's file at `path`, when its bytes hash to `hash`
  /// and keep() can keep it; nullptr otherwise (thread-safe).
  const OutputFile* live_file(std::string_view path, std::uint64_t hash) const;
  /// True when `path` was put or kept.
  bool has(std::string_view path) const { return done_.contains(path); }
  /// Every path put or kept.
  const PathViews& paths() const { return done_; }
  /// Removes what was neither put nor kept and swaps the folder in; the old
  /// site becomes the spare folder when its files are known.
  std::optional<base::Error> finish();
  /// True when finish() made the old site the spare folder.
  bool kept_old() const { return kept_old_; }

  std::size_t written() const { return written_; }              ///< files written
  std::size_t written_ahead() const { return written_ahead_; }  ///< of those, by write_ahead
  std::size_t unchanged() const { return unchanged_; }          ///< files put with the same bytes

 private:
  using Known = KnownFiles;
  OutputWriter(std::filesystem::path out, WriteMode mode, const Known& known);
  const FileIndex* held_files() const;
  bool holds(const OutputFile& file, const Pieces& bytes) const;
  bool link_live(const std::string& path);
  bool mark_done(const std::string& path);
  std::optional<base::Error> make_parent(const std::filesystem::path& target);
  std::optional<base::Error> make_dir(const std::filesystem::path& dir);
  std::optional<base::Error> remove_stale();

  std::filesystem::path out_, staging_;
  int staging_fd_ = -1;  ///< the staging folder when fresh (kStage), open for write_ahead
  WriteMode mode_;
  Known known_;
  PathViews done_;                     ///< into put_paths_ or the known live files
  std::deque<std::string> put_paths_;  ///< the paths put, which done_ refers to
  std::size_t held_claimed_ = 0;       ///< paths in done_ that held_files() has
  PathSet made_dirs_;
  std::size_t written_ = 0, unchanged_ = 0, written_ahead_ = 0;
  bool finished_ = false;
  bool kept_old_ = false;
};

}  // namespace newsarc::site
