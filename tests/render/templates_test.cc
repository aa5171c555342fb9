// Template errors are reported with the template's file; partials resolve
// from the TemplateSet, so a user's file overrides the default.
#include <gtest/gtest.h>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "render/render_fixture.h"
#include "render/templates.h"

namespace newsarc::render {
namespace {

using testing::contains;
using testing::real_templates;

TEST(Templates, TheRealTemplatesCompile) {
  base::Diagnostics diags;
  EXPECT_TRUE(check_templates(real_templates(), diags));
  EXPECT_TRUE(diags.items().empty());
}

TEST(Templates, EachBrokenTemplateIsReportedWithItsName) {
  struct Case {
    const char* name;
    const char* text;
    int line;
  };
  const Case cases[] = {
      {"article.mustache", "<p>\n{{#title}}unclosed\n", 2},
      {"partials/header.mustache", "<header>{{/nav}}</header>", 1},
      {"month.mustache", "<p>\n\n<b>{{ unclosed tag", 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto set = real_templates();
    set[c.name] = c.text;
    base::Diagnostics diags;
    EXPECT_FALSE(check_templates(set, diags));
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].code, "render/template-error");
    EXPECT_EQ(diags.items()[0].path, std::string("templates/") + c.name);
    EXPECT_EQ(diags.items()[0].line, c.line);
  }
}

TEST(Templates, AllErrorsAreReportedTogether) {
  auto set = real_templates();
  set["article.mustache"] = "{{#a}}";
  set["year.mustache"] = "{{/b}}";
  set.erase("list.mustache");
  base::Diagnostics diags;
  EXPECT_FALSE(check_templates(set, diags));
  std::vector<std::string> paths;
  for (const auto& d : diags.items()) paths.push_back(d.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"templates/article.mustache", "templates/year.mustache"}));
  // Syntax errors stop the check before missing files are looked for; fixed, it finds those.
  set = real_templates();
  set.erase("list.mustache");
  base::Diagnostics missing;
  EXPECT_FALSE(check_templates(set, missing));
  ASSERT_EQ(missing.items().size(), 1u);
  EXPECT_EQ(missing.items()[0].path, "templates/list.mustache");
}

TEST(Templates, MissingPartialNamesTheIncludingTemplate) {
  auto set = real_templates();
  set["index.mustache"] = "<p>\n{{> no_such_partial}}\n";
  base::Diagnostics diags;
  EXPECT_FALSE(check_templates(set, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].path, "templates/index.mustache");
  EXPECT_EQ(diags.items()[0].line, 2);
  EXPECT_TRUE(contains(diags.items()[0].message, "no_such_partial"));
}

TEST(Templates, RenderSiteReportsAndWritesNothingWhenATemplateIsBroken) {
  auto set = real_templates();
  set["404.mustache"] = "{{#x}}";
  base::Diagnostics diags;
  const auto a =
      archive::build_archive({testing::article("a", testing::day(2023, 1, 1))}, {}, diags);
  EXPECT_TRUE(render_site(a, testing::test_config(), set, diags).empty());
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].path, "templates/404.mustache");
}

TEST(Templates, AnOverriddenPartialIsUsedEverywhere) {
  auto set = real_templates();
  set["partials/footer.mustache"] = "<footer>自定义页脚 {{site_title}}</footer></body></html>\n";
  base::Diagnostics diags;
  const auto a =
      archive::build_archive({testing::article("a", testing::day(2023, 1, 1))}, {}, diags);
  const auto site = render_site(a, testing::test_config(), set, diags);
  EXPECT_TRUE(diags.items().empty());
  EXPECT_TRUE(contains(site.at("index.html"), "<footer>自定义页脚 示范日报档案</footer>"));
  EXPECT_TRUE(contains(site.at("articles/a/index.html"), "自定义页脚"));
}

// What kainjow's own data and escaping give for `text` with `data`: the
// reference for CompiledTemplates' conversion of JSON views and its escaper.
std::string kainjow_render(const std::string& text, const kainjow::mustache::data& data) {
  kainjow::mustache::mustache tmpl(text);
  return tmpl.render(data);
}

// The real templates with 404.mustache replaced by `text`.
std::unique_ptr<CompiledTemplates> compile(const std::string& text) {
  auto set = testing::real_templates();
  set["404.mustache"] = text;
  base::Diagnostics diags;
  auto compiled = std::make_unique<CompiledTemplates>(set, diags);
  EXPECT_TRUE(compiled->ok());
  return compiled;
}

std::string render_404(const CompiledTemplates& compiled, const nlohmann::json& view) {
  base::Diagnostics diags;
  return compiled.render("404.mustache", view, diags);
}

TEST(TemplateData, EscapesAsKainjowDoes) {
  const std::string text = "{{x}}|{{{x}}}";
  const auto compiled = compile(text);
  std::mt19937 rng(5);
  const std::vector<std::string> pieces = {"&", "<", ">", "\"", "'", "郑州", "a", " ", "&amp;"};
  for (int n = 0; n < 500; ++n) {
    std::string s;
    for (std::size_t k = rng() % 8; k > 0; --k) s += pieces[rng() % pieces.size()];
    kainjow::mustache::data data;
    data.set("x", s.empty() ? kainjow::mustache::data(false) : kainjow::mustache::data(s));
    ASSERT_EQ(render_404(*compiled, {{"x", s}}), kainjow_render(text, data)) << s;
  }
}

TEST(TemplateData, NestedListsAndObjectsRenderWithTheirHasKeys) {
  const nlohmann::json view = {
      {"site", {{"title", "西岭"}}},
      {"items",
       {{{"t", "一"}, {"tags", {"a", "b"}}}, {{"t", "二"}, {"tags", nlohmann::json::array()}}}},
      {"empty", nlohmann::json::array()},
      {"has_own", "kept"},
      {"own", {1}},
      // Keys are taken in order, the first kept: "a" comes before "has_a".
      {"a", {1}},
      {"has_a", false}};
  const std::string text =
      "{{site.title}}:{{#items}}[{{t}}{{#has_tags}}({{#tags}}{{.}}{{/tags}}){{/has_tags}}]"
      "{{/items}}{{^has_empty}}none{{/has_empty}}{{has_own}}{{#has_a}}+a{{/has_a}}";
  EXPECT_EQ(render_404(*compile(text), view), "西岭:[一(ab)][二]nonekept+a");
}

}  // namespace
}  // namespace newsarc::render
