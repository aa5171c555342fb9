// `newsarc check`: every problem a build reports, plus the lints, without
// writing a site.
#include <cxxopts.hpp>
#include <iostream>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

cxxopts::Options check_options() {
  cxxopts::Options o("newsarc check",
                     "Lint the site's sources without writing anything: every problem a build\n"
                     "reports, plus articles not dated to the day, officials with conflicting\n"
                     "posts on one day, typo_map forms, and Markdown links that lead nowhere.");
  add_site_flags(o);
  o.add_options()("format", "text, or json: a JSON array of diagnostics on stdout",
                  cxxopts::value<std::string>()->default_value("text"));
  return o;
}

// "Checked 40 articles from 38 files — 1 error, 3 warnings".
std::string summary(const site::BuildReport& report, const Tally& tally) {
  const std::string line = "Checked " + plural(report.articles, "article", "articles") + " from " +
                           plural(report.sources, "file", "files");
  if (tally.errors == 0 && tally.warnings == 0) return line + ": no problems found";
  return line + problems_suffix(tally);
}

int exit_code(const site::BuildReport& report, const Tally& tally) {
  if (report.config_error) return kExitUsage;
  const int max = report.config.max_warnings;
  if (max >= 0 && tally.warnings > static_cast<std::size_t>(max)) return kExitInputErrors;
  return tally.errors > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

int run_check(int argc, char** argv) {
  cxxopts::Options options = check_options();
  const cxxopts::ParseResult args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help();
    return kExitOk;
  }
  if (const std::string problem = site_flags_problem(args); !problem.empty())
    return usage_error("check", problem);
  const std::string format = args["format"].as<std::string>();
  if (format != "text" && format != "json")
    return usage_error("check", "--format must be text or json");
  const site::BuildOptions build = site_options_from(args);
  base::Diagnostics diags;
  const site::BuildReport report = site::check_site(build, diags);
  const PrintOptions print{verbosity_from(args), use_colour(), report.config.silence, build.root};
  if (format == "json") return exit_code(report, print_diagnostics_json(diags, print, std::cout));
  const Tally tally = print_diagnostics(diags, print, std::cerr);
  if (report.config_error)
    std::cerr << "newsarc check: stopped at the configuration\n";
  else if (print.verbosity != Verbosity::kQuiet)
    std::cout << summary(report, tally) << '\n';
  return exit_code(report, tally);
}

}  // namespace newsarc::cli
