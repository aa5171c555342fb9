// Entry points: a file's bytes -> article records.
#include "ingest/ingest.h"

#include <algorithm>

#include "ingest/metadata.h"
#include "ingest/page.h"
#include "text/text.h"

namespace newsarc::ingest {

namespace {

bool is_markdown_path(std::string_view path) {
  return path.ends_with(".md") || path.ends_with(".markdown");
}

// "content/pages/2023/02/12-p1.txt" -> "pages-2023-02-12-p1"; Chinese file
// names become pinyin, so ids stay ASCII.
std::string id_base(std::string_view path) {
  std::string_view p = path;
  if (p.starts_with("content/")) p.remove_prefix(8);
  std::size_t dot = p.rfind('.');
  std::size_t slash = p.rfind('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash))
    p = p.substr(0, dot);
  return text::slugify(p);
}

void assign_ids(std::vector<ArticleRecord>& records, std::string_view path) {
  std::string base = id_base(path);
  for (std::size_t i = 0; i < records.size(); ++i) {
    ArticleRecord& r = records[i];
    // An id or slug from front matter is slugified too, so "../x" or "/etc"
    // can never become an output path.
    if (!r.id.empty())
      r.id = text::slugify(r.id);
    else if (!r.slug.empty())
      r.id = text::slugify(r.slug);
    else
      r.id = records.size() == 1 ? base : base + "-" + std::to_string(i + 1);
  }
}

// Each repair and diagnostic belongs to the article whose lines hold it: the
// last article that starts at or before its line.
template <typename Item, typename Field>
void distribute(const std::vector<Item>& items, std::vector<ArticleRecord>& records, Field field) {
  for (const Item& item : items) {
    ArticleRecord* owner = records.empty() ? nullptr : &records.front();
    for (ArticleRecord& r : records)
      if (r.source_line <= item.line) owner = &r;
    if (owner) (owner->*field).push_back(item);
  }
}

void extract_metadata(std::vector<ArticleRecord>& records, std::string_view path,
                      const config::SiteConfig& config, base::Diagnostics& diags) {
  // The extractors respect front matter themselves: given districts are
  // canonicalised, given officials keep their names and gain printed posts.
  const DistrictMatcher districts(config.districts);
  std::vector<ArticleText> texts;
  texts.reserve(records.size());
  for (const ArticleRecord& r : records) texts.emplace_back(r);
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].districts = districts.find(records[i], texts[i]);
    find_people(records[i], texts[i]);
  }
  assign_dates(records, texts, DateContext{path, config.default_year}, diags);
  assign_ids(records, path);
}

}  // namespace

ArticleText::ArticleText(const ArticleRecord& r) {
  if (r.title) title = text::to_u32(*r.title);
  if (r.subtitle) subtitle = text::to_u32(*r.subtitle);
  blocks.reserve(r.body.size());
  for (const Block& b : r.body) blocks.push_back(text::to_u32(b.text));
}

std::vector<ArticleRecord> ingest_page(std::string_view text, std::string_view path,
                                       const config::SiteConfig& config, base::Diagnostics& diags) {
  base::Diagnostics local;
  NormalisedPage page = normalise_page(text, path, local);
  std::vector<ArticleRecord> records = segment_page(page, path, local);
  distribute(page.repairs, records, &ArticleRecord::repairs);
  extract_metadata(records, path, config, local);
  distribute(local.items(), records, &ArticleRecord::diagnostics);
  diags.append(std::move(local));
  return records;
}

// Defined in markdown_body.cc.
void read_markdown_body(std::string_view body, int first_line, ArticleRecord& r);

std::vector<ArticleRecord> ingest_markdown(std::string_view text, std::string_view path,
                                           const config::SiteConfig& config,
                                           base::Diagnostics& diags) {
  ArticleRecord r;
  r.source_path = std::string(path);
  r.format = "markdown";
  base::Diagnostics local;
  auto [body, first_line] = apply_front_matter(text, path, r, local);
  if (local.has_errors()) {
    // Front matter that cannot be read, or a field of the wrong type: the
    // article is reported once and skipped rather than built half right.
    diags.append(std::move(local));
    return {};
  }
  if (body.data() == text.data() && first_line == 1) {
    // No front matter: a Markdown page, segmented like any other page.
    diags.append(std::move(local));
    return ingest_page(text, path, config, diags);
  }
  read_markdown_body(body, first_line, r);
  std::vector<ArticleRecord> records{std::move(r)};
  extract_metadata(records, path, config, local);
  records[0].diagnostics = local.items();
  diags.append(std::move(local));
  return records;
}

std::vector<ArticleRecord> ingest_file(std::string_view bytes, std::string_view path,
                                       const config::SiteConfig& config, base::Diagnostics& diags) {
  base::Result<text::Decoded> decoded = text::decode(bytes);
  if (!decoded) {
    const base::Error& e = decoded.error();
    diags.report(base::Severity::kError, std::string(path), std::max(e.line, 1),
                 std::max(e.column, 1), e.code, e.message);
    return {};
  }
  return is_markdown_path(path) ? ingest_markdown(decoded->utf8, path, config, diags)
                                : ingest_page(decoded->utf8, path, config, diags);
}

}  // namespace newsarc::ingest
