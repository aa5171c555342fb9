// write_site: stage the output in a sibling folder, then swap it in, so a
// failed build never leaves a half-written site.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <tuple>

#include "site/files.h"
#include "site/pool.h"
#include "site/site.h"
#include "site/writer.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

base::Error write_error(const std::string& what, const std::error_code& ec) {
  return base::Error{"site/write", what + ": " + ec.message()};
}

std::optional<base::Error> check_output_paths(const render::RenderedSite& site) {
  for (const auto& [path, bytes] : site)
    if (auto bad = check_output_path(path)) return bad;
  return std::nullopt;
}

bool has_marker(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(dir / kOutputMarker, ec));
}

// Only a missing folder, an empty one or one newsarc wrote may be replaced.
std::optional<base::Error> check_replaceable(const fs::path& out) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(out, ec);
  if (!fs::exists(status)) return std::nullopt;
  const std::string refusal = "refusing to replace " + out.string() + ": ";
  if (fs::is_symlink(status))
    return base::Error{"site/not-ours", refusal + "it is a symbolic link"};
  if (!fs::is_directory(status))
    return base::Error{"site/not-ours", refusal + "it is not a folder"};
  if (fs::is_empty(out, ec) || has_marker(out)) return std::nullopt;
  return base::Error{"site/not-ours", refusal + "it is not empty and has no " +
                                          std::string(kOutputMarker) +
                                          " marker, so newsarc did not write it"};
}

// Removes a folder newsarc wrote, its marker last, so that a build killed
// half-way through leaves a folder the next build still recognises as its own.
std::error_code remove_ours(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename() != kOutputMarker) entries.push_back(it->path());
  for (const fs::path& entry : entries)
    if (fs::remove_all(entry, ec); ec) return ec;
  fs::remove_all(dir, ec);
  return ec;
}

// A fresh staging folder, marked first (see remove_ours); a stale one is
// removed only if newsarc wrote it.
std::optional<base::Error> make_staging(const fs::path& staging) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(staging, ec))) {
    if (auto refusal = check_replaceable(staging)) return refusal;
    if ((ec = remove_ours(staging))) return write_error("cannot remove " + staging.string(), ec);
  }
  fs::create_directories(staging, ec);
  if (ec) return write_error("cannot create " + staging.string(), ec);
  auto marker = write_bytes(staging / kOutputMarker,
                            "This folder was written by newsarc; each build replaces it.\n");
  if (!marker) return marker.error();
  return std::nullopt;
}

// A folder a build left beside `out`: "public.tmp-4242" (staging) or
// "public.old-4242" (the old site, set aside while the new one is moved in).
struct Sibling {
  fs::path path;
  pid_t pid = 0;
  bool set_aside = false;
};

std::optional<Sibling> parse_sibling(const fs::path& path, const std::string& out_name) {
  const std::string name = path.filename().string();
  for (const char* kind : {".tmp-", ".old-"}) {
    const std::string prefix = out_name + kind;
    if (!name.starts_with(prefix) || name.size() == prefix.size() ||
        name.size() > prefix.size() + 9)
      continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    return Sibling{path, static_cast<pid_t>(std::stoi(digits)), kind[1] == 'o'};
  }
  return std::nullopt;
}

