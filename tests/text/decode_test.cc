#include "text/text.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

namespace newsarc::text {
namespace {

using namespace std::string_literals;

// An invented page: Han text, full-width punctuation, a digit run, a
// supplementary-plane character (𠀀, four bytes in GB18030, a surrogate pair
// in UTF-16) and a blank line.
constexpr std::string_view kPage =
    "青山日报 第3版\n"
    "本报讯（记者 李明华）3月5日，青山县举行春季植树活动。\n"
    "\n"
    "全县二千余人参加，种下𠀀字碑旁的松树１２００棵。\n";

/// `utf8` encoded by ICU in `charset` (no BOM is written for UTF-16LE/BE).
std::string encode(std::string_view utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  icu::LocalUConverterPointer converter(ucnv_open(charset, &status));
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out(utf8.size() * 4 + 4, '\0');
  const int32_t length =
      u.extract(out.data(), static_cast<int32_t>(out.size()), converter.getAlias(), status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, done)) {
    out.append(s.substr(done, at - done)).append(to);
    done = at + from.size();
  }
  return out.append(s.substr(done));
}

struct RoundTrip {
  const char* name;
  std::string bytes;
  Encoding encoding;
};

TEST(Decode, EveryEncodingOfThePageGivesTheSameUtf8) {
  const std::string page(kPage);
  const std::string crlf = replace_all(page, "\n", "\r\n");
  const RoundTrip cases[] = {
      {"utf-8", page, Encoding::kUtf8},
      {"utf-8 crlf", crlf, Encoding::kUtf8},
      {"utf-8 lone cr", replace_all(page, "\n", "\r"), Encoding::kUtf8},
      {"utf-8 bom", "\xEF\xBB\xBF" + page, Encoding::kUtf8Bom},
      {"gb18030", encode(page, "GB18030"), Encoding::kGb18030},
      {"gb18030 crlf", encode(crlf, "GB18030"), Encoding::kGb18030},
      {"utf-16le bom", "\xFF\xFE" + encode(page, "UTF-16LE"), Encoding::kUtf16Le},
      {"utf-16be bom", "\xFE\xFF" + encode(page, "UTF-16BE"), Encoding::kUtf16Be},
      {"utf-16le bom crlf", "\xFF\xFE" + encode(crlf, "UTF-16LE"), Encoding::kUtf16Le},
  };
  for (const auto& c : cases) {
    const auto decoded = decode(c.bytes);
    ASSERT_TRUE(decoded) << c.name << ": " << decoded.error().message;
    EXPECT_EQ(decoded->utf8, page) << c.name;
    EXPECT_EQ(decoded->encoding, c.encoding) << c.name;
  }
}

// The same two characters as literal bytes, so the decoder is not only
// checked against ICU's own encoder: 中 U+4E2D, 文 U+6587, 𠀀 U+20000.
TEST(Decode, KnownByteSequences) {
  const RoundTrip cases[] = {
      {"gb18030 two-byte", "\xD6\xD0\xCE\xC4", Encoding::kGb18030},
      {"utf-16le", "\xFF\xFE\x2D\x4E\x87\x65", Encoding::kUtf16Le},
      {"utf-16be", "\xFE\xFF\x4E\x2D\x65\x87", Encoding::kUtf16Be},
  };
  for (const auto& c : cases) {
    const auto decoded = decode(c.bytes);
    ASSERT_TRUE(decoded) << c.name << ": " << decoded.error().message;
    EXPECT_EQ(decoded->utf8, "中文") << c.name;
    EXPECT_EQ(decoded->encoding, c.encoding) << c.name;
  }
  const auto four_byte = decode("\x95\x32\x82\x36");
  ASSERT_TRUE(four_byte);
  EXPECT_EQ(four_byte->utf8, "𠀀");
}

TEST(Decode, NormalisesEveryKindOfLineEnd) {
  const auto decoded = decode("一\r\n二\r三\n\r四\r\r");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->utf8, "一\n二\n三\n\n四\n\n");
}

// Bytes that are not strict UTF-8 must not be taken for UTF-8: an overlong
// "/" (C0 AF) reads as one GB18030 character instead.
TEST(Decode, OverlongUtf8FallsBackToGb18030) {
  const auto decoded = decode("\xC0\xAF");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
  EXPECT_NE(decoded->utf8, "/");
}

TEST(Decode, InvalidUtf8FallsBackToGb18030) {
  // "今日" (GB18030 BDF1 C8D5) is not valid UTF-8: BD is a continuation byte.
  const auto decoded = decode("A\n\xBD\xF1\xC8\xD5\n");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
  EXPECT_EQ(decoded->utf8, "A\n今日\n");
}

