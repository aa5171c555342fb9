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

// One recursive walk; `stack` holds the canonical folders being walked, so a
// symlink back to one of them is a loop.
class Walker {
 public:
  Walker(const fs::path& root, FileFilter filter, base::Diagnostics& diags)
      : filter_(filter), diags_(diags) {
    std::error_code ec;
    root_ = fs::canonical(root, ec);
    if (ec) root_ = fs::absolute(root, ec);
  }

  std::vector<FoundFile> walk(const fs::path& dir, const std::string& prefix) {
    stack_.push_back(root_);
    walk_folder(dir.string(), prefix);
    std::sort(found_.begin(), found_.end(),
              [](const FoundFile& a, const FoundFile& b) { return a.display < b.display; });
    return std::move(found_);
  }

 private:
  // The entries of folder `dir`, or nullopt (reported) when it cannot be read.
  // readdir instead of std::filesystem::directory_iterator, which built a
  // path split into components per entry: at 100,000 sources, listing them
  // took 100 ms of a 190 ms build in which nothing changed (140 ms now).
  std::optional<std::vector<FolderEntry>> read_folder(const std::string& dir,
                                                      const std::string& display) {
    std::vector<FolderEntry> entries;
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const std::error_code ec =
        fd < 0 ? std::error_code(errno, std::generic_category()) : read_folder_entries(fd, entries);
    if (!ec) return entries;
    diags_.report(base::Severity::kError, display, 0, 0, "site/read",
                  "cannot read folder: " + ec.message());
    return std::nullopt;
  }

  void walk_folder(const std::string& dir, const std::string& display) {
    auto entries = read_folder(dir, display);
    if (!entries) return;
    // By name, as bytes: the order of the paths (the same folder).
    std::sort(entries->begin(), entries->end(),
              [](const FolderEntry& a, const FolderEntry& b) { return a.name < b.name; });
    const std::string folder = dir.ends_with('/') ? dir : dir + '/';
    for (const FolderEntry& entry : *entries) {
      if (entry.name.starts_with(".")) continue;
      if (has_control_char(entry.name)) {
        diags_.report(base::Severity::kError, join_display(display, escape_controls(entry.name)), 0,
                      0, "site/bad-name",
                      "file name holds a control character (a line break?); skipped");
        continue;
      }
      visit(folder + entry.name, entry, join_display(display, entry.name));
    }
  }

  void visit(const std::string& path, const FolderEntry& entry, const std::string& display) {
    if (entry.type == DT_LNK) return visit_symlink(path, display);
    if (entry.type == DT_DIR) {
      stack_.push_back(stack_.back() / entry.name);  // a real folder: canonical below its parent
      walk_folder(path, display);
      stack_.pop_back();
      return;
    }
    if (entry.type == DT_REG) return add_file(path, display);
    skip(display, "not a regular file");
  }

  void visit_symlink(const fs::path& entry, const std::string& display) {
    std::error_code ec;
    const fs::path target = fs::canonical(entry, ec);
    if (ec) return symlink_warning(display, "symbolic link is broken (" + ec.message() + ")");
    if (!is_within(target, root_))
      return symlink_warning(display, "symbolic link leads outside " + root_.string());
    if (fs::is_directory(target, ec)) {
      if (std::find(stack_.begin(), stack_.end(), target) != stack_.end())
        return symlink_warning(display, "symbolic link loops back to a folder above it");
      stack_.push_back(target);
      walk_folder(entry.string(), display);
      stack_.pop_back();
      return;
    }
    if (fs::is_regular_file(target, ec)) return add_file(entry.string(), display);
    skip(display, "not a regular file");
  }

  void add_file(const std::string& entry, const std::string& display) {
    if (filter_ == FileFilter::kContent && !has_content_extension(entry))
      return skip(display, "not a .txt, .md or .markdown file");
    found_.push_back({entry, display});
  }

  void skip(const std::string& display, const std::string& why) {
    diags_.report(base::Severity::kNote, display, 0, 0, "site/skip", why + "; skipped");
  }

  void symlink_warning(const std::string& display, const std::string& why) {
    diags_.report(base::Severity::kWarning, display, 0, 0, "site/symlink", why + "; not followed");
  }

  fs::path root_;
  FileFilter filter_;
  base::Diagnostics& diags_;
  std::vector<fs::path> stack_;
  std::vector<FoundFile> found_;
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
  return Walker(dir, filter, diags).walk(dir, prefix);
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
