// decode(): bytes of unknown encoding -> UTF-8 with "\n" line ends.
#include "text/text.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utypes.h>

#include "base/utf8.h"
#include "text/internal.h"

namespace newsarc::text {
namespace {

constexpr std::string_view kUndecodable = "text/undecodable";
constexpr std::string_view kEmpty = "text/empty";
constexpr std::size_t kNotFound = std::string_view::npos;

base::Error make_error(std::string_view code, std::string message, int line = 0) {
  return base::Error{std::string(code), std::move(message), line, 0};
}

/// How to read code units when counting lines in raw bytes.
enum class Units { kBytes, kUtf16Le, kUtf16Be };

char16_t unit_at(std::string_view bytes, std::size_t i, Units units) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  if (units == Units::kBytes) return byte(i);
  if (units == Units::kUtf16Le) return static_cast<char16_t>(byte(i) | (byte(i + 1) << 8));
  return static_cast<char16_t>((byte(i) << 8) | byte(i + 1));
}

/// 1-based line of `offset`, counting "\n", "\r\n" and a lone "\r" as one line end each.
int line_at(std::string_view bytes, std::size_t offset, Units units) {
  const std::size_t width = units == Units::kBytes ? 1 : 2;
  offset = std::min(offset, bytes.size());
  int line = 1;
  for (std::size_t i = 0; i + width <= offset; i += width) {
    const char16_t c = unit_at(bytes, i, units);
    const bool lf_follows =
        i + 2 * width <= bytes.size() && unit_at(bytes, i + width, units) == '\n';
    if (c == '\n' || (c == '\r' && !lf_follows)) ++line;
  }
  return line;
}

/// "0xC3 0x28" for the bytes of an undecodable sequence (at most four shown).
std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 4; ++i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%s0x%02X", i ? " " : "", static_cast<unsigned char>(bytes[i]));
    out += buf;
  }
  return out;
}

struct Bom {
  Encoding encoding;
  std::size_t length;
};

std::optional<Bom> find_bom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return Bom{Encoding::kUtf8Bom, 3};
  if (bytes.starts_with("\xFF\xFE")) return Bom{Encoding::kUtf16Le, 2};
  if (bytes.starts_with("\xFE\xFF")) return Bom{Encoding::kUtf16Be, 2};
  return std::nullopt;
}

/// An ICU conversion to UTF-8. On failure `bad_offset` is the byte offset of
/// the first undecodable sequence and `bad_bytes` that sequence.
struct Conversion {
  std::string utf8;
  std::size_t bad_offset = kNotFound;
  std::string bad_bytes;
  std::string icu_error;  ///< set when ICU could not even open the converter
  bool ok() const { return bad_offset == kNotFound && icu_error.empty(); }
};

