// `newsarc build`.
#include <cxxopts.hpp>
#include <iostream>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

cxxopts::Options build_options() {
  cxxopts::Options o("newsarc build",
                     "Build the site into the output folder. Paths are relative to --root.");
  o.add_options()("root", "site folder", cxxopts::value<std::string>()->default_value("."))(
      "content", "content folder", cxxopts::value<std::string>()->default_value("content"))(
      "templates", "folder whose templates override the built-in ones, file by file",
      cxxopts::value<std::string>())("assets", "folder copied to assets/ in the output",
                                     cxxopts::value<std::string>()->default_value("assets"))(
      "config", "site configuration (default site.json; optional unless given)",
      cxxopts::value<std::string>())("out",
                                     "output folder (default: out_dir of site.json, \"public\")",
                                     cxxopts::value<std::string>())(
      "base-url", "absolute URL the site is served from", cxxopts::value<std::string>())(
      "j,jobs", "ingest threads (0 = one per core)", cxxopts::value<int>()->default_value("0"))(
      "q,quiet", "print errors only")("v,verbose", "also print notes and the time of each phase")(
      "h,help", "print this help");
  return o;
}

site::BuildOptions to_build_options(const cxxopts::ParseResult& args) {
  site::BuildOptions o;
  o.root = args["root"].as<std::string>();
  o.content_dir = args["content"].as<std::string>();
  o.assets_dir = args["assets"].as<std::string>();
  if (args.count("templates")) o.user_templates_dir = args["templates"].as<std::string>();
  if (args.count("config")) {
    o.config_path = args["config"].as<std::string>();
    o.missing_config = site::MissingConfig::kError;
  }
  if (args.count("out")) o.out_dir = args["out"].as<std::string>();
  if (args.count("base-url")) o.base_url = args["base-url"].as<std::string>();
  o.jobs = args["jobs"].as<int>();
  o.data_dir = site::find_data_dir(data_dir_candidates());
  return o;
}

Verbosity verbosity_of(const cxxopts::ParseResult& args) {
  if (args.count("quiet")) return Verbosity::kQuiet;
  return args.count("verbose") ? Verbosity::kVerbose : Verbosity::kNormal;
}

// 0, 1 or 2 once the diagnostics are printed.
int exit_code(const site::BuildReport& report, const Tally& tally) {
  if (report.config_error) {
    std::cerr << "newsarc build: stopped; nothing was written\n";
    return kExitUsage;
  }
  const int max = report.config.max_warnings;
  if (max >= 0 && tally.warnings > static_cast<std::size_t>(max)) {
    std::cerr << "newsarc build: " << format_count(tally.warnings)
              << " warnings, more than max_warnings (" << max << ")\n";
    return kExitInputErrors;
  }
  return tally.errors > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

int run_build(int argc, char** argv) {
  cxxopts::Options options = build_options();
  const cxxopts::ParseResult args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help();
    return kExitOk;
  }
  if (!args.unmatched().empty())
    return usage_error("build", "unexpected argument '" + args.unmatched().front() + "'");
  if (args.count("quiet") && args.count("verbose"))
    return usage_error("build", "--quiet and --verbose exclude each other");
  if (args["jobs"].as<int>() < 0) return usage_error("build", "--jobs must be 0 or more");
  const site::BuildOptions build = to_build_options(args);
  base::Diagnostics diags;
  const site::BuildReport report = site::build(build, diags);
  const Verbosity verbosity = verbosity_of(args);
  const Tally tally = print_diagnostics(
      diags, {verbosity, use_colour(), report.config.silence, build.root}, std::cerr);
  if (verbosity == Verbosity::kVerbose)
    for (const site::Phase& phase : report.phases) std::cout << phase_line(phase) << '\n';
  if (verbosity != Verbosity::kQuiet && !report.config_error)
    std::cout << summary_line(report, tally) << '\n';
  return exit_code(report, tally);
}

}  // namespace newsarc::cli
