#include "cli/cli.h"

int main(int argc, char** argv) {
  return newsarc::cli::run(argc, argv);
}
