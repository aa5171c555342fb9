#pragma once
// cli: the command line. The only place that catches exceptions.

namespace newsarc::cli {

/// Runs `newsarc` with the process arguments; returns the exit code
/// (0 ok, 1 some inputs had errors, 2 usage or configuration error).
int run(int argc, char** argv);

}  // namespace newsarc::cli
