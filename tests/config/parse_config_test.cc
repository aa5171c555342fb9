#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.h"

namespace newsarc::config {
namespace {

// One bad site.json per row: the error code and where it must be reported.
struct ErrorCase {
  std::string name;
  std::string json;
  std::string code;
  int line;
  int column;
};

const std::vector<ErrorCase> kErrorCases = {
    {"unknown top-level key", "{\n  \"title\": \"x\",\n  \"titel\": \"y\"\n}", "config/unknown-key",
     3, 3},
    {"unknown key in a district",
     "{\"districts\": [\n  {\"name\": \"甲区\"},\n  {\"name\": \"乙区\",\n   \"alias\": []}\n]}",
     "config/unknown-key", 4, 4},
    {"title not a string", "{\n\"title\": 3\n}", "config/type", 2, 1},
    {"page_size not an integer", "{\"title\": \"t\",\n \"page_size\": \"20\"}", "config/type", 2,
     2},
    {"page_size zero", "{\"page_size\": 0}", "config/value", 1, 2},
    {"alias not a string", "{\"districts\": [{\"name\": \"甲区\",\n \"aliases\": [\"甲\", 7]}]}",
     "config/type", 2, 19},
    {"districts not an array", "{\n\n  \"districts\": {}\n}", "config/type", 3, 3},
    {"district without name", "{\"districts\": [\n {\"slug\": \"a\"}]}", "config/value", 2, 2},
    {"unknown parent",
     "{\"districts\": [\n {\"name\": \"甲区\"},\n {\"name\": \"乙\", \"parent\": \"丙区\"}]}",
     "config/value", 3, 16},
    {"bad slug", "{\"districts\": [{\"name\": \"甲区\", \"slug\": \"Jia Qu\"}]}", "config/value", 1,
     31},
    {"silence holds a number", "{\"silence\": [\n  1]}", "config/type", 2, 3},
    {"typo_map value not a string", "{\"typo_map\": {\n  \"甲乙\": true}}", "config/type", 2, 3},
    {"base url without scheme", "{\n\"base_url\": \"example.org\"}", "config/base-url", 2, 1},
    {"base url with space", "{\"base_url\": \"https://exa mple.org/\"}", "config/base-url", 1, 2},
    {"base url ftp", "{\"base_url\": \"ftp://example.org/\"}", "config/base-url", 1, 2},
    {"not json: missing comma", "{\n  \"title\": \"x\"\n  \"page_size\": 3\n}", "config/syntax", 3,
     13},  // the end of the unexpected token
    {"not json: empty", "", "config/syntax", 1, 1},
    {"not json: trailing garbage", "{}\n\nx", "config/syntax", 3, 1},
    {"root not an object", "[1, 2]", "config/type", 1, 1},
};

TEST(ParseConfig, ReportsEachErrorWithItsCodeAndPosition) {
  for (const ErrorCase& c : kErrorCases) {
    SCOPED_TRACE(c.name);
    base::Diagnostics diags;
    const auto result = parse_config(c.json, "site.json", diags);
    EXPECT_FALSE(result.has_value());
    ASSERT_EQ(diags.items().size(), 1u);
    const base::Diagnostic& d = diags.items()[0];
    EXPECT_EQ(d.code, c.code);
    EXPECT_EQ(d.path, "site.json");
    EXPECT_EQ(d.line, c.line);
    EXPECT_EQ(d.column, c.column);
    EXPECT_EQ(d.severity, base::Severity::kError);
    if (!result) {
      EXPECT_EQ(result.error().code, c.code);
    }
  }
}

TEST(ParseConfig, SuggestsTheKeyThatWasMeant) {
  base::Diagnostics diags;
  parse_config(R"({"page_szie": 3})", "site.json", diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_NE(diags.items()[0].message.find("\"page_size\""), std::string::npos);
}

TEST(ParseConfig, ReportsAllProblemsInLineOrder) {
  base::Diagnostics diags;
  const auto result = parse_config("{\n\"zzz\": 1,\n\"title\": 2,\n\"aaa\": 3\n}", "s.json", diags);
  EXPECT_FALSE(result.has_value());
  ASSERT_EQ(diags.items().size(), 3u);
  EXPECT_EQ(diags.items()[0].line, 2);
  EXPECT_EQ(diags.items()[1].line, 3);
  EXPECT_EQ(diags.items()[2].line, 4);
}

TEST(ParseConfig, EmptyObjectGivesTheDefaults) {
  base::Diagnostics diags;
  const auto result = parse_config("{}", "site.json", diags);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(diags.items().empty());
  const SiteConfig defaults;
  EXPECT_EQ(result->title, defaults.title);
  EXPECT_EQ(result->base_url, "http://localhost:1313/");
  EXPECT_EQ(result->page_size, 20);
  EXPECT_EQ(result->out_dir, "public");
  EXPECT_EQ(result->max_warnings, -1);
  EXPECT_FALSE(result->default_year.has_value());
  EXPECT_TRUE(result->districts.empty());
}

TEST(ParseConfig, ReadsEveryField) {
  const std::string json =
      "\xEF\xBB\xBF"
      R"({
    "title": "示例日报", "description": "d", "base_url": "https://example.org/archive",
    "language": "zh-Hans", "page_size": 5, "default_year": 2021, "out_dir": "dist",
    "districts": [{"name": "甲区", "aliases": ["甲"], "slug": "jia"},
                  {"name": "甲一办事处", "parent": "甲区", "slug": "jia-yi"}],
    "silence": ["ingest/no-date"], "max_warnings": 10,
    "typo_map": {"乙丙": "乙内", "丁": "丁丁"}
  })";
  base::Diagnostics diags;
  const auto c = parse_config(json, "site.json", diags);
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->title, "示例日报");
  EXPECT_EQ(c->base_url, "https://example.org/archive/");
  EXPECT_EQ(c->language, "zh-Hans");
  EXPECT_EQ(c->page_size, 5);
  EXPECT_EQ(c->default_year, 2021);
  EXPECT_EQ(c->out_dir, "dist");
  ASSERT_EQ(c->districts.size(), 2u);
  EXPECT_EQ(c->districts[1].parent, "甲区");
  EXPECT_EQ(c->districts[0].aliases, std::vector<std::string>{"甲"});
  EXPECT_EQ(c->silence, std::vector<std::string>{"ingest/no-date"});
  EXPECT_EQ(c->max_warnings, 10);
  using Pair = std::pair<std::string, std::string>;
  EXPECT_EQ(c->typo_map, (std::vector<Pair>{{"乙丙", "乙内"}, {"丁", "丁丁"}}));
}

