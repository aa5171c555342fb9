// The small pure helpers behind every view, one fact per line.
#include <gtest/gtest.h>

#include "archive/test_records.h"
#include "render/render_fixture.h"
#include "render/views.h"

namespace newsarc::render {
namespace {

using testing::day;
using testing::month;
using testing::undated;
using testing::year;

TEST(Paths, RootForCountsFolders) {
  EXPECT_EQ(root_for("index.html"), "");
  EXPECT_EQ(root_for("404.html"), "");
  EXPECT_EQ(root_for("dates/index.html"), "../");
  EXPECT_EQ(root_for("articles/a1/index.html"), "../../");
  EXPECT_EQ(root_for("districts/x/page/2/index.html"), "../../../../");
}

TEST(Paths, DatesAtTheirPrecision) {
  struct Case {
    ingest::PartialDate date;
    const char* text;
    const char* url;
  };
  const Case cases[] = {
      {day(2023, 2, 12), "2023年2月12日", "dates/2023/02/12/index.html"},
      {day(2023, 11, 3), "2023年11月3日", "dates/2023/11/03/index.html"},
      {month(2023, 2), "2023年2月", "dates/2023/02/index.html"},
      {year(2021), "2021年", "dates/2021/index.html"},
      {undated(), "日期不详", "dates/undated/index.html"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_date(c.date), c.text);
    EXPECT_EQ(date_url(c.date), c.url);
  }
}

TEST(Paths, AbsoluteUrlsDropIndexHtml) {
  const auto config = testing::test_config();
  EXPECT_EQ(absolute_url(config, "index.html"), "https://example.org/archive/");
  EXPECT_EQ(absolute_url(config, "articles/a1/index.html"),
            "https://example.org/archive/articles/a1/");
  EXPECT_EQ(absolute_url(config, "atom.xml"), "https://example.org/archive/atom.xml");
  EXPECT_EQ(absolute_url(config, "a/notindex.html"), "https://example.org/archive/a/notindex.html");
}

TEST(Paths, SummaryIsTheFirstParagraphCutAtCodePoints) {
  auto r = testing::article("s", day(2023, 1, 1));
  r.body = {{ingest::BlockKind::kHeading, "小标题", {}},
            {ingest::BlockKind::kParagraph, "一二三四五六", {}}};
  EXPECT_EQ(summary_of(r, 10), "一二三四五六");
  EXPECT_EQ(summary_of(r, 4), "一二三四…");
  r.body.clear();
  r.markdown = "# 题\n\n**粗体**开头的段落。\n";
  EXPECT_EQ(summary_of(r), "题");
  r.markdown.clear();
  EXPECT_EQ(summary_of(r), r.display_title);
}

TEST(Paths, PaginateAlwaysGivesAtLeastOnePage) {
  const auto empty = paginate("x/", {}, 2);
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].path, "x/index.html");
  EXPECT_TRUE(empty[0].pagination().is_null());
  const auto three = paginate("x/", {0, 1, 2, 3, 4}, 2);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three[2].path, "x/page/3/index.html");
  EXPECT_EQ(three[2].items, std::vector<std::size_t>{4});
  EXPECT_EQ(three[1].pagination()["prev_url"], "x/index.html");
  EXPECT_EQ(three[1].pagination()["page_total"], "3");
  EXPECT_EQ(paginate("", {0, 1}, 0).size(), 2u);  // page_size < 1 counts as 1
}

TEST(Paths, XmlEscapeDropsForbiddenControls) {
  EXPECT_EQ(xml_escape("a&b<c>\"d\"\x01\te"), "a&amp;b&lt;c&gt;&quot;d&quot;\te");
}

}  // namespace
}  // namespace newsarc::render
