// load_content and `newsarc ingest`: find files, read them, ingest them in
// parallel.
#include <exception>

#include "site/build_steps.h"
#include "site/files.h"
#include "site/site.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

// What ingesting one source produced, kept apart until all are done.
struct Outcome {
  std::vector<ingest::ArticleRecord> records;
  base::Diagnostics diags;
  std::exception_ptr failure;
};

std::string default_prefix(const std::string& dir) {
  const fs::path p = fs::path(dir).lexically_normal();
  return p.filename().empty() ? p.parent_path().filename().string() : p.filename().string();
}

}  // namespace

int thread_count(int jobs, std::size_t tasks) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return static_cast<int>(
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(jobs), tasks)));
}

std::vector<ingest::ArticleRecord> ingest_sources(const std::vector<Source>& sources,
                                                  const config::SiteConfig& config, int jobs,
                                                  base::Diagnostics& diags) {
  std::vector<Outcome> outcomes(sources.size());
  run_pool(sources.size(), thread_count(jobs, sources.size()), [&](std::size_t i) {
    // Not handled here: a third-party exception is carried to the calling
    // thread and rethrown there, so cli/ reports it as it would without threads.
    try {
      outcomes[i].records =
          ingest::ingest_file(sources[i].bytes, sources[i].display, config, outcomes[i].diags);
    } catch (...) {
      outcomes[i].failure = std::current_exception();
    }
  });
  std::vector<ingest::ArticleRecord> records;
  for (Outcome& outcome : outcomes) {
    if (outcome.failure) std::rethrow_exception(outcome.failure);
    diags.append(std::move(outcome.diags));
    for (auto& r : outcome.records) records.push_back(std::move(r));
  }
  return records;
}

std::vector<ingest::ArticleRecord> load_content(const std::string& dir,
                                                const config::SiteConfig& config,
                                                base::Diagnostics& diags,
                                                const LoadOptions& options) {
  const std::string prefix =
      options.display_prefix.empty() ? default_prefix(dir) : options.display_prefix;
  const auto files = list_files(dir, prefix, FileFilter::kContent, diags);
  return ingest_sources(read_sources(files, diags), config, options.jobs, diags);
}

std::vector<ingest::ArticleRecord> ingest_paths(const std::vector<std::string>& paths,
                                                const config::SiteConfig& config,
                                                base::Diagnostics& diags, int jobs) {
  std::vector<FoundFile> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::string prefix = path;
      while (prefix.size() > 1 && prefix.ends_with('/')) prefix.pop_back();
      for (auto& f : list_files(path, prefix, FileFilter::kContent, diags))
        files.push_back(std::move(f));
    } else if (fs::exists(path, ec)) {
      files.push_back({path, path});
    } else {
      diags.report(base::Severity::kError, path, 0, 0, "site/read", "no such file or folder");
    }
  }
  return ingest_sources(read_sources(files, diags), config, jobs, diags);
}

}  // namespace newsarc::site
