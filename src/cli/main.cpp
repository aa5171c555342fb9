#include "cli/cli.h"

#ifdef NEWSARC_WITH_JEMALLOC
// jemalloc reads its options from this symbol before the first allocation;
// MALLOC_CONF in the environment still overrides it. Transparent huge pages:
// a rebuild at 100 000 articles touches about 2 GiB of heap, which in 4 KiB
// pages is some 440 000 page faults; in 2 MiB pages some 20 000. The rebuild
// after one edited article took 0.70 of the time (medians of four paired
// runs, bench/RESULTS.md, session 16). Where the kernel has THP set to
// "never", the advice does nothing.
extern "C" {
const char* malloc_conf = "thp:always";
}
#endif

int main(int argc, char** argv) {
  return newsarc::cli::run(argc, argv);
}
