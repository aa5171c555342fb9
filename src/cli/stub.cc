// Temporary stub; replaced by cli.cc.
#include "cli/cli.h"
namespace newsarc::cli {
int run(int, char**) { return 0; }
}  // namespace newsarc::cli
