// libFuzzer: text::decode on any bytes. It returns text or an Error and never
// crashes; decoded text is valid UTF-8 with "\n" line ends only.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto decoded = newsarc::text::decode(bytes);
  if (!decoded) return 0;
  const std::string& text = decoded->utf8;
  if (text.find('\r') != std::string::npos) std::abort();
  // Valid UTF-8 round-trips through UTF-32 unchanged.
  if (newsarc::text::to_utf8(newsarc::text::to_u32(text)) != text) std::abort();
  return 0;
}
