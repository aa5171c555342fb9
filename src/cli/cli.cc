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
  check     lint the content (build problems, undated articles, typos, dead links)
  ingest    print the article records that text and Markdown files hold
  new DIR   create a new site with example content
  serve     build in memory and serve at http://127.0.0.1:1313/ with live reload
  version   print the version (--verbose: also where the built-in theme is)

Run 'newsarc COMMAND --help' for the options of a command.
Exit status: 0 success (warnings allowed), 1 some inputs had errors,
2 usage or configuration error.
)";

// `newsarc version [--verbose]`: the version, and with --verbose the folder
// the built-in templates and assets come from.
int print_version(int argc, char** argv) {
  std::cout << "newsarc " << NEWSARC_VERSION << '\n';
  const bool verbose =
      argc > 1 && (std::string_view(argv[1]) == "--verbose" || std::string_view(argv[1]) == "-v");
  if (!verbose) return kExitOk;
  const std::string data_dir = site::find_data_dir(data_dir_candidates());
  std::cout << "data dir: " << (data_dir.empty() ? "(none found)" : data_dir) << '\n';
  return kExitOk;
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == "build") return run_build(argc - 1, argv + 1);
  if (command == "ingest") return run_ingest(argc - 1, argv + 1);
  if (command == "new") return run_new(argc - 1, argv + 1);
  if (command == "serve") return run_serve(argc - 1, argv + 1);
  if (command == "check") return run_check(argc - 1, argv + 1);
  if (command == "version" || command == "--version") return print_version(argc - 1, argv + 1);
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
