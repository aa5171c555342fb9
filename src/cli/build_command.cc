// `newsarc build`.
#include <cstdio>
#include <cstdlib>
#include <cxxopts.hpp>
#include <iostream>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

cxxopts::Options build_options() {
  cxxopts::Options o("newsarc build",
                     "Build the site into the output folder. Paths are relative to --root.");
  add_site_flags(o);
  o.add_options()("out", "output folder (default: out_dir of site.json, \"public\")",
                  cxxopts::value<std::string>())(
      "max-warnings", "exit 1 past this many warnings (default: max_warnings of site.json)",
      cxxopts::value<int>())("no-cache",
                             "ignore .newsarc-cache/: re-ingest and re-render everything and "
                             "replace the output folder as a whole");
  return o;
}

// Ends the process with `code` once the output is flushed, leaving the
// build's memory to the system: freeing it object by object took a tenth of
// a rebuild at 100,000 articles (clang's -disable-free does the same). No
// destructor of ours has an effect outside memory.
[[noreturn]] void exit_without_freeing(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

// 0, 1 or 2 once the diagnostics are printed.
int exit_code(const site::BuildReport& report, const Tally& tally, int max) {
  if (report.config_error) {
    std::cerr << "newsarc build: stopped; nothing was written\n";
    return kExitUsage;
  }
  if (max >= 0 && tally.warnings > static_cast<std::size_t>(max)) {
    std::cerr << "newsarc build: " << format_count(tally.warnings)
              << " warnings, more than max_warnings (" << max << ")\n";
    return kExitInputErrors;
  }
  return tally.errors > 0 ? kExitInputErrors : kExitOk;
}

int max_warnings(const cxxopts::ParseResult& args, const site::BuildReport& report) {
  return args.count("max-warnings") ? args["max-warnings"].as<int>() : report.config.max_warnings;
}

}  // namespace

void add_site_flags(cxxopts::Options& o) {
  o.add_options()("root", "site folder", cxxopts::value<std::string>()->default_value("."))(
      "content", "content folder", cxxopts::value<std::string>()->default_value("content"))(
      "templates", "folder whose templates override the built-in ones, file by file",
      cxxopts::value<std::string>())("assets", "folder copied to assets/ in the output",
                                     cxxopts::value<std::string>()->default_value("assets"))(
      "config", "site configuration (default site.json; optional unless given)",
      cxxopts::value<std::string>())("base-url", "absolute URL the site is served from",
                                     cxxopts::value<std::string>())(
      "j,jobs", "ingest and render threads (0 = one per core)",
      cxxopts::value<int>()->default_value("0"))("q,quiet", "print errors only")(
      "v,verbose", "also print notes and the time of each phase")("h,help", "print this help");
}

site::BuildOptions site_options_from(const cxxopts::ParseResult& args) {
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

std::string site_flags_problem(const cxxopts::ParseResult& args) {
  if (!args.unmatched().empty()) return "unexpected argument '" + args.unmatched().front() + "'";
  if (args.count("quiet") && args.count("verbose"))
    return "--quiet and --verbose exclude each other";
  if (args["jobs"].as<int>() < 0) return "--jobs must be 0 or more";
  return {};
}

Verbosity verbosity_from(const cxxopts::ParseResult& args) {
  if (args.count("quiet")) return Verbosity::kQuiet;
  return args.count("verbose") ? Verbosity::kVerbose : Verbosity::kNormal;
}

int run_build(int argc, char** argv) {
  cxxopts::Options options = build_options();
  const cxxopts::ParseResult args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help();
    return kExitOk;
  }
  if (const std::string problem = site_flags_problem(args); !problem.empty())
    return usage_error("build", problem);
  if (args.count("max-warnings") && args["max-warnings"].as<int>() < 0)
    return usage_error("build", "--max-warnings must be 0 or more");
  const Verbosity verbosity = verbosity_from(args);
  site::BuildOptions build = site_options_from(args);
  if (args.count("no-cache")) build.cache = site::CacheMode::kRebuild;
  build.exit_after = true;
  ProgressLine progress(std::cerr);
  if (verbosity != Verbosity::kQuiet && can_draw_progress())
    build.progress = [&progress](const site::Progress& p) { progress.update(p); };
  base::Diagnostics diags;
  const site::BuildReport report = site::build(build, diags);
  progress.clear();
  const Tally tally = print_diagnostics(
      diags, {verbosity, use_colour(), report.config.silence, build.root}, std::cerr);
  if (verbosity == Verbosity::kVerbose)
    for (const site::Phase& phase : report.phases) std::cout << phase_line(phase) << '\n';
  if (verbosity != Verbosity::kQuiet && !report.config_error)
    std::cout << summary_line(report, tally) << '\n';
  const int code = exit_code(report, tally, max_warnings(args, report));
  if (report.leftovers) exit_without_freeing(code);
  return code;
}

}  // namespace newsarc::cli
