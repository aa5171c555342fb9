// ingest.bin: what ingesting each source gave, by display name, as an
// append-only log: a rebuild that changed one file appends one entry.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "site/cache.h"
#include "site/files.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kIngestMagic = 0x4E41524332ull;  // bumped when the layout changes

std::string header(std::uint64_t key) {
  Encoder e;
  e.u64(kIngestMagic);
  e.u64(key);
  return std::move(e.bytes());
}

// The entry's name and the fields find() compares, read from its payload.
std::string_view read_head(Decoder& d, IngestCache::Found& found) {
  const std::string_view display = d.view();
  found.stat.size = d.i64();
  found.stat.mtime_ns = d.i64();
  found.stat.inode = d.u64();
  found.read_at_ns = d.i64();
  found.content_hash = d.u64();
  return display;
}

bool append_to(const fs::path& file, const std::string& bytes) {
  std::FILE* f = std::fopen(file.c_str(), "ab");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

// The pieces are written one by one: the log of a large archive is hundreds
// of MB, too much to join first.
bool write_pieces_atomically(const fs::path& file, const std::vector<std::string_view>& pieces) {
  const fs::path temp = file.string() + ".tmp";
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) return false;
  // The log's entries are a few KB each: with stdio's default buffer (4 KB)
  // that is a write call per entry, 100,000 of them for a large archive.
  // (glibc ignores the size unless it is given the buffer.)
  std::vector<char> buffer(std::size_t{1} << 20);
  std::setvbuf(f, buffer.data(), _IOFBF, buffer.size());
  bool ok = true;
  for (std::string_view piece : pieces)
    ok = ok && std::fwrite(piece.data(), 1, piece.size(), f) == piece.size();
  ok = std::fclose(f) == 0 && ok;
  std::error_code ec;
  if (ok) fs::rename(temp, file, ec);
  if (!ok || ec) fs::remove(temp, ec);
  return ok && !ec;
}

IngestCache::IngestCache(fs::path dir, std::uint64_t key, CacheMode mode)
    : file_(std::move(dir) / "ingest.bin"), key_(key) {
  if (mode != CacheMode::kUse) return;
  map_ = MappedFile::open(file_);
  if (!map_ || !map_->bytes().starts_with(header(key_))) {
    map_.reset();
    return;
  }
  log_ = map_->bytes();
  by_name_.reserve(map_->bytes().size() / 2048);  // entries are a few KB
  found_.reserve(map_->bytes().size() / 2048);
  Decoder d(log_);
  d.u64();
  d.u64();
  while (!d.done()) {
    const std::size_t length = d.count();
    const std::size_t offset = d.position(log_);
    if (d.failed()) break;  // a log cut short by a killed build: keep what is whole
    Decoder entry(log_.substr(offset, length));
    Found found;
    const std::string_view display = read_head(entry, found);
    if (entry.failed()) break;
    found.offset = offset;
    found.length = length;
    // A later entry of the same name (appended by a later build) replaces
    // the earlier one. Names are held apart from the log, whose pages are
    // let go once read; each is held before its one probe (a copy wasted
    // only on a name logged twice).
    const auto [named, added] = by_name_.try_insert({hold_name(display), found_.size()});
    if (added)
      found_.emplace_back(named->name, found);
    else
      found_[named->at].second = found;
    ++logged_;
    d = Decoder(log_.substr(offset + length));
  }
}

std::string_view IngestCache::hold_name(std::string_view name) {
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  if (names_.empty() || names_.back().size() + name.size() > names_.back().capacity())
    names_.emplace_back().reserve(std::max(kChunk, name.size()));
  std::string& chunk = names_.back();  // never grows past its capacity: views stay valid
  chunk += name;
  return std::string_view(chunk).substr(chunk.size() - name.size());
}

const IngestCache::Found* IngestCache::find(const std::string& display) const {
  const Named* known = by_name_.find(display);
  return known == nullptr ? nullptr : &found_[known->at].second;
}

