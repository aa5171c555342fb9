#pragma once
// A record with every field set, some of them with text that needs escaping
// or repair (a control character, a cut-off character): for the tests of
// what reads and writes whole records (the JSON form, the cache's codec).

#include <string>

#include "ingest/ingest.h"

namespace newsarc::testing {

inline ingest::ArticleRecord full_record() {
  ingest::ArticleRecord r;
  r.id = "2023-06-18-xiling";
  r.slug = "xiling";
  r.source_path = "2023/06/18/p1.txt";
  r.source_line = 3;
  r.format = "text";
  r.title = "西岭区推进\"老旧小区\"改造";
  r.subtitle = "副题\\反斜线";
  r.display_title = "西岭区推进老旧小区改造";
  r.date = {2023, 6, 18, ingest::DatePrecision::kDay};
  r.date_origin = "dateline";
  r.date_confidence = "high";
  r.date_span = {4, 1, 4};
  r.districts = {"西岭区", "东湖区"};
  r.officials = {{"韩立新", {"区委副书记", "区长"}, {5, 1, 5}}};
  r.other_people = {{"苗雨晴", {}, {9, 1, 9}}};
  r.reporters = {"苗雨晴"};
  r.correspondents = {"任浩"};
  r.authors = {"赵六"};
  r.photo_credits = {"孔令辉"};
  r.section_headings = {"一、总体情况"};
  r.captions = {"图为\t会场"};
  r.body = {{ingest::BlockKind::kHeading, "一、总体情况", {6, 1, 6}},
            {ingest::BlockKind::kParagraph, std::string("会议\x01指出") + "\xE4\xB8", {7, 1, 8}}};
  r.markdown = "# 标题\n\n正文\n";
  r.repairs = {{"ingest/duplicate-paragraph", 12, "会议指出"}};
  r.diagnostics = {{"2023/06/18/p1.txt", 12, 1, base::Severity::kWarning,
                    "ingest/duplicate-paragraph", "duplicate paragraph removed"}};
  return r;
}

}  // namespace newsarc::testing
