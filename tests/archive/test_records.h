#pragma once
// Invented records for the archive and render tests.

#include <string>
#include <utility>
#include <vector>

#include "ingest/ingest.h"

namespace newsarc::testing {

inline ingest::PartialDate day(int y, int m, int d) {
  return {y, m, d, ingest::DatePrecision::kDay};
}
inline ingest::PartialDate month(int y, int m) {
  return {y, m, 0, ingest::DatePrecision::kMonth};
}
inline ingest::PartialDate year(int y) {
  return {y, 0, 0, ingest::DatePrecision::kYear};
}
inline ingest::PartialDate undated() {
  return {};
}

/// A text article with one paragraph, from "content/<id>.txt" line 1.
inline ingest::ArticleRecord article(std::string id, ingest::PartialDate date,
                                     std::string title = "") {
  ingest::ArticleRecord r;
  r.source_path = "content/" + id + ".txt";
  r.id = std::move(id);
  r.format = "text";
  r.date = date;
  if (title.empty()) title = "测试标题" + r.id;
  r.title = title;
  r.display_title = title;
  r.body.push_back({ingest::BlockKind::kParagraph, "本报讯 示范街道举办了一场读书会。", {2, 1, 2}});
  return r;
}

inline ingest::Person official(std::string name, std::vector<std::string> titles) {
  return {std::move(name), std::move(titles), {}};
}

}  // namespace newsarc::testing
