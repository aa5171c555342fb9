// Hand-written UTF-8 <-> UTF-32 codec: the ingester's hot path, so no ICU here.
#include "text/text.h"

#include "text/internal.h"

namespace newsarc::text {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool is_scalar_value(char32_t c) {
  return c < 0xD800 || (c > 0xDFFF && c <= 0x10FFFF);
}

// Writes c (U+FFFD for a surrogate or beyond U+10FFFF) at w; returns the end.
char* put_utf8(char* w, char32_t c) {
  if (!is_scalar_value(c)) c = internal::kReplacement;
  if (c < 0x80) {
    *w++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *w++ = static_cast<char>(0xC0 | (c >> 6));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (c >> 12));
    *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (c >> 18));
    *w++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return w;
}

}  // namespace

namespace internal {

std::size_t find_invalid_utf8(std::string_view s) {
  const unsigned char* begin = bytes_of(s);
  const unsigned char* end = begin + s.size();
  for (const unsigned char* p = begin; p < end;) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    if (is_plain_three_byte(p, end)) {  // most of a Chinese text
      p += 3;
      continue;
    }
    const Utf8Step step = decode_utf8_step(p, end);
    if (!step.valid) return static_cast<std::size_t>(p - begin);
    p += step.length;
  }
  return std::string_view::npos;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace internal

// Both directions write through a pointer into a buffer sized for the worst
// case and cut it to length once: ingest converts every line several times.
std::u32string to_u32(std::string_view utf8) {
  std::u32string out(utf8.size(), U'\0');  // never more code points than bytes
  char32_t* w = out.data();
  const unsigned char* p = bytes_of(utf8);
  const unsigned char* end = p + utf8.size();
  while (p < end) {
    if (*p < 0x80) {
      *w++ = *p++;
      continue;
    }
    if (internal::is_plain_three_byte(p, end)) {
      *w++ = static_cast<char32_t>(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
      p += 3;
      continue;
    }
    const internal::Utf8Step step = internal::decode_utf8_step(p, end);
    *w++ = step.code_point;
    p += step.length;
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out(4 * s.size(), '\0');
  char* w = out.data();
  for (char32_t c : s) {
    if (c < 0x80)
      *w++ = static_cast<char>(c);
    else
      w = put_utf8(w, c);
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
  return out;
}

std::string to_utf8(char32_t c) {
  char bytes[4];
  return std::string(bytes, put_utf8(bytes, c));
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF)        // CJK Unified Ideographs
         || (c >= 0x3400 && c <= 0x4DBF)     // Extension A
         || (c >= 0xF900 && c <= 0xFAFF)     // Compatibility Ideographs
         || (c >= 0x20000 && c <= 0x2FA1F)   // Extensions B-F, Compatibility Supplement
         || (c >= 0x30000 && c <= 0x323AF);  // Extensions G-H
}

}  // namespace newsarc::text
