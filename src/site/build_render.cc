// Rendering on several threads: units are rendered in batches and handed
// over in unit order, so the bytes and diagnostics are the same for any number
// of threads and only a batch of pages is held at once.
#include <exception>

#include "site/build_steps.h"

namespace newsarc::site {

namespace {

// Units rendered per thread between two hand-overs: large enough to keep the
// threads busy, small enough to bound memory (a page is some 10 KB).
constexpr std::size_t kBatchPerThread = 64;

struct Slot {
  RenderedUnit unit;
  std::exception_ptr failure;
};

}  // namespace

void render_units(const render::SiteRenderer& renderer, int jobs, const std::vector<char>& skip,
                  const std::function<void(std::size_t, RenderedUnit*)>& take) {
  const std::size_t n = renderer.size();
  const int threads = thread_count(jobs, n);
  const std::size_t batch = kBatchPerThread * static_cast<std::size_t>(threads);
  std::size_t at = 0;
  while (at < n) {
    // The next `batch` units to render, and the skipped ones among them.
    std::vector<std::size_t> todo;
    std::size_t end = at;
    for (; end < n && todo.size() < batch; ++end)
      if (!skip[end]) todo.push_back(end);
    std::vector<Slot> slots(todo.size());
    run_pool_on(todo.size(), threads, [&](std::size_t k, int thread) {
      Slot& slot = slots[k];
      try {
        renderer.render(
            todo[k], thread,
            [&slot](const std::string& path, std::string bytes) {
              slot.unit.files.emplace_back(path, std::move(bytes));
            },
            slot.unit.diags);
      } catch (...) {
        slot.failure = std::current_exception();
      }
    });
    std::size_t next = 0;
    for (std::size_t i = at; i < end; ++i) {
      if (skip[i]) {
        take(i, nullptr);
        continue;
      }
      Slot& slot = slots[next++];
      if (slot.failure) std::rethrow_exception(slot.failure);
      take(i, &slot.unit);
      slot.unit = RenderedUnit{};
    }
    at = end;
  }
}

render::RenderedSite render_parallel(const archive::Archive& archive,
                                     const config::SiteConfig& config,
                                     const render::TemplateSet& templates, int jobs,
                                     base::Diagnostics& diags) {
  const int threads = thread_count(jobs, archive.articles.size() + 1);
  const render::SiteRenderer renderer(archive, config, templates, diags, threads);
  if (!renderer.ok()) return {};
  render::RenderedSite site;
  render_units(renderer, threads, std::vector<char>(renderer.size(), 0),
               [&](std::size_t, RenderedUnit* unit) {
                 diags.append(std::move(unit->diags));
                 for (auto& [path, bytes] : unit->files) site[path] = std::move(bytes);
               });
  return site;
}

}  // namespace newsarc::site
