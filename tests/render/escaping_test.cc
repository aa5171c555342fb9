// Content text is escaped; only HTML newsarc produced is inserted raw.
#include <gtest/gtest.h>

#include "render/render_fixture.h"

namespace newsarc::render {
namespace {

using testing::article;
using testing::contains;
using testing::day;
using testing::RenderedFixture;

const std::string kNastyTitle = "<script>alert(1)</script> {{x}} {{{y}}} & \"q\"";

TEST(Escaping, ScriptAndMustacheInATitleComeOutLiterally) {
  auto r = article("t1", day(2023, 4, 1), kNastyTitle);
  r.officials = {testing::official("<b>某</b>", {"{{title}}主任"})};
  RenderedFixture f({r});
  const std::string escaped =
      "&lt;script&gt;alert(1)&lt;/script&gt; {{x}} {{{y}}} &amp; &quot;q&quot;";
  for (const std::string path :
       {"articles/t1/index.html", "index.html", "dates/2023/04/01/index.html"}) {
    const auto& html = f.page(path);
    EXPECT_TRUE(contains(html, escaped)) << path;
    EXPECT_FALSE(contains(html, "<script>alert")) << path;
  }
  const auto& html = f.page("articles/t1/index.html");
  EXPECT_TRUE(contains(html, "<title>" + escaped + " - "));
  EXPECT_TRUE(contains(html, "&lt;b&gt;某&lt;/b&gt;"));
  EXPECT_TRUE(contains(html, "（{{title}}主任）"));
}

TEST(Escaping, JsonLdCannotCloseItsScript) {
  RenderedFixture f({article("t1", day(2023, 4, 1), "</script><script>alert(1)</script>")});
  const auto& html = f.page("articles/t1/index.html");
  const auto start = html.find("<script type=\"application/ld+json\">");
  ASSERT_NE(start, std::string::npos);
  const auto body_start = html.find('>', start) + 1;
  const auto end = html.find("</script>", body_start);
  const std::string json = html.substr(body_start, end - body_start);
  EXPECT_EQ(json.find('<'), std::string::npos) << json;
  EXPECT_TRUE(contains(json, "\\u003c/script\\u003e"));
  EXPECT_TRUE(json.ends_with("}"));
}

TEST(Escaping, MarkdownRawHtmlAndScriptLinksAreDropped) {
  auto r = article("md", day(2023, 4, 1), "安全的正文");
  r.format = "markdown";
  r.body.clear();
  r.markdown =
      "正文<span onclick=\"x()\">一</span>段。\n\n<script>alert(2)</script>\n\n"
      "[点我](javascript:alert(3)) <iframe src=\"http://example.com\"></iframe>\n\n"
      "见 https://example.com/a 与 ~~旧~~。\n";
  RenderedFixture f({r});
  const auto& html = f.page("articles/md/index.html");
  const auto body = html.substr(html.find("<div class=\"article-body\">"));
  EXPECT_FALSE(contains(body, "<script>alert(2)"));
  EXPECT_FALSE(contains(body, "javascript:"));
  EXPECT_FALSE(contains(body, "<iframe"));
  EXPECT_FALSE(contains(body, "onclick"));
  EXPECT_TRUE(contains(body, "<a href=\"https://example.com/a\">"));  // autolink
  EXPECT_TRUE(contains(body, "<del>旧</del>"));                       // strikethrough
}

TEST(Escaping, TextBodiesAreEscapedToo) {
  auto r = article("t2", day(2023, 4, 2), "普通标题");
  r.body = {{ingest::BlockKind::kHeading, "<h1>小标题</h1>", {}},
            {ingest::BlockKind::kParagraph, "a < b && c > d", {}}};
  r.captions = {"<img src=x onerror=alert(1)>"};
  RenderedFixture f({r});
  const auto& html = f.page("articles/t2/index.html");
  EXPECT_TRUE(contains(html, "<h2>&lt;h1&gt;小标题&lt;/h1&gt;</h2>"));
  EXPECT_TRUE(contains(html, "<p>a &lt; b &amp;&amp; c &gt; d</p>"));
  EXPECT_TRUE(contains(html, "<figcaption>&lt;img src=x onerror=alert(1)&gt;</figcaption>"));
}

}  // namespace
}  // namespace newsarc::render
