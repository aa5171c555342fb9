// Bad input, safe output: each broken source is reported once with a stable
// code at its file:line, only that article is skipped, and every other article
// is built. Bad config and templates stop the build before the output is
// touched. All text is invented.
#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "site/inline_site.h"

namespace newsarc::site_test {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kGood = R"(
-- site.json --
{"title": "坚韧日报", "base_url": "https://example.org/"}
-- content/good/a.txt --
金水区新建社区食堂

本报讯（记者 何文静）2023年7月2日，金水区一处社区食堂开门营业，老人用餐可享优惠。

食堂每天供应早午晚三餐。
-- content/good/b.md --
---
title: 中原区图书馆延长开放时间
date: 2023-07-05
---

中原区图书馆从本周起每晚开放到九点。
)";

// Sentences of the two good articles: both must be on some page.
constexpr std::string_view kGoodA = "老人用餐可享优惠";
constexpr std::string_view kGoodB = "每晚开放到九点";

std::string with(std::string_view path, std::string_view bytes) {
  return std::string(kGood) + "-- " + std::string(path) + " --\n" + std::string(bytes);
}

// True when some output file (pages, feeds, search index, JSON) holds `text`.
bool published(const InlineSite& s, std::string_view text) {
  return !s.find_output("", text, "").empty();
}

// The promises every bad article test shares: one error, the site written,
// the good articles built, and nothing of `bad_text` published.
void expect_only_bad_skipped(const InlineSite& s, std::string_view bad_text,
                             std::source_location where = std::source_location::current()) {
  const int line = static_cast<int>(where.line());
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 1u) << "line " << line << ":\n"
                                                               << s.diagnostics_text();
  EXPECT_TRUE(s.report().wrote) << "line " << line;
  EXPECT_TRUE(published(s, kGoodA)) << "line " << line;
  EXPECT_TRUE(published(s, kGoodB)) << "line " << line;
  if (!bad_text.empty()) {
    EXPECT_FALSE(published(s, bad_text)) << "line " << line;
  }
}

TEST(Robustness, AnEmptyFileIsReported) {
  auto s = build_inline_site(with("content/blank.txt", ""));
  s.expect_diagnostic("content/blank.txt:1", "text/empty");
  expect_only_bad_skipped(s, "");
}

TEST(Robustness, APngRenamedTxtIsReportedAsBinary) {
  constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06";
  auto s = build_inline_site(with("content/photo.txt", std::string(kPng, sizeof kPng - 1)));
  s.expect_diagnostic("content/photo.txt:3", "text/undecodable");
  expect_only_bad_skipped(s, "IHDR");
}

TEST(Robustness, TextInNoEncodingIsReportedAtItsLine) {
  auto s = build_inline_site(with("content/garbled.txt", "abc\n\nxyz \xff\xff\x80 尾部文字\n"));
  s.expect_diagnostic("content/garbled.txt:3", "text/undecodable");
  expect_only_bad_skipped(s, "尾部文字");
}

TEST(Robustness, ANulByteIsReportedAtItsLine) {
  auto s = build_inline_site(
      with("content/nul.txt", std::string("荥阳市举办桃花节\n\n本报讯 游客") + '\0' + "众多。\n"));
  s.expect_diagnostic("content/nul.txt:3", "text/undecodable");
  expect_only_bad_skipped(s, "荥阳市举办桃花节");
}

// 50 MB of distinct paragraphs: built (or reported), never a crash; how long
// it takes is not asserted.
TEST(Robustness, AFiftyMegabytePageIsBuiltOrReported) {
  InlineSite s(kGood, {});
  std::string page = "登封市超长版面测试\n\n";
  for (int i = 0; page.size() < 50u * 1024 * 1024; ++i)
    page += "第" + std::to_string(i) + "段：登封市各乡镇继续推进道路硬化工程，进展顺利。\n\n";
  s.write_file("content/huge.txt", page);
  s.rebuild();
  EXPECT_TRUE(s.report().wrote) << s.diagnostics_text().substr(0, 2000);
  EXPECT_TRUE(published(s, kGoodA) && published(s, kGoodB));
  bool reported = false;
  for (const auto& d : s.diagnostics().items())
    reported = reported || (d.path == "content/huge.txt" && d.severity == base::Severity::kError);
  EXPECT_TRUE(reported || published(s, "登封市超长版面测试"));
}

TEST(Robustness, TwentyThousandLinesWithoutABlankLineAreBuilt) {
  std::string page = "巩义市长篇连载\n";
  for (int i = 1; i <= 20000; ++i) page += "连载第" + std::to_string(i) + "行，没有空行分隔\n";
  auto s = build_inline_site(with("content/long.txt", page));
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  EXPECT_TRUE(published(s, "连载第1行"));
  EXPECT_TRUE(published(s, "连载第20000行"));
}

