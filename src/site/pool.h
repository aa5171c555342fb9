#pragma once
// Internal to site: how many threads a step runs on; the pool itself is
// base's (base/pool.h).

#include <cstddef>

#include "base/pool.h"

namespace newsarc::site {

/// Threads for `tasks` tasks: `jobs`, 0 = one per hardware thread, at most `tasks`.
int thread_count(int jobs, std::size_t tasks);

using base::run_pool;
using base::run_pool_on;

}  // namespace newsarc::site
