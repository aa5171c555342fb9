// libFuzzer: a Markdown file with YAML or JSON front matter (ingest_markdown)
// on any decodable text. A file gives at most one record, or an error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "ingest/ingest.h"
#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const newsarc::config::SiteConfig config = [] {
    newsarc::config::SiteConfig c;
    c.districts = newsarc::config::default_gazetteer();
    return c;
  }();
  const auto decoded =
      newsarc::text::decode(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!decoded) return 0;
  newsarc::base::Diagnostics diags;
  const auto records =
      newsarc::ingest::ingest_markdown(decoded->utf8, "content/fuzz.md", config, diags);
  for (const auto& r : records) {
    if (r.id.empty()) std::abort();
    const auto back = newsarc::ingest::from_json(newsarc::ingest::to_json(r));
    if (!back) std::abort();  // every record survives the JSON round trip
  }
  return 0;
}