TEST(Robustness, TenThousandNestedListsAndQuotesAreBuilt) {
  std::string lists = "---\ntitle: 深层列表\ndate: 2023-07-06\n---\n\n";
  for (int i = 0; i < 10000; ++i) lists += "- ";
  std::string quotes = "---\ntitle: 深层引用\ndate: 2023-07-07\n---\n\n";
  for (int i = 0; i < 10000; ++i) quotes += "> ";
  auto s = build_inline_site(with("content/lists.md", lists + "列表底部\n") +
                             "-- content/quotes.md --\n" + quotes + "引用底部\n");
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  EXPECT_FALSE(s.find_output("articles/", "列表底部").empty());
  EXPECT_FALSE(s.find_output("articles/", "引用底部").empty());
  EXPECT_TRUE(published(s, kGoodA) && published(s, kGoodB));
}

TEST(Robustness, MalformedYamlFrontMatterSkipsTheArticle) {
  auto s = build_inline_site(with("content/yaml.md", R"(---
title: 新密市茶叶节
tags: [甲, 乙
date: 2023-07-09
---

新密市茶叶节开幕。
)"));
  // yaml-cpp finds the unclosed flow on the next line.
  s.expect_diagnostic("content/yaml.md:4", "ingest/bad-front-matter");
  expect_only_bad_skipped(s, "新密市茶叶节开幕");
}

TEST(Robustness, MalformedJsonFrontMatterSkipsTheArticleAtTheBadLine) {
  auto s = build_inline_site(with("content/json.md", R"({
  "title": "新郑市枣园开园",
  "date":
}

新郑市枣园迎来采摘季。
)"));
  s.expect_diagnostic("content/json.md:4", "ingest/bad-front-matter");
  expect_only_bad_skipped(s, "新郑市枣园迎来采摘季");
}

TEST(Robustness, AFrontMatterFieldOfTheWrongTypeSkipsTheArticle) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"date: [1]", "content/date.md:3"}, {"districts: 5", "content/date.md:3"}};
  for (const auto& [field, location] : cases) {
    auto s = build_inline_site(with(
        "content/date.md", "---\ntitle: 中牟县大蒜丰收\n" + field + "\n---\n\n中牟县大蒜丰收。\n"));
    s.expect_diagnostic(location, "ingest/front-matter-type");
    expect_only_bad_skipped(s, "中牟县大蒜丰收");
  }
}

TEST(Robustness, AnImpossibleFrontMatterDateSkipsTheArticle) {
  auto s = build_inline_site(with(
      "content/feb.md", "---\ntitle: 上街区航展\ndate: 2023-02-30\n---\n\n上街区航展开幕。\n"));
  s.expect_diagnostic("content/feb.md:3", "ingest/bad-date");
  expect_only_bad_skipped(s, "上街区航展开幕");
}

// Found by fuzz_front_matter: twenty digits overflowed the date parser.
TEST(Robustness, ADateOfTwentyDigitsIsReportedNotOverflowed) {
  auto s = build_inline_site(with("content/long.md",
                                  "---\ntitle: 长数字\ndate: 20111111111111111111\n---\n\n"
                                  "长数字日期的稿件。\n"));
  s.expect_diagnostic("content/long.md:3", "ingest/bad-date");
  expect_only_bad_skipped(s, "长数字日期的稿件");
}

// A number too long for an integer stays text: the slug is used as written.
TEST(Robustness, ASlugOfTwentyDigitsIsKeptAsText) {
  auto s = build_inline_site(with("content/digits.md",
                                  "---\ntitle: 数字别名\ndate: 2023-07-03\n"
                                  "slug: 20230703000000000001\n---\n\n数字别名的稿件。\n"));
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  s.expect_file("articles/20230703000000000001/index.html", "数字别名的稿件");
}

// In running text an impossible date is most likely an OCR slip: it is
// reported and not used, and the article is kept (left undated).
TEST(Robustness, AnImpossibleDateInTheTextIsReportedAndNotUsed) {
  for (const auto& [date, iso] :
       {std::pair{"2023年2月30日", "2023-02-30"}, std::pair{"2023年13月1日", "2023-13-01"}}) {
    auto s = build_inline_site(with("content/ocr.txt", std::string("惠济区荷花展\n\n本报讯 ") +
                                                           date + "，惠济区荷花展开幕。\n"));
    s.expect_diagnostic("content/ocr.txt:3", "ingest/bad-date");
    EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
    EXPECT_TRUE(published(s, "惠济区荷花展开幕")) << date;
    EXPECT_FALSE(published(s, iso)) << date;
    EXPECT_TRUE(s.output_paths("dates/2023/13").empty()) << date;
    EXPECT_TRUE(s.output_paths("dates/2023/02/30").empty()) << date;
  }
}

