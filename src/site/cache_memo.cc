// The render memo on disk: <cache>/memo/<key as 16 hex digits>.bin, each
// file the value, then a hash of it and the magic. Values are mapped, not
// read: at 100,000 articles they are some 560 MB.
#include <cstdio>
#include <cstring>

#include "site/cache.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMemoMagic = "NAM1";
constexpr std::size_t kTrailer = sizeof(std::uint64_t) + kMemoMagic.size();

std::string file_name(std::uint64_t key) {
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.bin", static_cast<unsigned long long>(key));
  return name;
}

}  // namespace

MemoFolder::MemoFolder(fs::path dir, CacheMode mode)
    : dir_(std::move(dir)), read_(mode == CacheMode::kUse) {}

std::optional<render::SharedBytes> MemoFolder::get(std::uint64_t key) {
  if (!read_) return std::nullopt;
  auto file = MappedFile::open(dir_ / file_name(key));
  if (!file) return std::nullopt;
  const std::string_view bytes = file->bytes();
  if (bytes.size() < kTrailer || !bytes.ends_with(kMemoMagic)) return std::nullopt;
  const std::string_view value = bytes.substr(0, bytes.size() - kTrailer);
  std::uint64_t hash = 0;
  std::memcpy(&hash, bytes.data() + value.size(), sizeof hash);
  if (hash_bytes(value) != hash) return std::nullopt;  // damaged
  use(key);
  return render::SharedBytes{value, std::move(file)};
}

void MemoFolder::put(std::uint64_t key, std::string_view value) {
  const std::uint64_t hash = hash_bytes(value);
  std::string trailer(reinterpret_cast<const char*>(&hash), sizeof hash);
  trailer += kMemoMagic;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (write_pieces_atomically(dir_ / file_name(key), {value, trailer})) use(key);
}

void MemoFolder::use(std::uint64_t key) {
  const std::lock_guard lock(mutex_);
  used_.insert(file_name(key));
}

void MemoFolder::sweep() {
  // Nothing used: the units that use the memo were not rendered (their
  // inputs did not change), so every value is still wanted.
  if (used_.empty()) return;
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(dir_, ec))
    if (!used_.contains(entry.path().filename().string())) stale.push_back(entry.path());
  for (const fs::path& p : stale) fs::remove(p, ec);
}

}  // namespace newsarc::site
