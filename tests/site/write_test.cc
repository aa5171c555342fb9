// write_site on its own: staging, swapping, and what it refuses.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>

#include "site/files.h"
#include "site/inline_site.h"
#include "site/site.h"
#include "site/writer.h"

namespace newsarc::site {
namespace {

namespace fs = std::filesystem;

using site_test::TempDir;

using site_test::inode_of;
using site_test::read_all;

void touch(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteSite, WritesEveryFileAndTheMarker) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const auto result = write_site({{"index.html", "首页"}, {"a/b/index.html", "b"}}, out.string());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(read_all(out / "index.html"), "首页");
  EXPECT_EQ(read_all(out / "a/b/index.html"), "b");
  EXPECT_TRUE(fs::is_regular_file(out / kOutputMarker));
  EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"public"});  // no staging left
}

TEST(WriteSite, ReplacesItsOwnPreviousOutput) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  ASSERT_TRUE(write_site({{"old.html", "old"}, {"keep.html", "1"}}, out.string()).has_value());
  ASSERT_TRUE(write_site({{"keep.html", "2"}}, out.string()).has_value());
  EXPECT_FALSE(fs::exists(out / "old.html"));
  EXPECT_EQ(read_all(out / "keep.html"), "2");
  EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"public"});
}

TEST(WriteSite, AcceptsAnEmptyFolderAndATrailingSlash) {
  TempDir tmp;
  fs::create_directory(tmp.path() / "out");
  ASSERT_TRUE(write_site({{"index.html", "x"}}, (tmp.path() / "out/").string()).has_value());
  EXPECT_EQ(read_all(tmp.path() / "out/index.html"), "x");
}

TEST(WriteSite, RefusesAFolderItDidNotWrite) {
  TempDir tmp;
  const fs::path out = tmp.path() / "home";
  touch(out / "thesis.tex", "precious");
  const auto result = write_site({{"index.html", "x"}}, out.string());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "site/not-ours");
  EXPECT_EQ(read_all(out / "thesis.tex"), "precious");
  EXPECT_EQ(entries(out), std::vector<std::string>{"thesis.tex"});
  EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"home"});
}

TEST(WriteSite, RefusesAFileAndASymlink) {
  TempDir tmp;
  touch(tmp.path() / "file", "f");
  fs::create_directory(tmp.path() / "real");
  fs::create_directory_symlink(tmp.path() / "real", tmp.path() / "link");
  for (const char* name : {"file", "link"}) {
    const auto result = write_site({{"index.html", "x"}}, (tmp.path() / name).string());
    ASSERT_FALSE(result.has_value()) << name;
    EXPECT_EQ(result.error().code, "site/not-ours") << name;
  }
  EXPECT_EQ(read_all(tmp.path() / "file"), "f");
  EXPECT_TRUE(fs::is_empty(tmp.path() / "real"));
}

TEST(WriteSite, RejectsPathsThatLeaveTheOutputFolder) {
  const std::vector<std::string> bad = {"../escape.html", "/etc/passwd", "a/../../b",  "", "./a",
                                        "a//b",           "a\\b",        kOutputMarker};
  for (const std::string& path : bad) {
    TempDir tmp;
    const fs::path out = tmp.path() / "public";
    const auto result = write_site({{"index.html", "x"}, {path, "bad"}}, out.string());
    ASSERT_FALSE(result.has_value()) << path;
    EXPECT_EQ(result.error().code, "site/bad-path") << path;
    EXPECT_TRUE(fs::is_empty(tmp.path())) << path;  // nothing written at all
  }
}

TEST(WriteSite, RemovesAStaleStagingFolderOfItsOwn) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const fs::path stale = tmp.path() / ("public.tmp-" + std::to_string(::getpid()));
  touch(stale / kOutputMarker, "");
  touch(stale / "junk.html", "junk");
  ASSERT_TRUE(write_site({{"index.html", "x"}}, out.string()).has_value());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(out / "junk.html"));
}

