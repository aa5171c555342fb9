// `newsarc new DIR`.
#include <cxxopts.hpp>
#include <iostream>

#include "cli/commands.h"

namespace newsarc::cli {

int run_new(int argc, char** argv) {
  cxxopts::Options options("newsarc new",
                           "Create a new site in DIR: site.json with the Zhengzhou gazetteer,\n"
                           "two example articles, and the built-in templates and assets.");
  options.positional_help("DIR");
  options.add_options()("h,help", "print this help")("dir", "folder to create",
                                                     cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"dir"});
  const cxxopts::ParseResult args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help();
    return kExitOk;
  }
  if (!args.count("dir")) return usage_error("new", "no folder given");
  const auto dirs = args["dir"].as<std::vector<std::string>>();
  if (dirs.size() > 1)
    return usage_error("new", "give one folder, not " + format_count(dirs.size()));
  const auto created = site::scaffold_site(dirs[0], site::find_data_dir(data_dir_candidates()));
  if (!created) {
    std::cerr << "newsarc new: error[" << created.error().code << "]: " << created.error().message
              << '\n';
    return kExitUsage;
  }
  std::cout << "Created a new site in " << dirs[0] << ".\nBuild it with:\n  cd " << dirs[0]
            << " && newsarc build\n";
  return kExitOk;
}

}  // namespace newsarc::cli
