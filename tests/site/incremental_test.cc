// Incremental builds: what a rebuild rewrites after a change, judged by the
// output files' identity (inode and mtime), and that it always gives the
// bytes a clean build gives.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "ingest/full_record.h"
#include "ingest/ingest.h"
#include "site/cache.h"
#include "site/inline_site.h"

namespace newsarc::site_test {
namespace {

namespace fs = std::filesystem;

// Six dated articles on six text pages; invented text only.
std::string archive_text() {
  std::string archive = R"(
-- site.json --
{"title": "测试晚报", "base_url": "https://example.org/", "page_size": 4}
)";
  for (int i = 1; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    archive += "-- content/2023/0" + n + ".txt --\n惠济区第" + n +
               "批树苗栽种完成\n\n本报讯 2023年3月" + n +
               "日，惠济区志愿者在河堤两侧栽种树苗。\n\n当天共栽下数百棵，第" + n +
               "批树苗来自本地苗圃。\n\n（记者 孙立群）\n";
  }
  return archive;
}

// Inode and mtime of every output file but newsarc's marker.
using Identity = std::map<std::string, std::pair<ino_t, std::int64_t>>;

Identity identity_of(const fs::path& out) {
  Identity ids;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file() || entry.path().filename() == site::kOutputMarker) continue;
    struct ::stat st {};
    ::stat(entry.path().c_str(), &st);
    ids[entry.path().lexically_relative(out).string()] = {
        st.st_ino, st.st_mtim.tv_sec * 1'000'000'000 + st.st_mtim.tv_nsec};
  }
  return ids;
}

// Output paths whose file is not the same file as before (or is new).
std::set<std::string> rewritten(const Identity& before, const Identity& after) {
  std::set<std::string> out;
  for (const auto& [path, id] : after) {
    auto it = before.find(path);
    if (it == before.end() || it->second != id) out.insert(path);
  }
  return out;
}

// A clean build of the same sources and templates elsewhere: the bytes every
// build must give.
void expect_same_as_clean(const InlineSite& s) {
  std::string archive;
  for (const char* folder : {"content", "templates"}) {
    if (!fs::exists(s.root() / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(s.root() / folder)) {
      if (!entry.is_regular_file()) continue;
      archive += "-- " + entry.path().lexically_relative(s.root()).string() + " --\n" +
                 read_all(entry.path());
    }
  }
  auto clean = build_inline_site("-- site.json --\n" + read_all(s.root() / "site.json") + archive,
                                 {2, "", site::CacheMode::kRebuild});
  EXPECT_EQ(s.output(), clean.output());
  EXPECT_EQ(s.diagnostics_text(), clean.diagnostics_text());
}

std::string article_of(const InlineSite& s, const std::string& needle) {
  const std::string page = s.find_output("articles/", needle);
  return page.substr(0, page.rfind('/'));
}

TEST(Incremental, NothingChangedRewritesNothing) {
  auto s = build_inline_site(archive_text());
  const Identity before = identity_of(s.out_dir());
  const std::string diags = s.diagnostics_text();
  s.rebuild();
  EXPECT_TRUE(s.report().wrote);
  EXPECT_EQ(rewritten(before, identity_of(s.out_dir())), std::set<std::string>{});
  EXPECT_EQ(s.diagnostics_text(), diags);
}

void edit_third_article(InlineSite& s) {
  s.write_file("content/2023/03.txt",
               "惠济区第3批树苗栽种完成\n\n本报讯 2023年3月3日，惠济区志愿者在河堤两侧栽种树苗。"
               "\n\n当天共栽下数百棵，第3批树苗来自外地苗圃。\n\n（记者 孙立群）\n");
}

// Rebuilds and expects a build that finds nothing changed: no file written,
// the diagnostics replayed. Returns them.
std::string expect_nothing_changes(InlineSite& s) {
  const Identity before = identity_of(s.out_dir());
  const std::string diags = s.diagnostics_text();
  s.rebuild();
  EXPECT_EQ(s.report().phases.at(1).detail, "nothing changed since the last build");
  EXPECT_EQ(rewritten(before, identity_of(s.out_dir())), std::set<std::string>{});
  EXPECT_EQ(s.diagnostics_text(), diags);
  return diags;
}

TEST(Incremental, OldSourcesUnchangedSkipEverythingAndReplayTheDiagnostics) {
  auto s =
      build_inline_site(archive_text() + "-- content/undated.txt --\n无日期的短讯\n\n正文一段。\n");
  // Sources older than the racy window are trusted by their stat alone.
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry : fs::recursive_directory_iterator(s.root() / "content"))
    if (entry.is_regular_file()) fs::last_write_time(entry.path(), old);
  s.rebuild();
  EXPECT_FALSE(expect_nothing_changes(s).empty());
}

