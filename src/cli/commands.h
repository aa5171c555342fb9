#pragma once
// Internal to cli: the subcommands and the printing they share.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "site/site.h"

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

/// "1,234".
std::string format_count(std::size_t n);
/// "38 ms", "2.3 s".
std::string format_duration(double ms);
/// "Ingested 412 articles in 38 ms".
std::string phase_line(const site::Phase& phase);
/// "Built 1,234 pages from 987 articles in 2.3 s — 3 warnings".
std::string summary_line(const site::BuildReport& report, const Tally& tally);

/// True when stderr is a terminal and NO_COLOR is not set.
bool use_colour();
/// Where the installed templates/ and assets/ may be, best first.
std::vector<std::string> data_dir_candidates();
/// Prints "newsarc COMMAND: message" and a hint; returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

/// `newsarc build`, `newsarc ingest`, `newsarc new`: argv[0] is the command name.
int run_build(int argc, char** argv);
int run_ingest(int argc, char** argv);
int run_new(int argc, char** argv);

}  // namespace newsarc::cli