// Files in pieces (records.json is its memo's runs) are compared and written
// as if they were joined: checked against the joined bytes, cut at random.
std::vector<std::string_view> cut_at_random(std::mt19937& rng, std::string_view text) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    const std::size_t n = std::min<std::size_t>(text.size(), rng() % 9 == 0 ? 0 : rng() % 50);
    pieces.push_back(text.substr(0, n));
    text.remove_prefix(n);
  }
  return pieces;
}

std::size_t first_difference_joined(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  return at;
}

TEST(Pieces, FindTheFirstAndLastDifferenceAsTheJoinedBytesWould) {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    std::string was(rng() % 300, 'a');
    for (char& c : was) c = static_cast<char>('a' + rng() % 3);
    std::string now = was;
    for (int k = static_cast<int>(rng() % 4); k > 0 && !now.empty(); --k)
      now[rng() % now.size()] = static_cast<char>('a' + rng() % 4);
    if (round % 3 == 1) now.resize(rng() % (now.size() + 1));  // a prefix
    if (round % 3 == 2) now += "tail";
    const auto pieces = cut_at_random(rng, now);
    EXPECT_EQ(total_size(pieces), now.size());
    const std::size_t from = first_difference(was, pieces);
    ASSERT_EQ(from, first_difference_joined(was, now)) << was << " / " << now;
    if (was.size() != now.size() || from == now.size()) continue;
    std::size_t to = now.size();
    while (to > from && was[to - 1] == now[to - 1]) --to;
    EXPECT_EQ(last_difference_end(was, pieces, from), to) << was << " / " << now;
  }
}

TEST(Pieces, AreWrittenOneAfterAnother) {
  TempDir tmp;
  std::mt19937 rng(5);
  const std::string text = "[\n{\"id\": 1},\n{\"id\": 2}\n]\n";
  ASSERT_TRUE(write_bytes(tmp.path() / "records.json", cut_at_random(rng, text)));
  EXPECT_EQ(read_all(tmp.path() / "records.json"), text);
}

// A writer of `out`, or nullptr (the failure reported) when it cannot be opened.
std::unique_ptr<OutputWriter> open_writer(const fs::path& out, WriteMode mode) {
  auto writer = OutputWriter::open(out.string(), mode, {});
  if (!writer) ADD_FAILURE() << writer.error().message;
  return writer ? std::move(*writer) : nullptr;
}

// A file where the new site needs a folder ("a" was a page, now "a/b.html"
// is one) is reported, and the live site is left as it was.
TEST(OutputWriter, ReportsAFileWhereAFolderMustGo) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  ASSERT_TRUE(write_site({{"a", "x"}}, out.string()).has_value());
  auto writer = open_writer(out, WriteMode::kLinked);
  ASSERT_NE(writer, nullptr);
  const auto put = writer->put("a/b.html", Pieces{"b"});
  ASSERT_FALSE(put.has_value());
  EXPECT_NE(put.error().message.find("cannot create"), std::string::npos) << put.error().message;
  writer.reset();
  EXPECT_EQ(read_all(out / "a"), "x");
}

// Folders are made parent first, however deep, and a folder already there
// is used as it is.
TEST(OutputWriter, MakesEveryMissingFolderOfAPath) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  ASSERT_TRUE(write_site({{"a/index.html", "a"}}, out.string()).has_value());
  auto writer = open_writer(out, WriteMode::kLinked);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->put("a/b/c/d/index.html", Pieces{"d"}).has_value());
  ASSERT_TRUE(writer->put("a/index.html", Pieces{"a2"}).has_value());
  ASSERT_FALSE(writer->finish().has_value());
  EXPECT_EQ(read_all(out / "a/b/c/d/index.html"), "d");
  EXPECT_EQ(read_all(out / "a/index.html"), "a2");
}

