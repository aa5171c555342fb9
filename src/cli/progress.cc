// The progress line drawn on a terminal during long build phases.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <string_view>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

constexpr int kBarWidth = 30;

struct PhaseWords {
  std::string_view phase;
  std::string_view doing;
  std::string_view unit;
};

constexpr PhaseWords kPhases[] = {
    {"ingest", "Ingesting", "files"},
    {"render", "Rendering", "outputs"},  // pages, feeds, exports: units of output
    {"write", "Writing", "files"},
};

PhaseWords words_for(std::string_view phase) {
  for (const PhaseWords& w : kPhases)
    if (w.phase == phase) return w;
  return {phase, phase, ""};
}

// "[=========>          ]" for 9 of 20 cells done.
std::string bar(std::size_t done, std::size_t total, int width) {
  const auto cells = static_cast<std::size_t>(width);
  const std::size_t filled = total == 0 ? 0 : std::min(cells, done * cells / total);
  std::string out = "[" + std::string(filled, '=');
  if (filled < cells) out += '>' + std::string(cells - filled - 1, ' ');
  return out + "]";
}

}  // namespace

std::string progress_text(const site::Progress& progress, int width) {
  const PhaseWords w = words_for(progress.phase);
  std::string text(w.doing);
  if (progress.total == 0) return text + "…";
  text += " " + bar(progress.done, progress.total, width) + " " + format_count(progress.done) +
          "/" + format_count(progress.total);
  if (!w.unit.empty()) text += " " + std::string(w.unit);
  return text;
}

void ProgressLine::update(const site::Progress& progress) {
  out_ << "\r" << progress_text(progress, kBarWidth) << "\x1b[K" << std::flush;
  drawn_ = true;
}

void ProgressLine::clear() {
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

bool can_draw_progress() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) == 1 && !(term != nullptr && std::string_view(term) == "dumb");
}

}  // namespace newsarc::cli
