// `newsarc ingest`.
#include <cxxopts.hpp>
#include <iostream>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

cxxopts::Options ingest_options() {
  cxxopts::Options o("newsarc ingest",
                     "Print the article records of text and Markdown files and folders.\n"
                     "Uses ./site.json for the gazetteer when present.");
  o.positional_help("PATH...");
  o.add_options()("json", "print the records as a JSON array (UTF-8, 2-space indent)")(
      "j,jobs", "ingest threads (0 = one per core)", cxxopts::value<int>()->default_value("0"))(
      "q,quiet", "print errors only")("h,help", "print this help")(
      "paths", "files or folders", cxxopts::value<std::vector<std::string>>());
  o.parse_positional({"paths"});
  return o;
}

void print_json(const std::vector<ingest::ArticleRecord>& records) {
  std::string out;
  base::JsonWriter w(out, 2);
  w.begin_array();
  for (const auto& r : records) ingest::write_json(w, r, ingest::JsonForm::kFull);
  w.end_array();
  std::cout << out << '\n';
}

// One line per record: "content/p1.txt:3: 标题 (2023-06-03)".
void print_text(const std::vector<ingest::ArticleRecord>& records) {
  for (const auto& r : records) {
    const std::string date = r.date.iso();
    std::cout << r.source_path << ':' << r.source_line << ": " << r.display_title
              << (date.empty() ? "" : " (" + date + ")") << '\n';
  }
}

}  // namespace

int run_ingest(int argc, char** argv) {
  cxxopts::Options options = ingest_options();
  const cxxopts::ParseResult args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help();
    return kExitOk;
  }
  if (!args.count("paths")) return usage_error("ingest", "no files or folders given");
  if (args["jobs"].as<int>() < 0) return usage_error("ingest", "--jobs must be 0 or more");
  const Verbosity verbosity = args.count("quiet") ? Verbosity::kQuiet : Verbosity::kNormal;
  base::Diagnostics diags;
  const auto config =
      site::read_config("site.json", "site.json", site::MissingConfig::kUseDefaults, diags);
  if (!config) {
    print_diagnostics(diags, {verbosity, use_colour(), {}, "."}, std::cerr);
    return kExitUsage;
  }
  const auto records = site::ingest_paths(args["paths"].as<std::vector<std::string>>(), *config,
                                          diags, args["jobs"].as<int>());
  const Tally tally =
      print_diagnostics(diags, {verbosity, use_colour(), config->silence, "."}, std::cerr);
  args.count("json") ? print_json(records) : print_text(records);
  return tally.errors > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace newsarc::cli
