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

std::size_t encoded_length(char32_t c) {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c < 0x10000) return 3;
  return 4;
}

void append_utf8(std::string& out, char32_t c) {
  if (!is_scalar_value(c)) c = internal::kReplacement;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
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

}  // namespace internal

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const unsigned char* p = bytes_of(utf8);
  const unsigned char* end = p + utf8.size();
  while (p < end) {
    if (*p < 0x80) {
      out.push_back(*p++);
      continue;
    }
    const internal::Utf8Step step = internal::decode_utf8_step(p, end);
    out.push_back(step.code_point);
    p += step.length;
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::size_t length = 0;
  for (char32_t c : s) length += is_scalar_value(c) ? encoded_length(c) : 3;
  std::string out;
  out.reserve(length);
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::string to_utf8(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF)        // CJK Unified Ideographs
         || (c >= 0x3400 && c <= 0x4DBF)     // Extension A
         || (c >= 0xF900 && c <= 0xFAFF)     // Compatibility Ideographs
         || (c >= 0x20000 && c <= 0x2FA1F)   // Extensions B-F, Compatibility Supplement
         || (c >= 0x30000 && c <= 0x323AF);  // Extensions G-H
}

}  // namespace newsarc::text
