// The record's JSON is written directly (write_json), not dumped from a tree:
// its members must come in the order a tree keeps them, at every indent, so
// records.json, index.json and `ingest --json` stay what they were.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ingest/ingest.h"

namespace newsarc::ingest {
namespace {

std::string written(const ArticleRecord& r, JsonForm form, int indent) {
  std::string out;
  base::JsonWriter w(out, indent);
  write_json(w, r, form);
  return out;
}

// Every optional member present, and text that needs escaping or repair.
ArticleRecord full_record() {
  ArticleRecord r;
  r.id = "2023-06-18-xiling";
  r.slug = "xiling";
  r.source_path = "2023/06/18/p1.txt";
  r.source_line = 3;
  r.format = "text";
  r.title = "西岭区推进\"老旧小区\"改造";
  r.subtitle = "副题\\反斜线";
  r.display_title = "西岭区推进老旧小区改造";
  r.date = {2023, 6, 18, DatePrecision::kDay};
  r.date_origin = "dateline";
  r.date_confidence = "high";
  r.date_span = {4, 1, 4};
  r.districts = {"西岭区", "东湖区"};
  r.officials = {{"韩立新", {"区委副书记", "区长"}, {5, 1, 5}}};
  r.other_people = {{"苗雨晴", {}, {9, 1, 9}}};
  r.reporters = {"苗雨晴"};
  r.correspondents = {"任浩"};
  r.authors = {};
  r.photo_credits = {"孔令辉"};
  r.section_headings = {"一、总体情况"};
  r.captions = {"图为\t会场"};
  r.body = {{BlockKind::kHeading, "一、总体情况", {6, 1, 6}},
            {BlockKind::kParagraph, std::string("会议\x01指出") + "\xE4\xB8", {7, 1, 8}}};
  r.markdown = "# 标题\n\n正文\n";
  r.repairs = {{"ingest/duplicate-paragraph", 12, "会议指出"}};
  r.diagnostics = {{"2023/06/18/p1.txt", 12, 1, base::Severity::kWarning,
                    "ingest/duplicate-paragraph", "duplicate paragraph removed"}};
  return r;
}

TEST(RecordJson, WritesWhatItsTreeDumpsAtEveryIndent) {
  for (const ArticleRecord& r : {full_record(), ArticleRecord{}}) {
    for (JsonForm form : {JsonForm::kFull, JsonForm::kExport}) {
      const nlohmann::json tree = to_json(r, form);
      for (int indent : {-1, 1, 2})
        EXPECT_EQ(written(r, form, indent),
                  tree.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
}

TEST(RecordJson, WritesTheSchemaOfAnEmptyRecord) {
  EXPECT_EQ(written(ArticleRecord{}, JsonForm::kFull, -1),
            R"({"authors":[],"body":[],"captions":[],"correspondents":[],"date":null,)"
            R"("date_confidence":null,"date_line":0,"date_origin":null,"diagnostics":[],)"
            R"("display_title":"","districts":[],"id":"","officials":[],"other_people":[],)"
            R"("paragraphs":[],"photo_credits":[],"repairs":[],"reporters":[],)"
            R"("section_headings":[],"source":{"format":"","line":1,"path":""},)"
            R"("subtitle":null,"title":null})");
}

TEST(RecordJson, ReplacesBrokenTextAndEscapesControls) {
  const std::string text = written(full_record(), JsonForm::kExport, -1);
  EXPECT_NE(text.find(R"("text":"会议\u0001指出)"
                      "\xEF\xBF\xBD\""),
            std::string::npos);
  EXPECT_NE(text.find(R"("captions":["图为\t会场"])"), std::string::npos);
  EXPECT_EQ(text.find("paragraphs"), std::string::npos);  // export form
}

TEST(RecordJson, ReadsBackWhatItWrites) {
  const ArticleRecord r = full_record();
  const auto back = from_json(to_json(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(written(*back, JsonForm::kFull, -1), written(r, JsonForm::kFull, -1));
  EXPECT_EQ(back->officials.at(0).titles, r.officials.at(0).titles);
}

}  // namespace
}  // namespace newsarc::ingest
