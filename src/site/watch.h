#pragma once
// Internal to site: noticing that the sources of a site changed, by polling
// modification times and sizes, and waiting for the changes to settle.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "site/site.h"

namespace newsarc::site {

/// What polling compares: a file's modification time and size.
struct FileStamp {
  std::int64_t mtime_ns = 0;
  std::uintmax_t size = 0;
  bool operator==(const FileStamp&) const = default;
};

/// Every watched file (path as found) -> its stamp.
using Snapshot = std::map<std::string, FileStamp>;

/// Stamps of the files below each of `paths` (a file stands for itself);
/// missing paths, dot files and editor backups ("a.txt~") are left out.
Snapshot take_snapshot(const std::vector<std::filesystem::path>& paths);

/// What a build reads: content, templates (the site's and `--templates`),
/// assets and the config, resolved against the root.
std::vector<std::filesystem::path> watched_paths(const BuildOptions& options);

/// Says when to rebuild: once the snapshot has changed and then stayed the
/// same for `quiet` (an editor saving several files triggers one rebuild).
class Debouncer {
 public:
  using Clock = std::chrono::steady_clock;
  /// `initial` is what the last build saw.
  Debouncer(Snapshot initial, std::chrono::milliseconds quiet)
      : seen_(std::move(initial)), quiet_(quiet) {}
  /// Feeds the snapshot taken at `now`; true when a rebuild is due.
  bool observe(Snapshot snapshot, Clock::time_point now);

 private:
  Snapshot seen_;
  std::chrono::milliseconds quiet_;
  bool pending_ = false;
  Clock::time_point changed_at_;
};

}  // namespace newsarc::site
