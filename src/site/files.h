#pragma once
// Internal to site: walking folders, reading and writing files, and the
// parallel ingest shared by build and `newsarc ingest`.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "base/base.h"
#include "config/config.h"
#include "ingest/ingest.h"

namespace newsarc::site {

/// A file found on disk and the name diagnostics give it.
struct FoundFile {
  std::string path;     ///< as the walk reached it: "/site/content/2023/p1.txt"
  std::string display;  ///< "content/2023/p1.txt"
};

/// A file read into memory.
struct Source {
  std::string display;
  std::string bytes;
};

/// A content file's stat: equal stats (and a file older than the build that
/// read it) mean equal bytes, as for make and git.
struct FileStat {
  std::int64_t size = -1;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const FileStat&) const = default;
};

/// The stat of `path`, following links (size -1 when it cannot be read).
FileStat stat_file(const std::filesystem::path& path);

/// Which files list_files returns.
enum class FileFilter {
  kContent,  ///< .txt, .md, .markdown; others get a `site/skip` note
  kAll,
};

/// Regular files below `dir`, sorted by display name (`prefix` + "/" + the
/// relative path). Dot files are skipped; symlinks that leave `dir`, dangle or
/// loop are reported (`site/symlink`) and not followed; names holding a control
/// character (a line break) are reported (`site/bad-name`) and skipped.
std::vector<FoundFile> list_files(const std::filesystem::path& dir, const std::string& prefix,
                                  FileFilter filter, base::Diagnostics& diags);
/// The same, the folders read on `threads` threads, with each file's stat
/// (as stat_file gives it) in `stats`, beside the files. Files and
/// diagnostics come out as with one thread.
std::vector<FoundFile> list_files(const std::filesystem::path& dir, const std::string& prefix,
                                  FileFilter filter, base::Diagnostics& diags, int threads,
                                  std::vector<FileStat>& stats);

/// An entry of a folder: its name and its type as readdir gives it (a DT_
/// value; an lstat's where the file system does not say; DT_UNKNOWN when
/// that fails too).
struct FolderEntry {
  std::string name;
  unsigned char type;
};

/// Reads the entries of the folder open as `fd` (but "." and "..") into
/// `entries`, and closes `fd`; the error that stopped it, if any.
std::error_code read_folder_entries(int fd, std::vector<FolderEntry>& entries);

/// The whole file, or a `site/read` Error naming the system's reason.
base::Result<std::string> read_bytes(const std::filesystem::path& path);

/// Asks the kernel for the files a pool is about to read, a window ahead of
/// it, so that many reads are in flight when the sources are not in memory.
/// A thread reading one small file after another waits for the disk each
/// time: 100 000 sources read cold took 14 s to ingest, against 6 s warm.
/// The hints (posix_fadvise WILLNEED) start the reads and return at once.
class ReadAhead {
 public:
  /// Starts hinting files[i] for each i of `wanted` (ascending), the order in
  /// which the pool takes them; `files` must outlive this.
  ReadAhead(const std::vector<FoundFile>& files, std::vector<std::size_t> wanted,
            std::size_t window = 256);
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;
  /// The pool has started on files[i]; hints run up to files[i + window].
  void reached(std::size_t i) { reached_.store(i, std::memory_order_relaxed); }

 private:
  void run(const std::stop_token& stop);
  const std::vector<FoundFile>& files_;
  std::vector<std::size_t> wanted_;
  std::size_t window_;
  std::atomic<std::size_t> reached_{0};
  std::jthread thread_;  // last: stopped and joined first, wherever it is
};

/// A file mapped read-only into memory: the build cache's large files are
/// read in place instead of copied into fresh (zeroed) memory.
class MappedFile {
 public:
  /// How much of the file the caller reads: all of it (every page is mapped
  /// at once), or a part (pages are mapped as they are read).
  enum class Reading { kAll, kPart };
  /// The file mapped whole, or nullptr when it cannot be opened or mapped
  /// (an empty file maps to empty bytes).
  static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path,
                                                Reading reading = Reading::kAll);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_, size_}; }
  /// Takes the pages out of this process's memory: the bytes stay valid and
  /// are read back from the file (the page cache) where they are read again.
  void release_pages() const;

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_;
  std::size_t size_;
};

/// A file's bytes in order, in one piece or several.
using Pieces = std::vector<std::string_view>;

/// The length of all the pieces.
std::size_t total_size(const Pieces& bytes);
/// The first byte at which `was` and `bytes` differ (their common length
/// when one is the other's prefix).
std::size_t first_difference(std::string_view was, const Pieces& bytes);
/// For `was` and `bytes` of the same length that differ at `from`: the end
/// of their last difference.
std::size_t last_difference_end(std::string_view was, const Pieces& bytes, std::size_t from);

/// Creates or replaces `path` with `bytes`; a `site/write` Error on failure.
base::Result<bool> write_bytes(const std::filesystem::path& path, std::string_view bytes);
/// The same for bytes in pieces, written one after another.
base::Result<bool> write_bytes(const std::filesystem::path& path, const Pieces& bytes);
/// The same for `path` relative to the open folder `dir_fd` (AT_FDCWD: the
/// working folder).
base::Result<bool> write_bytes_at(int dir_fd, const std::string& path, const Pieces& bytes);
/// Writes all of `bytes` to `fd` at `offset` (retrying short and
/// interrupted writes); false on an error, with errno set.
bool write_all(int fd, std::string_view bytes, std::size_t offset);

/// Reads each file; an unreadable one is reported (`site/read`) and skipped.
std::vector<Source> read_sources(const std::vector<FoundFile>& files, base::Diagnostics& diags);

/// Ingests the sources on `jobs` threads (0 = hardware threads); records and
/// diagnostics are put back in source order, so the result is the same for any N.
std::vector<ingest::ArticleRecord> ingest_sources(const std::vector<Source>& sources,
                                                  const config::SiteConfig& config, int jobs,
                                                  base::Diagnostics& diags);

/// "prefix/name", or "name" when prefix is empty.
std::string join_display(std::string_view prefix, std::string_view name);

}  // namespace newsarc::site