std::optional<IngestEntry> IngestCache::decode(const Found& found) const {
  if (found.offset + found.length > log_.size()) return std::nullopt;
  Decoder d(log_.substr(found.offset, found.length));
  IngestEntry entry;
  Found head;
  entry.display = std::string(read_head(d, head));
  entry.stat = head.stat;
  entry.read_at_ns = head.read_at_ns;
  entry.content_hash = head.content_hash;
  const std::size_t n = d.count();
  entry.records.reserve(n);  // each record moved in once, not made empty first
  entry.digests.reserve(n);
  entry.listed.reserve(n);
  for (std::size_t i = 0; i < n && !d.failed(); ++i) {
    entry.records.push_back(d.record(map_));
    entry.digests.push_back(d.u64());
    entry.listed.push_back(d.u64());
  }
  entry.diags.resize(d.count());
  for (auto& diag : entry.diags) diag = d.diagnostic();
  if (d.failed()) return std::nullopt;
  return entry;
}

void IngestCache::release() {
  // Records read from the log keep it mapped for their deferred bodies; the
  // few a build renders are read back, the rest need not stay in memory.
  if (map_) map_->release_pages();
  log_ = {};
  map_.reset();
}

std::string IngestCache::encode(IngestEntry& entry) {
  const bool digest = entry.digests.empty();
  // What the other pages show of each record is hashed once, here, not by
  // every build that reads the record back (100,000 listing keys per edit).
  if (entry.listed.empty())
    for (const auto& r : entry.records) entry.listed.push_back(hash_bytes(render::listing_key(r)));
  Encoder e;
  e.str(entry.display);
  e.i64(entry.stat.size);
  e.i64(entry.stat.mtime_ns);
  e.u64(entry.stat.inode);
  e.i64(entry.read_at_ns);
  e.u64(entry.content_hash);
  e.u64(entry.records.size());
  for (std::size_t i = 0; i < entry.records.size(); ++i) {
    const std::size_t at = e.bytes().size();
    e.record(entry.records[i]);
    // record_digest, without encoding the record a second time.
    if (digest) entry.digests.push_back(hash_bytes(std::string_view(e.bytes()).substr(at)));
    e.u64(entry.digests[i]);
    e.u64(entry.listed[i]);
  }
  e.u64(entry.diags.size());
  for (const auto& d : entry.diags) e.diagnostic(d);
  Encoder framed;
  framed.u64(e.bytes().size());
  framed.bytes() += e.bytes();
  return std::move(framed.bytes());
}

void IngestCache::put(const std::string& display, std::string encoded) {
  added_[display] = std::move(encoded);
}

void IngestCache::save(const std::vector<std::string>& live) {
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  // The old entries still live, found by the live names (no set of those is
  // made unless the log is rewritten: 100,000 names at every edit).
  std::size_t kept_old = 0;
  for (const std::string& display : live)
    kept_old += by_name_.contains(display) && !added_.contains(display) ? 1 : 0;
  const bool appendable = fs::exists(file_, ec) && logged_ > 0;
  // Rewritten when less than half the log would be live.
  if (appendable && 2 * (kept_old + added_.size()) >= logged_ + added_.size()) {
    std::string tail;
    for (const auto& [display, bytes] : added_) tail += bytes;
    if (tail.empty() || append_to(file_, tail)) return;
  }
  const std::unordered_set<std::string_view> keep(live.begin(), live.end());
  auto old = read_bytes(file_);
  const std::string head = header(key_);
  std::deque<std::string> frames;  // the length before each kept old entry
  std::vector<std::string_view> pieces{head};
  // In order by name, as the listing gives sources: the next build reads
  // the log front to back.
  std::vector<const std::pair<std::string_view, Found>*> kept;
  for (const auto& entry : found_) {
    const auto& [display, found] = entry;
    if (keep.count(display) && !added_.count(display) && old &&
        found.offset + found.length <= old->size())
      kept.push_back(&entry);
  }
  std::sort(kept.begin(), kept.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : kept) {
    const Found& found = entry->second;
    Encoder framed;
    framed.u64(found.length);
    pieces.push_back(frames.emplace_back(std::move(framed.bytes())));
    pieces.push_back(std::string_view(*old).substr(found.offset, found.length));
  }
  for (const auto& [display, bytes] : added_)
    if (keep.count(display)) pieces.push_back(bytes);
  write_pieces_atomically(file_, pieces);
}

}  // namespace newsarc::site
