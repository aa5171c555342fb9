// `newsarc COMMAND ...`: dispatch, and the one place exceptions are caught.
#include "cli/cli.h"

#include <cxxopts.hpp>
#include <iostream>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

constexpr std::string_view kUsage = R"(newsarc — a static site generator for newspaper archives

Usage: newsarc COMMAND [OPTIONS]

Commands:
  build     build the site into the output folder (default: public/)
  ingest    print the article records that text and Markdown files hold
  new DIR   create a new site with example content
  version   print the version

Run 'newsarc COMMAND --help' for the options of a command.
Exit status: 0 success (warnings allowed), 1 some inputs had errors,
2 usage or configuration error.
)";

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == "build") return run_build(argc - 1, argv + 1);
  if (command == "ingest") return run_ingest(argc - 1, argv + 1);
  if (command == "new") return run_new(argc - 1, argv + 1);
  if (command == "version" || command == "--version") {
    std::cout << "newsarc " << NEWSARC_VERSION << '\n';
    return kExitOk;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  std::cerr << "newsarc: unknown command '" << command << "'\n\n" << kUsage;
  return kExitUsage;
}

}  // namespace

int usage_error(std::string_view command, std::string_view message) {
  std::cerr << "newsarc " << command << ": " << message << "\nRun 'newsarc " << command
            << " --help' for usage.\n";
  return kExitUsage;
}

int run(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << "newsarc: " << e.what() << "\nRun 'newsarc --help' for usage.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "newsarc: internal error: " << e.what() << '\n';
    return kExitUsage;
  }
}

}  // namespace newsarc::cli