TEST(Robustness, TwoArticlesWithOneSlugOrIdKeepTheFirst) {
  for (const char* key : {"slug", "id"}) {
    const std::string front = std::string("---\n") + key + ": shared-name\ndate: 2023-07-1";
    auto s = build_inline_site(with("content/one.md", front + "1\n---\n\n第一篇在此。\n") +
                               "-- content/two.md --\n" + front + "2\n---\n\n第二篇在此。\n");
    s.expect_diagnostic("content/two.md:1", "archive/path-collision");
    expect_only_bad_skipped(s, "第二篇在此");
    s.expect_file("articles/shared-name/index.html", "第一篇在此");
  }
}

TEST(Robustness, AnUnsafeSlugOrIdSkipsTheArticle) {
  const std::vector<std::string> fields = {"slug: ../../outside", "id: /etc/passwd",
                                           "slug: \"a:b*c?\"", "slug: \"x\\\\y\"", "slug: \"..\""};
  for (const std::string& field : fields) {
    auto s = build_inline_site(
        with("content/slug.md", "---\ntitle: 二七塔灯光秀\n" + field + "\n---\n\n二七塔亮灯。\n"));
    s.expect_diagnostic("content/slug.md:3", "ingest/bad-slug");
    expect_only_bad_skipped(s, "二七塔亮灯");
    EXPECT_FALSE(fs::exists(s.root() / "outside")) << field;
  }
}

TEST(Robustness, FileNamesWithSpacesAndChineseAreBuilt) {
  auto s =
      build_inline_site(with("content/my page.txt", "空格\n\n本报讯 文件名里有空格的稿件。\n") +
                        "-- content/郑州晚报.txt --\n中文\n\n本报讯 文件名是中文的稿件。\n");
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  EXPECT_TRUE(published(s, "文件名里有空格的稿件"));
  EXPECT_TRUE(published(s, "文件名是中文的稿件"));
}

// Linux allows \:*?"<>| in a file name and other systems do not: the page
// is built, under an id that holds none of them.
TEST(Robustness, AFileNameWithCharactersIllegalElsewhereGetsASafePath) {
  auto s = build_inline_site(
      with("content/问答:a*b?<c>|d\"e\\f.txt", "问答\n\n本报讯 文件名里有特殊字符的稿件。\n"));
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  EXPECT_TRUE(published(s, kGoodA) && published(s, kGoodB));
  const std::string page = s.find_output("articles/", "文件名里有特殊字符的稿件");
  EXPECT_FALSE(page.empty());
  for (const auto& [path, bytes] : s.output())
    EXPECT_EQ(path.find_first_of("\\:*?\"<>|"), std::string::npos) << path;
}

TEST(Robustness, AFileNameWithALineBreakIsReportedAndSkipped) {
  InlineSite s(kGood, {});
  s.write_file("content/two\nlines.txt", "换行\n\n本报讯 文件名里有换行的稿件。\n");
  s.rebuild();
  s.expect_diagnostic("content/two\\nlines.txt", "site/bad-name");
  expect_only_bad_skipped(s, "文件名里有换行的稿件");
}

TEST(Robustness, SymlinkLoopsAndLinksLeavingContentAreNotFollowed) {
  InlineSite s(kGood, {});
  s.write_file("secret.txt", "机密\n\n本报讯 不应发布的文字。\n");
  fs::create_directory_symlink("..", s.root() / "content/good/loop");
  fs::create_symlink(s.root() / "secret.txt", s.root() / "content/leak.txt");
  s.rebuild();
  s.expect_diagnostic("content/good/loop", "site/symlink");
  s.expect_diagnostic("content/leak.txt", "site/symlink");
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  EXPECT_FALSE(published(s, "不应发布的文字"));
  EXPECT_TRUE(published(s, kGoodA) && published(s, kGoodB));
}

// The checks of an unreadable file, run after `locked` was made unreadable.
void expect_unreadable_file_skipped(InlineSite& s, const fs::path& locked) {
  ASSERT_FALSE(std::ifstream(locked).is_open()) << "the test could not make the file unreadable";
  s.rebuild();
  s.expect_diagnostic("content/locked.txt", "site/read");
  expect_only_bad_skipped(s, "读不到的稿件");
}

// Root reads a file of mode 000 anyway, and CI runs as root: there the build
// runs in a child process that first gives up the capabilities that let root
// ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). It stays uid 0,
// so the repository's templates stay readable wherever it is checked out. The
// child's failures are printed by GoogleTest and make it exit 1.
bool drop_file_mode_override() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3] = {};
  if (::syscall(SYS_capget, &header, caps) != 0) return false;
  for (const int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH}) {
    caps[cap / 32].effective &= ~(1u << (cap % 32));
    caps[cap / 32].permitted &= ~(1u << (cap % 32));
  }
  return ::syscall(SYS_capset, &header, caps) == 0;
}