TEST(Incremental, ChangingOneArticlesBodyRewritesItsFilesTheExportAndItsSearchFilesOnly) {
  auto s = build_inline_site(archive_text());
  // A first change: the old site is kept as the spare folder, which the next
  // build updates.
  s.write_file("content/2023/05.txt",
               "惠济区第5批树苗栽种完成\n\n本报讯 2023年3月5日，惠济区志愿者在河堤两侧栽种树苗。"
               "\n\n当天共栽下上百棵，第5批树苗来自本地苗圃。\n\n（记者 孙立群）\n");
  s.rebuild();
  EXPECT_TRUE(fs::is_directory(s.out_dir().string() + ".newsarc-spare"));
  const Identity before = identity_of(s.out_dir());
  const std::string dir = article_of(s, "第3批树苗来自本地苗圃");
  ASSERT_FALSE(dir.empty());
  edit_third_article(s);
  s.rebuild();
  EXPECT_EQ(
      rewritten(before, identity_of(s.out_dir())),
      (std::set<std::string>{dir + "/index.html", dir + "/index.json", "records.json",
                             // the text chunk of docs 0-3 (it is the 4th newest of 6),
                             // the one shard holding its terms, and the manifest
                             // naming the index version
                             "search/text/0.json", "search/shards/0.bin", "search/manifest.json"}));
  expect_same_as_clean(s);
}

std::vector<fs::path> memo_files(const InlineSite& s) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(s.root() / ".newsarc-cache/memo"))
    files.push_back(entry.path());
  return files;
}

// A build run right after an edit cannot trust the edited sources' stats
// (a second write within the racy window may not show in them): the next
// build checks those sources' bytes instead of starting over.
TEST(Incremental, ABuildRightAfterAnEditLetsTheNextOneSkipEverything) {
  auto s = build_inline_site(archive_text());
  edit_third_article(s);
  s.rebuild();
  expect_nothing_changes(s);
}

// ... and a source rewritten in place with the same size and mtime (a stat
// that cannot tell) is still seen to have changed.
TEST(Incremental, ARacySourceRewrittenWithTheSameStatIsReadAgain) {
  auto s = build_inline_site(archive_text());
  const fs::path file = s.root() / "content/2023/03.txt";
  const auto mtime = fs::last_write_time(file);
  std::string text = read_all(file);
  const std::string from = "本地苗圃", to = "外地苗圃";  // the same number of bytes
  text.replace(text.find(from), from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::in | std::ios::out) << text;  // same inode
  fs::last_write_time(file, mtime);
  s.rebuild();
  EXPECT_FALSE(s.find_output("articles/", "第3批树苗来自外地苗圃").empty());
  expect_same_as_clean(s);
}

// Once the racy window has passed, a build that found those sources
// unchanged records that they are as old as its start, so later builds
// trust their stats again instead of reading them each time.
TEST(Incremental, RacySourcesCheckedOnceTheyAreOldAreTrustedByTheirStat) {
  auto s = build_inline_site(archive_text());
  const fs::path cache = s.root() / ".newsarc-cache";
  auto first = site::load_output_state(cache, site::StateOf::kLive);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->racy.size(), 6u);  // every source was written just before the build
  std::this_thread::sleep_for(std::chrono::nanoseconds(site::kRacyNs) +
                              std::chrono::milliseconds(100));
  expect_nothing_changes(s);
  auto now = site::load_output_state(cache, site::StateOf::kLive);
  ASSERT_TRUE(now);
  EXPECT_TRUE(now->racy.empty());
  EXPECT_GT(now->read_at_ns, first->read_at_ns);
  EXPECT_EQ(now->units.size(), first->units.size());  // the rest of the record as it was
}

// The state of the folder swapped out is what the live folder's was: the
// record moves with its folder (renamed, not written again), and none is
// left aside.
TEST(Incremental, TheOldLiveFoldersRecordBecomesTheSparesRecord) {
  auto s = build_inline_site(archive_text());
  const fs::path cache = s.root() / ".newsarc-cache";
  const std::string live = read_all(cache / "output.bin");
  edit_third_article(s);
  s.rebuild();
  ASSERT_TRUE(fs::exists(cache / "spare.bin"));
  EXPECT_EQ(read_all(cache / "spare.bin"), live);
  EXPECT_NE(read_all(cache / "output.bin"), live);
  EXPECT_FALSE(fs::exists(cache / "aside.bin"));
  expect_same_as_clean(s);
}

TEST(Incremental, TheMemoKeepsWhatTheLastBuildUsedOnly) {
  auto s = build_inline_site(archive_text());
  // One run of six articles: the search index's part, records.json's lines,
  // and the table of the search shards made.
  const auto before = memo_files(s);
  EXPECT_EQ(before.size(), 3u);
  edit_third_article(s);
  s.rebuild();
  const auto after = memo_files(s);
  EXPECT_EQ(after.size(), 3u);
  // The run changed: its entries are gone; the table is kept under its name.
  std::size_t kept = 0;
  for (const fs::path& f : before) kept += fs::exists(f);
  EXPECT_EQ(kept, 1u);
  expect_same_as_clean(s);
}

TEST(Incremental, ADamagedMemoIsNotUsed) {
  auto s = build_inline_site(archive_text());
  for (const fs::path& f : memo_files(s)) {
    std::string bytes = read_all(f);
    bytes[bytes.size() / 3] ^= 0x55;
    s.write_file(fs::relative(f, s.root()).string(), bytes);
  }
  // A new template, used by no page: every unit is rendered again (the
  // memo's values stay valid, so they are read) and every byte stays.
  s.write_file("templates/unused.mustache", "{{! 不用 }}\n");
  s.rebuild();
  EXPECT_TRUE(s.report().wrote);
  EXPECT_NE(s.output().at("records.json").find("第3批树苗来自本地苗圃"), std::string::npos);
  expect_same_as_clean(s);
}

