// Every page type through the inline-site harness: home, article, date archive
// (year, month, day, undated), district, official with a post timeline,
// reporter; pagination boundaries, a sub-path base URL, month-precision and
// undated articles, and a template override. Each test holds its whole site.
// All article text is invented.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "site/inline_site.h"

namespace newsarc::site_test {
namespace {

// A Markdown article with front matter: "-- content/<name>.md --" and its text.
std::string md(const std::string& name, const std::string& front, const std::string& body) {
  return "-- content/" + name + ".md --\n---\n" + front + "\n---\n\n" + body + "\n";
}

// True when `first` occurs in `text` before `second` (both must occur).
bool before(const std::string& text, const std::string& first, const std::string& second) {
  const auto a = text.find(first);
  const auto b = text.find(second);
  return a != std::string::npos && b != std::string::npos && a < b;
}

constexpr std::string_view kConfig = R"(
-- site.json --
{"title": "测试晚报", "description": "一份虚构的地方报纸", "base_url": "https://example.org/paper/",
 "districts": [{"name": "北湖区", "aliases": ["北湖"], "parent": "", "slug": "beihu"},
               {"name": "柳林街道", "aliases": [], "parent": "北湖区", "slug": "liulin"}]}
)";

std::string two_articles() {
  return std::string(kConfig) +
         md("parks",
            "title: 北湖区新建三座口袋公园\ndate: 2023-06-03\ndistricts: [北湖区]\n"
            "reporters: [孙立群]\nofficials:\n  - name: 任思远\n    titles: [北湖区副区长]",
            "北湖区今年新建三座口袋公园，副区长任思远到现场查看。") +
         md("festival", "title: 柳林街道举办邻里节\ndate: 2022-09-18\ndistricts: [柳林街道]",
            "柳林街道举办首届邻里节，居民带来自家做的点心。");
}

TEST(PagesSite, HomeListsTheNewestFirstWithEntryPoints) {
  auto s = build_inline_site(two_articles());
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  s.expect_file("index.html", R"(
    <title>测试晚报</title>
    <link rel="canonical" href="https://example.org/paper/">
    <link rel="icon" href="favicon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="assets/style.css">
    <h1>测试晚报</h1>
    共收录 2 篇报道。
    <a href="dates/2023/index.html">2023年</a>
    <a href="dates/2022/index.html">2022年</a>
    <a href="districts/beihu/index.html">北湖区</a>
    <a href="articles/parks/index.html">北湖区新建三座口袋公园</a>
    # one page only: no pagination
    ! class="pagination")");
  const std::string home = s.output_file("index.html");
  EXPECT_TRUE(before(home, "articles/parks/", "articles/festival/"));
  s.expect_file("favicon.svg", "<svg");
  s.expect_no_file("page/2/index.html");
}

TEST(PagesSite, TheSearchIndexAndTheExportsCoverEveryArticle) {
  auto s = build_inline_site(two_articles());
  s.expect_file("search/manifest.json", "\"shards\"");
  s.expect_file("search/t2s.json", "");
  s.expect_file("search/text/0.json", "");  // both texts: one chunk
  s.expect_no_file("search/text/1.json");
  s.expect_file("records.json", R"(
    "id":"parks"
    "id":"festival")");
  // The exports leave out "paragraphs" (the paragraph blocks of "body", kept by ingest --json).
  s.expect_file("articles/parks/index.json", R"(
    "id": "parks"
    "body": [
    ! "paragraphs")");
  s.expect_file("records.json", R"(! "paragraphs")");
}

TEST(PagesSite, ArticleShowsDateCreditsPlacesPeopleAndNeighbours) {
  auto s = build_inline_site(two_articles());
  s.expect_file("articles/parks/index.html", R"(
    <h1>北湖区新建三座口袋公园</h1>
    <link rel="canonical" href="https://example.org/paper/articles/parks/">
    "@type":"NewsArticle"
    <a href="../../dates/2023/06/03/index.html"><time datetime="2023-06-03">2023年6月3日</time></a>
    记者 <a href="../../reporters/sun-li-qun/index.html">孙立群</a>
    <a href="../../districts/beihu/index.html">北湖区</a>
    <a href="../../officials/ren-si-yuan/index.html">任思远</a><span class="titles">（北湖区副区长）</span>
    <p>北湖区今年新建三座口袋公园，副区长任思远到现场查看。</p>
    上一篇（较早）：<a href="../../articles/festival/index.html">柳林街道举办邻里节</a>
    ! 下一篇（较新）
    ! 原文无标题)");
  s.expect_file("articles/festival/index.html",
                "下一篇（较新）：<a href=\"../../articles/parks/index.html\">");
  s.expect_file("articles/parks/index.json", R"("title": "北湖区新建三座口袋公园")");
}

TEST(PagesSite, DateArchiveHasYearMonthCalendarAndDayPages) {
  auto s = build_inline_site(
      std::string(kConfig) + md("a", "title: 北湖区开展消防演练\ndate: 2023-06-03", "演练一段。") +
      md("b", "title: 北湖区夏季用电平稳\ndate: 2023-06-20", "用电一段。") +
      md("c", "title: 北湖区图书馆延长开放\ndate: 2023-08-01", "开放一段。"));
  s.expect_file("dates/index.html", R"(
    <a href="../dates/2023/index.html">2023年</a> <span class="count">3 篇</span>
    ! 日期不详的报道)");
  s.expect_file("dates/2023/index.html", R"(
    <a href="../../dates/2023/06/index.html">2023年6月</a> <span class="count">2 篇</span>
    <a href="../../dates/2023/08/index.html">2023年8月</a> <span class="count">1 篇</span>
    ! 只知年份的报道)");
  s.expect_file("dates/2023/06/index.html", R"(
    <caption>2023年6月报道日历</caption>
    <td class="has-articles"><a href="../../../dates/2023/06/03/index.html">3</a></td>
    <td class="has-articles"><a href="../../../dates/2023/06/20/index.html">20</a></td>
    <td>4</td>
    # 2023-06-01 is a Thursday: three empty cells lead the first week
    <tr><td></td><td></td><td></td><td>1</td>
    # under the calendar, the month's articles day by day
    <time datetime="2023-06-03">2023年6月3日</time></a></h3>
    <a href="../../../articles/a/index.html">北湖区开展消防演练</a>
    <a href="../../../dates/2023/08/index.html" rel="next">下一月：2023年8月</a>
    ! rel="prev"
    ! 只知月份的报道)");
  EXPECT_TRUE(before(s.output_file("dates/2023/06/index.html"), "北湖区开展消防演练",
                     "北湖区夏季用电平稳"));
  s.expect_file("dates/2023/08/index.html", "rel=\"prev\">上一月：2023年6月</a>");
  s.expect_file("dates/2023/06/20/index.html", R"(
    <h1>2023年6月20日</h1>
    <a href="../../../../articles/b/index.html">北湖区夏季用电平稳</a>
    ! 北湖区开展消防演练)");
  s.expect_no_file("dates/2023/06/04/index.html");
  s.expect_no_file("dates/2023/07/index.html");
  s.expect_no_file("dates/undated/index.html");
}

TEST(PagesSite, AMonthPrecisionArticleIsListedOnItsMonthOnly) {
  auto s = build_inline_site(std::string(kConfig) +
                             md("m", "title: 北湖区二月完成道路体检\ndate: 2023-02", "体检一段。") +
                             md("y", "title: 北湖区年度绿化回顾\ndate: 2021", "回顾一段。"));
  s.expect_file("articles/m/index.html", R"(
    <a href="../../dates/2023/02/index.html"><time datetime="2023-02">2023年2月</time></a>
    "datePublished":"2023-02")");
  s.expect_file("dates/2023/02/index.html", R"(
    <caption>2023年2月报道日历</caption>
    只知月份的报道
    <a href="../../../articles/m/index.html">北湖区二月完成道路体检</a>
    ! class="has-articles"
    ! 本月报道)");
  // a month-precision article makes no day page
  EXPECT_EQ(s.output_paths("dates/2023/02/", "index.html"),
            std::vector<std::string>{"dates/2023/02/index.html"});
  s.expect_file("articles/y/index.html", "<time datetime=\"2021\">2021年</time>");
  s.expect_file("dates/2021/index.html", R"(
    只知年份的报道
    <a href="../../articles/y/index.html">北湖区年度绿化回顾</a>)");
  s.expect_no_diagnostic("ingest/no-date");
}

TEST(PagesSite, AnUndatedArticleGetsTheUndatedPageAndAWarning) {
  auto s = build_inline_site(two_articles() +
                             md("notice", "title: 一份没有日期的停水通知", "停水一段。"));
  s.expect_diagnostic("content/notice.md:1", "ingest/no-date");
  s.expect_file("articles/notice/index.html", R"(
    <a href="../../dates/undated/index.html">日期不详</a>
    ! <time)");
  s.expect_file("dates/undated/index.html", R"(
    <h1>日期不详</h1>
    <a href="../../articles/notice/index.html">一份没有日期的停水通知</a>
    ! 北湖区新建三座口袋公园)");
  s.expect_file("dates/index.html", R"(
    <a href="../dates/undated/index.html">日期不详的报道</a> <span class="count">1 篇</span>)");
  s.expect_file("index.html", "<a href=\"dates/undated/index.html\">日期不详</a>");
}

TEST(PagesSite, DistrictPagesNestChildrenAndHaveFeeds) {
  auto s = build_inline_site(two_articles());
  s.expect_file("districts/index.html", R"(
    <a href="../districts/beihu/index.html">北湖区</a>
    <a href="../districts/liulin/index.html">柳林街道</a>)");
  s.expect_file("districts/beihu/index.html", R"(
    <h1>北湖区</h1>
    <a href="../../articles/parks/index.html">北湖区新建三座口袋公园</a>
    <link rel="alternate" type="application/atom+xml"
    href="../../districts/beihu/atom.xml")");
  s.expect_file("districts/liulin/index.html", R"(
    所属：<a href="../../districts/beihu/index.html">北湖区</a>
    <a href="../../articles/festival/index.html">柳林街道举办邻里节</a>)");
  s.expect_file("districts/beihu/atom.xml", R"(
    <link rel="self" type="application/atom+xml" href="https://example.org/paper/districts/beihu/atom.xml"/>
    <id>https://example.org/paper/articles/parks/</id>)");
}

TEST(PagesSite, OfficialPageHasAPostTimelineOldestPostFirst) {
  const std::string person = "officials:\n  - name: 任思远\n    titles: [";
  auto s = build_inline_site(
      std::string(kConfig) +
      md("a", "title: 北湖区启动老旧小区改造\ndate: 2021-04-02\n" + person + "北湖区副区长]",
         "副区长任思远出席启动仪式。") +
      md("b", "title: 北湖区召开经济形势分析会\ndate: 2023-03-09\n" + person + "北湖区区长]",
         "区长任思远主持会议。") +
      md("c", "title: 北湖区区长接待来访群众\ndate: 2023-07-15\n" + person + "北湖区区长]",
         "区长任思远接待来访群众。"));
  const std::string page = "officials/ren-si-yuan/index.html";
  s.expect_file(page, R"(
    <h1>任思远</h1>
    职务时间线
    <h3>北湖区副区长</h3>
    <h3>北湖区区长</h3>
    <time datetime="2023-03-09">2023年3月9日</time>
    <time datetime="2023-07-15">2023年7月15日</time>，共 2 篇
    相关报道（3 篇）
    href="../../officials/ren-si-yuan/atom.xml")");
  EXPECT_TRUE(before(s.output_file(page), "<h3>北湖区副区长</h3>", "<h3>北湖区区长</h3>"));
  s.expect_file("officials/index.html", R"(
    <a href="../officials/ren-si-yuan/index.html">任思远</a> <span class="count">3 篇</span>)");
  s.expect_file("officials/ren-si-yuan/atom.xml", "<title>测试晚报：任思远</title>");
}

TEST(PagesSite, ReporterPageListsTheBylinedArticles) {
  auto s = build_inline_site(two_articles() + md("third",
                                                 "title: 北湖区举办少儿书法展\ndate: 2023-01-08\n"
                                                 "reporters: [孙立群, 黄思齐]",
                                                 "书法展一段。"));
  s.expect_file("reporters/sun-li-qun/index.html", R"(
    <h1>孙立群</h1>
    署名报道（2 篇）
    <a href="../../articles/parks/index.html">北湖区新建三座口袋公园</a>
    <a href="../../articles/third/index.html">北湖区举办少儿书法展</a>
    ! 柳林街道举办邻里节)");
  s.expect_file("reporters/index.html", R"(
    <a href="../reporters/sun-li-qun/index.html">孙立群</a> <span class="count">2 篇</span>
    <a href="../reporters/huang-si-qi/index.html">黄思齐</a> <span class="count">1 篇</span>)");
}

// `n` articles dated 2023-05-01 .. 2023-05-n, all in 北湖区, `page_size` a page.
std::string numbered_articles(int n, int page_size) {
  std::string archive = R"(-- site.json --
{"title": "测试晚报", "base_url": "https://example.org/paper/", "page_size": )" +
                        std::to_string(page_size) + R"(,
 "districts": [{"name": "北湖区", "aliases": [], "parent": "", "slug": "beihu"}]}
)";
  for (int i = 1; i <= n; ++i) {
    const std::string d = (i < 10 ? "0" : "") + std::to_string(i);
    archive += md("n" + d,
                  "title: 北湖区第" + std::to_string(i) + "号公告\ndate: 2023-05-" + d +
                      "\ndistricts: [北湖区]",
                  "公告正文。");
  }
  return archive;
}

TEST(PagesSite, AFullPageHasNoSecondPage) {
  auto s = build_inline_site(numbered_articles(3, 3));
  s.expect_file("index.html", "! class=\"pagination\"");
  s.expect_no_file("page/2/index.html");
  s.expect_no_file("districts/beihu/page/2/index.html");
}

TEST(PagesSite, OneArticleOverAPageMakesASecondPage) {
  auto s = build_inline_site(numbered_articles(4, 3));
  s.expect_file("index.html", R"(
    第 1 页，共 2 页
    <a href="page/2/index.html" rel="next">下一页</a>
    ! rel="prev"
    北湖区第4号公告
    ! 北湖区第1号公告<)");
  s.expect_file("page/2/index.html", R"(
    （第2页） - 测试晚报</title>
    <link rel="canonical" href="https://example.org/paper/page/2/">
    第 2 页，共 2 页
    <a href="../../index.html" rel="prev">上一页</a>
    ! rel="next"
    <a href="../../articles/n01/index.html">北湖区第1号公告</a>
    ! 北湖区第2号公告)");
  s.expect_no_file("page/3/index.html");
  s.expect_file("districts/beihu/page/2/index.html", "北湖区第1号公告");
  s.expect_no_file("districts/beihu/page/3/index.html");
}

TEST(PagesSite, ASubPathBaseUrlIsInAbsoluteUrlsOnly) {
  auto s = build_inline_site(two_articles(),
                             {.jobs = 2, .base_url = "https://news.example.net/archive/2023"});
  s.expect_file("articles/parks/index.html", R"(
    <link rel="canonical" href="https://news.example.net/archive/2023/articles/parks/">
    <meta property="og:url" content="https://news.example.net/archive/2023/articles/parks/">
    "url":"https://news.example.net/archive/2023/articles/parks/"
    # internal links stay relative, so the site works under any prefix
    <link rel="stylesheet" href="../../assets/style.css">
    <a href="../../index.html">首页</a>
    href="../../atom.xml"
    ! href="/
    ! href="https://example.org/paper/)");
  s.expect_file("atom.xml", R"(
    <link rel="self" type="application/atom+xml" href="https://news.example.net/archive/2023/atom.xml"/>
    <link rel="alternate" type="text/html" href="https://news.example.net/archive/2023/"/>
    <id>https://news.example.net/archive/2023/articles/parks/</id>
    ! https://example.org/)");
  s.expect_file("sitemap.xml", R"(
    <loc>https://news.example.net/archive/2023/</loc>
    <loc>https://news.example.net/archive/2023/districts/beihu/</loc>)");
  s.expect_file("robots.txt", "Sitemap: https://news.example.net/archive/2023/sitemap.xml");
}

TEST(PagesSite, ATemplateInTheSiteReplacesTheBuiltInArticleTemplate) {
  auto s = build_inline_site(two_articles() + R"(
-- templates/article.mustache --
{{> head}}
<body>
<main id="main"><h1 class="custom-headline">{{title}}</h1><p class="custom-date">{{date}}</p></main>
</body>
</html>
)");
  EXPECT_FALSE(s.report().config_error) << s.diagnostics_text();
  s.expect_file("articles/parks/index.html", R"(
    <h1 class="custom-headline">北湖区新建三座口袋公园</h1>
    <p class="custom-date">2023年6月3日</p>
    # the built-in head partial still serves the override
    <link rel="canonical" href="https://example.org/paper/articles/parks/">
    ! class="prev-next"
    ! class="site-footer")");
  s.expect_file("index.html", R"(
    # other pages keep the built-in templates
    class="site-footer"
    ! custom-headline)");
}

}  // namespace
}  // namespace newsarc::site_test
