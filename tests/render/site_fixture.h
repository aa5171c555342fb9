#pragma once
// One invented archive that exercises every page type.

#include "render/render_fixture.h"

namespace newsarc::testing {

inline config::SiteConfig gazetteer_config(int page_size = 20) {
  config::SiteConfig c = test_config(page_size);
  c.districts = {{"示范新区", {"示范区"}, "", "shifan"}, {"东湖街道", {}, "示范新区", ""}};
  return c;
}

inline std::vector<ingest::ArticleRecord> sample_records() {
  auto a1 = article("a1", day(2023, 2, 12), "示范区召开读书分享会");
  a1.subtitle = "——全民阅读活动启动";
  a1.districts = {"示范新区"};
  a1.officials = {official("张红军", {"示范区党工委书记", "管委会主任"})};
  a1.reporters = {"王小明"};
  a1.correspondents = {"陈一"};
  a1.photo_credits = {"赵青"};
  a1.section_headings = {"书香进社区"};
  a1.body = {{ingest::BlockKind::kParagraph, "本报讯 2月12日，示范区举办读书分享会。", {2, 1, 2}},
             {ingest::BlockKind::kHeading, "书香进社区", {4, 1, 4}},
             {ingest::BlockKind::kParagraph, "社区图书角同日开放。", {5, 1, 5}}};
  a1.captions = {"读者在分享会上发言"};
  a1.repairs = {{"ingest/duplicate-paragraph", 9, "社区图书角同日开放"}};

  auto a2 = article("a2", day(2023, 2, 9), "东湖街道开展义诊");
  a2.districts = {"东湖街道"};
  a2.officials = {official("张红军", {"示范区党工委副书记"})};
  a2.reporters = {"王小明"};

  auto a3 = article("a3", month(2023, 2));
  a3.title.reset();
  a3.display_title = "二月简讯一则";

  auto a4 = article("a4", year(2021), "年度回顾");
  auto a5 = article("a5", undated(), "无日期的来稿");

  auto md = article("md", day(2022, 5, 1), "春季植树");
  md.format = "markdown";
  md.source_path = "content/md.md";
  md.body.clear();
  md.markdown =
      "植树活动在**东湖**举行。\n\n# 第一部分\n\n## 现场\n\n| 项目 | 数量 |\n|---|---|\n| 树苗 | "
      "300 |\n";
  return {a5, a4, md, a3, a2, a1};
}

}  // namespace newsarc::testing