// The memo files that only say where the output holds their value.
// The memo's entries for values that output file `path` holds.
std::vector<fs::path> placed_memo_files(const InlineSite& s, const std::string& path) {
  std::vector<fs::path> placed;
  for (const fs::path& f : memo_files(s)) {
    const std::string entry = read_all(f);
    if (entry.ends_with("NAP1") && entry.find(path) != std::string::npos) placed.push_back(f);
  }
  return placed;
}

TEST(Incremental, TheMemoKeepsWhereRecordsJsonHoldsARunNotACopyOfIt) {
  auto s = build_inline_site(archive_text());
  ASSERT_EQ(placed_memo_files(s, "records.json").size(), 1u);
  for (const fs::path& f : memo_files(s))
    EXPECT_EQ(read_all(f).find("\"title\":"), std::string::npos) << f;
  // A template change renders every unit again: the run is read back from
  // the last build's records.json, and its entry is left as it was.
  const fs::path entry = placed_memo_files(s, "records.json").front();
  const std::string was = read_all(entry);
  const auto written = fs::last_write_time(entry);
  s.write_file("templates/unused.mustache", "{{! 不用 }}\n");
  s.rebuild();
  EXPECT_EQ(read_all(entry), was);
  EXPECT_EQ(fs::last_write_time(entry), written);
  expect_same_as_clean(s);
}

// 1,100 short articles over two months: records.json in two runs (a run
// ends where the month changes once it has 512 articles).
std::string two_month_archive_text() {
  std::string archive = "-- site.json --\n{\"title\": \"测试晚报\"}\n";
  for (int i = 0; i < 1100; ++i) {
    const int month = i < 550 ? 1 : 2;
    const std::string n = std::to_string(i), day = std::to_string(1 + i % 28);
    archive += "-- content/2023/" + std::to_string(month) + "/" + n + ".txt --\n第" + n +
               "号通知发布\n\n本报讯 2023年" + std::to_string(month) + "月" + day +
               "日，惠济区发布第" + n + "号通知。\n";
  }
  return archive;
}

TEST(Incremental, UnchangedRunsAreReadBackFromTheLastRecordsJsonWhereverTheyMove) {
  auto s = build_inline_site(two_month_archive_text());
  ASSERT_EQ(placed_memo_files(s, "records.json").size(), 2u);
  // January's run changes: February's (the newer, first in the file) is read back.
  s.write_file("content/2023/1/7.txt",
               "第7号通知发布\n\n本报讯 2023年1月8日，惠济区发布第7号通知的更正。\n");
  s.rebuild();
  expect_same_as_clean(s);
  // February's run grows: January's is read back and now lies further on.
  s.write_file("content/2023/2/900.txt",
               "第900号通知发布\n\n本报讯 2023年2月5日，惠济区发布第900号通知的补充说明。\n");
  s.rebuild();
  expect_same_as_clean(s);
  EXPECT_NE(s.output().at("records.json").find("补充说明"), std::string::npos);
  EXPECT_EQ(placed_memo_files(s, "records.json").size(), 2u);
}

// The memo checks a run it reads back: a records.json changed since (by
// hand, on disk) gives that run anew.
TEST(Incremental, ARunIsNotReadBackFromARecordsJsonChangedSinceItWasWritten) {
  auto s = build_inline_site(two_month_archive_text());
  std::string records = read_all(s.out_dir() / "records.json");
  const std::string from = "第900号通知", to = "第900号公告";  // as many bytes, February's run
  records.replace(records.find(from), from.size(), to);
  std::ofstream(s.out_dir() / "records.json", std::ios::binary) << records;
  s.write_file("content/2023/1/7.txt",
               "第7号通知发布\n\n本报讯 2023年1月8日，惠济区发布第7号通知的更正。\n");
  s.rebuild();
  EXPECT_EQ(s.output().at("records.json").find(to), std::string::npos);
  expect_same_as_clean(s);
}

// Articles whose records.json is over a megabyte (invented, varied text).
std::string big_archive_text(const std::string& nursery) {
  std::string archive = "-- site.json --\n{\"title\": \"测试晚报\", \"page_size\": 10}\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string n = std::to_string(i);
    std::string body;
    for (int k = 1; k <= 1000; ++k)
      body += "第" + std::to_string(k * 7 + i) + "棵树苗栽在第" + std::to_string(k) + "段河堤。";
    archive += "-- content/2023/" + n + ".txt --\n惠济区第" + n +
               "批树苗栽种完成\n\n本报讯 2023年3月" + n + "日，树苗来自" +
               (i == 5 ? nursery : std::string("本地")) + "苗圃。" + body + "\n\n（记者 孙立群）\n";
  }
  return archive;
}

std::string read_fd(int fd) {
  std::string out;
  char buffer[1 << 16];
  for (ssize_t n; (n = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(out.size()))) > 0;)
    out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

