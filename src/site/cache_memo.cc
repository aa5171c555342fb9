// The render memo on disk: <cache>/memo/<key as 16 hex digits>.bin. A file
// is either the value, then a hash of it and the magic "NAM1"; or, for a
// value the output itself holds (records.json's runs: some 430 MB at
// 100,000 articles), only where: the output path, offset, size and hash of
// the value, then the magic "NAP1". A placed value is read back from the
// live output folder and used only when those bytes still hash the same, so
// an output file changed or deleted since is simply not used. Values are
// mapped, not read.
#include <cstdio>
#include <cstring>

#include "site/cache.h"
#include "site/writer.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMemoMagic = "NAM1";
constexpr std::string_view kPlacedMagic = "NAP1";
constexpr std::size_t kTrailer = sizeof(std::uint64_t) + kMemoMagic.size();

std::string file_name(std::uint64_t key) {
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.bin", static_cast<unsigned long long>(key));
  return name;
}

// A value kept whole: the bytes before the hash and magic, if they hash right.
std::optional<render::SharedBytes> kept_value(std::shared_ptr<const MappedFile> file) {
  const std::string_view bytes = file->bytes();
  if (bytes.size() < kTrailer || !bytes.ends_with(kMemoMagic)) return std::nullopt;
  const std::string_view value = bytes.substr(0, bytes.size() - kTrailer);
  std::uint64_t hash = 0;
  std::memcpy(&hash, bytes.data() + value.size(), sizeof hash);
  if (hash_bytes(value) != hash) return std::nullopt;  // damaged
  return render::SharedBytes{value, std::move(file)};
}

std::string placed_entry(std::string_view path, std::uint64_t offset, std::uint64_t size,
                         std::uint64_t hash) {
  Encoder e;
  e.str(path);
  e.u64(offset);
  e.u64(size);
  e.u64(hash);
  return std::move(e.bytes()) + std::string(kPlacedMagic);
}

}  // namespace

MemoFolder::MemoFolder(fs::path dir, fs::path output_dir, CacheMode mode)
    : dir_(std::move(dir)), output_dir_(std::move(output_dir)), read_(mode == CacheMode::kUse) {}

std::optional<render::SharedBytes> MemoFolder::get(std::uint64_t key) {
  if (!read_) return std::nullopt;
  auto file = MappedFile::open(dir_ / file_name(key));
  if (!file) return std::nullopt;
  std::optional<render::SharedBytes> value = file->bytes().ends_with(kPlacedMagic)
                                                 ? placed_value(key, file->bytes())
                                                 : kept_value(std::move(file));
  if (value) use(key);
  return value;
}

std::optional<render::SharedBytes> MemoFolder::placed_value(std::uint64_t key,
                                                            std::string_view entry) {
  Decoder d(entry.substr(0, entry.size() - kPlacedMagic.size()));
  const std::string path = d.str();
  const std::uint64_t offset = d.u64(), size = d.u64(), hash = d.u64();
  if (!d.done() || d.failed() || check_output_path(path)) return std::nullopt;
  std::shared_ptr<const MappedFile> file = output_file(path);
  if (!file) return std::nullopt;
  const std::string_view bytes = file->bytes();
  if (offset > bytes.size() || size > bytes.size() - offset) return std::nullopt;
  const std::string_view value = bytes.substr(offset, size);
  if (hash_bytes(value) != hash) return std::nullopt;  // the output changed since
  const std::lock_guard lock(mutex_);
  found_[key] = {value.data(), value.size(), hash};
  return render::SharedBytes{value, std::move(file)};
}

// Runs of one output file are read from one mapping of it, which lasts as
// long as a value read from it does.
std::shared_ptr<const MappedFile> MemoFolder::output_file(const std::string& path) {
  const std::lock_guard lock(mutex_);
  std::weak_ptr<const MappedFile>& mapped = outputs_[path];
  std::shared_ptr<const MappedFile> file = mapped.lock();
  if (!file) mapped = file = MappedFile::open(output_dir_ / path);
  return file;
}

std::optional<render::SharedBytes> MemoFolder::last_output(std::string_view path,
                                                           std::uint64_t hash) {
  if (!read_ || check_output_path(std::string(path))) return std::nullopt;
  std::shared_ptr<const MappedFile> file = MappedFile::open(output_dir_ / path);
  if (!file || hash_bytes(file->bytes()) != hash) return std::nullopt;
  const std::string_view bytes = file->bytes();
  return render::SharedBytes{bytes, std::move(file)};
}

void MemoFolder::put(std::uint64_t key, std::string_view value) {
  const std::uint64_t hash = hash_bytes(value);
  std::string trailer(reinterpret_cast<const char*>(&hash), sizeof hash);
  trailer += kMemoMagic;
  write(key, {value, trailer});
}

// The entry is written only when it changed: a run found at the same place
// in the last build's file (the common case) leaves its entry alone.
void MemoFolder::put_placed(std::uint64_t key, std::string_view value, std::string_view path,
                            std::uint64_t offset) {
  std::optional<Found> found;
  {
    const std::lock_guard lock(mutex_);
    if (auto it = found_.find(key); it != found_.end()) found = it->second;
  }
  // A value get() returned was hashed there.
  const bool same = found && found->data == value.data() && found->size == value.size();
  const std::string entry =
      placed_entry(path, offset, value.size(), same ? found->hash : hash_bytes(value));
  if (auto old = read_bytes(dir_ / file_name(key)); old && *old == entry) {
    use(key);
    return;
  }
  write(key, {entry});
}

void MemoFolder::write(std::uint64_t key, const std::vector<std::string_view>& pieces) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (write_pieces_atomically(dir_ / file_name(key), pieces)) use(key);
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
