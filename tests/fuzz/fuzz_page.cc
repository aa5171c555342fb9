// libFuzzer: the page normaliser and segmenter (ingest_page) on any decodable
// text, with the default gazetteer. Every record and diagnostic points into
// the page.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "ingest/ingest.h"
#include "text/text.h"

namespace {

const newsarc::config::SiteConfig& site_config() {
  static const newsarc::config::SiteConfig config = [] {
    newsarc::config::SiteConfig c;
    c.districts = newsarc::config::default_gazetteer();
    c.default_year = 2023;
    return c;
  }();
  return config;
}

int count_lines(std::string_view text) {
  int lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto decoded =
      newsarc::text::decode(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!decoded) return 0;
  newsarc::base::Diagnostics diags;
  const auto records =
      newsarc::ingest::ingest_page(decoded->utf8, "content/fuzz.txt", site_config(), diags);
  const int lines = count_lines(decoded->utf8);
  for (const auto& r : records) {
    if (r.id.empty() || r.source_line < 1 || r.source_line > lines) std::abort();
    newsarc::ingest::to_json(r);
  }
  for (const auto& d : diags.items())
    if (d.line > lines || d.code.empty()) std::abort();
  return 0;
}
