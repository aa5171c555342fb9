// JsonWriter writes what nlohmann::json::dump writes (indent, ' ', no ASCII
// escaping, invalid UTF-8 replaced), so the exports it writes directly stay
// byte-identical to the trees they replaced.
#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace newsarc::base {
namespace {

std::string dumped(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Drives the writer through the tree, keys in the tree's (sorted) order.
void write(JsonWriter& w, const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      w.begin_object();
      for (const auto& [k, v] : j.items()) {
        w.key(k);
        write(w, v);
      }
      w.end_object();
      return;
    case nlohmann::json::value_t::array:
      w.begin_array();
      for (const auto& v : j) write(w, v);
      w.end_array();
      return;
    case nlohmann::json::value_t::string:
      w.string(j.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::boolean:
      w.boolean(j.get<bool>());
      return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      w.number(j.get<std::int64_t>());
      return;
    default:
      w.null();
  }
}

std::string written(const nlohmann::json& j, int indent) {
  std::string out;
  JsonWriter w(out, indent);
  write(w, j);
  return out;
}

std::string escaped(std::string_view s) {
  std::string out;
  append_json_escaped(out, s);
  return out;
}

// The escaped body of s as dump writes it, without the quotes.
std::string dumped_body(const std::string& s) {
  const std::string quoted = dumped(s, -1);
  return quoted.substr(1, quoted.size() - 2);
}

// Bytes drawn mostly from the places where UTF-8 decoding decides something:
// leads, continuation edges, controls, quotes and backslashes.
std::string random_text(std::mt19937& rng, std::size_t max_len) {
  static const unsigned char kPicks[] = {
      0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, '"',  '\\', 'a',  0x7F, 0x80,
      0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xEC, 0xED, 0xEE,
      0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF, 0xB8, 0xAD, 0xE6, 0x96, 0x87};
  std::string s(rng() % (max_len + 1), '\0');
  for (char& c : s)
    c = static_cast<char>(rng() % 4 == 0 ? rng() & 0xFF : kPicks[rng() % sizeof kPicks]);
  return s;
}

TEST(JsonEscape, EveryStringOfTwoBytesAsDumpWritesIt) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const std::string s{static_cast<char>(a), static_cast<char>(b)};
      ASSERT_EQ(escaped(s), dumped_body(s)) << std::hex << a << " " << b;
    }
  }
}

TEST(JsonEscape, EveryThreeByteLeadAsDumpWritesIt) {
  std::vector<int> tails = {0x00, 0x41, 0xC2, 0xE4, 0xFF};
  for (int b = 0x7F; b <= 0xC0; ++b) tails.push_back(b);
  for (int lead = 0xE0; lead <= 0xEF; ++lead) {
    for (int b : tails) {
      for (int c : tails) {
        const std::string s{static_cast<char>(lead), static_cast<char>(b), static_cast<char>(c)};
        ASSERT_EQ(escaped(s), dumped_body(s)) << std::hex << lead << " " << b << " " << c;
        ASSERT_EQ(escaped(s + "x"), dumped_body(s + "x")) << std::hex << lead << " " << b;
      }
    }
  }
}

TEST(JsonEscape, RandomBytesAsDumpWritesThem) {
  std::mt19937 rng(8);
  for (int n = 0; n < 200000; ++n) {
    const std::string s = random_text(rng, 9);
    ASSERT_EQ(escaped(s), dumped_body(s)) << "input " << dumped(s, -1);
  }
}

TEST(JsonEscape, KeepsWellFormedTextAndReplacesBrokenSequences) {
  EXPECT_EQ(escaped("郑州 \"高新\"\\\n"), "郑州 \\\"高新\\\"\\\\\\n");
  EXPECT_EQ(escaped(std::string("\x01\x1f\x7f", 3)), "\\u0001\\u001f\x7f");
  // A cut-off 中 then "a": one U+FFFD, and the "a" is kept.
  EXPECT_EQ(escaped("\xE4\xB8"
                    "a"),
            "\xEF\xBF\xBD"
            "a");
  // A surrogate's encoding is two broken sequences' worth: ED, then A0 80.
  EXPECT_EQ(escaped("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

nlohmann::json random_tree(std::mt19937& rng, int depth) {
  switch (depth > 3 ? rng() % 4 : rng() % 6) {
    case 0:
      return random_text(rng, 6);
    case 1:
      return static_cast<std::int64_t>(rng()) - (1ll << 31);
    case 2:
      return rng() % 2 == 0;
    case 3:
      return nullptr;
    case 4: {
      nlohmann::json a = nlohmann::json::array();
      for (std::size_t n = rng() % 4; n > 0; --n) a.push_back(random_tree(rng, depth + 1));
      return a;
    }
    default: {
      nlohmann::json o = nlohmann::json::object();
      for (std::size_t n = rng() % 4; n > 0; --n)
        o[random_text(rng, 3)] = random_tree(rng, depth + 1);
      return o;
    }
  }
}

TEST(JsonWriter, WritesRandomTreesAsDumpDoesAtEveryIndent) {
  std::mt19937 rng(3);
  for (int n = 0; n < 20000; ++n) {
    const nlohmann::json tree = random_tree(rng, 0);
    for (int indent : {-1, 0, 1, 2}) ASSERT_EQ(written(tree, indent), dumped(tree, indent));
  }
}

TEST(JsonWriter, WritesEmptyContainersOnOneLine) {
  std::string out;
  JsonWriter w(out, 1);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.end_array();
  w.key("b");
  w.begin_object();
  w.end_object();
  w.member("c", 3);
  w.end_object();
  EXPECT_EQ(out, "{\n \"a\": [],\n \"b\": {},\n \"c\": 3\n}");
}

}  // namespace
}  // namespace newsarc::base