void set_nursery(InlineSite& s, const std::string& nursery) {
  const auto all = big_archive_text(nursery);
  const std::string head = "-- content/2023/5.txt --\n";
  const std::size_t at = all.find(head) + head.size();
  s.write_file("content/2023/5.txt", all.substr(at, all.find("-- content/", at) - at));
}

TEST(Incremental, ALargeFileOfTheSpareFolderIsPatchedInPlace) {
  auto s = build_inline_site(big_archive_text("本地"));
  ASSERT_GT(s.output().at("records.json").size(), 1u << 20);
  set_nursery(s, "外地");  // the old site becomes the spare folder
  s.rebuild();
  const fs::path spare = s.out_dir().string() + ".newsarc-spare";
  // Held open: a file written anew would leave this one as it was.
  const int old_records = ::open((spare / "records.json").c_str(), O_RDONLY);
  ASSERT_GE(old_records, 0);
  set_nursery(s, "城南");  // as many bytes: only they are written, into the spare's file
  s.rebuild();
  EXPECT_EQ(read_fd(old_records), s.output().at("records.json"));
  ::close(old_records);
  expect_same_as_clean(s);
  for (const char* longer_then_shorter : {"东郊区的", "南"}) {  // rewritten from there on
    set_nursery(s, longer_then_shorter);
    s.rebuild();
    expect_same_as_clean(s);
  }
}

TEST(Incremental, AFileTheLiveSiteSharesIsNotPatched) {
  auto s = build_inline_site(big_archive_text("本地"));
  // records.json does not change: the new site links the live one's file.
  s.write_file("templates/unused.mustache", "{{! 不用 }}\n");
  s.rebuild();
  const fs::path spare = s.out_dir().string() + ".newsarc-spare";
  ASSERT_EQ(inode_of(spare / "records.json"), inode_of(s.out_dir() / "records.json"));
  set_nursery(s, "外地");
  s.rebuild();
  expect_same_as_clean(s);
  // The old site, now the spare folder, still has the old text.
  EXPECT_NE(read_all(spare / "records.json").find("树苗来自本地苗圃"), std::string::npos);
  EXPECT_EQ(read_all(spare / "records.json").find("树苗来自外地苗圃"), std::string::npos);
}

TEST(Incremental, ChangingATitleRewritesTheListsThatShowIt) {
  auto s = build_inline_site(archive_text());
  const Identity before = identity_of(s.out_dir());
  s.write_file("content/2023/05.txt",
               "惠济区第五批树苗栽种完成\n\n本报讯 2023年3月5日，惠济区志愿者在河堤两侧栽种树苗。"
               "\n\n当天共栽下数百棵，第5批树苗来自本地苗圃。\n\n（记者 孙立群）\n");
  s.rebuild();
  const auto changed = rewritten(before, identity_of(s.out_dir()));
  EXPECT_TRUE(changed.count("index.html"));
  EXPECT_TRUE(changed.count("dates/2023/03/05/index.html"));
  EXPECT_FALSE(changed.count("dates/2023/03/01/index.html"));
  EXPECT_FALSE(changed.count("404.html"));
  expect_same_as_clean(s);
}

// Article `n` (1-3, dated month n) naming one official.
std::string official_article(int n, const std::string& title) {
  const std::string day = "2023-0" + std::to_string(n) + "-09";
  return "---\ntitle: " + title + "\ndate: " + day +
         "\nofficials:\n  - name: 任思远\n    titles: [北湖区区长]\n---\n\n区长任思远出席" +
         std::to_string(n) + "号活动。\n";
}

// The names' slugs are kept for the next build, which takes them from there
// (here one doctored to tell) rather than from ICU; a damaged file is not used.
TEST(Incremental, TheNextBuildTakesTheNamesSlugsFromTheLastOne) {
  std::string archive = "-- site.json --\n{\"title\": \"测试晚报\"}\n";
  archive += "-- content/1.md --\n" + official_article(1, "北湖区启动老旧小区改造");
  archive += "-- content/2.md --\n" + official_article(2, "北湖区召开经济形势分析会");
  auto s = build_inline_site(archive);
  const fs::path cache = s.root() / ".newsarc-cache";
  text::SlugMemo::Known slugs = site::load_slugs(cache);
  ASSERT_EQ(slugs.count("任思远"), 1u);
  EXPECT_EQ(slugs.at("任思远"), "ren-si-yuan");
  EXPECT_TRUE(s.output().count("officials/ren-si-yuan/index.html"));
  slugs["任思远"] = "ren-siyuan-kept";
  site::save_slugs(cache, slugs);
  s.write_file("content/2.md", official_article(2, "北湖区召开经济形势座谈会"));
  s.rebuild();
  EXPECT_TRUE(s.output().count("officials/ren-siyuan-kept/index.html"));
  s.write_file(".newsarc-cache/slugs.bin", "damaged");
  s.write_file("content/2.md", official_article(2, "北湖区召开经济形势分析会"));
  s.rebuild();
  EXPECT_TRUE(s.output().count("officials/ren-si-yuan/index.html"));
  EXPECT_EQ(site::load_slugs(cache).count("任思远"), 1u);  // written again
}

