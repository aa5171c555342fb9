#pragma once
// base: diagnostics with file:line:col, a small Result<T>, source spans.
// Everything above depends on this stage; it depends on nothing.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace newsarc::base {

/// A place in a source file: 1-based line and column (column counts code points).
struct SourceSpan {
  int line = 0;
  int column = 0;
  int end_line = 0;  ///< last line covered; equal to line for a single line
  bool operator==(const SourceSpan&) const = default;
};

/// How bad a diagnostic is; errors make `newsarc build` exit 1.
enum class Severity { kNote, kWarning, kError };

/// One problem found in one input, printed in GCC format:
/// `content/p3.txt:14:1: warning[ingest/no-date]: no date found`.
struct Diagnostic {
  std::string path;
  int line = 0;
  int column = 0;
  Severity severity = Severity::kWarning;
  std::string code;  ///< stable id such as "ingest/no-date"
  std::string message;
};

/// "path:line:col", "path:line" or "path": where a diagnostic points.
std::string diagnostic_location(const Diagnostic& d);

/// Formats one diagnostic in GCC style; `source_line`, when given, is printed
/// under it with a caret at the column.
std::string format_diagnostic(const Diagnostic& d, std::string_view source_line = {},
                              bool colour = false);

/// The diagnostics list every stage appends to (never a global).
class Diagnostics {
 public:
  /// Appends a diagnostic.
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  /// Shorthand for add() with the fields in GCC order.
  void report(Severity s, std::string path, int line, int column, std::string code,
              std::string message);
  /// All diagnostics in the order they were reported.
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Moves every diagnostic of `other` to the end of this list.
  void append(Diagnostics&& other);
  /// Number of diagnostics of severity `s`.
  std::size_t count(Severity s) const;
  /// True when any diagnostic is an error.
  bool has_errors() const { return count(Severity::kError) > 0; }
  /// Sorts by path, line, column, code (a total order for deterministic output).
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

/// The error side of a Result: a diagnostic-shaped failure.
struct Error {
  std::string code;
  std::string message;
  int line = 0;
  int column = 0;
};

/// A value or an Error: the subset of std::expected this project uses.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Name of a severity as printed ("error", "warning", "note").
std::string_view severity_name(Severity s);

/// A fast 64-bit hash of bytes (not cryptographic: for change detection and
/// cache keys).
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0);
/// hash_bytes of the pieces' concatenation, without joining them.
std::uint64_t hash_pieces(const std::vector<std::string_view>& pieces, std::uint64_t seed = 0);
/// Mixes `value` into `h`.
std::uint64_t hash_combine(std::uint64_t h, std::uint64_t value);

}  // namespace newsarc::base
