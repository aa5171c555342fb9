// Markdown bodies: the page title is the only <h1>, and the body's headings
// form an outline from <h2> down that never skips a level (W3C Nu and axe
// both flag "h1 then h3").
#include <gtest/gtest.h>

#include <string>

#include "render/views.h"

namespace newsarc::render {
namespace {

TEST(Markdown, HeadingsStartAtH2AndNeverSkipALevel) {
  struct Case {
    const char* name;
    const char* markdown;
    const char* html;
  };
  const Case cases[] = {
      {"h1 becomes h2", "# 会场\n", "<h2>会场</h2>\n"},
      {"only h3 becomes h2", "### 会场\n\n### 展区\n", "<h2>会场</h2>\n<h2>展区</h2>\n"},
      {"nesting is kept", "# 甲\n\n## 乙\n", "<h2>甲</h2>\n<h3>乙</h3>\n"},
      {"a skipped level is closed", "## 甲\n\n#### 乙\n", "<h2>甲</h2>\n<h3>乙</h3>\n"},
      {"deeper first, shallower later", "### 甲\n\n## 乙\n", "<h2>甲</h2>\n<h2>乙</h2>\n"},
      {"back up after a deep branch", "## 甲\n\n### 乙\n\n#### 丙\n\n## 丁\n",
       "<h2>甲</h2>\n<h3>乙</h3>\n<h4>丙</h4>\n<h2>丁</h2>\n"},
      {"no headings", "正文一段。\n", "<p>正文一段。</p>\n"},
  };
  for (const auto& c : cases) EXPECT_EQ(markdown_to_html(c.markdown), c.html) << c.name;
}

TEST(Markdown, RawHtmlIsDropped) {
  const std::string html = markdown_to_html("<h1>大标题</h1>\n\n正文。\n");
  EXPECT_EQ(html.find("<h1>"), std::string::npos);
  EXPECT_NE(html.find("<p>正文。</p>"), std::string::npos);
}

}  // namespace
}  // namespace newsarc::render