TEST(ParseConfig, NullDefaultYearMeansNone) {
  base::Diagnostics diags;
  const auto c = parse_config(R"({"default_year": null})", "site.json", diags);
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->default_year.has_value());
}

struct BaseUrlCase {
  std::string input;
  std::string expected;  // "" = rejected
};

TEST(NormaliseBaseUrl, AddsOneTrailingSlashOrRejects) {
  const std::vector<BaseUrlCase> cases = {
      {"https://example.org", "https://example.org/"},
      {"https://example.org/", "https://example.org/"},
      {"http://localhost:1313", "http://localhost:1313/"},
      {"https://example.org/a/b//", "https://example.org/a/b/"},
      {"example.org", ""},
      {"https://", ""},
      {"https:///path", ""},
      {"https://example.org/?q=1", ""},
      {"https://example.org/\"x", ""},
      {"", ""},
  };
  for (const BaseUrlCase& c : cases) {
    const auto r = normalise_base_url(c.input);
    if (c.expected.empty()) {
      EXPECT_FALSE(r.has_value()) << c.input;
      if (!r) {
        EXPECT_EQ(r.error().code, "config/base-url");
      }
    } else {
      ASSERT_TRUE(r.has_value()) << c.input;
      EXPECT_EQ(*r, c.expected);
    }
  }
}

}  // namespace
}  // namespace newsarc::config