// Rendering threads write a fresh folder's files ahead of put: folders are
// made as needed, and a path two units wrote ends with the later unit's bytes
// whichever thread wrote last.
TEST(OutputWriter, FilesWrittenAheadAreKeptAndTheLastUnitWins) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  auto writer = open_writer(out, WriteMode::kStage);
  ASSERT_NE(writer, nullptr);
  OutputWriter& w = *writer;
  const auto second = w.write_ahead("a/b/index.html", Pieces{"second"});
  const auto first = w.write_ahead("a/b/index.html", Pieces{"fir", "st"});  // wrote last
  const auto other = w.write_ahead("c.html", Pieces{"c"});
  ASSERT_TRUE(first && second && other);
  EXPECT_EQ(first->file.size, 5u);
  ASSERT_TRUE(w.put_written(*first, Pieces{"first"}).has_value());
  ASSERT_TRUE(w.put_written(*second, Pieces{"second"}).has_value());
  ASSERT_TRUE(w.put_written(*other, Pieces{"c"}).has_value());
  ASSERT_FALSE(w.finish().has_value());
  EXPECT_EQ(read_all(out / "a/b/index.html"), "second");
  EXPECT_EQ(read_all(out / "c.html"), "c");
  EXPECT_EQ(w.written(), 3u);
  EXPECT_EQ(w.written_ahead(), 2u);
}

// A path that would leave the folder is never written ahead, nor is a file
// of a folder of links whose live files are unknown (put() reads them).
TEST(OutputWriter, WritesAheadOnlySafePathsIntoKnownFolders) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  {
    auto writer = open_writer(out, WriteMode::kStage);
    ASSERT_NE(writer, nullptr);
    EXPECT_FALSE(writer->write_ahead("../escaped.html", Pieces{"x"}).has_value());
    EXPECT_FALSE(writer->write_ahead("/etc/x.html", Pieces{"x"}).has_value());
    ASSERT_TRUE(writer->put("index.html", Pieces{"i"}).has_value());
    ASSERT_FALSE(writer->finish().has_value());
  }
  EXPECT_FALSE(fs::exists(tmp.path() / "escaped.html"));
  auto linked = open_writer(out, WriteMode::kLinked);
  ASSERT_NE(linked, nullptr);
  EXPECT_FALSE(linked->write_ahead("index.html", Pieces{"changed"}).has_value());
  linked.reset();
  EXPECT_EQ(read_all(out / "index.html"), "i");
}

// A rebuild's rendering threads write the spare folder ahead of put: a file
// it holds already is left alone, one it holds alone is written over where
// it is, one linked to the live site's is written anew (the live file keeps
// its bytes), and one the live site has right is left to put(), which links it.
TEST(OutputWriter, WritesTheSpareFolderAheadAndNeverTheLiveOne) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  const fs::path spare = spare_folder(out.string());
  const render::RenderedSite live_site{
      {"same.html", "s"}, {"live.html", "new"}, {"shared.html", "old"}, {"own.html", "old"}};
  const render::RenderedSite spare_site{
      {"same.html", "s"}, {"live.html", "old"}, {"own.html", "older, longer"}};
  ASSERT_TRUE(write_site(live_site, out.string()).has_value());
  ASSERT_TRUE(write_site(spare_site, spare.string()).has_value());
  fs::create_hard_link(out / "shared.html", spare / "shared.html");  // kept by the last build
  const auto state_of = [](const render::RenderedSite& files) {
    OutputState state;
    UnitState& unit = state.units.emplace_back();
    for (const auto& [path, bytes] : files)
      unit.files.push_back({path, bytes.size(), hash_bytes(bytes)});
    return state;
  };
  const OutputState live = state_of(live_site);
  render::RenderedSite spare_files_had = spare_site;
  spare_files_had["shared.html"] = "old";
  const OutputState spare_state = state_of(spare_files_had);
  const FileIndex live_files = index_files(live), spare_files = index_files(spare_state);
  auto opened = OutputWriter::open(out.string(), WriteMode::kSpare, {&live_files, &spare_files});
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  OutputWriter& w = **opened;
  const ino_t same_inode = inode_of(spare / "same.html"), own_inode = inode_of(spare / "own.html");

  const auto same = w.write_ahead("same.html", Pieces{"s"});
  ASSERT_TRUE(same.has_value());
  EXPECT_FALSE(same->wrote);
  EXPECT_FALSE(w.write_ahead("live.html", Pieces{"new"}).has_value());
  const auto shared = w.write_ahead("shared.html", Pieces{"chan", "ged"});
  ASSERT_TRUE(shared.has_value());
  EXPECT_TRUE(shared->wrote);
  EXPECT_EQ(read_all(out / "shared.html"), "old");
  EXPECT_EQ(read_all(spare / "shared.html"), "changed");
  const auto own = w.write_ahead("own.html", Pieces{"newest"});
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(inode_of(spare / "own.html"), own_inode);
  EXPECT_EQ(read_all(spare / "own.html"), "newest");  // the longer old text cut off

  ASSERT_TRUE(w.put_written(*same, Pieces{"s"}).has_value());
  ASSERT_TRUE(w.put("live.html", Pieces{"new"}).has_value());
  ASSERT_TRUE(w.put_written(*shared, Pieces{"changed"}).has_value());
  ASSERT_TRUE(w.put_written(*own, Pieces{"newest"}).has_value());
  EXPECT_EQ(w.written(), 2u);
  EXPECT_EQ(w.written_ahead(), 2u);
  EXPECT_EQ(w.unchanged(), 2u);
  ASSERT_FALSE(w.finish().has_value());
  EXPECT_EQ(inode_of(out / "same.html"), same_inode);
  EXPECT_EQ(inode_of(out / "live.html"), inode_of(spare / "live.html"));  // linked
  EXPECT_EQ(read_all(out / "shared.html"), "changed");
  EXPECT_EQ(read_all(spare / "shared.html"), "old");  // the old site, now the spare
  EXPECT_EQ(read_all(out / "own.html"), "newest");
}

