// Atom feeds, sitemaps and determinism.
#include <gtest/gtest.h>

#include "render/site_fixture.h"
#include "render/views.h"

namespace newsarc::render {
namespace {

using testing::article;
using testing::contains;
using testing::count_of;
using testing::day;
using testing::xml_problem;

std::vector<ingest::ArticleRecord> many_articles(int n) {
  std::vector<ingest::ArticleRecord> out;
  for (int i = 1; i <= n; ++i)
    out.push_back(article("f" + std::to_string(i), day(2022, 1 + i % 12, i)));
  return out;
}

TEST(Atom, SiteFeedIsWellFormedWithTheNewest20) {
  testing::RenderedFixture f(many_articles(25));
  const auto& atom = f.page("atom.xml");
  EXPECT_EQ(xml_problem(atom), "");
  EXPECT_TRUE(contains(atom, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  EXPECT_TRUE(contains(atom, "<id>https://example.org/archive/</id>"));
  EXPECT_TRUE(contains(atom, "<author><name>示范日报档案</name></author>"));
  EXPECT_TRUE(contains(atom,
                       "<link rel=\"self\" type=\"application/atom+xml\" "
                       "href=\"https://example.org/archive/atom.xml\"/>"));
  EXPECT_EQ(count_of(atom, "<entry>"), 20u);
  EXPECT_EQ(count_of(atom, "<summary>"), 20u);
  // f23 is 2022-12-23, the newest: updated comes from content, not the clock.
  EXPECT_TRUE(contains(atom, "<updated>2022-12-23T00:00:00Z</updated>\n  <author>"));
  EXPECT_LT(atom.find("articles/f23/"), atom.find("articles/f11/"));
  EXPECT_FALSE(contains(atom, "articles/f1/"));  // 2022-02-01: among the oldest five
}

TEST(Atom, DistrictAndOfficialFeedsAndEscaping) {
  auto records = testing::sample_records();
  records[0].title = records[0].display_title = "甲 & <乙>";
  testing::RenderedFixture f(records, testing::gazetteer_config());
  for (const std::string path :
       {"atom.xml", "districts/shifan/atom.xml", "officials/zhang-hong-jun/atom.xml"}) {
    EXPECT_EQ(xml_problem(f.page(path)), "") << path;
  }
  const auto& district = f.page("districts/shifan/atom.xml");
  EXPECT_EQ(count_of(district, "<entry>"), 1u);
  EXPECT_TRUE(contains(district, "href=\"https://example.org/archive/districts/shifan/atom.xml\""));
  EXPECT_TRUE(contains(f.page("atom.xml"), "<title>甲 &amp; &lt;乙&gt;</title>"));
  EXPECT_EQ(count_of(f.page("officials/zhang-hong-jun/atom.xml"), "<entry>"), 2u);
}

TEST(Sitemap, ListsEveryPageButThe404WithAbsoluteUrls) {
  testing::RenderedFixture f(testing::sample_records(), testing::gazetteer_config());
  const auto& sitemap = f.page("sitemap.xml");
  EXPECT_EQ(xml_problem(sitemap), "");
  std::size_t html_pages = 0;
  for (const auto& [path, bytes] : f.site) html_pages += path.ends_with(".html") ? 1 : 0;
  EXPECT_EQ(count_of(sitemap, "<loc>"), html_pages - 1);
  EXPECT_EQ(count_of(sitemap, "<loc>https://example.org/archive/"), html_pages - 1);
  EXPECT_TRUE(contains(sitemap, "<loc>https://example.org/archive/articles/a1/</loc>"));
  EXPECT_FALSE(contains(sitemap, "404"));
  EXPECT_FALSE(f.has("sitemap-1.xml"));
}

TEST(Sitemap, SplitsPastTheLimitWithAnIndex) {
  const auto config = testing::test_config();
  std::vector<Page> pages;
  for (const char* p :
       {"index.html", "a/index.html", "b/index.html", "c/index.html", "d/index.html"})
    pages.push_back({p, "", {}});
  std::map<std::string, std::string> out;
  add_sitemaps(config, pages, out, 2);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(count_of(out["sitemap.xml"], "<sitemap><loc>"), 3u);
  EXPECT_TRUE(contains(out["sitemap.xml"], "<sitemapindex xmlns="));
  EXPECT_TRUE(contains(out["sitemap.xml"], "<loc>https://example.org/archive/sitemap-3.xml</loc>"));
  EXPECT_EQ(count_of(out["sitemap-1.xml"], "<url>"), 2u);
  EXPECT_EQ(count_of(out["sitemap-3.xml"], "<url>"), 1u);
  for (const auto& [path, xml] : out) EXPECT_EQ(xml_problem(xml), "") << path;
}

TEST(Determinism, SameArchiveGivesTheSameBytes) {
  const auto config = testing::gazetteer_config(2);
  testing::RenderedFixture first(testing::sample_records(), config);
  auto reversed = testing::sample_records();
  std::reverse(reversed.begin(), reversed.end());
  testing::RenderedFixture second(reversed, config);
  EXPECT_EQ(first.site, second.site);
}

}  // namespace
}  // namespace newsarc::render
