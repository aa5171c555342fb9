// Parallel builds: any number of jobs gives the same bytes and diagnostics,
// with more units than one render batch holds.
#include <gtest/gtest.h>

#include "site/inline_site.h"

namespace newsarc::site_test {
namespace {

// 180 articles over two years, in districts and with officials and
// reporters, some Markdown, one undecodable file: invented text only.
std::string big_archive() {
  const char* districts[] = {"二七区", "金水区", "中原区", "惠济区", "郑东新区"};
  const char* officials[] = {"张红军", "李建国", "王秀英"};
  const char* reporters[] = {"孙立群", "赵晓红"};
  std::string archive = "-- site.json --\n{\"title\": \"测试晚报\", \"page_size\": 7}\n";
  for (int i = 0; i < 180; ++i) {
    const std::string n = std::to_string(i);
    const int month = 1 + i % 12, day = 1 + i % 27;
    const std::string date = std::to_string(2022 + i % 2) + "年" + std::to_string(month) + "月" +
                             std::to_string(day) + "日";
    if (i % 9 == 0) {
      archive += "-- content/md/" + n + ".md --\n---\ntitle: 第" + n +
                 "期社区简报\ndate: " + std::to_string(2022 + i % 2) + "-0" +
                 std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "\n---\n\n" +
                 districts[i % 5] + "举办**社区活动**，居民踊跃参加。\n";
      continue;
    }
    archive += "-- content/p/" + n + ".txt --\n" + districts[i % 5] + "第" + n +
               "项民生工程完工\n\n本报讯 " + date + "，" + districts[i % 5] + "区长" +
               officials[i % 3] + "到现场察看第" + n + "项工程。\n\n工程惠及周边居民。\n\n（记者 " +
               reporters[i % 2] + "）\n";
  }
  archive += "-- content/p/scan.txt --\n" + std::string("\0\0\xff\xfe\x01", 5) + "\n";
  return archive;
}

TEST(Parallel, OneJobAndFourJobsWriteTheSameBytesAndDiagnostics) {
  const std::string archive = big_archive();
  auto one = build_inline_site(archive, {1, "", site::CacheMode::kUse});
  auto four = build_inline_site(archive, {4, "", site::CacheMode::kUse});
  ASSERT_GT(one.report().files, 500u);  // more than one render batch
  EXPECT_EQ(one.output(), four.output());
  EXPECT_EQ(one.diagnostics_text(), four.diagnostics_text());
  EXPECT_EQ(one.report().pages, four.report().pages);
}

TEST(Parallel, TheInMemoryBuildGivesTheBytesBuildWrites) {
  auto s = build_inline_site(big_archive(), {3, "", site::CacheMode::kUse});
  site::BuildOptions options;
  options.root = s.root().string();
  options.templates_dir = NEWSARC_SOURCE_DIR "/templates";
  options.assets_dir = NEWSARC_SOURCE_DIR "/assets";
  options.jobs = 2;
  base::Diagnostics diags;
  render::RenderedSite site = site::build_in_memory(options, diags);
  site[site::kOutputMarker] = s.output_file(site::kOutputMarker);
  EXPECT_EQ(site, s.output());
}

}  // namespace
}  // namespace newsarc::site_test