// Cleans up after builds killed half-way (only folders newsarc marked, of
// processes that are gone): staging folders are removed, and an old site set
// aside is moved back when no new one took its place.
void recover_stale_siblings(const fs::path& out) {
  std::error_code ec;
  std::vector<Sibling> stale;
  for (fs::directory_iterator it(out.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    auto s = parse_sibling(it->path(), out.filename().string());
    if (s && s->pid != ::getpid() && ::kill(s->pid, 0) != 0 && errno == ESRCH &&
        !check_replaceable(s->path))
      stale.push_back(*s);
  }
  for (const Sibling& s : stale) {
    if (s.set_aside && !fs::exists(fs::symlink_status(out, ec)) && has_marker(s.path))
      fs::rename(s.path, out, ec);
    else
      remove_ours(s.path);
  }
}

// Replaces `out` by `staging` without a moment where `out` is half written.
// renameat2(RENAME_EXCHANGE) swaps the two; file systems that lack it get the
// old folder renamed aside first. The old site is then removed, or moved to
// `keep_old` when given (the spare folder the next build updates).
std::optional<base::Error> swap_in(const fs::path& staging, const fs::path& out,
                                   const fs::path& keep_old = {}, bool* kept = nullptr) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(out, ec))) {
    fs::rename(staging, out, ec);
    return ec ? std::optional(write_error("cannot rename to " + out.string(), ec)) : std::nullopt;
  }
  fs::path old = staging;
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
      return write_error("cannot swap in " + out.string(),
                         std::error_code(errno, std::generic_category()));
    old = out.string() + ".old-" + std::to_string(::getpid());
    fs::rename(out, old, ec);
    if (ec) return write_error("cannot move aside " + out.string(), ec);
    fs::rename(staging, out, ec);
    if (ec) {
      std::error_code restore;
      fs::rename(old, out, restore);
      return write_error("cannot rename to " + out.string(), ec);
    }
  }
  if (!keep_old.empty() && old != keep_old) {
    if (fs::exists(fs::symlink_status(keep_old, ec)) && !check_replaceable(keep_old))
      remove_ours(keep_old);
    fs::rename(old, keep_old, ec);
  }
  if (keep_old.empty() || ec) {
    remove_ours(old);
  } else if (kept != nullptr) {
    *kept = true;
  }
  return std::nullopt;
}

}  // namespace

// Output paths come from render; this is defence in depth against one that
// would escape the output folder ("../x", "/etc/x") or clobber the marker.
std::optional<base::Error> check_output_path(const std::string& path) {
  const fs::path p(path);
  bool bad = path.empty() || p.is_absolute() || path.find('\0') != std::string::npos ||
             path.find('\\') != std::string::npos || path.find("//") != std::string::npos ||
             path == kOutputMarker;
  for (const fs::path& part : p) bad = bad || part == ".." || part == "." || part.empty();
  if (bad) return base::Error{"site/bad-path", "refusing to write output path \"" + path + "\""};
  return std::nullopt;
}

fs::path output_folder(const std::string& out_dir) {
  std::error_code ec;
  fs::path out = fs::absolute(out_dir, ec).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  return out;
}

// The whole site at once: an OutputWriter that stages every file afresh.
base::Result<bool> write_site(const render::RenderedSite& site, const std::string& out_dir) {
  if (auto bad = check_output_paths(site)) return *bad;  // before anything is touched
  auto writer = OutputWriter::open(out_dir, WriteMode::kStage, {});
  if (!writer) return writer.error();
  for (const auto& [path, bytes] : site)
    if (auto put = (*writer)->put(path, bytes); !put) return put.error();
  if (auto failed = (*writer)->finish()) return *failed;
  return true;
}

// ---- OutputWriter ----------------------------------------------------------

