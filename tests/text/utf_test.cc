#include "text/text.h"

#include <gtest/gtest.h>

#include <string>

namespace newsarc::text {
namespace {

struct Utf8Case {
  const char* name;
  std::string utf8;
  std::u32string expected;
};

TEST(ToU32, DecodesWellFormedText) {
  const Utf8Case cases[] = {
      {"empty", "", U""},
      {"ascii", "A1 z", U"A1 z"},
      {"two-byte", "é", U"\u00E9"},
      {"han", "报社", U"\u62A5\u793E"},
      {"supplementary", "𠀀", U"\U00020000"},
      {"last code point", "\xF4\x8F\xBF\xBF", U"\U0010FFFF"},
      {"mixed", "3月", U"3\u6708"},
  };
  for (const auto& c : cases) EXPECT_EQ(to_u32(c.utf8), c.expected) << c.name;
}

// One U+FFFD per maximal ill-formed subpart, as Unicode recommends.
TEST(ToU32, ReplacesIllFormedSequences) {
  const Utf8Case cases[] = {
      {"lone continuation", "a\x80z", U"a\uFFFDz"},
      {"overlong slash", "\xC0\xAF", U"\uFFFD\uFFFD"},
      {"overlong three-byte", "\xE0\x80\xAF", U"\uFFFD\uFFFD\uFFFD"},
      {"surrogate", "\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"},
      {"invalid lead",
       "\xFF"
       "a",
       U"\uFFFDa"},
      {"truncated at end", "a\xE6\x8A", U"a\uFFFD"},
      {"truncated before ascii",
       "\xE6\x8A"
       "b",
       U"\uFFFDb"},
      {"truncated four-byte", "\xF0\xA0\x80", U"\uFFFD"},
  };
  for (const auto& c : cases) EXPECT_EQ(to_u32(c.utf8), c.expected) << c.name;
}

TEST(ToUtf8, EncodesEveryLength) {
  EXPECT_EQ(to_utf8(U'A'), "A");
  EXPECT_EQ(to_utf8(U'\u00E9'), "é");
  EXPECT_EQ(to_utf8(U'\u62A5'), "报");
  EXPECT_EQ(to_utf8(U'\U00020000'), "𠀀");
  EXPECT_EQ(to_utf8(std::u32string_view(U"3月5日")), "3月5日");
  EXPECT_EQ(to_utf8(std::u32string_view()), "");
}

TEST(ToUtf8, ReplacesValuesThatAreNotCodePoints) {
  EXPECT_EQ(to_utf8(char32_t{0xD800}), "\uFFFD");
  EXPECT_EQ(to_utf8(char32_t{0x110000}), "\uFFFD");
  EXPECT_EQ(to_utf8(std::u32string{U'a', char32_t{0xDFFF}, U'b'}), "a\uFFFDb");
}

TEST(Utf, RoundTripsEveryPlane) {
  const std::string text = "Az é ½ 报社 ＡＢ 𠀀 \U0010FFFF";
  EXPECT_EQ(to_utf8(to_u32(text)), text);
}

TEST(IsHan, ClassifiesCodePoints) {
  const struct {
    char32_t c;
    bool han;
  } cases[] = {
      {U'A', false},      {U'３', false},     {U'，', false},         {U'あ', false},
      {U'\u3400', true},  {U'\u4DBF', true},  {U'\u4E00', true},      {U'报', true},
      {U'\u9FFF', true},  {U'\uF900', true},  {U'\uFAFF', true},      {U'\U00020000', true},
      {U'\u3007', false}, {U'\uA000', false}, {U'\U0001F600', false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_han(c.c), c.han) << std::hex << unsigned(c.c);
}

}  // namespace
}  // namespace newsarc::text
