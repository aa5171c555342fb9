#pragma once
// base: a pool of threads that take the next index of a task list, for the
// steps that do the same thing to many items (ingest, the search index's
// parts and shards, render, linking the last site's files). One pool for
// every stage, so that a task that throws is handled the same everywhere.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace newsarc::base {

/// Runs task(i, thread) for every i < n on `threads` threads (numbered from
/// 0, the calling one; at most n of them), each taking the next index. When
/// a task throws, no further index is handed out, the threads are joined and
/// the first exception is rethrown here; tasks already running finish.
template <typename Task>
void run_pool_on(std::size_t n, int threads, const Task& task) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  const auto worker = [&](int thread) {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i, thread);
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = n;
    }
  };
  {
    std::vector<std::jthread> pool;
    const int count = static_cast<int>(std::min<std::size_t>(std::max(threads, 1), n));
    for (int t = 1; t < count; ++t) pool.emplace_back(worker, t);
    worker(0);
  }  // joins
  if (failure) std::rethrow_exception(failure);
}

/// Runs task(i) for every i < n on `threads` threads, as run_pool_on.
template <typename Task>
void run_pool(std::size_t n, int threads, const Task& task) {
  run_pool_on(n, threads, [&](std::size_t i, int) { task(i); });
}

}  // namespace newsarc::base