TEST(Decode, KeepsStrayControlCharactersInText) {
  const auto decoded = decode(
      "一条新闻\x1b的正文：县里今天召开大会，部署春耕生产和防汛工作，各乡镇负责人参加。\n\x1a");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
}

// A large GB18030 input crosses the converter's pivot buffer many times,
// including in the middle of four-byte sequences and CRLF pairs.
TEST(Decode, LargeGb18030Input) {
  std::string page;
  for (int i = 0; i < 20000; ++i) page += kPage;
  const auto decoded = decode(encode(replace_all(page, "\n", "\r\n"), "GB18030"));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->utf8.size(), page.size());
  EXPECT_TRUE(decoded->utf8 == page);
}

struct Failure {
  const char* name;
  std::string bytes;
  std::string_view code;
  int line;
};

TEST(Decode, Failures) {
  const Failure cases[] = {
      {"empty file", "", "text/empty", 0},
      {"only white space", " \r\n\t\n", "text/empty", 0},
      {"only ideographic spaces", "\u3000\u3000\n", "text/empty", 0},
      {"only a byte-order mark", "\xEF\xBB\xBF", "text/empty", 0},
      {"nul byte", "第一行\n第二\0行"s, "text/undecodable", 2},
      {"png header", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"s, "text/undecodable", 3},
      {"mostly controls", "\x01\x02\x03\x04\x05\x06\x07\x08 ab", "text/undecodable", 1},
      {"utf-16 nul", "\xFE\xFF\x00\x41\x00\x0A\x00\x00"s, "text/undecodable", 2},
      // Valid UTF-8 Han text before the bad byte: report the UTF-8 line.
      {"utf-8 with a bad byte", "一行\n两行\x80\x80", "text/undecodable", 2},
      // ASCII then GB18030 "中" then a byte GB18030 never uses: its line.
      {"gb18030 with a bad byte", "abc\n\xD6\xD0\n\xFF", "text/undecodable", 3},
      {"truncated gb18030", "\xD6\xD0\xCE", "text/undecodable", 1},
      {"overlong after utf-8 bom", "\xEF\xBB\xBFok\n\xC0\xAF", "text/undecodable", 2},
      {"surrogate after utf-8 bom", "\xEF\xBB\xBF\xED\xA0\x80", "text/undecodable", 1},
      {"above U+10FFFF after bom", "\xEF\xBB\xBF\xF4\x90\x80\x80", "text/undecodable", 1},
      {"odd-length utf-16le", "\xFF\xFE\x41\x00\x42"s, "text/undecodable", 1},
      {"unpaired surrogate utf-16le", "\xFF\xFE\x41\x00\x0A\x00\x00\xD8\x41\x00"s,
       "text/undecodable", 2},
  };
  for (const auto& c : cases) {
    const auto decoded = decode(c.bytes);
    ASSERT_FALSE(decoded) << c.name;
    EXPECT_EQ(decoded.error().code, c.code) << c.name << ": " << decoded.error().message;
    EXPECT_EQ(decoded.error().line, c.line) << c.name << ": " << decoded.error().message;
    EXPECT_FALSE(decoded.error().message.empty()) << c.name;
  }
}

TEST(Decode, FailureMessagesSayWhy) {
  EXPECT_NE(decode("a\0b"s).error().message.find("NUL"), std::string::npos);
  EXPECT_NE(decode("abc\n\xFF").error().message.find("0xFF"), std::string::npos);
}

// One control character in twenty is a stray; more is binary data. The
// count is of characters, not bytes: "中" is one character of three bytes.
TEST(Decode, StrayControlsAreTextAndTheShareIsCountedInCharacters) {
  std::string han;
  for (int i = 0; i < 18; ++i) han += "中";
  EXPECT_TRUE(decode("\x01中" + han));             // 1 of 20 characters
  const auto rejected = decode("\x01\x02" + han);  // 2 of 20
  ASSERT_FALSE(rejected);
  EXPECT_NE(rejected.error().message.find("2 of 20 characters"), std::string::npos)
      << rejected.error().message;
}

TEST(EncodingName, NamesEveryEncoding) {
  EXPECT_EQ(encoding_name(Encoding::kUtf8), "utf-8");
  EXPECT_EQ(encoding_name(Encoding::kUtf8Bom), "utf-8-bom");
  EXPECT_EQ(encoding_name(Encoding::kUtf16Le), "utf-16le");
  EXPECT_EQ(encoding_name(Encoding::kUtf16Be), "utf-16be");
  EXPECT_EQ(encoding_name(Encoding::kGb18030), "gb18030");
}

}  // namespace
}  // namespace newsarc::text
