#include "cli/cli.h"

#ifdef NEWSARC_WITH_JEMALLOC
// jemalloc reads its options from this symbol before the first allocation;
// MALLOC_CONF in the environment still overrides it. Transparent huge pages:
// a rebuild at 100 000 articles touches about 2 GiB of heap, which in 4 KiB
// pages is some 440 000 page faults and as many TLB misses. In 2 MiB pages it
// is some 20 000 faults, and the rebuild after one edited article took less
// than half the time (bench/RESULTS.md, session 16). Where the kernel has THP
// off, jemalloc leaves it off.
extern "C" {
const char* malloc_conf = "thp:always";
}
#endif

int main(int argc, char** argv) {
  return newsarc::cli::run(argc, argv);
}
