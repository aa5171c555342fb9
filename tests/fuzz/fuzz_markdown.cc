// libFuzzer: Markdown to HTML (cmark-gfm in safe mode) and the scan `newsarc
// check` uses. No raw HTML and no javascript: link may come out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "render/render.h"
#include "render/views.h"

namespace {

bool contains_case_insensitive(std::string_view haystack, std::string_view needle) {
  std::string lower(haystack);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(needle) != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  const std::string html = newsarc::render::markdown_to_html(markdown);
  for (const char* unsafe : {"<script", "href=\"javascript:", "src=\"javascript:",
                             "href=\"vbscript:", "src=\"vbscript:"})
    if (contains_case_insensitive(html, unsafe)) std::abort();
  newsarc::render::markdown_to_text(markdown);
  for (const auto& item : newsarc::render::scan_markdown(markdown))
    if (item.line < 1 || item.column < 1) std::abort();
  return 0;
}
