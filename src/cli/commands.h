#pragma once
// Internal to cli: the subcommands and the printing they share.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "site/site.h"

namespace cxxopts {
class Options;
class ParseResult;
}  // namespace cxxopts

namespace newsarc::cli {

/// Exit codes of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  ///< finished, but some inputs had errors
inline constexpr int kExitUsage = 2;        ///< usage or configuration error

/// How much a command prints.
enum class Verbosity { kQuiet, kNormal, kVerbose };

/// How diagnostics are printed.
struct PrintOptions {
  Verbosity verbosity = Verbosity::kNormal;
  bool colour = false;
  std::vector<std::string> silence;  ///< codes not printed or counted
  std::string root = ".";            ///< diagnostic paths are relative to it
};

/// How many errors and warnings were printed.
struct Tally {
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

/// Prints the diagnostics in GCC format, each with its source line when the
/// file is readable: errors always, warnings unless quiet, notes when verbose.
Tally print_diagnostics(const base::Diagnostics& diags, const PrintOptions& options,
                        std::ostream& out);

/// The diagnostics print_diagnostics would print, as one JSON array of
/// {path, line, column, severity, code, message} objects; counted the same.
Tally print_diagnostics_json(const base::Diagnostics& diags, const PrintOptions& options,
                             std::ostream& out);
/// "1,234".
std::string format_count(std::size_t n);
/// "1 page", "1,234 pages".
std::string plural(std::size_t n, std::string_view one, std::string_view many);
/// " — 1 error, 3 warnings" ("" when there are none): the tail of a summary line.
std::string problems_suffix(const Tally& tally);
/// "38 ms", "2.3 s".
std::string format_duration(double ms);
/// "Ingested 412 articles in 38 ms".
std::string phase_line(const site::Phase& phase);
/// "Built 1,234 pages from 987 articles in 2.3 s — 3 warnings".
std::string summary_line(const site::BuildReport& report, const Tally& tally);

/// True when stderr is a terminal and NO_COLOR is not set.
bool use_colour();
/// Where the installed templates/ and assets/ may be, best first: beside the
/// executable (../share/newsarc), the install prefix, then the source tree
/// unless NEWSARC_NO_SOURCE_FALLBACK is set.
std::vector<std::string> data_dir_candidates();
/// Prints "newsarc COMMAND: message" and a hint; returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

/// The flags `build` and `serve` share: source folders, config, base URL,
/// jobs, --quiet/--verbose, --help.
void add_site_flags(cxxopts::Options& options);
/// The build options those flags give (the data dir found as a fallback).
site::BuildOptions site_options_from(const cxxopts::ParseResult& args);
/// What is wrong with those flags ("" when nothing).
std::string site_flags_problem(const cxxopts::ParseResult& args);
/// --quiet, --verbose or neither.
Verbosity verbosity_from(const cxxopts::ParseResult& args);

/// A progress line on a terminal, redrawn in place: "Ingesting [====>   ] 1,234/9,876 files".
class ProgressLine {
 public:
  /// Draws on `out`, which should be a terminal.
  explicit ProgressLine(std::ostream& out) : out_(out) {}
  /// Redraws the line for `progress`.
  void update(const site::Progress& progress);
  /// Erases the line, if drawn.
  void clear();

 private:
  std::ostream& out_;
  bool drawn_ = false;
};

/// The text of a progress line with a bar `width` cells wide.
std::string progress_text(const site::Progress& progress, int width);
/// True when stderr is a terminal that can redraw a line (TERM is not "dumb").
bool can_draw_progress();

/// `newsarc build`, `newsarc ingest`, `newsarc new`, `newsarc serve`: argv[0]
/// is the command name.
int run_build(int argc, char** argv);
int run_ingest(int argc, char** argv);
int run_new(int argc, char** argv);
int run_serve(int argc, char** argv);
/// `newsarc check`: lints the sources; writes nothing.
int run_check(int argc, char** argv);

}  // namespace newsarc::cli