TEST(Incremental, ATitleTheTimelineShowsRewritesEachOfTheOfficialsPages) {
  // One article to a list page: his pages 2 and 3 list the older two. The
  // built-in template shows the timeline on his first page; this one shows
  // it on each, so that every page shows the newest article's title.
  std::string archive = R"(
-- site.json --
{"title": "测试晚报", "base_url": "https://example.org/", "page_size": 1}
-- templates/official.mustache --
{{#timeline}}{{title}}：{{#articles}}{{title}}。{{/articles}}{{/timeline}}
)";
  archive += "-- content/1.md --\n" + official_article(1, "北湖区启动老旧小区改造");
  archive += "-- content/2.md --\n" + official_article(2, "北湖区召开经济形势分析会");
  archive += "-- content/3.md --\n" + official_article(3, "北湖区区长接待来访群众");
  auto s = build_inline_site(archive);
  const std::string last_page = "officials/ren-si-yuan/page/3/index.html";
  s.expect_file(last_page, "北湖区区长接待来访群众");
  const Identity before = identity_of(s.out_dir());
  s.write_file("content/3.md", official_article(3, "北湖区区长走访企业"));
  s.rebuild();
  const auto changed = rewritten(before, identity_of(s.out_dir()));
  EXPECT_TRUE(changed.count("officials/ren-si-yuan/index.html"));
  EXPECT_TRUE(changed.count("officials/ren-si-yuan/page/2/index.html"));
  EXPECT_TRUE(changed.count(last_page));
  s.expect_file(last_page, R"(
    北湖区区长：北湖区区长走访企业。
    ! 北湖区区长接待来访群众)");
  expect_same_as_clean(s);
}

TEST(Incremental, AddingAndRemovingArticlesGivesTheCleanBuildsBytes) {
  auto s = build_inline_site(archive_text());
  s.write_file("content/2023/07.txt",
               "二七区新开一条公交线路\n\n本报讯 2023年4月1日，二七区新开通一条公交线路。\n");
  s.rebuild();
  expect_same_as_clean(s);
  s.remove_file("content/2023/02.txt");
  s.rebuild();
  expect_same_as_clean(s);
  s.expect_no_file(article_of(s, "第2批树苗来自本地苗圃") + "/index.html");
}

// How many units the last build rendered, and how many there are.
std::pair<int, int> units_rendered(const InlineSite& s) {
  for (const site::Phase& phase : s.report().phases) {
    int rendered = 0, total = 0;
    if (phase.name == "render" &&
        std::sscanf(phase.detail.c_str(), "%d of %d units", &rendered, &total) == 2)
      return {rendered, total};
  }
  ADD_FAILURE() << "no render phase";
  return {0, 0};
}

// Another tree-planting article, with its reporter's byline under the headline.
std::string tree_planting(int n, const std::string& day, const std::string& reporter) {
  return "惠济区第" + std::to_string(n) + "批树苗栽种完成\n\n记者 " + reporter +
         " 通讯员 王彦凯\n\n本报讯 2023年3月" + day +
         "日，惠济区志愿者在河堤两侧栽种树苗。\n\n当天共栽下数百棵，第" + std::to_string(n) +
         "批树苗来自本地苗圃。\n";
}

TEST(Incremental, ANewDaysArticleLeavesThePagesThatDoNotShowItAlone) {
  auto s = build_inline_site(archive_text());
  s.write_file("content/2023/07.txt", tree_planting(7, "7", "孙立群"));
  s.rebuild();
  // Rendered: the lists that show the new article or its counts (home,
  // year, month with its calendar, district, the new day and reporters), the
  // feeds and search files that show it, its own page and export, and the
  // page of the article it is now newer than. Not rendered: the other five
  // articles' pages, the six older exports and the six older days' pages.
  const auto [rendered, total] = units_rendered(s);
  EXPECT_EQ(rendered, total - 17);
  expect_same_as_clean(s);
}

TEST(Incremental, AnArticleBetweenTwoOthersAndAHomophoneCreditGiveTheCleanBuildsBytes) {
  auto s = build_inline_site(archive_text());
  // Between the 3rd and the 4th: both their pages link to it now.
  s.write_file("content/2023/03b.txt", tree_planting(8, "3", "孙立群"));
  s.rebuild();
  expect_same_as_clean(s);
  // A reporter whose name reads the same and sorts first: 孙立群's page is
  // now "sun-li-qun-2", and the pages that credit 孙立群 must link there.
  for (const char* name : {"孙李群", "孙黎群"}) {
    s.write_file("content/2023/09.txt", tree_planting(9, "9", name));
    s.rebuild();
    s.expect_file("reporters/sun-li-qun-2/index.html", "<h1>孙立群</h1>");
    expect_same_as_clean(s);
  }
  s.write_file("content/2023/04.txt", tree_planting(4, "8", "孙李群"));  // moves up
  s.rebuild();
  expect_same_as_clean(s);
  // A feed of undated articles is as new as the newest article of all.
  s.write_file(
      "content/bus.md",
      "---\ntitle: 二七区新开一条公交线路\ndistricts: [二七区]\n---\n新开通一条公交线路。\n");
  s.rebuild();
  s.write_file("content/2023/10.txt", tree_planting(10, "10", "孙立群"));
  s.rebuild();
  s.expect_file("districts/er-qi-qu/atom.xml", "<updated>2023-03-10T00:00:00Z</updated>");
  expect_same_as_clean(s);
  // Four older articles: the first pages of the lists show the same
  // articles, but their page links now run further.
  for (int day = 1; day <= 4; ++day) {
    std::string text = tree_planting(20 + day, std::to_string(day), "孙立群");
    text.replace(text.find("3月"), std::string("3月").size(), "2月");
    s.write_file("content/2023/old" + std::to_string(day) + ".txt", text);
  }
  s.rebuild();
  s.expect_file("index.html", "page/4/index.html");
  expect_same_as_clean(s);
  // A fifth article of a day, sorted last: the day's first page shows the
  // same four and now links a second page.
  for (int k = 1; k <= 5; ++k) {
    s.write_file("content/2023/day20-" + std::to_string(k) + ".txt",
                 tree_planting(30 + k, "20", "孙立群"));
    if (k >= 4) s.rebuild();
  }
  s.expect_file("dates/2023/03/20/index.html", "page/2/index.html");
  expect_same_as_clean(s);
}

TEST(Incremental, ATemplateChangeRewritesThePagesThatUseIt) {
  auto s = build_inline_site(archive_text());
  const Identity before = identity_of(s.out_dir());
  const std::string text = read_all(fs::path(NEWSARC_SOURCE_DIR) / "templates/404.mustache");
  s.write_file("templates/404.mustache", text + "<!-- 改过 -->\n");
  s.rebuild();
  EXPECT_EQ(rewritten(before, identity_of(s.out_dir())), std::set<std::string>{"404.html"});
  s.expect_file("404.html", "<!-- 改过 -->");
}

// Every article page is rendered again from records read back from the
// cache, whose bodies stay encoded until the page asks (ingest::DeferredBody).
TEST(Incremental, AnArticleTemplateChangeRendersTheCachedBodies) {
  auto s = build_inline_site(archive_text() +
                             "-- content/2023/07.md --\n---\ntitle: 河堤步道开放\ndate: "
                             "2023-03-07\n---\n\n新修的河堤步道**今天**开放。\n");
  const Identity before = identity_of(s.out_dir());
  const std::string text = read_all(fs::path(NEWSARC_SOURCE_DIR) / "templates/article.mustache");
  s.write_file("templates/article.mustache", text + "<!-- 改过 -->\n");
  s.rebuild();
  std::size_t pages = 0;
  for (const std::string& path : rewritten(before, identity_of(s.out_dir())))
    pages += path.starts_with("articles/") && path.ends_with("/index.html");
  EXPECT_EQ(pages, 7u);
  s.expect_file(article_of(s, "新修的河堤步道") + "/index.html", "<strong>今天</strong>");
  s.expect_file(article_of(s, "当天共栽下数百棵，第3批") + "/index.html",
                "<p>当天共栽下数百棵，第3批");
  expect_same_as_clean(s);
}

TEST(Incremental, NoCacheReplacesEveryFileWithTheSameBytes) {
  auto s = build_inline_site(archive_text());
  const Identity before = identity_of(s.out_dir());
  const auto bytes = s.output();
  s.options().cache = site::CacheMode::kRebuild;
  s.rebuild();
  EXPECT_EQ(rewritten(before, identity_of(s.out_dir())).size(), before.size());
  EXPECT_EQ(s.output(), bytes);
}

TEST(Incremental, WithoutItsRecordTheFolderIsComparedAndRepaired) {
  auto s = build_inline_site(archive_text());
  s.rebuild();
  const auto bytes = s.output();
  // The record of the folder lost (a build killed before writing it), a file
  // edited by hand, a stray file.
  fs::remove(s.root() / ".newsarc-cache" / "output.bin");
  s.write_file(s.out_dir().lexically_relative(s.root()).string() + "/index.html", "<html");
  s.write_file(s.out_dir().lexically_relative(s.root()).string() + "/dates/.index.html.tmp", "x");
  const Identity before = identity_of(s.out_dir());
  s.rebuild();
  EXPECT_EQ(s.output(), bytes);
  EXPECT_EQ(rewritten(before, identity_of(s.out_dir())), std::set<std::string>{"index.html"});
}

TEST(Incremental, ADeletedOutputFolderIsBuiltWhole) {
  auto s = build_inline_site(archive_text());
  s.rebuild();
  const auto bytes = s.output();
  fs::remove_all(s.out_dir());
  s.rebuild();
  EXPECT_EQ(s.output(), bytes);
  s.expect_file("index.html", "测试晚报");
}

TEST(Incremental, OneJobAndFourJobsLeaveTheSameCache) {
  auto one = build_inline_site(archive_text(), {1, "", site::CacheMode::kUse});
  auto four = build_inline_site(archive_text(), {4, "", site::CacheMode::kUse});
  EXPECT_EQ(one.output(), four.output());
  one.write_file("content/2023/01.txt", "改写的标题\n\n本报讯 2023年3月1日，内容改写。\n");
  four.write_file("content/2023/01.txt", "改写的标题\n\n本报讯 2023年3月1日，内容改写。\n");
  one.rebuild();
  four.rebuild();
  EXPECT_EQ(one.output(), four.output());
  expect_same_as_clean(four);
}

// ---- the cache's codec -----------------------------------------------------

using testing::full_record;

TEST(CacheCodec, ARecordRoundTripsWithEveryField) {
  const ingest::ArticleRecord r = full_record();
  site::Encoder e;
  e.record(r);
  site::Decoder d(e.bytes());
  const ingest::ArticleRecord back = d.record();
  EXPECT_FALSE(d.failed());
  EXPECT_TRUE(d.done());
  EXPECT_EQ(ingest::to_json(back).dump(), ingest::to_json(r).dump());
  EXPECT_EQ(back.diagnostics.size(), 1u);
  EXPECT_EQ(site::record_digest(back), site::record_digest(r));
}

// Given what keeps its bytes alive, a record leaves its body encoded in them
// until it is read, and reads back the same.
TEST(CacheCodec, ARecordWithAnOwnerDefersItsBodyTillRead) {
  ingest::ArticleRecord r = full_record();
  r.markdown = "正文**加粗**。";
  site::Encoder e;
  e.record(r);
  auto bytes = std::make_shared<const std::string>(e.bytes());
  site::Decoder d(*bytes);
  const ingest::ArticleRecord back = d.record(bytes);
  EXPECT_FALSE(d.failed());
  EXPECT_TRUE(d.done());
  bytes.reset();  // the record's body keeps them
  ASSERT_NE(back.deferred, nullptr);
  EXPECT_TRUE(back.body.empty());
  ASSERT_EQ(back.body_blocks().size(), r.body.size());
  EXPECT_EQ(back.body_blocks()[0].text, r.body[0].text);
  EXPECT_EQ(back.markdown_source(), r.markdown);
  EXPECT_EQ(ingest::to_json(back).dump(), ingest::to_json(r).dump());
  EXPECT_EQ(site::record_digest(back), site::record_digest(r));
}

TEST(CacheCodec, AnEncodedEntryCarriesEachRecordsDigestAndListingHash) {
  site::IngestEntry entry;
  entry.display = "content/2023/p1.txt";
  entry.records = {full_record(), full_record()};
  entry.records[1].id = "p1-2";
  const std::string bytes = site::IngestCache::encode(entry);
  ASSERT_EQ(entry.digests.size(), 2u);
  EXPECT_EQ(entry.digests[0], site::record_digest(entry.records[0]));
  EXPECT_EQ(entry.digests[1], site::record_digest(entry.records[1]));
  EXPECT_NE(entry.digests[0], entry.digests[1]);
  ASSERT_EQ(entry.listed.size(), 2u);
  EXPECT_EQ(entry.listed[0], site::hash_bytes(render::listing_key(entry.records[0])));
  EXPECT_EQ(entry.listed[1], site::hash_bytes(render::listing_key(entry.records[1])));
  EXPECT_EQ(site::IngestCache::encode(entry), bytes);  // hashes given: the same bytes
}

// An entry of ingest.bin, as the next build finds it: after the build has
// let go of the log (release), the log can still be rewritten without the
// sources that are gone.
TEST(IngestLog, EntriesAreFoundByTheNextBuildAndDroppedWhenTheirSourceIsGone) {
  const fs::path dir = fs::temp_directory_path() / ("newsarc-log-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::vector<std::string> names = {"content/a.txt", "content/b.txt", "content/c.txt"};
  {
    site::IngestCache cache(dir, 7, site::CacheMode::kUse);
    for (const std::string& name : names) {
      site::IngestEntry entry;
      entry.display = name;
      entry.content_hash = name.size() + name[8];
      entry.records = {full_record()};
      entry.records[0].id = name.substr(8, 1);
      entry.records[0].markdown = "正文" + name;
      cache.put(name, site::IngestCache::encode(entry));
    }
    cache.save(names);
  }
  {
    site::IngestCache cache(dir, 7, site::CacheMode::kUse);
    const site::IngestCache::Found* b = cache.find("content/b.txt");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->content_hash, names[1].size() + 'b');
    const auto entry = cache.decode(*b);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->display, "content/b.txt");
    ASSERT_EQ(entry->records.size(), 1u);
    EXPECT_EQ(entry->records[0].id, "b");
    EXPECT_EQ(entry->records[0].markdown_source(), "正文content/b.txt");
    EXPECT_EQ(entry->digests, std::vector<std::uint64_t>{site::record_digest(entry->records[0])});
    EXPECT_EQ(entry->listed,
              std::vector<std::uint64_t>{site::hash_bytes(render::listing_key(entry->records[0]))});
    cache.release();
    cache.save({"content/c.txt"});  // less than half the log is live: rewritten
  }
  site::IngestCache cache(dir, 7, site::CacheMode::kUse);
  EXPECT_EQ(cache.find("content/a.txt"), nullptr);
  EXPECT_EQ(cache.find("content/b.txt"), nullptr);
  ASSERT_NE(cache.find("content/c.txt"), nullptr);
  EXPECT_EQ(cache.decode(*cache.find("content/c.txt"))->records.at(0).id, "c");
  EXPECT_EQ(site::IngestCache(dir, 8, site::CacheMode::kUse).find("content/c.txt"), nullptr);
  fs::remove_all(dir);
}

