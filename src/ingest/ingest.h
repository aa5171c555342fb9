#pragma once
// ingest: source files -> article records. Segments pages, repairs damage,
// extracts credits, dates, districts and people.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/base.h"
#include "base/json_writer.h"
#include "config/config.h"

namespace newsarc::ingest {

/// How precise a date is.
enum class DatePrecision { kNone, kYear, kMonth, kDay };

/// A date known to day, month or year precision ("2023-02-12", "2023-02", "2023").
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;
  DatePrecision precision = DatePrecision::kNone;
  /// "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" when there is no date.
  std::string iso() const;
  bool operator==(const PartialDate&) const = default;
};

/// A named person with the posts printed next to the name in one article.
struct Person {
  std::string name;  ///< "张红军"
  std::vector<std::string>
      titles;  ///< as printed, split at "、": {"高新区党工委书记", "管委会主任"}
  base::SourceSpan span;  ///< first mention with a post
};

/// A body block in reading order.
enum class BlockKind { kParagraph, kHeading };

/// One paragraph or section heading of the body, with its source lines.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  base::SourceSpan span;
};

/// A repair the normaliser made, kept so the site can show it.
struct Repair {
  std::string code;  ///< "ingest/duplicate-paragraph", "ingest/repeated-block", ...
  int line = 0;
  std::string text;  ///< the start of what was removed
};

/// A record's body kept encoded until something reads it. A record read back
/// from the build cache defers its body: an edit of a large archive renders a
/// few pages, and decoding every body raised its peak memory by about 400 MB
/// at 100,000 articles. Decoded once, on whichever thread asks first.
class DeferredBody {
 public:
  using Decode = std::function<void(std::vector<Block>& body, std::string& markdown)>;
  explicit DeferredBody(Decode decode) : decode_(std::move(decode)) {}
  const std::vector<Block>& body() {
    load();
    return body_;
  }
  const std::string& markdown() {
    load();
    return markdown_;
  }

 private:
  void load() {
    std::call_once(once_, [this] {
      decode_(body_, markdown_);
      decode_ = nullptr;  // what it held (the cache's mapping) is let go
    });
  }
  std::once_flag once_;
  Decode decode_;
  std::vector<Block> body_;
  std::string markdown_;
};

/// One article, as `newsarc ingest --json` prints it.
struct ArticleRecord {
  std::string id;    ///< stable, unique, ASCII
  std::string slug;  ///< from front matter; "" when none
  std::string source_path;
  int source_line = 1;
  std::string format;  ///< "text" | "markdown"
  std::optional<std::string> title;
  std::optional<std::string> subtitle;
  std::string display_title;  ///< title, or a derived one when title is null
  PartialDate date;
  std::string date_origin;      ///< front_matter | path | text | inferred | ""
  std::string date_confidence;  ///< high | medium | low | ""
  base::SourceSpan date_span;
  std::vector<std::string> districts;  ///< canonical gazetteer names
  std::vector<Person> officials;
  std::vector<Person> other_people;
  std::vector<std::string> reporters, correspondents, authors, photo_credits;
  std::vector<std::string> section_headings;
  std::vector<std::string> captions;
  /// Paragraphs and headings in order. Read it through body_blocks(): a
  /// record from the cache keeps it in `deferred` instead.
  std::vector<Block> body;
  /// Body source for Markdown files (rendered by cmark-gfm); read it through
  /// markdown_source().
  std::string markdown;
  std::shared_ptr<DeferredBody> deferred;  ///< when set, body and markdown are in it
  std::vector<Repair> repairs;
  std::vector<base::Diagnostic> diagnostics;  ///< those about this article

  /// The body's paragraphs, without headings.
  std::vector<std::string> paragraphs() const;
  /// The body, decoded first when deferred.
  const std::vector<Block>& body_blocks() const { return deferred ? deferred->body() : body; }
  /// The Markdown source, decoded first when deferred.
  const std::string& markdown_source() const { return deferred ? deferred->markdown() : markdown; }
};

/// Decodes a file's bytes and ingests it: `.md`/`.markdown` files are one
/// article with optional YAML/JSON front matter; anything else is a page that
/// may hold several articles. Problems go to `diags`; what could be built is
/// returned (an undecodable file yields no record and one error).
std::vector<ArticleRecord> ingest_file(std::string_view bytes, std::string_view path,
                                       const config::SiteConfig& config, base::Diagnostics& diags);

/// Ingests one page of already decoded text (UTF-8, "\n" line ends).
std::vector<ArticleRecord> ingest_page(std::string_view text, std::string_view path,
                                       const config::SiteConfig& config, base::Diagnostics& diags);

/// Ingests one Markdown file with optional front matter. Front matter that is
/// malformed, or a field of the wrong type or an unsafe slug, is an error and
/// the file yields no record.
std::vector<ArticleRecord> ingest_markdown(std::string_view text, std::string_view path,
                                           const config::SiteConfig& config,
                                           base::Diagnostics& diags);

/// Which fields to_json writes.
enum class JsonForm {
  kFull,    ///< every field: `newsarc ingest --json` (what the gold scorer reads)
  kExport,  ///< the site's exports: without "paragraphs", the paragraph blocks of "body"
};

/// Writes the record as JSON (the schema of `newsarc ingest --json`): what
/// to_json(r, form).dump() writes at the writer's indent, without the tree.
void write_json(base::JsonWriter& w, const ArticleRecord& r, JsonForm form);

/// The record as a JSON tree: write_json's text, parsed.
nlohmann::json to_json(const ArticleRecord& r, JsonForm form = JsonForm::kFull);

/// Reads a record back from to_json's output (for the build cache).
base::Result<ArticleRecord> from_json(const nlohmann::json& j);

}  // namespace newsarc::ingest
