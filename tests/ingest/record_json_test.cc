// The record's JSON is written directly (write_json), not dumped from a tree:
// its members must come in the order a tree keeps them, at every indent, so
// records.json, index.json and `ingest --json` stay what they were.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "ingest/full_record.h"
#include "ingest/ingest.h"

namespace newsarc::ingest {
namespace {

using testing::full_record;

std::string written(const ArticleRecord& r, JsonForm form, int indent) {
  std::string out;
  base::JsonWriter w(out, indent);
  write_json(w, r, form);
  return out;
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
