// hash_pieces hashes a file written in pieces (records.json is its memo's
// runs) exactly as hash_bytes hashes the joined bytes, so a file's recorded
// hash does not depend on how it was rendered.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "base/base.h"

namespace newsarc::base {
namespace {

std::string random_bytes(std::mt19937& rng, std::size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// `text` cut at random places, with empty pieces among them.
std::vector<std::string_view> random_cuts(std::mt19937& rng, std::string_view text) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    const std::size_t n = std::min<std::size_t>(text.size(), rng() % 70);
    pieces.push_back(text.substr(0, n));
    text.remove_prefix(n);
  }
  if (rng() % 2) pieces.insert(pieces.begin(), std::string_view{});
  return pieces;
}

TEST(HashPieces, EqualsHashBytesOfTheJoinedBytesHoweverTheyAreCut) {
  std::mt19937 rng(7);
  for (std::size_t n : {0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 1000, 4099}) {
    const std::string text = random_bytes(rng, n);
    for (int cut = 0; cut < 20; ++cut) {
      const auto pieces = random_cuts(rng, text);
      EXPECT_EQ(hash_pieces(pieces), hash_bytes(text)) << n << " bytes, cut " << cut;
      EXPECT_EQ(hash_pieces(pieces, 42), hash_bytes(text, 42)) << n << " bytes, cut " << cut;
    }
  }
}

TEST(HashPieces, NoPiecesIsTheEmptyString) {
  EXPECT_EQ(hash_pieces({}), hash_bytes(""));
  EXPECT_EQ(hash_pieces({std::string_view{}, std::string_view{}}), hash_bytes(""));
}

TEST(HashPieces, TellsPiecesInADifferentOrderApart) {
  EXPECT_NE(hash_pieces({"abcdefghijklmnopqrstuvwxyz0123456789", "x"}),
            hash_pieces({"x", "abcdefghijklmnopqrstuvwxyz0123456789"}));
}

}  // namespace
}  // namespace newsarc::base
