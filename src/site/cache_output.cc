// output.bin: what the last build wrote into its output folder.
#include <future>

#include "site/cache.h"
#include "site/files.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kOutputMagic = 0x4E41524F32ull;  // bumped when the layout changes

fs::path state_file(const fs::path& dir, StateOf which) {
  switch (which) {
    case StateOf::kLive:
      return dir / "output.bin";
    case StateOf::kSpare:
      return dir / "spare.bin";
    case StateOf::kAside:
      break;
  }
  return dir / "aside.bin";
}

// Where a state is written before it is put in place.
fs::path staged_file(const fs::path& dir, StateOf which) {
  return state_file(dir, which).string() + ".tmp";
}

// Units [first, last), without their count.
void encode_units(Encoder& e, const std::vector<UnitState>& units, std::size_t first,
                  std::size_t last) {
  e.bytes().reserve((last - first) * 128);  // about 100 bytes a unit: one allocation
  for (std::size_t u = first; u < last; ++u) {
    const UnitState& unit = units[u];
    e.str(unit.name);
    e.u64(unit.key);
    e.u64(unit.files.size());
    for (const OutputFile& f : unit.files) {
      e.str(f.path);
      e.u64(f.size);
      e.u64(f.hash);
    }
  }
}

void decode_units(Decoder& d, OutputState& s) {
  s.units.resize(d.count());
  for (UnitState& unit : s.units) {
    if (d.failed()) return;
    unit.name = d.str();
    unit.key = d.u64();
    unit.files.resize(d.count());
    for (OutputFile& f : unit.files) {
      f.path = d.str();
      f.size = d.u64();
      f.hash = d.u64();
    }
  }
}

}  // namespace

const UnitState* OutputState::find(std::string_view name, std::size_t hint) const {
  if (hint < units.size() && units[hint].name == name) return &units[hint];
  const UnitState* const* found = by_name_.find(name);
  return found == nullptr ? nullptr : *found;
}

void OutputState::index() {
  by_name_ = {};
  by_name_.reserve(units.size());
  for (const UnitState& unit : units) by_name_.insert(&unit);
}

std::optional<OutputState> load_output_state(const fs::path& dir, StateOf which, StatePart part) {
  // Mapped, not read: a build that finds nothing changed reads the header
  // only (the whole file is 20 MB at 100,000 articles).
  const auto file = MappedFile::open(state_file(dir, which), part == StatePart::kHeader
                                                                 ? MappedFile::Reading::kPart
                                                                 : MappedFile::Reading::kAll);
  if (!file) return std::nullopt;
  Decoder d(file->bytes());
  if (d.u64() != kOutputMagic) return std::nullopt;
  OutputState s;
  s.out_dir = d.str();
  s.stamp = d.u64();
  s.sources = d.u64();
  s.read_at_ns = d.i64();
  for (auto* n : {&s.sources_count, &s.articles, &s.pages, &s.files}) *n = d.u64();
  s.diags.resize(d.count());
  for (auto& diag : s.diags) diag = d.diagnostic();
  s.racy.resize(d.count());
  for (auto& [name, hash] : s.racy) {
    name = d.str();
    hash = d.u64();
  }
  if (part == StatePart::kHeader) return d.failed() ? std::nullopt : std::optional(std::move(s));
  decode_units(d, s);
  if (d.failed() || !d.done()) return std::nullopt;
  if (part == StatePart::kAll) s.index();
  return s;
}

bool stage_output_state(const fs::path& dir, const OutputState& s, StateOf which) {
  // A build stages its state last (22 MB at 100,000 articles): the second
  // half of the units is encoded on a thread of its own meanwhile.
  const std::size_t half = s.units.size() / 2;
  Encoder second;
  std::future<void> second_done =
      std::async(std::launch::async, [&] { encode_units(second, s.units, half, s.units.size()); });
  Encoder first;
  encode_units(first, s.units, 0, half);
  Encoder e;
  e.u64(kOutputMagic);
  e.str(s.out_dir);
  e.u64(s.stamp);
  e.u64(s.sources);
  e.i64(s.read_at_ns);
  for (auto n : {s.sources_count, s.articles, s.pages, s.files}) e.u64(n);
  e.u64(s.diags.size());
  for (const auto& diag : s.diags) e.diagnostic(diag);
  e.u64(s.racy.size());
  for (const auto& [name, hash] : s.racy) {
    e.str(name);
    e.u64(hash);
  }
  e.u64(s.units.size());
  second_done.get();
  std::error_code ec;
  fs::create_directories(dir, ec);
  return write_bytes(staged_file(dir, which), Pieces{e.bytes(), first.bytes(), second.bytes()})
      .has_value();
}

void commit_output_state(const fs::path& dir, StateOf which, bool use) {
  std::error_code ec;
  if (use) fs::rename(staged_file(dir, which), state_file(dir, which), ec);
  if (!use || ec) fs::remove(staged_file(dir, which), ec);
}

void save_output_state(const fs::path& dir, const OutputState& s, StateOf which) {
  commit_output_state(dir, which, stage_output_state(dir, s, which));
}

void forget_output_state(const fs::path& dir, StateOf which) {
  std::error_code ec;
  fs::remove(state_file(dir, which), ec);
}

void move_output_state(const fs::path& dir, StateOf from, StateOf to) {
  std::error_code ec;
  fs::rename(state_file(dir, from), state_file(dir, to), ec);
  if (!ec) return;
  forget_output_state(dir, from);  // neither may describe a folder it no longer does
  forget_output_state(dir, to);
}

}  // namespace newsarc::site