TEST(CacheCodec, VarintsRoundTripAtEveryLengthAndACutOneFails) {
  std::vector<std::uint64_t> values = {0, 1, 127, 128, 300, 16383, 16384};
  for (int bits = 20; bits < 64; bits += 7) values.push_back((std::uint64_t{1} << bits) + 5);
  values.push_back(~std::uint64_t{0});
  site::Encoder e;
  for (std::uint64_t v : values) e.u64(v);
  EXPECT_EQ(e.bytes().size(), 1u + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10);
  site::Decoder d(e.bytes());
  for (std::uint64_t v : values) EXPECT_EQ(d.u64(), v);
  EXPECT_TRUE(d.done());
  EXPECT_FALSE(d.failed());
  site::Decoder cut(std::string_view(e.bytes()).substr(0, e.bytes().size() - 1));
  for (std::size_t i = 0; i + 1 < values.size(); ++i) EXPECT_EQ(cut.u64(), values[i]);
  EXPECT_EQ(cut.u64(), 0u);
  EXPECT_TRUE(cut.failed());
  const std::string continued(11, '\x80');  // no last byte within 10
  site::Decoder endless(continued);
  endless.u64();
  EXPECT_TRUE(endless.failed());
}

TEST(CacheCodec, ADamagedRecordFailsInsteadOfReadingPastTheEnd) {
  site::Encoder e;
  e.record(full_record());
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{1}, e.bytes().size() / 2, e.bytes().size() - 1}) {
    site::Decoder d(std::string_view(e.bytes()).substr(0, cut));
    d.record();
    EXPECT_TRUE(d.failed()) << "cut at " << cut;
    site::Decoder deferring(std::string_view(e.bytes()).substr(0, cut));
    deferring.record(std::make_shared<int>(0));
    EXPECT_TRUE(deferring.failed()) << "cut at " << cut << ", body deferred";
  }
}

