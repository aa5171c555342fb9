// base::run_pool: every index once, on the threads asked for, and a task's
// exception brought back to the caller.
#include "base/pool.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace newsarc::base {
namespace {

TEST(Pool, RunsEveryIndexOnce) {
  for (int threads : {0, 1, 3, 8}) {
    std::vector<std::atomic<int>> runs(1000);
    run_pool(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
    for (std::size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i], 1) << i << " " << threads;
  }
}

TEST(Pool, NumbersThreadsFromTheCallerAndNoMoreThanTasks) {
  std::mutex mutex;
  std::set<int> seen;
  run_pool_on(2, 8, [&](std::size_t, int thread) {
    const std::lock_guard lock(mutex);
    seen.insert(thread);
  });
  ASSERT_FALSE(seen.empty());
  EXPECT_GE(*seen.begin(), 0);
  EXPECT_LT(*seen.rbegin(), 2);  // two tasks: at most two threads
  run_pool(0, 4, [](std::size_t) { FAIL() << "no task to run"; });
}

TEST(Pool, RethrowsATasksExceptionAndStopsHandingOutIndices) {
  for (int threads : {1, 4}) {
    std::atomic<std::size_t> ran{0};
    try {
      run_pool(100000, threads, [&](std::size_t i) {
        ++ran;
        if (i == 10) throw std::runtime_error("task 10 failed");
        // Slow enough that the other threads are still at work when it throws.
        std::this_thread::sleep_for(std::chrono::microseconds(100));
      });
      FAIL() << "the exception was lost";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "task 10 failed");
    }
    // The other threads stop at their next index: a few more ran, not all.
    EXPECT_LT(ran.load(), 200u) << threads;
  }
}

}  // namespace
}  // namespace newsarc::base
