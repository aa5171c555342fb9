#pragma once
// Internal to site: a pool of threads that take the next index of a task
// list, for the steps that do the same thing to many items (ingest, render,
// linking the last site's files).

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace newsarc::site {

/// Threads for `tasks` tasks: `jobs`, 0 = one per hardware thread, at most `tasks`.
int thread_count(int jobs, std::size_t tasks);

/// Runs task(i, thread) for every i < n on `threads` threads (numbered from
/// 0, the calling one), each taking the next index.
template <typename Task>
void run_pool_on(std::size_t n, int threads, const Task& task) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&](int thread) {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i, thread);
  };
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
}

/// Runs task(i) for every i < n on `threads` threads.
template <typename Task>
void run_pool(std::size_t n, int threads, const Task& task) {
  run_pool_on(n, threads, [&](std::size_t i, int) { task(i); });
}

}  // namespace newsarc::site
