// write_site: stage the output in a sibling folder, then swap it in, so a
// failed build never leaves a half-written site.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "site/files.h"
#include "site/site.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

base::Error write_error(const std::string& what, const std::error_code& ec) {
  return base::Error{"site/write", what + ": " + ec.message()};
}

// Output paths come from render; this is defence in depth against one that
// would escape the output folder ("../x", "/etc/x") or clobber the marker.
std::optional<base::Error> check_output_paths(const render::RenderedSite& site) {
  for (const auto& [path, bytes] : site) {
    const fs::path p(path);
    bool bad = path.empty() || p.is_absolute() || path.find('\0') != std::string::npos ||
               path.find('\\') != std::string::npos || path.find("//") != std::string::npos ||
               path == kOutputMarker;
    for (const fs::path& part : p) bad = bad || part == ".." || part == "." || part.empty();
    if (bad) return base::Error{"site/bad-path", "refusing to write output path \"" + path + "\""};
  }
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

std::optional<base::Error> write_files(const render::RenderedSite& site, const fs::path& staging) {
  std::error_code ec;
  for (const auto& [path, bytes] : site) {
    const fs::path target = staging / path;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return write_error("cannot create " + target.parent_path().string(), ec);
    auto wrote = write_bytes(target, bytes);
    if (!wrote) return wrote.error();
  }
  auto marker = write_bytes(staging / kOutputMarker,
                            "This folder was written by newsarc; each build replaces it.\n");
  if (!marker) return marker.error();
  return std::nullopt;
}

// A fresh staging folder; a stale one is removed only if newsarc wrote it.
std::optional<base::Error> make_staging(const fs::path& staging) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(staging, ec))) {
    if (auto refusal = check_replaceable(staging)) return refusal;
    fs::remove_all(staging, ec);
    if (ec) return write_error("cannot remove " + staging.string(), ec);
  }
  fs::create_directories(staging, ec);
  if (ec) return write_error("cannot create " + staging.string(), ec);
  return std::nullopt;
}

// Replaces `out` by `staging` without a moment where `out` is half written.
// renameat2(RENAME_EXCHANGE) swaps the two; file systems that lack it get the
// old folder renamed aside first.
std::optional<base::Error> swap_in(const fs::path& staging, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(out, ec))) {
    fs::rename(staging, out, ec);
    return ec ? std::optional(write_error("cannot rename to " + out.string(), ec)) : std::nullopt;
  }
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(staging, ec);  // now the old site
    return std::nullopt;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
    return write_error("cannot swap in " + out.string(),
                       std::error_code(errno, std::generic_category()));
  const fs::path aside = out.string() + ".old-" + std::to_string(::getpid());
  fs::rename(out, aside, ec);
  if (ec) return write_error("cannot move aside " + out.string(), ec);
  fs::rename(staging, out, ec);
  if (ec) {
    std::error_code restore;
    fs::rename(aside, out, restore);
    return write_error("cannot rename to " + out.string(), ec);
  }
  fs::remove_all(aside, ec);
  return std::nullopt;
}

fs::path normalised_out(const std::string& out_dir) {
  std::error_code ec;
  fs::path out = fs::absolute(out_dir, ec).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  return out;
}

}  // namespace

base::Result<bool> write_site(const render::RenderedSite& site, const std::string& out_dir) {
  if (auto bad = check_output_paths(site)) return *bad;
  const fs::path out = normalised_out(out_dir);
  if (out == out.root_path())
    return base::Error{"site/not-ours", "refusing to write the site into " + out.string()};
  if (auto refusal = check_replaceable(out)) return *refusal;
  const fs::path staging = out.string() + ".tmp-" + std::to_string(::getpid());
  if (auto failed = make_staging(staging)) return *failed;
  auto failed = write_files(site, staging);
  if (!failed) failed = swap_in(staging, out);
  if (failed) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    return *failed;
  }
  return true;
}

}  // namespace newsarc::site
