#include "site/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <optional>
#include <system_error>

#include "base/pool.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

// The extension as std::filesystem gives it ("a.b.md" -> ".md"; none for
// ".profile"), compared without case.
bool has_content_extension(std::string_view path) {
  const std::string_view name = path.substr(path.rfind('/') + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".txt" || ext == ".md" || ext == ".markdown";
}

// True when `inner` is `outer` or lies below it (both canonical).
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [end_outer, end_inner] =
      std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  (void)end_inner;
  return end_outer == outer.end();
}

// A line break or tab in a file name would break the one-line diagnostics
// and the links of the built site.
bool has_control_char(std::string_view name) {
  return std::any_of(name.begin(), name.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// "new\nline.txt" for a name holding a line break.
std::string escape_controls(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

FileStat file_stat_of(const struct ::stat& st) {
  return {static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
          static_cast<std::uint64_t>(st.st_ino)};
}

// A folder the walk reads, and the canonical folders down to it (itself
// last), so that a symlink back to one of them is a loop.
struct FolderToRead {
  std::string path, display;
  std::vector<fs::path> stack;
};

// What reading one folder found: its files and their stats, what it
// reported, and its subfolders, each with the number of diagnostics reported
// before it, so that a walk on several threads reports in the order of a
// walk on one (depth first, by name).
struct FolderFound {
  std::vector<FoundFile> files;
  std::vector<FileStat> stats;
  base::Diagnostics diags;
  std::vector<FolderToRead> subfolders;
  std::vector<std::size_t> reported_before;  // per subfolder
  std::size_t first_subfolder = 0;           // its id among all folders read
};

// The walk reads the folders one level at a time, each level's folders on a
// pool of threads, and stats each file in the folder it found it in. Listing
// a 100,000-file archive (content/2024/03/...: some 130 month folders) is a
// readdir and a stat per file, the kernel's work (its name lookups, mostly):
// walked on one thread, then statted on two, it took 160 ms of a 1.2 s
// rebuild after one edit (median of five); with both on two threads, 151 ms.
class Walker {
 public:
  Walker(const fs::path& root, FileFilter filter, bool stat_files)
      : filter_(filter), stat_files_(stat_files) {
    std::error_code ec;
    root_ = fs::canonical(root, ec);
    if (ec) root_ = fs::absolute(root, ec);
  }

  std::vector<FoundFile> walk(const fs::path& dir, const std::string& prefix, int threads,
                              std::vector<FileStat>& stats, base::Diagnostics& diags) {
    std::vector<FolderFound> found;
    std::vector<FolderToRead> level{{dir.string(), prefix, {root_}}};
    while (!level.empty()) {
      const std::size_t first = found.size();
      found.resize(first + level.size());
      base::run_pool(level.size(), threads,
                     [&](std::size_t i) { read_folder(level[i], found[first + i]); });
      std::vector<FolderToRead> next;
      for (std::size_t i = first; i < found.size(); ++i) {
        found[i].first_subfolder = found.size() + next.size();
        for (FolderToRead& sub : found[i].subfolders) next.push_back(std::move(sub));
      }
      level = std::move(next);
    }
    report_in_order(found, 0, diags);
    return sorted_files(found, stats);
  }

 private:
  // The entries of the folder open as `fd` (-1: its open failed, errno
  // says why), or nullopt (reported) when it cannot be read. readdir instead
  // of std::filesystem::directory_iterator, which built a path split into
  // components per entry: at 100,000 sources, listing them took 100 ms of a
  // 190 ms build in which nothing changed.
  static std::optional<std::vector<FolderEntry>> read_entries(int fd, const std::string& display,
                                                              base::Diagnostics& diags) {
    std::vector<FolderEntry> entries;
    const int copy = fd < 0 ? -1 : ::dup(fd);  // the reading closes what it reads
    const std::error_code ec = copy < 0 ? std::error_code(errno, std::generic_category())
                                        : read_folder_entries(copy, entries);
    if (!ec) return entries;
    diags.report(base::Severity::kError, display, 0, 0, "site/read",
                 "cannot read folder: " + ec.message());
    return std::nullopt;
  }

  // On a pool thread: touches nothing but `out`.
  void read_folder(const FolderToRead& folder, FolderFound& out) const {
    // Opened once: read, then its files statted by name in it, not by a
    // path looked up from the root again.
    const int fd = ::open(folder.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    auto entries = read_entries(fd, folder.display, out.diags);
    if (!entries) {
      if (fd >= 0) ::close(fd);
      return;
    }
    // By name, as bytes: the order of the paths (the same folder).
    std::sort(entries->begin(), entries->end(),
              [](const FolderEntry& a, const FolderEntry& b) { return a.name < b.name; });
    const std::string prefix = folder.path.ends_with('/') ? folder.path : folder.path + '/';
    for (const FolderEntry& entry : *entries) {
      if (entry.name.starts_with(".")) continue;
      const std::string display = join_display(folder.display, entry.name);
      if (has_control_char(entry.name)) {
        out.diags.report(
            base::Severity::kError, join_display(folder.display, escape_controls(entry.name)), 0, 0,
            "site/bad-name", "file name holds a control character (a line break?); skipped");
        continue;
      }
      visit({prefix + entry.name, display}, folder.stack, entry, fd, out);
    }
    if (fd >= 0) ::close(fd);
  }

  // An entry, by its path and display name, in a folder of canonical
  // folders `stack`.
  struct Entry {
    std::string path, display;
  };

  void visit(const Entry& at, const std::vector<fs::path>& stack, const FolderEntry& entry, int fd,
             FolderFound& out) const {
    if (entry.type == DT_LNK) return visit_symlink(at, stack, entry, fd, out);
    if (entry.type == DT_DIR)  // a real folder: canonical below its parent
      return add_subfolder(at, stack, stack.back() / entry.name, out);
    if (entry.type == DT_REG) return add_file(at, entry, fd, out);
    skip(at.display, "not a regular file", out);
  }

  void visit_symlink(const Entry& at, const std::vector<fs::path>& stack, const FolderEntry& entry,
                     int fd, FolderFound& out) const {
    std::error_code ec;
    const fs::path target = fs::canonical(at.path, ec);
    if (ec)
      return symlink_warning(at.display, "symbolic link is broken (" + ec.message() + ")", out);
    if (!is_within(target, root_))
      return symlink_warning(at.display, "symbolic link leads outside " + root_.string(), out);
    if (fs::is_directory(target, ec)) {
      if (std::find(stack.begin(), stack.end(), target) != stack.end())
        return symlink_warning(at.display, "symbolic link loops back to a folder above it", out);
      return add_subfolder(at, stack, target, out);
    }
    if (fs::is_regular_file(target, ec)) return add_file(at, entry, fd, out);
    skip(at.display, "not a regular file", out);
  }

  static void add_subfolder(const Entry& at, const std::vector<fs::path>& stack,
                            const fs::path& canonical, FolderFound& out) {
    out.reported_before.push_back(out.diags.items().size());
    FolderToRead& sub = out.subfolders.emplace_back(FolderToRead{at.path, at.display, stack});
    sub.stack.push_back(canonical);
  }

  void add_file(const Entry& at, const FolderEntry& entry, int fd, FolderFound& out) const {
    if (filter_ == FileFilter::kContent && !has_content_extension(at.path))
      return skip(at.display, "not a .txt, .md or .markdown file", out);
    out.files.push_back({at.path, at.display});
    if (!stat_files_) return;
    struct ::stat st {};
    const bool ok = fd >= 0 ? ::fstatat(fd, entry.name.c_str(), &st, 0) == 0
                            : ::stat(at.path.c_str(), &st) == 0;
    out.stats.push_back(ok ? file_stat_of(st) : FileStat{});
  }

  static void skip(const std::string& display, const std::string& why, FolderFound& out) {
    out.diags.report(base::Severity::kNote, display, 0, 0, "site/skip", why + "; skipped");
  }

  static void symlink_warning(const std::string& display, const std::string& why,
                              FolderFound& out) {
    out.diags.report(base::Severity::kWarning, display, 0, 0, "site/symlink",
                     why + "; not followed");
  }

  // Folder `id`'s diagnostics, each subfolder's reported where it was found.
  static void report_in_order(std::vector<FolderFound>& found, std::size_t id,
                              base::Diagnostics& diags) {
    const auto& items = found[id].diags.items();
    std::size_t next = 0;
    for (std::size_t k = 0; k < found[id].reported_before.size(); ++k) {
      for (; next < found[id].reported_before[k]; ++next) diags.add(items[next]);
      report_in_order(found, found[id].first_subfolder + k, diags);
    }
    for (; next < items.size(); ++next) diags.add(items[next]);
  }

  // Every folder's files, by display name, and their stats beside them.
  std::vector<FoundFile> sorted_files(std::vector<FolderFound>& found,
                                      std::vector<FileStat>& stats) const {
    std::vector<FoundFile> files;
    std::vector<FileStat> unsorted;
    for (FolderFound& f : found) {
      std::move(f.files.begin(), f.files.end(), std::back_inserter(files));
      unsorted.insert(unsorted.end(), f.stats.begin(), f.stats.end());
    }
    std::vector<std::size_t> order(files.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return files[a].display < files[b].display; });
    std::vector<FoundFile> out;
    out.reserve(files.size());
    stats.clear();
    for (std::size_t i : order) {
      out.push_back(std::move(files[i]));
      if (stat_files_) stats.push_back(unsorted[i]);
    }
    return out;
  }

  fs::path root_;
  FileFilter filter_;
  bool stat_files_;
};

}  // namespace

std::error_code read_folder_entries(int fd, std::vector<FolderEntry>& entries) {
  DIR* folder = ::fdopendir(fd);
  if (folder == nullptr) {
    const int error = errno;
    ::close(fd);
    return {error, std::generic_category()};
  }
  int error = 0;
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(folder);
    if (entry == nullptr) {
      error = errno;
      break;
    }
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = entry->d_type;
    struct ::stat st {};
    if (type == DT_UNKNOWN &&
        ::fstatat(::dirfd(folder), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
      type = S_ISLNK(st.st_mode)   ? DT_LNK
             : S_ISDIR(st.st_mode) ? DT_DIR
             : S_ISREG(st.st_mode) ? DT_REG
                                   : DT_UNKNOWN;
    entries.push_back({std::string(name), type});
  }
  ::closedir(folder);
  return {error, std::generic_category()};
}

std::string join_display(std::string_view prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  std::string out(prefix);
  if (!out.ends_with('/')) out += '/';
  return out + std::string(name);
}

std::vector<FoundFile> list_files(const fs::path& dir, const std::string& prefix, FileFilter filter,
                                  base::Diagnostics& diags) {
  std::vector<FileStat> none;
  return Walker(dir, filter, false).walk(dir, prefix, 1, none, diags);
}

std::vector<FoundFile> list_files(const fs::path& dir, const std::string& prefix, FileFilter filter,
                                  base::Diagnostics& diags, int threads,
                                  std::vector<FileStat>& stats) {
  return Walker(dir, filter, true).walk(dir, prefix, threads, stats, diags);
}

FileStat stat_file(const fs::path& path) {
  struct ::stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return file_stat_of(st);
}

// Sized by fstat and read straight into the string: the build cache's
// files are hundreds of MB, and reading them through a small buffer into a
// growing string copied each byte three times.
base::Result<std::string> read_bytes(const fs::path& path) {
  const auto fail = [](const char* what) {
    return base::Error{"site/read", std::string(what) + std::strerror(errno)};
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("cannot open: ");
  struct ::stat st {};
  std::string bytes;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) bytes.resize(static_cast<std::size_t>(st.st_size));
  // The size fstat gave is read into place; past it, reads go through a small
  // buffer until one returns nothing (a file that grew meanwhile, or one
  // whose size is not known, such as a pipe). Growing the string instead
  // would allocate and clear 64 KiB per file only to learn it had ended.
  std::size_t done = 0;
  char more[4096];
  for (;;) {
    const bool in_place = done < bytes.size();
    const ssize_t n = in_place ? ::read(fd, bytes.data() + done, bytes.size() - done)
                               : ::read(fd, more, sizeof more);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      auto error = fail("cannot read: ");
      ::close(fd);
      return error;
    }
    if (n == 0) break;
    if (!in_place) bytes.append(more, static_cast<std::size_t>(n));
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(done);
  return bytes;
}

ReadAhead::ReadAhead(const std::vector<FoundFile>& files, std::vector<std::size_t> wanted,
                     std::size_t window)
    : files_(files), wanted_(std::move(wanted)), window_(window) {
  if (!wanted_.empty()) thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void ReadAhead::run(const std::stop_token& stop) {
  for (const std::size_t i : wanted_) {
    // The pool takes a source every hundred microseconds or so: a short nap
    // keeps the window without a lock on the pool's path.
    while (i > reached_.load(std::memory_order_relaxed) + window_) {
      if (stop.stop_requested()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (stop.stop_requested()) return;
    const int fd = ::open(files_[i].path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;  // the pool's read reports it
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    ::close(fd);
  }
}

std::shared_ptr<const MappedFile> MappedFile::open(const fs::path& path, Reading reading) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct ::stat st {};
  void* data = nullptr;
  const bool ok = ::fstat(fd, &st) == 0 && st.st_size >= 0;
  const auto size = ok ? static_cast<std::size_t>(st.st_size) : 0;
  // MAP_POPULATE: a caller that reads all of it has every page mapped at once.
  const int flags = MAP_PRIVATE | (reading == Reading::kAll ? MAP_POPULATE : 0);
  if (ok && size > 0) data = ::mmap(nullptr, size, PROT_READ, flags, fd, 0);
  ::close(fd);
  if (!ok || data == MAP_FAILED) return nullptr;
  return std::shared_ptr<const MappedFile>(new MappedFile(static_cast<const char*>(data), size));
}

void MappedFile::release_pages() const {
  if (size_ > 0) ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (size_ > 0) ::munmap(const_cast<char*>(data_), size_);
}

// With plain system calls rather than stdio: a site is tens of thousands of
// small files, and stdio's buffer and locking cost as much as the write.
base::Result<bool> write_bytes(const fs::path& path, std::string_view bytes) {
  return write_bytes(path, Pieces{bytes});
}

base::Result<bool> write_bytes(const fs::path& path, const Pieces& bytes) {
  return write_bytes_at(AT_FDCWD, path.native(), bytes);
}

base::Result<bool> write_bytes_at(int dir_fd, const std::string& path, const Pieces& bytes) {
  const auto fail = [&] {
    return base::Error{"site/write", "cannot write " + path + ": " + std::strerror(errno)};
  };
  const int fd = ::openat(dir_fd, path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail();
  std::size_t at = 0;
  for (std::string_view piece : bytes) {
    if (!write_all(fd, piece, at)) {
      auto error = fail();
      ::close(fd);
      return error;
    }
    at += piece.size();
  }
  if (::close(fd) != 0) return fail();
  return true;
}

std::size_t total_size(const Pieces& bytes) {
  std::size_t n = 0;
  for (std::string_view piece : bytes) n += piece.size();
  return n;
}

namespace {

// How many bytes a and b (of the same length) have in common from the start,
// or from the end, compared 64 KB at a time while they agree.
constexpr std::size_t kBlock = 1 << 16;
std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  while (at + kBlock <= a.size() && std::memcmp(a.data() + at, b.data() + at, kBlock) == 0)
    at += kBlock;
  while (at < a.size() && a[at] == b[at]) ++at;
  return at;
}
std::size_t common_suffix(std::string_view a, std::string_view b) {
  std::size_t n = a.size(), same = 0;
  while (same + kBlock <= n &&
         std::memcmp(a.data() + n - same - kBlock, b.data() + n - same - kBlock, kBlock) == 0)
    same += kBlock;
  while (same < n && a[n - same - 1] == b[n - same - 1]) ++same;
  return same;
}

}  // namespace

// The first byte at which `was` and `bytes` differ (their common length when
// one is the other's prefix).
std::size_t first_difference(std::string_view was, const Pieces& bytes) {
  std::size_t at = 0;
  for (std::string_view piece : bytes) {
    const std::size_t n = std::min(piece.size(), was.size() - at);
    const std::size_t same = common_prefix(was.substr(at, n), piece.substr(0, n));
    at += same;
    if (same < piece.size()) return at;
  }
  return at;
}

// For `was` and `bytes` of the same length that differ at `from`: the end of
// their last difference.
std::size_t last_difference_end(std::string_view was, const Pieces& bytes, std::size_t from) {
  std::size_t end = was.size();
  for (auto piece = bytes.rbegin(); piece != bytes.rend(); ++piece) {
    const std::size_t begin = end - piece->size();
    const std::size_t same = common_suffix(was.substr(begin, piece->size()), *piece);
    if (same < piece->size()) return std::max(end - same, from);
    end = begin;
  }
  return from;
}

bool write_all(int fd, std::string_view bytes, std::size_t offset) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n =
        ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::vector<Source> read_sources(const std::vector<FoundFile>& files, base::Diagnostics& diags) {
  std::vector<Source> sources;
  sources.reserve(files.size());
  std::vector<std::size_t> all(files.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  ReadAhead ahead(files, std::move(all));
  for (std::size_t i = 0; i < files.size(); ++i) {
    const FoundFile& file = files[i];
    ahead.reached(i);
    auto bytes = read_bytes(file.path);
    if (!bytes) {
      diags.report(base::Severity::kError, file.display, 0, 0, bytes.error().code,
                   bytes.error().message + "; skipped");
      continue;
    }
    sources.push_back({file.display, std::move(bytes).value()});
  }
  return sources;
}

}  // namespace newsarc::site
