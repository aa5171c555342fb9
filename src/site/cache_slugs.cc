// slugs.bin: the binary's stamp, then each name and its slug, for
// text::SlugMemo. Sorted by name, so that the same names give the same file.
#include <algorithm>

#include "site/cache.h"

namespace newsarc::site {

namespace {

constexpr std::string_view kSlugsFile = "slugs.bin";

}  // namespace

text::SlugMemo::Known load_slugs(const std::filesystem::path& dir) {
  auto bytes = read_bytes(dir / kSlugsFile);
  if (!bytes) return {};
  Decoder d(*bytes);
  if (d.u64() != binary_stamp()) return {};
  text::SlugMemo::Known known;
  for (std::size_t n = d.count(); n > 0 && !d.failed(); --n) {
    std::string name = d.str();
    std::string slug = d.str();
    if (slug.empty()) return {};  // slugify never gives one
    known.emplace(std::move(name), std::move(slug));
  }
  if (d.failed() || !d.done()) return {};
  return known;
}

void save_slugs(const std::filesystem::path& dir, const text::SlugMemo::Known& slugs) {
  std::vector<std::pair<std::string_view, std::string_view>> sorted(slugs.begin(), slugs.end());
  std::sort(sorted.begin(), sorted.end());
  Encoder e;
  e.u64(binary_stamp());
  e.u64(sorted.size());
  for (const auto& [name, slug] : sorted) {
    e.str(name);
    e.str(slug);
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  write_pieces_atomically(dir / kSlugsFile, {e.bytes()});
}

}  // namespace newsarc::site