// The first rebuild after a clean one stages a hard link to every file of
// the live site, nested however deep, on one thread or several: the files
// it keeps are the same inodes. Symbolic links are not followed or linked.
TEST(OutputWriter, LinksEveryLiveFileOnAnyNumberOfThreads) {
  TempDir tmp;
  const fs::path out = tmp.path() / "public";
  render::RenderedSite site{{"index.html", "home"}, {"a/b/c/d.html", "deep"}};
  for (int i = 0; i < 300; ++i)
    site["articles/" + std::to_string(i) + "/index.html"] = "article " + std::to_string(i);
  std::vector<OutputFile> files;
  for (const auto& [path, bytes] : site) files.push_back({path, bytes.size(), 0});
  for (int threads : {1, 4}) {
    ASSERT_TRUE(write_site(site, out.string()).has_value());
    fs::create_symlink("index.html", out / "a/link.html");
    std::map<std::string, ino_t> before;
    for (const auto& f : files) before[f.path] = inode_of(out / f.path);
    auto writer = OutputWriter::open(out.string(), WriteMode::kLinked, {}, threads);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    for (const auto& f : files) ASSERT_FALSE((*writer)->keep(f).has_value());
    ASSERT_FALSE((*writer)->finish().has_value());
    for (const auto& f : files) {
      EXPECT_EQ(inode_of(out / f.path), before[f.path]) << f.path << ", threads " << threads;
      EXPECT_EQ(read_all(out / f.path), site[f.path]);
    }
    EXPECT_FALSE(fs::exists(fs::symlink_status(out / "a/link.html")));
  }
}

// The size stat gives is only where reading starts: an empty file, a file
// larger than any buffer, and a file whose size the kernel reports as 0
// (files in /proc) are read whole.
TEST(ReadBytes, ReadsFilesOfEverySizeWhole) {
  TempDir tmp;
  touch(tmp.path() / "empty", "");
  const std::string big(200'000, 'x');
  touch(tmp.path() / "big", big + "end");
  EXPECT_EQ(read_bytes(tmp.path() / "empty").value(), "");
  EXPECT_EQ(read_bytes(tmp.path() / "big").value(), big + "end");
  const auto status = read_bytes("/proc/self/status");
  ASSERT_TRUE(status.has_value());
  EXPECT_NE(status->find("Name:"), std::string::npos);
  EXPECT_FALSE(read_bytes(tmp.path() / "missing").has_value());
}

}  // namespace
}  // namespace newsarc::site
