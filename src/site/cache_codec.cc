// The build cache's binary codec. Records are written field by field
// in declaration order; a field added to ArticleRecord must be added here
// (tests/site/incremental_test.cc round-trips a record through to_json).
#include <sys/stat.h>

#include <algorithm>
#include <chrono>

#include "site/cache.h"

namespace newsarc::site {

// Varints are made in a buffer and appended at once, and read without
// shortening the input byte by byte: caches of millions of them are encoded
// and decoded at every build.
void Encoder::u64(std::uint64_t v) {
  char buffer[10];
  std::size_t n = 0;
  while (v >= 0x80) {
    buffer[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  buffer[n++] = static_cast<char>(v);
  out_.append(buffer, n);
}

void Encoder::str(std::string_view s) {
  u64(s.size());
  out_.append(s);
}

std::uint64_t Decoder::u64() {
  std::uint64_t v = 0;
  const std::size_t most = std::min<std::size_t>(in_.size(), 10);  // 10 x 7 bits hold 64
  for (std::size_t i = 0; i < most; ++i) {
    const auto byte = static_cast<unsigned char>(in_[i]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << (7 * i);
    if ((byte & 0x80) == 0) {
      in_.remove_prefix(i + 1);
      return v;
    }
  }
  failed_ = true;
  return 0;
}

std::size_t Decoder::count() {
  const std::uint64_t n = u64();
  if (n > in_.size()) failed_ = true;
  return failed_ ? 0 : static_cast<std::size_t>(n);
}

std::string Decoder::str() {
  return std::string(view());
}

std::string_view Decoder::view() {
  const std::uint64_t n = u64();
  if (failed_ || n > in_.size()) {
    failed_ = true;
    return {};
  }
  const std::string_view s = in_.substr(0, n);
  in_.remove_prefix(n);
  return s;
}

namespace {

void put_strings(Encoder& e, const std::vector<std::string>& v) {
  e.u64(v.size());
  for (const auto& s : v) e.str(s);
}

std::vector<std::string> get_strings(Decoder& d) {
  std::vector<std::string> v(d.count());
  for (auto& s : v) s = d.str();
  return d.failed() ? std::vector<std::string>{} : v;
}

void put_span(Encoder& e, const base::SourceSpan& s) {
  e.i64(s.line);
  e.i64(s.column);
  e.i64(s.end_line);
}

base::SourceSpan get_span(Decoder& d) {
  base::SourceSpan s;
  s.line = static_cast<int>(d.i64());
  s.column = static_cast<int>(d.i64());
  s.end_line = static_cast<int>(d.i64());
  return s;
}

void put_optional(Encoder& e, const std::optional<std::string>& s) {
  e.u64(s ? 1 : 0);
  if (s) e.str(*s);
}

std::optional<std::string> get_optional(Decoder& d) {
  if (d.u64() == 0) return std::nullopt;
  return d.str();
}

void put_people(Encoder& e, const std::vector<ingest::Person>& people) {
  e.u64(people.size());
  for (const auto& p : people) {
    e.str(p.name);
    put_strings(e, p.titles);
    put_span(e, p.span);
  }
}

std::vector<ingest::Person> get_people(Decoder& d) {
  std::vector<ingest::Person> people(d.count());
  for (auto& p : people) {
    p.name = d.str();
    p.titles = get_strings(d);
    p.span = get_span(d);
    if (d.failed()) return {};
  }
  return people;
}

void put_blocks(Encoder& e, const std::vector<ingest::Block>& blocks) {
  e.u64(blocks.size());
  for (const auto& b : blocks) {
    e.u64(static_cast<std::uint64_t>(b.kind));
    e.str(b.text);
    put_span(e, b.span);
  }
}

std::vector<ingest::Block> get_blocks(Decoder& d) {
  std::vector<ingest::Block> blocks(d.count());
  for (auto& b : blocks) {
    b.kind = static_cast<ingest::BlockKind>(d.u64());
    b.text = d.str();
    b.span = get_span(d);
    if (d.failed()) return {};
  }
  return blocks;
}

void put_date(Encoder& e, const ingest::PartialDate& date) {
  e.i64(date.year);
  e.i64(date.month);
  e.i64(date.day);
  e.u64(static_cast<std::uint64_t>(date.precision));
}

ingest::PartialDate get_date(Decoder& d) {
  ingest::PartialDate date;
  date.year = static_cast<int>(d.i64());
  date.month = static_cast<int>(d.i64());
  date.day = static_cast<int>(d.i64());
  date.precision = static_cast<ingest::DatePrecision>(d.u64());
  return date;
}

}  // namespace

void Encoder::diagnostic(const base::Diagnostic& d) {
  str(d.path);
  i64(d.line);
  i64(d.column);
  u64(static_cast<std::uint64_t>(d.severity));
  str(d.code);
  str(d.message);
}

base::Diagnostic Decoder::diagnostic() {
  base::Diagnostic d;
  d.path = str();
  d.line = static_cast<int>(i64());
  d.column = static_cast<int>(i64());
  d.severity = static_cast<base::Severity>(u64());
  d.code = str();
  d.message = str();
  return d;
}

void Encoder::record(const ingest::ArticleRecord& r) {
  for (const auto* s : {&r.id, &r.slug, &r.source_path}) str(*s);
  i64(r.source_line);
  str(r.format);
  put_optional(*this, r.title);
  put_optional(*this, r.subtitle);
  str(r.display_title);
  put_date(*this, r.date);
  str(r.date_origin);
  str(r.date_confidence);
  put_span(*this, r.date_span);
  put_strings(*this, r.districts);
  put_people(*this, r.officials);
  put_people(*this, r.other_people);
  for (const auto* v : {&r.reporters, &r.correspondents, &r.authors, &r.photo_credits,
                        &r.section_headings, &r.captions})
    put_strings(*this, *v);
  // The body (blocks, then the Markdown source) is one string of its own, so
  // that a record whose body is deferred skips it in one step.
  Encoder body;
  put_blocks(body, r.body_blocks());
  body.str(r.markdown_source());
  str(body.bytes());
  u64(r.repairs.size());
  for (const auto& repair : r.repairs) {
    str(repair.code);
    i64(repair.line);
    str(repair.text);
  }
  u64(r.diagnostics.size());
  for (const auto& d : r.diagnostics) diagnostic(d);
}

ingest::ArticleRecord Decoder::record(std::shared_ptr<const void> owner) {
  ingest::ArticleRecord r;
  for (auto* s : {&r.id, &r.slug, &r.source_path}) *s = str();
  r.source_line = static_cast<int>(i64());
  r.format = str();
  r.title = get_optional(*this);
  r.subtitle = get_optional(*this);
  r.display_title = str();
  r.date = get_date(*this);
  r.date_origin = str();
  r.date_confidence = str();
  r.date_span = get_span(*this);
  r.districts = get_strings(*this);
  r.officials = get_people(*this);
  r.other_people = get_people(*this);
  for (auto* v : {&r.reporters, &r.correspondents, &r.authors, &r.photo_credits,
                  &r.section_headings, &r.captions})
    *v = get_strings(*this);
  if (owner) {
    // Decoded when a unit asks for it; `owner` keeps the bytes mapped till then.
    const std::string_view body = view();
    r.deferred = std::make_shared<ingest::DeferredBody>(
        [body, owner = std::move(owner)](std::vector<ingest::Block>& blocks, std::string& md) {
          Decoder d(body);
          blocks = get_blocks(d);
          md = d.str();
        });
  } else {
    Decoder body(view());
    r.body = get_blocks(body);
    r.markdown = body.str();
    failed_ = failed_ || body.failed() || !body.done();
  }
  r.repairs.resize(count());
  for (auto& repair : r.repairs) {
    repair.code = str();
    repair.line = static_cast<int>(i64());
    repair.text = str();
    if (failed_) return {};
  }
  r.diagnostics.resize(count());
  for (auto& d : r.diagnostics) {
    d = diagnostic();
    if (failed_) return {};
  }
  return r;
}

std::uint64_t record_digest(const ingest::ArticleRecord& r) {
  Encoder e;
  e.record(r);
  return hash_bytes(e.bytes());
}

std::uint64_t binary_stamp() {
  struct ::stat st {};
  if (::stat("/proc/self/exe", &st) != 0) return 0;
  std::uint64_t h = hash_combine(static_cast<std::uint64_t>(st.st_size),
                                 static_cast<std::uint64_t>(st.st_mtim.tv_sec));
  return hash_combine(h, static_cast<std::uint64_t>(st.st_mtim.tv_nsec));
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace newsarc::site
