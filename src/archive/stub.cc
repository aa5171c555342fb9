// Temporary stub; replaced by archive.cc.
#include "archive/archive.h"
namespace newsarc::archive {
Archive build_archive(std::vector<ArticleRecord> records, const config::SiteConfig&, base::Diagnostics&) { Archive a; a.articles = std::move(records); return a; }
}  // namespace newsarc::archive