namespace {

// A folder's contents as paths relative to it: its folders (each before
// what it holds) and its regular files. Symbolic links and other special
// files are left out.
struct Tree {
  std::vector<std::string> folders, files;
};

std::error_code system_error(int error) {
  return {error, std::generic_category()};
}

// Adds folder `rel` of the open folder `root_fd` ("" = root) to `tree`, by
// the entries' types as the folder listing gives them.
std::error_code list_tree(int root_fd, const std::string& rel, Tree& tree) {
  const int fd = ::openat(root_fd, rel.empty() ? "." : rel.c_str(),
                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return system_error(errno);
  std::vector<FolderEntry> entries;
  if (auto failed = read_folder_entries(fd, entries)) return failed;
  std::vector<std::string> folders;
  for (const FolderEntry& entry : entries) {
    std::string path = rel.empty() ? entry.name : rel + '/' + entry.name;
    if (entry.type == DT_DIR) folders.push_back(std::move(path));
    if (entry.type == DT_REG) tree.files.push_back(std::move(path));
  }
  for (std::string& folder : folders) {
    tree.folders.push_back(folder);
    if (auto failed = list_tree(root_fd, folder, tree)) return failed;
  }
  return {};
}

// A folder opened for the *at calls, closed with its holder.
class OpenFolder {
 public:
  explicit OpenFolder(const fs::path& path)
      : fd_(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)),
        error_(fd_ < 0 ? errno : 0) {}
  ~OpenFolder() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFolder(const OpenFolder&) = delete;
  OpenFolder& operator=(const OpenFolder&) = delete;
  int fd() const { return fd_; }
  std::error_code error() const { return system_error(error_); }  ///< why it did not open

 private:
  int fd_;
  int error_;
};

// Makes the folders of `tree` in `staging`, parents first, on one thread:
// most are made in one parent ("articles/"), and two threads would wait for
// each other's lock on it.
std::optional<base::Error> make_tree_folders(const Tree& tree, const fs::path& staging,
                                             int staging_fd) {
  for (const std::string& folder : tree.folders) {
    if (::mkdirat(staging_fd, folder.c_str(), 0777) == 0 || errno == EEXIST) continue;
    const std::error_code ec = system_error(errno);
    return write_error("cannot stage " + (staging / folder).string(), ec);
  }
  return std::nullopt;
}

// Links every file of `tree` from `out` into `staging` on `threads` threads
// (a copy where a link cannot be made); the first failure in listing order.
std::optional<base::Error> link_files(const Tree& tree, const fs::path& out, int out_fd,
                                      const fs::path& staging, int staging_fd, int threads) {
  std::mutex mutex;
  std::size_t first = tree.files.size();
  std::error_code failure;
  run_pool(tree.files.size(), threads, [&](std::size_t i) {
    const std::string& file = tree.files[i];
    if (file == kOutputMarker) return;  // the staging folder has its own
    if (::linkat(out_fd, file.c_str(), staging_fd, file.c_str(), 0) == 0) return;
    std::error_code ec;
    fs::copy_file(out / file, staging / file, ec);
    std::lock_guard lock(mutex);
    if (ec && i < first) std::tie(first, failure) = std::pair(i, ec);
  });
  if (!failure) return std::nullopt;
  return write_error("cannot stage " + (staging / tree.files[first]).string(), failure);
}

// Fills `staging` with a hard link to every file of `out` (a copy where a link
// cannot be made), so files this build leaves unchanged keep their inode and
// modification time while `out` itself is not touched until the swap.
std::optional<base::Error> link_existing(const fs::path& out, const fs::path& staging,
                                         int threads) {
  const OpenFolder from(out);
  if (from.fd() < 0) return write_error("cannot read " + out.string(), from.error());
  const OpenFolder to(staging);
  if (to.fd() < 0) return write_error("cannot stage " + staging.string(), to.error());
  Tree tree;
  if (auto ec = list_tree(from.fd(), "", tree))
    return write_error("cannot read " + out.string(), ec);
  if (auto failed = make_tree_folders(tree, staging, to.fd())) return failed;
  return link_files(tree, out, from.fd(), staging, to.fd(), threads);
}

bool same_file(const FileIndex* files, const OutputFile& f) {
  const OutputFile* const* held = files == nullptr ? nullptr : files->find(f.path);
  return held != nullptr && (*held)->size == f.size && (*held)->hash == f.hash;
}

// Files held alone at least this large have only their changed bytes
// written (see patch_in_place).
constexpr std::size_t kPatchMin = 1 << 20;

// Sets `target`'s length to `size` and writes the part of `bytes` in [from, to).
bool write_range(const fs::path& target, const Pieces& bytes, std::size_t size, std::size_t from,
                 std::size_t to) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::ftruncate(fd, static_cast<off_t>(size)) == 0;
  std::size_t at = 0;
  for (std::string_view piece : bytes) {
    const std::size_t lo = std::max(at, from), hi = std::min(at + piece.size(), to);
    if (ok && lo < hi) ok = write_all(fd, piece.substr(lo - at, hi - lo), lo);
    at += piece.size();
  }
  return ::close(fd) == 0 && ok;
}

// Is `target` a file of the staging folder alone, not a link to a live
// file? Such a file may be written over where it is: the folder is not live.
bool held_alone(const fs::path& target) {
  struct ::stat st {};
  return ::lstat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1;
}

// A large file held alone that changed a little (records.json after an
// edit: 400 MB at 100,000 articles, of which one line differs) is rewritten
// from its first changed byte on, not whole. With the length unchanged, only
// the bytes between the first and the last change are written. False when it
// is too small for that to pay, or cannot be read.
bool patch_in_place(const fs::path& target, const Pieces& bytes) {
  const std::size_t size = total_size(bytes);
  if (size < kPatchMin) return false;
  std::size_t from = 0, to = size;
  {
    const auto old = MappedFile::open(target);
    if (!old) return false;
    const std::string_view was = old->bytes();
    from = first_difference(was, bytes);
    if (was.size() == size) to = last_difference_end(was, bytes, from);
  }
  return write_range(target, bytes, size, from, to);
}