TEST(ListFiles, ThreadsListAndStatAsOneThreadDoes) {
  const fs::path dir = fs::temp_directory_path() / ("newsarc-stat-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (int i = 0; i < 3000; ++i) {  // folders of folders, read a level at a time
    const fs::path folder = dir / std::to_string(i / 1000) / std::to_string(i / 100 % 10);
    fs::create_directories(folder);
    std::ofstream(folder / (std::to_string(i) + ".txt"))
        << std::string(static_cast<std::size_t>(i % 97), 'x');
  }
  // What each level reports, to come out in the order of a one-thread walk.
  for (const char* skipped : {"0/skip.bin", "1/5/skip.bin", "2/skip.bin", "z.bin"})
    std::ofstream(dir / skipped) << "x";
  fs::create_directory_symlink(dir / "1", dir / "0/3/up");
  fs::create_directory_symlink(dir / "0", dir / "0/4/loop");
  fs::create_symlink(dir / "2/2/2222.txt", dir / "1/linked.txt");

  base::Diagnostics one_diags;
  const std::vector<site::FoundFile> one =
      site::list_files(dir, "content", site::FileFilter::kContent, one_diags);
  for (int threads : {1, 2, 4}) {
    base::Diagnostics diags;
    std::vector<site::FileStat> stats;
    const std::vector<site::FoundFile> files =
        site::list_files(dir, "content", site::FileFilter::kContent, diags, threads, stats);
    ASSERT_EQ(files.size(), one.size()) << threads;
    ASSERT_EQ(stats.size(), files.size()) << threads;
    for (std::size_t i = 0; i < files.size(); ++i) {
      EXPECT_EQ(files[i].display, one[i].display) << threads;
      EXPECT_EQ(stats[i], site::stat_file(files[i].path)) << files[i].display;
    }
    ASSERT_EQ(diags.items().size(), one_diags.items().size()) << threads;
    for (std::size_t i = 0; i < diags.items().size(); ++i)
      EXPECT_EQ(diags.items()[i].path, one_diags.items()[i].path) << threads << " " << i;
  }
  EXPECT_EQ(one.size(), 3000u + 1u + 1001u);  // 1/linked.txt; 0/3/up leads to 1 again
  ASSERT_GE(one_diags.items().size(), 5u);
  std::vector<std::string> reported;
  for (const auto& d : one_diags.items()) reported.push_back(d.path);
  EXPECT_EQ(reported, (std::vector<std::string>{"content/0/3/up/5/skip.bin", "content/0/4/loop",
                                                "content/0/skip.bin", "content/1/5/skip.bin",
                                                "content/2/skip.bin", "content/z.bin"}));
  fs::remove_all(dir);
}

TEST(CacheCodec, TheHashSeesEveryByte) {
  const std::string text(100, 'a');
  const std::uint64_t h = site::hash_bytes(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string other = text;
    other[i] = 'b';
    EXPECT_NE(site::hash_bytes(other), h) << i;
  }
  EXPECT_NE(site::hash_bytes(text.substr(0, 99)), h);
}

}  // namespace
}  // namespace newsarc::site_test