void expect_unreadable_file_skipped_without_root_override(InlineSite& s, const fs::path& locked) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  ASSERT_NE(pid, -1);
  if (pid == 0) {
    if (!drop_file_mode_override()) {
      std::perror("capset");
      std::_Exit(2);
    }
    expect_unreadable_file_skipped(s, locked);
    std::fflush(nullptr);
    std::_Exit(::testing::Test::HasFailure() ? 1 : 0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "the child build died (status " << status << ")";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the child build failed the checks above (2: capset)";
}

TEST(Robustness, AnUnreadableFileIsReportedAndSkipped) {
  InlineSite s(kGood, {});
  s.write_file("content/locked.txt", "上锁\n\n本报讯 读不到的稿件。\n");
  const fs::path locked = s.root() / "content/locked.txt";
  ASSERT_EQ(::chmod(locked.c_str(), 0), 0);
  if (::geteuid() == 0)
    expect_unreadable_file_skipped_without_root_override(s, locked);
  else
    expect_unreadable_file_skipped(s, locked);
}

// A bad config or template stops the build before the output is touched.
void expect_previous_site_kept(InlineSite& s, const std::string& path, const std::string& bytes,
                               std::string_view location, std::string_view code,
                               std::source_location where = std::source_location::current()) {
  const auto before = s.output();
  ASSERT_FALSE(before.empty());
  s.write_file(path, bytes);
  s.write_file("content/good/c.txt", "新文章\n\n本报讯 这篇不该出现。\n");
  s.rebuild();
  EXPECT_TRUE(s.report().config_error) << "line " << where.line();
  s.expect_diagnostic(location, code, where);
  EXPECT_EQ(s.output(), before) << "line " << where.line();
}

TEST(Robustness, AnUnknownConfigKeyOrABadBaseUrlStopsTheBuild) {
  auto s = build_inline_site(kGood);
  expect_previous_site_kept(s, "site.json", "{\"title\": \"x\",\n \"colour\": \"red\"}\n",
                            "site.json:2", "config/unknown-key");
  expect_previous_site_kept(s, "site.json", "{\"title\": \"x\",\n \"base_url\": \"ftp:/x\"}\n",
                            "site.json:2", "config/base-url");
}

TEST(Robustness, ATemplateSyntaxErrorOrAMissingPartialStopsTheBuild) {
  auto s = build_inline_site(kGood);
  expect_previous_site_kept(s, "templates/404.mustache", "<p>\n{{#open}}\n",
                            "templates/404.mustache:2", "render/template-error");
  expect_previous_site_kept(s, "templates/404.mustache", "{{> no_such_partial}}\n",
                            "templates/404.mustache:1", "render/template-error");
}

// Markup in content is shown as text or dropped, never run.
TEST(Robustness, NoMarkupFromContentReachesAPageUnescaped) {
  auto s = build_inline_site(with("content/markup.md", R"md(---
title: "标题{{#items}}<script>alert(1)</script>{{/items}}{{{raw}}}"
date: 2023-07-08
---

<script>alert(2)</script>

正文<b onclick="alert(3)">加粗</b>一段。

[点这里](javascript:alert(4)) 和 [另一个](JAVASCRIPT:alert(5))

<img src="x.png" onerror="alert(6)">
)md") + "-- content/tags.txt --\n<script>alert(7)</script>标题\n\n本报讯 <img src=x "
        "onerror=alert(8)> 正文。\n");
  EXPECT_EQ(s.diagnostics().count(base::Severity::kError), 0u) << s.diagnostics_text();
  // Escaped text ("&lt;img src=x onerror=…&gt;") is harmless; tags and URLs are not.
  for (const auto& [path, bytes] : s.output()) {
    if (!path.ends_with(".html") && !path.ends_with(".xml")) continue;
    std::string lower = bytes;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* bad : {"<script>alert", "<b onclick", "<img src=\"x.png\"", "<img src=x",
                            "href=\"javascript:", "src=\"javascript:", "onerror=\"alert",
                            "onclick=\"alert", "onerror=alert(8)>"})
      EXPECT_EQ(lower.find(bad), std::string::npos) << path << " holds " << bad;
  }
  const std::string page = s.find_output("articles/", "2023-07-08");
  ASSERT_FALSE(page.empty());
  // The title's mustache tags are text, not template code.
  s.expect_file(page,
                "<h1>标题{{#items}}&lt;script&gt;alert(1)&lt;/script&gt;{{/items}}{{{raw}}}</h1>");
}

}  // namespace
}  // namespace newsarc::site_test