// Writes a file held alone over where it is, without truncating it first:
// the blocks it has are written again, and only those past a shorter end are
// freed. Unlinking or truncating a changed file and writing another freed
// and took blocks for each one (on a file system mounted with `discard`,
// each free is a request to the disk: 135 us an unlink, 2.2 s of the 16,000
// list pages a day's articles move at 100,000 articles).
bool write_over(const fs::path& target, const Pieces& bytes) {
  if (patch_in_place(target, bytes)) return true;
  const std::size_t size = total_size(bytes);
  return write_range(target, bytes, size, 0, size);
}

}  // namespace

FileIndex index_files(const OutputState& state) {
  FileIndex files;
  files.reserve(state.files);
  for (const UnitState& unit : state.units)
    for (const OutputFile& f : unit.files) files.assign(&f);  // the last of a path wins
  return files;
}

fs::path spare_folder(const std::string& out_dir) {
  return output_folder(out_dir).string() + ".newsarc-spare";
}

OutputWriter::OutputWriter(fs::path out, WriteMode mode, const Known& known)
    : out_(std::move(out)), mode_(mode), known_(known) {
  if (known.live != nullptr) done_.reserve(known.live->size());
}

OutputWriter::~OutputWriter() {
  if (staging_fd_ >= 0) ::close(staging_fd_);
  if (!finished_ && mode_ != WriteMode::kSpare) remove_ours(staging_);
}

