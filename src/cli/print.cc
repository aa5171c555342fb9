// Diagnostics, phase lines and the summary line.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

bool is_silenced(const base::Diagnostic& d, const std::vector<std::string>& silence) {
  return std::find(silence.begin(), silence.end(), d.code) != silence.end();
}

bool is_shown(base::Severity s, Verbosity v) {
  switch (s) {
    case base::Severity::kError:
      return true;
    case base::Severity::kWarning:
      return v != Verbosity::kQuiet;
    case base::Severity::kNote:
      return v == Verbosity::kVerbose;
  }
  return true;
}

std::string_view verb_for(std::string_view phase) {
  if (phase == "read") return "Read";
  if (phase == "ingest") return "Ingested";
  if (phase == "index") return "Indexed";
  if (phase == "render") return "Rendered";
  if (phase == "write") return "Wrote";
  return phase;
}

// Counts the errors and warnings not silenced and hands on those shown.
template <typename Show>
Tally for_each_shown(const base::Diagnostics& diags, const PrintOptions& options,
                     const Show& show) {
  Tally tally;
  for (const base::Diagnostic& d : diags.items()) {
    if (is_silenced(d, options.silence)) continue;
    if (d.severity == base::Severity::kError) ++tally.errors;
    if (d.severity == base::Severity::kWarning) ++tally.warnings;
    if (is_shown(d.severity, options.verbosity)) show(d);
  }
  return tally;
}

}  // namespace

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return format_count(n) + " " + std::string(n == 1 ? one : many);
}

Tally print_diagnostics(const base::Diagnostics& diags, const PrintOptions& options,
                        std::ostream& out) {
  site::SourceLines sources(options.root);
  return for_each_shown(diags, options, [&](const base::Diagnostic& d) {
    const std::string line = d.line > 0 ? sources.line(d.path, d.line) : std::string();
    out << base::format_diagnostic(d, line, options.colour) << '\n';
  });
}

Tally print_diagnostics_json(const base::Diagnostics& diags, const PrintOptions& options,
                             std::ostream& out) {
  nlohmann::json all = nlohmann::json::array();
  const Tally tally = for_each_shown(diags, options, [&](const base::Diagnostic& d) {
    all.push_back({{"path", d.path},
                   {"line", d.line},
                   {"column", d.column},
                   {"severity", std::string(base::severity_name(d.severity))},
                   {"code", d.code},
                   {"message", d.message}});
  });
  out << all.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace) << '\n';
  return tally;
}

std::string format_count(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string format_duration(double ms) {
  if (std::lround(ms) < 1000) return std::to_string(std::lround(ms)) + " ms";
  const long tenths = std::lround(ms / 100);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::string phase_line(const site::Phase& phase) {
  return std::string(verb_for(phase.name)) + " " + format_count(phase.count) + " " + phase.unit +
         " in " + format_duration(phase.ms) +
         (phase.detail.empty() ? "" : " (" + phase.detail + ")");
}

std::string summary_line(const site::BuildReport& report, const Tally& tally) {
  std::string line = "Built " + plural(report.pages, "page", "pages") + " from " +
                     plural(report.articles, "article", "articles") + " in " +
                     format_duration(report.total_ms);
  return line + problems_suffix(tally);
}

std::string problems_suffix(const Tally& tally) {
  std::string tail;
  if (tally.errors > 0 || tally.warnings > 0) tail += " —";
  if (tally.errors > 0) tail += " " + plural(tally.errors, "error", "errors");
  if (tally.errors > 0 && tally.warnings > 0) tail += ",";
  if (tally.warnings > 0) tail += " " + plural(tally.warnings, "warning", "warnings");
  return tail;
}

bool use_colour() {
  const char* no_colour = std::getenv("NO_COLOR");
  return ::isatty(STDERR_FILENO) == 1 && (no_colour == nullptr || *no_colour == '\0');
}

std::vector<std::string> data_dir_candidates() {
  std::vector<std::string> candidates;
  const std::string exe = site::executable_dir();
  if (!exe.empty()) candidates.push_back(exe + "/../share/newsarc");
  candidates.push_back(NEWSARC_DATA_DIR);
  // Set by tests/install/run.sh, so that the source tree cannot stand in for
  // a broken install.
  const char* no_source = std::getenv("NEWSARC_NO_SOURCE_FALLBACK");
  if (no_source == nullptr || *no_source == '\0') candidates.push_back(NEWSARC_SOURCE_DIR);
  return candidates;
}

}  // namespace newsarc::cli
