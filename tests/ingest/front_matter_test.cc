// Front matter: YAML and JSON blocks, their fields, and the diagnostics for
// malformed blocks, wrong types and unknown keys. Each case compares only the
// keys its expected JSON names (see examples_runner.h).
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/examples_runner.h"
#include "ingest/metadata.h"

namespace newsarc::ingest {
namespace {

nlohmann::json optional_text(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json();
}

nlohmann::json apply(std::string_view text) {
  ArticleRecord r;
  base::Diagnostics diags;
  auto [body, line] = apply_front_matter(text, "a.md", r, diags);
  nlohmann::json officials = nlohmann::json::array();
  for (const Person& p : r.officials)
    officials.push_back({{"name", p.name}, {"titles", p.titles}, {"line", p.span.line}});
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const base::Diagnostic& d : diags.items())
    diagnostics.push_back(d.code + "@" + std::to_string(d.line));
  std::string iso = r.date.iso();
  return {{"title", optional_text(r.title)},
          {"subtitle", optional_text(r.subtitle)},
          {"date", iso.empty() ? nlohmann::json() : nlohmann::json(iso)},
          {"date_origin", r.date_origin},
          {"date_confidence", r.date_confidence},
          {"date_line", r.date_span.line},
          {"districts", r.districts},
          {"officials", officials},
          {"reporters", r.reporters},
          {"correspondents", r.correspondents},
          {"authors", r.authors},
          {"photo_credits", r.photo_credits},
          {"slug", r.slug},
          {"id", r.id},
          {"body", std::string(body)},
          {"body_line", line},
          {"same_text", body.data() == text.data()},
          {"diagnostics", diagnostics}};
}

struct Case {
  std::string_view name;
  std::string_view input;
  std::string_view expected;
};

const Case kCases[] = {
    {"yaml: every field", R"(---
title: 高新区召开经济工作会议
subtitle: "——聚焦高质量发展"
date: 2023-02-12
districts: [高新区, 沟赵办事处]
officials:
  - {name: 李文涛, titles: [高新区党工委书记, 管委会主任]}
  - name: 赵明轩
    titles: 副区长
reporters: [孙立新]
correspondents: [周海燕, 韩秀英]
authors: [林雪梅]
photo_credits: 孙立新
slug: jingji-huiyi
id: a-0001
---
本报讯 2月12日，…
)",
     R"({"title": "高新区召开经济工作会议", "subtitle": "——聚焦高质量发展",
         "date": "2023-02-12", "date_origin": "front_matter", "date_confidence": "high",
         "date_line": 4, "districts": ["高新区", "沟赵办事处"],
         "officials": [{"name": "李文涛", "titles": ["高新区党工委书记", "管委会主任"], "line": 6},
                       {"name": "赵明轩", "titles": ["副区长"], "line": 6}],
         "reporters": ["孙立新"], "correspondents": ["周海燕", "韩秀英"], "authors": ["林雪梅"],
         "photo_credits": ["孙立新"], "slug": "jingji-huiyi", "id": "a-0001",
         "body": "本报讯 2月12日，…\n", "body_line": 17, "diagnostics": []})"},
    {"yaml: month and year precision", "---\ndate: 2022-05\n---\n",
     R"({"date": "2022-05", "date_origin": "front_matter"})"},
    {"yaml: a plain year is a number", "---\ndate: 2023\n---\n", R"({"date": "2023"})"},
    {"yaml: a date with a time", "---\ndate: 2023-02-12T09:30:00+08:00\n---\n",
     R"({"date": "2023-02-12"})"},
    {"yaml: officials by name, posts from official_posts (gen_corpus --format hugo)",
     "---\nofficials: [\"李文涛\", \"赵明轩\"]\nofficial_posts: {\"李文涛\": \"党工委书记\", "
     "\"赵明轩\": \"副处长\"}\n---\n",
     R"({"officials": [{"name": "李文涛", "titles": ["党工委书记"]},
                       {"name": "赵明轩", "titles": ["副处长"]}], "diagnostics": []})"},
    {"yaml: names only", "---\nofficials: [李文涛, 赵明轩]\n---\n",
     R"({"officials": [{"name": "李文涛", "titles": []}, {"name": "赵明轩", "titles": []}]})"},
    {"yaml: an empty value is no value", "---\ntitle:\nslug: a\n---\n",
     R"({"title": null, "slug": "a", "diagnostics": []})"},
    {"yaml: an empty block", "---\n---\n正文\n",
     R"({"body": "正文\n", "body_line": 3, "diagnostics": []})"},
    {"json: several lines", R"({
  "title": "经开区举办招聘会",
  "date": "2021-03-09",
  "districts": ["经开区"],
  "officials": [{"name": "李文涛", "titles": ["经开区党工委书记"]}]
}
正文第一段
)",
     R"({"title": "经开区举办招聘会", "date": "2021-03-09", "date_line": 3,
         "districts": ["经开区"],
         "officials": [{"name": "李文涛", "titles": ["经开区党工委书记"], "line": 5}],
         "body": "正文第一段\n", "body_line": 7, "diagnostics": []})"},
    {"json: one line",
     "{\"title\": \"夜经济\", \"date\": \"2023-11-07\", \"slug\": \"ye\"}\n正文\n",
     R"({"title": "夜经济", "date": "2023-11-07", "slug": "ye", "body": "正文\n",
         "body_line": 2})"},
    {"no front matter", "本报讯 3月5日，…\n",
     R"({"same_text": true, "body_line": 1, "diagnostics": []})"},
    {"a horizontal rule later is not front matter", "正文\n---\n更多正文\n",
     R"({"same_text": true, "body_line": 1})"},
    {"malformed yaml: reported at its line, the body still follows the block",
     "---\ntitle: 标题\ndistricts: [高新区\nslug: a\n---\n正文\n",
     R"({"title": null, "slug": "", "body": "正文\n", "body_line": 6,
         "diagnostics": ["ingest/bad-front-matter@4"]})"},
    {"unclosed yaml: the whole text is the body", "---\ntitle: 标题\n正文\n",
     R"({"same_text": true, "body_line": 1, "diagnostics": ["ingest/bad-front-matter@1"]})"},
    {"yaml that is not a mapping", "---\n- a\n- b\n---\n正文\n",
     R"({"body_line": 5, "diagnostics": ["ingest/bad-front-matter@2"]})"},
    {"malformed json", "{\n  \"title\": \"标题\",\n  \"date\": 2023-\n}\n正文\n",
     R"({"title": null, "body": "正文\n", "diagnostics": ["ingest/bad-front-matter@3"]})"},
    // nlohmann reports a number out of a double's range (406) as out_of_range,
    // not as a parse_error, and without a position: the block's first line.
    {"json with a number no double holds: an error, not an exception",
     "{\n  \"title\": \"标题\",\n  \"id\": 8e888888888\n}\n正文\n",
     R"({"title": null, "body": "正文\n", "diagnostics": ["ingest/bad-front-matter@1"]})"},
    {"wrong types: reported at the key's line, the other fields kept",
     "---\ntitle: 标题\ndate: [1]\ndistricts: 5\nofficials: {name: 李文涛}\nslug: [a]\n---\n",
     R"({"title": "标题", "date": null, "date_origin": "", "districts": [], "officials": [],
         "slug": "",
         "diagnostics": ["ingest/front-matter-type@3", "ingest/front-matter-type@4",
                         "ingest/front-matter-type@5", "ingest/front-matter-type@6"]})"},
    {"wrong type inside a list", "---\nreporters: [孙立新, [x]]\n---\n",
     R"({"reporters": [], "diagnostics": ["ingest/front-matter-type@2"]})"},
    {"an impossible date", "---\ndate: 2023-02-30\n---\n",
     R"({"date": null, "diagnostics": ["ingest/bad-date@2"]})"},
    {"a date that is no date", "---\ndate: 下周一\n---\n",
     R"({"date": null, "diagnostics": ["ingest/bad-date@2"]})"},
    {"a slug that would leave the output folder", "---\nslug: ../x\nid: a/b\n---\n",
     R"({"slug": "", "id": "", "diagnostics": ["ingest/bad-slug@2", "ingest/bad-slug@3"]})"},
    {"unknown keys are warned about and ignored", "---\ntags: [a]\ntitle: 标题\n---\n",
     R"({"title": "标题", "diagnostics": ["ingest/front-matter-key@2"]})"},
    {"unknown json key", "{\"title\": \"标题\",\n \"draft\": true}\n",
     R"({"title": "标题", "diagnostics": ["ingest/front-matter-key@2"]})"},
};

TEST(ApplyFrontMatter, ReadsFieldsAndReportsProblems) {
  for (const Case& c : kCases) {
    nlohmann::json expected = nlohmann::json::parse(c.expected);
    EXPECT_EQ(testing::first_difference(expected, apply(c.input)), "") << c.name;
  }
}

TEST(ApplyFrontMatter, UnknownKeysWarnAndEverythingElseIsAnError) {
  // ingest_markdown skips an article whose front matter has errors.
  ArticleRecord r;
  base::Diagnostics diags;
  apply_front_matter("---\ntags: x\ndate: [1]\n---\n", "a.md", r, diags);
  apply_front_matter("---\ntitle: [\n---\n", "b.md", r, diags);
  ASSERT_EQ(diags.items().size(), 3u);
  EXPECT_EQ(diags.items()[0].severity, base::Severity::kWarning);
  EXPECT_EQ(diags.items()[1].severity, base::Severity::kError);
  EXPECT_EQ(diags.items()[2].severity, base::Severity::kError);
  EXPECT_EQ(diags.items()[2].path, "b.md");
}

}  // namespace
}  // namespace newsarc::ingest
