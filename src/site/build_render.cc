// Rendering on several threads: units are rendered in batches and handed
// over in unit order, so the bytes and diagnostics are the same for any number
// of threads and only a batch of pages is held at once.
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "site/build_steps.h"

namespace newsarc::site {

namespace {

// Units rendered per thread between two hand-overs: large enough to keep the
// threads busy, small enough to bound memory (a page is some 10 KB).
constexpr std::size_t kBatchPerThread = 64;
// Rendered batches waiting for `take` at most: bounds memory to a few batches.
constexpr std::size_t kQueuedBatches = 2;

struct Slot {
  RenderedUnit unit;
  std::exception_ptr failure;
};

// Units [at, end) of the unit list; todo are those not skipped, slots their output.
struct Batch {
  std::size_t at = 0, end = 0;
  std::vector<std::size_t> todo;
  std::vector<Slot> slots;
};

// Units that depend on every record (records.json, the search index) each
// take as long as thousands of pages: they start at once, each on its own
// thread and renderer slot, so that no batch waits for one of them.
class EarlyUnits {
 public:
  EarlyUnits(const render::SiteRenderer& renderer, int threads, const std::vector<char>& skip,
             const std::function<void(RenderedUnit&)>& rendered) {
    if (renderer.slots() <= threads) return;  // no spare slot: rendered in their batch
    for (std::size_t u = 0; u < renderer.size(); ++u) {
      if (skip[u] || renderer.depends(u) != render::Depends::kAll) continue;
      units_.emplace(u, std::async(std::launch::async, [&renderer, &rendered, u, slot = threads] {
                       Slot out;
                       try {
                         renderer.render(
                             u, slot,
                             [&out](const std::string& path, render::FileBytes bytes) {
                               out.unit.files.emplace_back(path, std::move(bytes));
                             },
                             out.unit.diags);
                         if (rendered) rendered(out.unit);
                       } catch (...) {
                         out.failure = std::current_exception();
                       }
                       return out;
                     }));
    }
  }
  bool has(std::size_t u) const { return units_.count(u) > 0; }
  /// Waits for unit `u`'s output.
  Slot take(std::size_t u) { return units_.at(u).get(); }

 private:
  std::map<std::size_t, std::future<Slot>> units_;
};

// Rendered batches, handed from the rendering threads to the taking one in order.
class BatchQueue {
 public:
  void push(std::unique_ptr<Batch> batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < kQueuedBatches || stopped_; });
    queue_.push_back(std::move(batch));
    ready_.notify_one();
  }
  /// The next batch; nullptr once closed and empty.
  std::unique_ptr<Batch> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return nullptr;
    auto batch = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return batch;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_one();
  }
  /// The taker gave up (a unit failed): push() no longer waits.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::unique_ptr<Batch>> queue_;
  bool closed_ = false, stopped_ = false;
};

std::unique_ptr<Batch> next_batch(std::size_t at, std::size_t n, std::size_t size,
                                  const std::vector<char>& skip, const EarlyUnits& early) {
  auto batch = std::make_unique<Batch>();
  batch->at = batch->end = at;
  for (; batch->end < n && batch->todo.size() < size; ++batch->end)
    if (!skip[batch->end] && !early.has(batch->end)) batch->todo.push_back(batch->end);
  batch->slots.resize(batch->todo.size());
  return batch;
}

void render_batch(const render::SiteRenderer& renderer, int threads, Batch& batch,
                  const std::function<void(RenderedUnit&)>& rendered) {
  run_pool_on(batch.todo.size(), threads, [&](std::size_t k, int thread) {
    Slot& slot = batch.slots[k];
    try {
      renderer.render(
          batch.todo[k], thread,
          [&slot](const std::string& path, render::FileBytes bytes) {
            slot.unit.files.emplace_back(path, std::move(bytes));
          },
          slot.unit.diags);
      if (rendered) rendered(slot.unit);
    } catch (...) {
      slot.failure = std::current_exception();
    }
  });
}

// Hands a batch's units to `take` in order; the first failure, if any.
std::exception_ptr take_batch(Batch& batch, const std::vector<char>& skip, EarlyUnits& early,
                              const std::function<void(std::size_t, RenderedUnit*)>& take) {
  std::size_t next = 0;
  for (std::size_t i = batch.at; i < batch.end; ++i) {
    if (skip[i]) {
      take(i, nullptr);
      continue;
    }
    if (early.has(i)) {
      Slot slot = early.take(i);
      if (slot.failure) return slot.failure;
      take(i, &slot.unit);
      continue;
    }
    Slot& slot = batch.slots[next++];
    if (slot.failure) return slot.failure;
    take(i, &slot.unit);
    slot.unit = RenderedUnit{};
  }
  return nullptr;
}

}  // namespace

// While the pool renders a batch, another thread takes (writes) the one
// before: writing is mostly system calls, so on two cores the render threads
// and the writer overlap instead of waiting for each other.
void render_units(const render::SiteRenderer& renderer, int jobs, const std::vector<char>& skip,
                  const std::function<void(std::size_t, RenderedUnit*)>& take,
                  const std::function<void(RenderedUnit&)>& rendered) {
  const std::size_t n = renderer.size();
  const int threads = thread_count(jobs, n);
  const std::size_t size = kBatchPerThread * static_cast<std::size_t>(threads);
  EarlyUnits early(renderer, threads, skip, rendered);
  BatchQueue queue;
  std::exception_ptr failure;
  std::thread taker([&] {
    while (auto batch = queue.pop()) {
      if (!failure) failure = take_batch(*batch, skip, early, take);
      if (failure) queue.stop();
    }
  });
  try {
    for (std::size_t at = 0; at < n;) {
      auto batch = next_batch(at, n, size, skip, early);
      at = batch->end;
      render_batch(renderer, threads, *batch, rendered);
      queue.push(std::move(batch));
    }
  } catch (...) {  // out of memory: let the taker finish before unwinding
    queue.close();
    taker.join();
    throw;
  }
  queue.close();
  taker.join();
  if (failure) std::rethrow_exception(failure);
}

render::RenderedSite render_parallel(const archive::Archive& archive,
                                     const config::SiteConfig& config,
                                     const render::TemplateSet& templates, int jobs,
                                     base::Diagnostics& diags) {
  const int threads = thread_count(jobs, archive.articles.size() + 1);
  const render::SiteRenderer renderer(archive, config, templates, diags, threads + 1);
  if (!renderer.ok()) return {};
  render::RenderedSite site;
  render_units(renderer, threads, std::vector<char>(renderer.size(), 0),
               [&](std::size_t, RenderedUnit* unit) {
                 diags.append(std::move(unit->diags));
                 for (auto& [path, bytes] : unit->files) site[path] = std::move(bytes).join();
               });
  return site;
}

}  // namespace newsarc::site
