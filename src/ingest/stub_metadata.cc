// Temporary stubs; replaced by extract_date.cc, extract_districts.cc,
// extract_people.cc and front_matter.cc.
#include "ingest/metadata.h"
namespace newsarc::ingest {
void assign_dates(std::vector<ArticleRecord>&, const DateContext&, base::Diagnostics&) {}
PartialDate date_from_path(std::string_view) { return {}; }
std::vector<std::string> find_districts(const ArticleRecord&, const std::vector<config::District>&) { return {}; }
void find_people(ArticleRecord&) {}
std::pair<std::string_view, int> apply_front_matter(std::string_view text, std::string_view, ArticleRecord&, base::Diagnostics&) { return {text, 1}; }
}  // namespace newsarc::ingest