/// A converter that stops at the first undecodable or unmappable sequence
/// instead of substituting U+FFFD.
icu::LocalUConverterPointer open_strict_converter(const char* name, UErrorCode& status) {
  icu::LocalUConverterPointer converter(ucnv_open(name, &status));
  if (U_FAILURE(status)) return converter;
  ucnv_setToUCallBack(converter.getAlias(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &status);
  ucnv_setFromUCallBack(converter.getAlias(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
  return converter;
}

/// Where the conversion stopped: the source converter holds the bytes it
/// rejected, so the bad sequence started that many bytes before `consumed`.
void locate_failure(UConverter* source, std::string_view bytes, std::size_t consumed,
                    Conversion& result) {
  char invalid[32];
  int8_t length = sizeof invalid;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_getInvalidChars(source, invalid, &length, &status);
  if (U_FAILURE(status)) length = 0;
  result.bad_offset = consumed - std::min<std::size_t>(consumed, length);
  result.bad_bytes = hex_bytes(bytes.substr(result.bad_offset, std::max<int8_t>(length, 1)));
}

/// Converts `bytes` in `charset` to UTF-8 in one pass through a small pivot
/// buffer, so a 50 MB file costs the input plus about 1.5 times its size.
Conversion convert_to_utf8(std::string_view bytes, const char* charset) {
  Conversion result;
  UErrorCode status = U_ZERO_ERROR;
  icu::LocalUConverterPointer source = open_strict_converter(charset, status);
  icu::LocalUConverterPointer target = open_strict_converter("UTF-8", status);
  if (U_FAILURE(status)) {
    result.icu_error = u_errorName(status);
    return result;
  }
  // Every GB18030 or UTF-16 sequence of n bytes becomes at most 1.5 n UTF-8 bytes.
  result.utf8.resize(bytes.size() + bytes.size() / 2 + 16);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* in = bytes.data();
  std::size_t written = 0;
  for (bool first = true;; first = false) {
    char* out = result.utf8.data() + written;
    ucnv_convertEx(target.getAlias(), source.getAlias(), &out,
                   result.utf8.data() + result.utf8.size(), &in, bytes.data() + bytes.size(), pivot,
                   &pivot_source, &pivot_target, pivot + std::size(pivot), first, true, &status);
    written = static_cast<std::size_t>(out - result.utf8.data());
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    status = U_ZERO_ERROR;  // cannot happen given the bound above, but stay correct
    result.utf8.resize(result.utf8.size() * 2);
  }
  result.utf8.resize(written);
  if (U_FAILURE(status))
    locate_failure(source.getAlias(), bytes, static_cast<std::size_t>(in - bytes.data()), result);
  return result;
}

base::Result<Decoded> decode_utf16(std::string_view bytes, Encoding encoding) {
  const bool little = encoding == Encoding::kUtf16Le;
  Conversion c = convert_to_utf8(bytes, little ? "UTF-16LE" : "UTF-16BE");
  if (!c.icu_error.empty()) return make_error(kUndecodable, "ICU converter failed: " + c.icu_error);
  if (!c.ok()) {
    const int line = line_at(bytes, c.bad_offset, little ? Units::kUtf16Le : Units::kUtf16Be);
    return make_error(kUndecodable,
                      "invalid " + std::string(encoding_name(encoding)) +
                          " after its byte-order mark (" + c.bad_bytes + ")",
                      line);
  }
  return Decoded{std::move(c.utf8), encoding};
}

base::Result<Decoded> decode_after_bom(std::string_view bytes, Bom bom) {
  const std::string_view rest = bytes.substr(bom.length);
  if (bom.encoding != Encoding::kUtf8Bom) return decode_utf16(rest, bom.encoding);
  const std::size_t bad = internal::find_invalid_utf8(rest);
  if (bad == kNotFound) return Decoded{std::string(rest), Encoding::kUtf8Bom};
  return make_error(
      kUndecodable,
      "invalid UTF-8 after a UTF-8 byte-order mark (" + hex_bytes(rest.substr(bad, 1)) + ")",
      line_at(rest, bad, Units::kBytes));
}

/// Called when `bytes` is not UTF-8 (first bad byte at `bad_utf8`).
base::Result<Decoded> decode_gb18030(std::string_view bytes, std::size_t bad_utf8) {
  Conversion c = convert_to_utf8(bytes, "GB18030");
  if (c.ok()) return Decoded{std::move(c.utf8), Encoding::kGb18030};
  if (!c.icu_error.empty()) return make_error(kUndecodable, "ICU converter failed: " + c.icu_error);
  const int utf8_line = line_at(bytes, bad_utf8, Units::kBytes);
  const int gb_line = line_at(bytes, c.bad_offset, Units::kBytes);
  // UTF-8 text with one corrupt byte ("新闻\xFF") has valid multi-byte UTF-8
  // before the bad byte; point there, not where reading it as GB18030 gave up.
  const bool looks_utf8 = !internal::is_ascii(bytes.substr(0, bad_utf8));
  return make_error(kUndecodable,
                    "neither UTF-8 (line " + std::to_string(utf8_line) + ": " +
                        hex_bytes(bytes.substr(bad_utf8, 1)) + ") nor GB18030 (line " +
                        std::to_string(gb_line) + ": " + c.bad_bytes + ")",
                    looks_utf8 ? utf8_line : gb_line);
}

base::Result<Decoded> decode_to_utf8(std::string_view bytes) {
  if (auto bom = find_bom(bytes)) return decode_after_bom(bytes, *bom);
  // A NUL is valid UTF-8 and GB18030 but never appears in text: report it
  // before the converters give a vaguer reason (a PNG has one on line 2).
  if (const std::size_t nul = bytes.find('\0'); nul != kNotFound)
    return make_error(kUndecodable, "NUL byte: binary data, not text",
                      line_at(bytes, nul, Units::kBytes));
  const std::size_t bad = internal::find_invalid_utf8(bytes);
  if (bad == kNotFound) return Decoded{std::string(bytes), Encoding::kUtf8};
  return decode_gb18030(bytes, bad);
}

/// CRLF and lone CR become LF, in place (0x0D never occurs inside a UTF-8 sequence).
void normalise_line_ends(std::string& s) {
  std::size_t write = s.find('\r');
  if (write == kNotFound) return;
  for (std::size_t read = write; read < s.size(); ++read) {
    if (s[read] == '\r') {
      s[write++] = '\n';
      if (read + 1 < s.size() && s[read + 1] == '\n') ++read;
    } else {
      s[write++] = s[read];
    }
  }
  s.resize(write);
}

// Tab, line feed, vertical tab, form feed and the DOS end-of-file mark ^Z turn
// up in old text files; any other C0 or C1 control suggests binary data.
bool is_text_control(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == 0x1A;
}

/// Rejects NULs (a UTF-16 file can hold one) and text that is mostly control
/// characters, such as an image without NUL bytes renamed to .txt.
std::optional<base::Error> find_binary_data(std::string_view utf8) {
  std::size_t controls = 0;
  int line = 1, first_control_line = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    // Nearly every byte is printable and cannot open a C1 control (C2 80..9F):
    // one test lets it through, and the checks below run for the rest.
    if (c >= 0x20 && c != 0x7F && c != 0xC2) continue;
    if (c == '\n') ++line;
    if (c == 0) return make_error(kUndecodable, "NUL character: binary data, not text", line);
    const bool c1 = c == 0xC2 && i + 1 < utf8.size() &&
                    static_cast<unsigned char>(utf8[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(utf8[i + 1]) <= 0x9F;
    if (((c < 0x20 || c == 0x7F) && !is_text_control(c)) || c1) {
      if (++controls == 1) first_control_line = line;
    }
  }
  // Text has none or a stray few; random bytes have about one in ten. The
  // characters are counted only when there is something to compare.
  if (controls == 0) return std::nullopt;
  const std::size_t code_points = base::count_code_points(utf8);
  if (controls * 20 <= code_points) return std::nullopt;
  return make_error(kUndecodable,
                    std::to_string(controls) + " of " + std::to_string(code_points) +
                        " characters are control characters: binary data, not text",
                    first_control_line);
}

bool is_blank(std::string_view utf8) {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* end = p + utf8.size();
  while (p < end) {
    const internal::Utf8Step step = internal::decode_utf8_step(p, end);
    if (!u_isUWhiteSpace(static_cast<UChar32>(step.code_point)) && step.code_point != 0xFEFF)
      return false;
    p += step.length;
  }
  return true;
}

}  // namespace

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kUtf8Bom:
      return "utf-8-bom";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
    case Encoding::kGb18030:
      return "gb18030";
  }
  return "unknown";
}

base::Result<Decoded> decode(std::string_view bytes) {
  if (bytes.empty()) return make_error(kEmpty, "empty file");
  base::Result<Decoded> decoded = decode_to_utf8(bytes);
  if (!decoded) return decoded;
  normalise_line_ends(decoded->utf8);
  if (auto error = find_binary_data(decoded->utf8)) return *error;
  if (is_blank(decoded->utf8)) return make_error(kEmpty, "file holds only white space");
  return decoded;
}

}  // namespace newsarc::text
