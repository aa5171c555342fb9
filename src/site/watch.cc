// Polling the sources of a site for changes, and debouncing them.
#include "site/watch.h"

#include <sys/stat.h>

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

// Dot files and editor backups change while a file is being edited; only the
// saved file should trigger a rebuild ("content/.a.txt.swp", "content/a.txt~").
bool is_ignored(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.starts_with('.') || name.ends_with('~');
}

// One stat per file and poll (a whole content tree is polled every 300 ms).
void stamp_file(const fs::path& path, Snapshot& out) {
  struct ::stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  const std::int64_t mtime_ns =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  out[path.string()] = {mtime_ns, static_cast<std::uintmax_t>(st.st_size)};
}

void stamp_folder(const fs::path& dir, Snapshot& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (is_ignored(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    stamp_file(it->path(), out);
  }
}

}  // namespace

Snapshot take_snapshot(const std::vector<fs::path>& paths) {
  Snapshot out;
  std::error_code ec;
  for (const fs::path& path : paths) {
    if (fs::is_directory(path, ec))
      stamp_folder(path, out);
    else
      stamp_file(path, out);
  }
  return out;
}

std::vector<fs::path> watched_paths(const BuildOptions& options) {
  const fs::path root(options.root);
  std::vector<fs::path> paths = {root / options.content_dir, root / options.templates_dir,
                                 root / options.assets_dir, root / options.config_path};
  if (!options.user_templates_dir.empty()) paths.push_back(root / options.user_templates_dir);
  return paths;
}

bool Debouncer::observe(Snapshot snapshot, Clock::time_point now) {
  if (snapshot != seen_) {
    seen_ = std::move(snapshot);
    pending_ = true;
    changed_at_ = now;
    return false;
  }
  if (!pending_ || now - changed_at_ < quiet_) return false;
  pending_ = false;
  return true;
}

}  // namespace newsarc::site
