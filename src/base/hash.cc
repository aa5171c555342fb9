// A fast 64-bit hash for change detection and cache keys (not cryptographic).
#include <algorithm>
#include <cstring>

#include "base/base.h"

namespace newsarc::base {

namespace {

constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 32);
}

std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Four independent lanes of 8 bytes keep the multiplier busy: several GB/s,
// so hashing every output file costs far less than writing it.
struct Lanes {
  explicit Lanes(std::uint64_t seed)
      : lane{seed ^ kMul, seed + 1, seed ^ 0x2545F4914F6CDD1Dull, seed - kMul} {}
  void add_block(const char* p) {
    for (int k = 0; k < 4; ++k) lane[k] = (lane[k] ^ load64(p + 8 * k)) * kMul + (lane[k] >> 29);
  }
  // The last n < 32 bytes at p, and the length of everything hashed.
  std::uint64_t finish(const char* p, std::size_t n, std::size_t total) const {
    std::uint64_t h = mix(lane[0]) ^ mix(lane[1] + 1) ^ mix(lane[2] + 2) ^ mix(lane[3] + 3);
    for (; n >= 8; p += 8, n -= 8) h = mix(h ^ load64(p));
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    return mix(h ^ tail ^ (static_cast<std::uint64_t>(total) * kMul));
  }
  std::uint64_t lane[4];
};

}  // namespace

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
  Lanes lanes(seed);
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 32; p += 32, n -= 32) lanes.add_block(p);
  return lanes.finish(p, n, bytes.size());
}

// Blocks that straddle two pieces are gathered in `carry` first.
std::uint64_t hash_pieces(const std::vector<std::string_view>& pieces, std::uint64_t seed) {
  Lanes lanes(seed);
  char carry[32];
  std::size_t carried = 0, total = 0;
  for (std::string_view piece : pieces) {
    if (piece.empty()) continue;  // its data() may be null: no memcpy from it
    total += piece.size();
    if (carried > 0) {
      const std::size_t take = std::min(piece.size(), sizeof carry - carried);
      std::memcpy(carry + carried, piece.data(), take);
      carried += take;
      piece.remove_prefix(take);
      if (carried < sizeof carry) continue;
      lanes.add_block(carry);
      carried = 0;
    }
    for (; piece.size() >= 32; piece.remove_prefix(32)) lanes.add_block(piece.data());
    if (!piece.empty()) std::memcpy(carry, piece.data(), piece.size());
    carried = piece.size();
  }
  return lanes.finish(carry, carried, total);
}

std::uint64_t hash_combine(std::uint64_t h, std::uint64_t value) {
  return mix(h * kMul + value + 0x632BE59BD9B4E019ull);
}

}  // namespace newsarc::base
