// Bad input and safe output through the real binary: exit codes, one GCC-style
// diagnostic per broken source, nothing written outside --out, and a build
// killed with SIGKILL never damaging the previous site. All text is invented.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <map>
#include <thread>

#include "cli/binary_fixture.h"

namespace newsarc::cli_test {
namespace {

// Every file and symlink below `dir` (path -> hash of its bytes), skipping
// `except` and the build cache (<root>/.newsarc-cache/).
std::map<std::string, std::size_t> snapshot(const fs::path& dir, const std::string& except = "") {
  std::map<std::string, std::size_t> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string rel = fs::relative(it->path(), dir).string();
    if (!except.empty() && (rel == except || rel.starts_with(except + "/"))) continue;
    if (rel.find(".newsarc-cache") != std::string::npos) continue;  // the build cache, by design
    if (it->is_symlink())
      files[rel] = 0;
    else if (it->is_regular_file())
      files[rel] = std::hash<std::string>{}(read(it->path()));
  }
  return files;
}

// The site made by `newsarc new` is work/site; commands run in it.
class RobustnessCli : public BinaryTest {
 protected:
  Outcome run_in_site(const std::vector<std::string>& args) const {
    return run(args, "cd site && ");
  }
  // A fresh work/site, and no work/out.
  void remake_site() const {
    fs::remove_all(dir() / "site");
    fs::remove_all(dir() / "out");
    const Outcome r = run({"new", "site"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

// One broken source added to a new site.
struct BadInput {
  std::string name;
  std::string path;  ///< below site/
  std::string bytes;
  std::string diagnostic;  ///< what stderr must hold: "content/x.txt:3:1: error[text/undecodable]"
  int exit_code = 1;
  std::string hidden;  ///< text that must not be published ("" = none)
};

std::vector<BadInput> bad_inputs() {
  return {
      {"empty", "content/empty.txt", "", "content/empty.txt:1:1: error[text/empty]", 1, ""},
      {"nul", "content/nul.txt", std::string("标题\n\n登封市消息") + '\0' + "完毕。\n",
       "content/nul.txt:3:1: error[text/undecodable]", 1, "登封市消息"},
      {"no encoding", "content/x.txt", "abc\n\n\xff\xfe\x80\x80\n",
       "content/x.txt:3:1: error[text/undecodable]", 1, ""},
      {"png renamed txt", "content/photo.txt",
       std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20),
       "content/photo.txt:3:1: error[text/undecodable]", 1, "IHDR"},
      {"bad json", "content/j.md",
       "{\n  \"title\": \"未闭合\",\n  \"date\":\n}\n\n惠济区新闻正文。\n",
       "content/j.md:4:1: error[ingest/bad-front-matter]", 1, "惠济区新闻正文"},
      {"impossible date", "content/d.md",
       "---\ntitle: 日期\ndate: 2023-13-01\n---\n\n上街区新闻正文。\n",
       "content/d.md:3:1: error[ingest/bad-date]", 1, "上街区新闻正文"},
      {"absolute id", "content/a.md",
       "---\ntitle: 绝对\nid: /etc/passwd\n---\n\n新密市新闻正文。\n",
       "content/a.md:3:1: error[ingest/bad-slug]", 1, "新密市新闻正文"},
      {"illegal characters in slug", "content/c.md",
       "---\ntitle: 字符\nslug: \"what?<a|b>\"\n---\n\n登封市新闻正文。\n",
       "content/c.md:3:1: error[ingest/bad-slug]", 1, "登封市新闻正文"},
      {"same id", "content/2024/same.md",
       "---\ntitle: 同号\nid: 2023-page-01\ndate: 2023-01-01\n---\n\n二七区新闻正文。\n",
       "content/2024/same.md:1:1: error[archive/path-collision]", 1, "二七区新闻正文"},
      {"bad yaml", "content/y.md", "---\ntitle: [未闭合\n---\n\n巩义市新闻正文。\n",
       "content/y.md:3:1: error[ingest/bad-front-matter]", 1, "巩义市新闻正文"},
      {"wrong type", "content/t.md", "---\ntitle: 类型\ndate: [1]\n---\n\n荥阳市新闻正文。\n",
       "content/t.md:3:1: error[ingest/front-matter-type]", 1, "荥阳市新闻正文"},
      {"bad slug", "content/s.md", "---\ntitle: 路径\nslug: ../../etc\n---\n\n新郑市新闻正文。\n",
       "content/s.md:3:1: error[ingest/bad-slug]", 1, "新郑市新闻正文"},
      {"same slug", "content/2024/dup.md",
       "---\ntitle: 重名\nslug: 2023-page-01\ndate: 2023-01-01\n---\n\n中牟县新闻正文。\n",
       "content/2024/dup.md:1:1: error[archive/path-collision]", 1, "中牟县新闻正文"},
      {"unknown config key", "site.json", "{\"title\": \"x\",\n \"colour\": 1}\n",
       "site.json:2:2: error[config/unknown-key]", 2, ""},
      {"bad base url", "site.json", "{\n \"base_url\": \"example.org\"}\n",
       "site.json:2:2: error[config/base-url]", 2, ""},
      {"template syntax", "templates/404.mustache", "{{#x}}\n",
       "templates/404.mustache:1:1: error[render/template-error]", 2, ""},
      {"missing partial", "templates/404.mustache", "<p>\n{{> nowhere}}\n",
       "templates/404.mustache:2:1: error[render/template-error]", 2, ""},
  };
}

// The two articles of the site made by `newsarc new` are in the output.
void expect_new_site_built(const fs::path& out) {
  std::string all;
  for (const auto& [path, hash] : snapshot(out)) all += read(out / path);
  EXPECT_TRUE(contains(all, "高新区社区书屋开放"));
  EXPECT_TRUE(contains(all, "金水区早市完成改造"));
}

TEST_F(RobustnessCli, EachBadInputIsOneDiagnosticAndTheRestIsBuilt) {
  for (const BadInput& bad : bad_inputs()) {
    SCOPED_TRACE(bad.name);
    remake_site();
    write(dir() / "site" / bad.path, bad.bytes);
    const auto before = snapshot(dir(), "out");
    const Outcome r = run_in_site({"build", "--out", "../out"});
    EXPECT_EQ(r.exit_code, bad.exit_code) << r.err;
    EXPECT_TRUE(contains(r.err, bad.diagnostic)) << r.err;
    EXPECT_EQ(snapshot(dir(), "out"), before) << "written outside --out";
    if (bad.exit_code == 2) {
      EXPECT_FALSE(fs::exists(dir() / "out")) << "nothing may be written";
      continue;
    }
    expect_new_site_built(dir() / "out");
    if (!bad.hidden.empty()) {
      std::string all;
      for (const auto& [path, hash] : snapshot(dir() / "out")) all += read(dir() / "out" / path);
      EXPECT_FALSE(contains(all, bad.hidden));
    }
  }
}

TEST_F(RobustnessCli, AFileNameWithALineBreakIsOneErrorAndTheRestIsBuilt) {
  write(dir() / "site/content/two\nlines.txt", "换行\n\n本报讯 文件名里有换行的稿件。\n");
  const Outcome r = run_in_site({"build", "--out", "../out"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "content/two\\nlines.txt: error[site/bad-name]")) << r.err;
  expect_new_site_built(dir() / "out");
  for (const auto& [path, hash] : snapshot(dir() / "out"))
    EXPECT_FALSE(contains(read(dir() / "out" / path), "文件名里有换行的稿件")) << path;
}

// A symlink out of content/ is a warning and is not followed: exit 0.
TEST_F(RobustnessCli, ASymlinkLeavingContentIsNotFollowed) {
  write(dir() / "secret.txt", "机密\n\n本报讯 不应发布的文字。\n");
  fs::create_symlink(dir() / "secret.txt", dir() / "site/content/leak.txt");
  fs::create_directory_symlink("../..", dir() / "site/content/loop");
  const Outcome r = run_in_site({"build", "--out", "../out"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "content/leak.txt: warning[site/symlink]")) << r.err;
  EXPECT_TRUE(contains(r.err, "content/loop: warning[site/symlink]")) << r.err;
  expect_new_site_built(dir() / "out");
  for (const auto& [path, hash] : snapshot(dir() / "out"))
    EXPECT_FALSE(contains(read(dir() / "out" / path), "不应发布的文字")) << path;
}

// Root reads a file of mode 000 anyway, and CI runs as root: there newsarc
// runs without the capabilities that let root ignore file modes (setpriv).
TEST_F(RobustnessCli, AnUnreadableFileIsOneErrorAndTheRestIsBuilt) {
  const fs::path locked = dir() / "site/content/locked.txt";
  write(locked, "上锁\n\n本报讯 读不到的稿件。\n");
  std::string prefix = "cd site && ";
  if (::geteuid() == 0)
    prefix +=
        "setpriv --inh-caps=-dac_override,-dac_read_search "
        "--bounding-set=-dac_override,-dac_read_search ";
  fs::permissions(locked, fs::perms::none);
  ASSERT_EQ(shell(prefix + "cat content/locked.txt").exit_code, 1) << "still readable";
  const Outcome r = run({"build", "--out", "../out"}, prefix);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "content/locked.txt: error[site/read]")) << r.err;
  SCOPED_TRACE(r.err);
  expect_new_site_built(dir() / "out");
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_write);
  for (const auto& [path, hash] : snapshot(dir() / "out"))
    EXPECT_FALSE(contains(read(dir() / "out" / path), "读不到的稿件")) << path;
}

TEST_F(RobustnessCli, ABuildWritesNothingOutsideOut) {
  write(dir() / "site/content/leak.md",
        "---\ntitle: 越界\nslug: ../../../escaped\nid: /tmp/escaped\n---\n\n正文。\n");
  // With --out ../out the slug would land at tmp()/escaped, the id at
  // /tmp/escaped: both outside dir(), so the snapshot cannot see them.
  ASSERT_FALSE(fs::exists(tmp() / "escaped"));
  ASSERT_FALSE(fs::exists("/tmp/escaped")) << "left by something else; remove it";
  const auto before = snapshot(dir(), "out");
  const Outcome r = run_in_site({"build", "--out", "../out"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(snapshot(dir(), "out"), before);
  EXPECT_FALSE(fs::exists(tmp() / "escaped"));
  EXPECT_FALSE(fs::exists("/tmp/escaped"));
  EXPECT_TRUE(fs::is_regular_file(dir() / "out/index.html"));
}

TEST_F(RobustnessCli, RefusesToReplaceAFolderWithAUserFileAndNoMarker) {
  write(dir() / "mine/draft.txt", "我的草稿");
  const Outcome r = run_in_site({"build", "--out", "../mine"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "error[site/not-ours]")) << r.err;
  EXPECT_EQ(
      snapshot(dir() / "mine"),
      (std::map<std::string, std::size_t>{{"draft.txt", std::hash<std::string>{}("我的草稿")}}));
}

TEST_F(RobustnessCli, TwoBuildsAreByteIdentical) {
  ASSERT_EQ(run_in_site({"build", "--out", "../a"}).exit_code, 0);
  ASSERT_EQ(run_in_site({"build", "--out", "../b", "--jobs", "1"}).exit_code, 0);
  const auto a = snapshot(dir() / "a");
  EXPECT_GT(a.size(), 10u);
  EXPECT_EQ(a, snapshot(dir() / "b"));
}

// ---- killed builds ----------------------------------------------------------

// Writes `n` small articles, enough for a build that lasts a while.
void write_many_articles(const fs::path& content, int n, const std::string& tag) {
  for (int i = 0; i < n; ++i) {
    const std::string day = std::to_string(i % 28 + 1);
    write(content / ("gen/" + std::to_string(i % 12 + 1)) / ("p" + std::to_string(i) + ".txt"),
          "第" + std::to_string(i) + "号" + tag + "新闻\n\n本报讯（记者 周明）2022年" +
              std::to_string(i % 12 + 1) + "月" + day + "日，二七区召开第" + std::to_string(i) +
              "次" + tag + "会议。\n\n会议讨论了社区绿化和道路维修。\n");
  }
}

// Starts `newsarc build` on `root`, kills it with SIGKILL after `delay`, and
// waits for it. True when it was killed (false: it finished first).
bool kill_build_after(const fs::path& root, std::chrono::milliseconds delay) {
  const std::string binary = NEWSARC_BINARY;
  const std::string root_arg = root.string();
  std::vector<char*> argv = {const_cast<char*>(binary.c_str()),   const_cast<char*>("build"),
                             const_cast<char*>("--quiet"),        const_cast<char*>("--root"),
                             const_cast<char*>(root_arg.c_str()), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "cannot start " << binary;
    return false;
  }
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

std::vector<std::string> leftovers(const fs::path& site) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(site)) {
    const std::string name = e.path().filename().string();
    // The spare folder is the old site kept for the next build (site/writer.h).
    if (name.starts_with("public.") && name != "public.newsarc-spare") names.push_back(name);
  }
  return names;
}

// The kill points are fractions of how long a whole build took here, so that
// some land in the write phase on any machine; nothing about time is asserted.
TEST_F(RobustnessCli, ABuildKilledAtAnyMomentLeavesThePreviousSiteIntact) {
  const fs::path site = dir() / "site";
  write_many_articles(site / "content", 2000, "旧");
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(run_in_site({"build", "--quiet"}).exit_code, 0);
  const auto whole = std::chrono::steady_clock::now() - start;
  const auto old_site = snapshot(site / "public");
  ASSERT_GT(old_site.size(), 2000u);
  write_many_articles(site / "content", 2000, "新");  // every article changes
  std::vector<std::map<std::string, std::size_t>> after_kill;
  for (int percent : {1, 5, 20, 50, 70, 80, 90, 95}) {
    const auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(whole * percent / 100);
    const bool killed = kill_build_after(site, delay);
    after_kill.push_back(snapshot(site / "public"));
    if (!killed) break;  // the build finished first
  }
  const Outcome r = run_in_site({"build", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;  // stale staging folders do not get in the way
  const auto new_site = snapshot(site / "public");
  ASSERT_NE(new_site, old_site);
  for (std::size_t i = 0; i < after_kill.size(); ++i)
    EXPECT_TRUE(after_kill[i] == old_site || after_kill[i] == new_site)
        << "kill " << i << " left a site that is neither the old nor the new one";
  EXPECT_EQ(leftovers(site), std::vector<std::string>{}) << "staging folders left behind";
}

}  // namespace
}  // namespace newsarc::cli_test
