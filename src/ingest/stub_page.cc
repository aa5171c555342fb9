// Temporary stubs; replaced by ingest.cc, record_json.cc and the page normaliser.
#include <nlohmann/json.hpp>
#include "ingest/ingest.h"
namespace newsarc::ingest {
std::string PartialDate::iso() const { return ""; }
std::vector<std::string> ArticleRecord::paragraphs() const { return {}; }
std::vector<ArticleRecord> ingest_file(std::string_view, std::string_view, const config::SiteConfig&, base::Diagnostics&) { return {}; }
std::vector<ArticleRecord> ingest_page(std::string_view, std::string_view, const config::SiteConfig&, base::Diagnostics&) { return {}; }
std::vector<ArticleRecord> ingest_markdown(std::string_view, std::string_view, const config::SiteConfig&, base::Diagnostics&) { return {}; }
nlohmann::json to_json(const ArticleRecord&) { return {}; }
base::Result<ArticleRecord> from_json(const nlohmann::json&) { return ArticleRecord{}; }
}  // namespace newsarc::ingest