base::Result<std::unique_ptr<OutputWriter>> OutputWriter::open(const std::string& out_dir,
                                                               WriteMode mode, const Known& known,
                                                               int threads) {
  const fs::path out = output_folder(out_dir);
  if (out == out.root_path())
    return base::Error{"site/not-ours", "refusing to write the site into " + out.string()};
  recover_stale_siblings(out);
  if (auto refusal = check_replaceable(out)) return *refusal;
  if (!has_marker(out)) mode = WriteMode::kStage;  // missing or empty: nothing to keep
  if (mode == WriteMode::kSpare &&
      (known.spare == nullptr || known.live == nullptr || !has_marker(spare_folder(out_dir))))
    mode = WriteMode::kLinked;
  std::unique_ptr<OutputWriter> writer(new OutputWriter(out, mode, known));
  if (mode == WriteMode::kSpare) {
    writer->staging_ = spare_folder(out_dir);
    return writer;
  }
  writer->staging_ = out.string() + ".tmp-" + std::to_string(::getpid());
  auto failed = make_staging(writer->staging_);
  if (failed) writer->finished_ = true;
  if (!failed && mode == WriteMode::kLinked) failed = link_existing(out, writer->staging_, threads);
  if (failed) return *failed;     // the destructor removes a half-linked staging folder
  if (mode == WriteMode::kStage)  // for write_ahead; without it, it writes by the whole path
    writer->staging_fd_ = ::open(writer->staging_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  return writer;
}

// What is known of the staging folder's files: a spare folder holds what its
// state says, a folder of links to the live files what the live site has.
const FileIndex* OutputWriter::held_files() const {
  if (mode_ == WriteMode::kStage) return nullptr;
  return mode_ == WriteMode::kSpare ? known_.spare : known_.live;
}

// Does the staging folder hold `file` already? By what is known of it, else
// (a linked folder of unknown content) by reading the file.
bool OutputWriter::holds(const OutputFile& file, const Pieces& bytes) const {
  if (mode_ == WriteMode::kStage) return false;
  if (const FileIndex* held = held_files()) return same_file(held, file);
  const fs::path target = staging_ / file.path;
  if (stat_file(target).size != static_cast<std::int64_t>(file.size)) return false;
  auto old = read_bytes(target);
  return old && old->size() == file.size && first_difference(*old, bytes) == file.size;
}

namespace {

// mkdir -p of `dir` (relative to the open folder `dir_fd`, or absolute)
// without asking first whether each folder exists: mkdir, and the parent only
// when it is missing. 0 when `dir` was made, else the errno of its last mkdir
// (EEXIST: something is there already).
int make_folders(int dir_fd, const std::string& dir) {
  if (::mkdirat(dir_fd, dir.c_str(), 0777) == 0) return 0;
  if (errno != ENOENT) return errno;
  const std::size_t slash = dir.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return ENOENT;
  if (int error = make_folders(dir_fd, dir.substr(0, slash)); error != 0 && error != EEXIST)
    return error;
  return ::mkdirat(dir_fd, dir.c_str(), 0777) == 0 ? 0 : errno;
}

// Creates `path` (relative to the open folder `dir_fd`) with `bytes`, making
// its folders only when the first write fails (a build makes a folder per
// article: asking first would cost a call per file). Relative to the staging
// folder, the kernel walks two or three names per file instead of the whole
// absolute path. Safe on any thread: two threads making the same folder both
// go on.
bool write_new_file(int dir_fd, const std::string& path, const Pieces& bytes) {
  if (write_bytes_at(dir_fd, path, bytes)) return true;
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return false;
  make_folders(dir_fd, path.substr(0, slash));
  return write_bytes_at(dir_fd, path, bytes).has_value();
}

// Writes a changed file into a staging folder that held files before
// (kLinked, kSpare): one the folder holds alone is written over; anything
// else there, which may be a link to a live file that must keep its bytes,
// is unlinked and the file made anew. False when neither worked.
bool replace_in_staging(const std::string& target, const Pieces& bytes) {
  if (held_alone(target) && write_over(target, bytes)) return true;
  if (::unlink(target.c_str()) != 0 && errno != ENOENT) return false;
  return write_new_file(AT_FDCWD, target, bytes);
}

}  // namespace

std::optional<base::Error> OutputWriter::make_parent(const fs::path& target) {
  return make_dir(target.parent_path());
}

// Folders are made by make_folders (create_directories asked first whether
// each existed: two stat calls per folder, and a build makes one per article).
std::optional<base::Error> OutputWriter::make_dir(const fs::path& dir) {
  if (made_dirs_.count(dir.string())) return std::nullopt;
  int error = make_folders(AT_FDCWD, dir.string());
  std::error_code ec;
  if (error == EEXIST && !fs::is_directory(dir, ec)) error = ENOTDIR;  // a file in the way
  if (error != 0 && error != EEXIST)
    return write_error("cannot create " + dir.string(),
                       std::error_code(error, std::generic_category()));
  made_dirs_.insert(dir.string());
  return std::nullopt;
}

std::optional<OutputWriter::Ahead> OutputWriter::write_ahead(const std::string& path,
                                                             const Pieces& bytes) const {
  if (check_output_path(path)) return std::nullopt;
  const OutputFile file{path, total_size(bytes), hash_pieces(bytes)};
  if (mode_ == WriteMode::kStage) {
    const bool wrote = staging_fd_ >= 0
                           ? write_new_file(staging_fd_, path, bytes)
                           : write_new_file(AT_FDCWD, (staging_ / path).string(), bytes);
    return wrote ? std::optional<Ahead>(Ahead{file, true}) : std::nullopt;
  }
  const FileIndex* held = held_files();
  if (held == nullptr) return std::nullopt;  // put() reads what the folder holds
  if (same_file(held, file)) return Ahead{file, false};
  if (same_file(known_.live, file)) return std::nullopt;  // put() links the live file
  if (!replace_in_staging((staging_ / path).string(), bytes)) return std::nullopt;
  return Ahead{file, true};
}

base::Result<OutputFile> OutputWriter::put_written(const Ahead& ahead, const Pieces& bytes) {
  const OutputFile& file = ahead.file;
  // Put before by an earlier unit: put() writes it again, so the last unit's
  // bytes win whichever thread wrote ahead last.
  if (!mark_done(file.path)) return put(file.path, bytes);
  if (!ahead.wrote) {
    ++unchanged_;
    return file;
  }
  ++written_;
  ++written_ahead_;
  return file;
}

// Makes the staging folder's `path` the live site's file, by a hard link (so
// it keeps its inode and mtime). False when that cannot be done.
bool OutputWriter::link_live(const std::string& path) {
  if (mode_ != WriteMode::kSpare) return false;
  const fs::path target = staging_ / path;
  if (make_parent(target)) return false;
  std::error_code ec;
  fs::remove(target, ec);
  fs::create_hard_link(out_ / path, target, ec);
  return !ec;
}

base::Result<OutputFile> OutputWriter::put(const std::string& path, const Pieces& bytes) {
  if (auto bad = check_output_path(path)) return *bad;
  OutputFile file{path, total_size(bytes), hash_pieces(bytes)};
  const bool again = !mark_done(path);
  if (!again && holds(file, bytes)) {
    ++unchanged_;
    return file;
  }
  if (!again && same_file(known_.live, file) && link_live(path)) {
    ++unchanged_;
    return file;
  }
  const fs::path target = staging_ / path;
  if (auto failed = make_parent(target)) return *failed;
  if (mode_ != WriteMode::kStage && replace_in_staging(target.string(), bytes)) {
    ++written_;
    return file;
  }
  auto wrote = write_bytes(target, bytes);  // a fresh folder's file, or why it cannot be written
  if (!wrote) return wrote.error();
  ++written_;
  return file;
}

// Records `path` as put; false when it was put or kept before.
bool OutputWriter::mark_done(const std::string& path) {
  if (done_.contains(path)) return false;
  done_.insert(std::string_view(put_paths_.emplace_back(path)));
  if (const FileIndex* held = held_files(); held != nullptr && held->contains(path))
    ++held_claimed_;
  return true;
}

std::optional<base::Error> OutputWriter::keep(const OutputFile& file) {
  if (!can_keep())
    return base::Error{"site/write",
                       "cannot keep " + file.path + ": no previous site to keep it from"};
  const bool first = done_.insert(file.path);
  const OutputFile* held = nullptr;  // the staging folder's file at that path, if known
  if (const FileIndex* files = held_files()) {
    if (const OutputFile* const* found = files->find(file.path)) held = *found;
  }
  if (held != nullptr && first) ++held_claimed_;
  const bool same = held != nullptr && held->size == file.size && held->hash == file.hash;
  if (mode_ != WriteMode::kSpare || same) return std::nullopt;
  if (link_live(file.path)) return std::nullopt;
  return base::Error{"site/write",
                     "cannot link " + (out_ / file.path).string() + " into " + staging_.string()};
}

const OutputFile* OutputWriter::live_file(std::string_view path, std::uint64_t hash) const {
  if (!can_keep() || known_.live == nullptr) return nullptr;
  const OutputFile* const* found = known_.live->find(path);
  return found != nullptr && (*found)->hash == hash ? *found : nullptr;
}

// Removes from the staging folder the files it holds that this build did
// not put or keep, then the folders that left empty.
std::optional<base::Error> OutputWriter::remove_stale() {
  std::vector<fs::path> stale;
  std::error_code ec;
  const auto* known = mode_ == WriteMode::kSpare ? known_.spare : known_.live;
  if (known != nullptr) {
    // When every file it held was put or kept again (after an edit, the
    // common case), none is stale: no lookup for each of them.
    if (held_claimed_ < known->size()) {
      known->for_each([&](const OutputFile* file) {
        if (!done_.contains(file->path)) stale.push_back(staging_ / file->path);
      });
    }
  } else {
    for (fs::recursive_directory_iterator it(staging_, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_directory(ec)) continue;
      const std::string rel = it->path().lexically_relative(staging_).string();
      if (rel != kOutputMarker && !done_.contains(rel)) stale.push_back(it->path());
    }
  }
  std::set<fs::path, std::greater<>> dirs;  // deepest first
  for (const fs::path& file : stale) {
    if (fs::remove(file, ec); ec) return write_error("cannot remove " + file.string(), ec);
    for (fs::path d = file.parent_path();
         d != staging_ && d.string().size() > staging_.string().size(); d = d.parent_path())
      dirs.insert(d);
  }
  for (const fs::path& d : dirs) fs::remove(d, ec);  // only empty ones go
  return std::nullopt;
}

std::optional<base::Error> OutputWriter::finish() {
  finished_ = true;
  auto failed = mode_ == WriteMode::kStage ? std::nullopt : remove_stale();
  // The old site becomes the spare folder when what it holds is known.
  const bool keep_old = mode_ == WriteMode::kSpare || known_.live != nullptr;
  if (!failed)
    failed =
        swap_in(staging_, out_, keep_old ? spare_folder(out_.string()) : fs::path(), &kept_old_);
  if (failed && mode_ != WriteMode::kSpare) remove_ours(staging_);
  return failed;
}

}  // namespace newsarc::site
