// Pagination boundaries with page_size 2, and the links between pages.
#include <gtest/gtest.h>

#include "render/render_fixture.h"

namespace newsarc::render {
namespace {

using testing::article;
using testing::contains;
using testing::count_of;
using testing::day;
using testing::RenderedFixture;

std::vector<ingest::ArticleRecord> articles_in_district(int n) {
  std::vector<ingest::ArticleRecord> out;
  for (int i = 1; i <= n; ++i) {
    auto r = article("n" + std::to_string(i), day(2023, 3, i));
    r.districts = {"示范新区"};
    out.push_back(r);
  }
  return out;
}

config::SiteConfig two_per_page() {
  auto c = testing::test_config(2);
  c.districts = {{"示范新区", {}, "", "shifan"}};
  return c;
}

TEST(Pagination, PageSizeTwoWithTwoThreeAndFourArticles) {
  struct Case {
    int articles;
    std::size_t pages;
    std::size_t on_last_page;
  };
  const Case cases[] = {{2, 1, 2}, {3, 2, 1}, {4, 2, 2}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.articles);
    RenderedFixture f(articles_in_district(c.articles), two_per_page());
    for (const std::string dir : {"", "districts/shifan/"}) {
      SCOPED_TRACE(dir);
      EXPECT_EQ(f.has(dir + "page/2/index.html"), c.pages >= 2);
      EXPECT_FALSE(f.has(dir + "page/3/index.html"));
      EXPECT_FALSE(f.has(dir + "page/1/index.html"));  // page 1 is the folder's index
      const std::string last = c.pages == 1 ? dir + "index.html" : dir + "page/2/index.html";
      const auto& html = f.page(last);
      const auto list = html.substr(html.find("<ol class=\"article-list\">"));
      EXPECT_EQ(count_of(list.substr(0, list.find("</ol>")), "<li>"), c.on_last_page);
      EXPECT_EQ(contains(html, "class=\"pagination\""), c.pages > 1);
    }
  }
}

TEST(Pagination, PagesLinkToEachOtherRelatively) {
  RenderedFixture f(articles_in_district(5), two_per_page());
  const auto& first = f.page("index.html");
  EXPECT_TRUE(contains(first, "<a href=\"page/2/index.html\" rel=\"next\">"));
  EXPECT_FALSE(contains(first, "rel=\"prev\""));
  const auto& middle = f.page("page/2/index.html");
  EXPECT_TRUE(contains(middle, "<a href=\"../../index.html\" rel=\"prev\">"));
  EXPECT_TRUE(contains(middle, "<a href=\"../../page/3/index.html\" rel=\"next\">"));
  EXPECT_TRUE(contains(middle, "<span aria-current=\"page\">2</span>"));
  EXPECT_TRUE(contains(middle, "第 2 页，共 3 页"));
  const auto& district = f.page("districts/shifan/page/3/index.html");
  EXPECT_TRUE(contains(district,
                       "<a href=\"../../../../districts/shifan/page/2/index.html\" rel=\"prev\">"));
  EXPECT_FALSE(contains(district, "rel=\"next\""));
  // The newest articles come first: n5, n4 | n3, n2 | n1.
  EXPECT_TRUE(contains(first, "articles/n5/") && contains(first, "articles/n4/"));
  EXPECT_TRUE(contains(f.page("page/3/index.html"), "articles/n1/"));
}

TEST(Pagination, LongListsShowNearbyPagesAndGaps) {
  auto c = two_per_page();
  c.page_size = 1;
  RenderedFixture f(articles_in_district(12), c);
  const auto& html = f.page("page/6/index.html");
  for (const char* shown :
       {">1</a>", ">4</a>", ">5</a>", ">6</span>", ">7</a>", ">8</a>", ">12</a>"})
    EXPECT_TRUE(contains(html, shown)) << shown;
  for (const char* hidden : {">2</a>", ">3</a>", ">9</a>", ">11</a>"})
    EXPECT_FALSE(contains(html, hidden)) << hidden;
  EXPECT_EQ(count_of(html, "class=\"gap\""), 2u);
}

TEST(Pagination, TitlesOfLaterPagesSayWhichPage) {
  RenderedFixture f(articles_in_district(3), two_per_page());
  EXPECT_TRUE(contains(f.page("districts/shifan/page/2/index.html"), "<title>示范新区（第2页）"));
  EXPECT_FALSE(contains(f.page("districts/shifan/index.html"), "第1页"));
}

}  // namespace
}  // namespace newsarc::render
