#include "text/text.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

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

/// ICU's reading of `utf8`, which also gives one U+FFFD per maximal
/// ill-formed subpart: a reference written by somebody else.
std::u32string icu_u32(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::u32string out(static_cast<std::size_t>(u.countChar32()), U'\0');
  UErrorCode status = U_ZERO_ERROR;
  u.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<int32_t>(out.size()), status);
  return out;
}

// Three-byte sequences take a short cut (Chinese text is made of them): every
// lead E0..EF with every second byte and the third bytes at the edges of the
// ranges, whole, cut short, and followed by ASCII, read as ICU reads them.
TEST(ToU32, ReadsEveryThreeByteLeadAsIcuDoes) {
  const unsigned char thirds[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F,
                                  0xA0, 0xBF, 0xC0, 0xC2, 0xE6, 0xF0, 0xFF};
  int checked = 0;
  for (int lead = 0xE0; lead <= 0xEF; ++lead) {
    for (int second = 0; second <= 0xFF; ++second) {
      const std::string two{static_cast<char>(lead), static_cast<char>(second)};
      ASSERT_EQ(to_u32(two), icu_u32(two)) << lead << " " << second;
      for (unsigned char third : thirds) {
        const std::string s = two + static_cast<char>(third) + "z";
        ASSERT_EQ(to_u32(s), icu_u32(s)) << lead << " " << second << " " << int(third);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 16 * 256 * 15);
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
