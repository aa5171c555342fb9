// The records of a page do not depend on its encoding, its line ends or the
// column width it was wrapped at.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "text/text.h"

namespace newsarc::ingest {
namespace {

struct Para {
  std::string text;
  bool wrap = true;  // headlines and bylines are printed on lines of their own
};

// An invented page of two briefs: headline, dateline, paragraphs, bylines.
const std::vector<std::vector<Para>> kPage = {
    {{"西岭区推进老旧小区改造", false},
     {"本报讯 6月18日上午，西岭区召开老旧小区改造推进会，通报上半年改造进度，部署下一阶段"
      "重点任务。区委副书记、区长韩立新出席会议并讲话。"},
     {"会议指出，今年以来全区共启动改造小区四十二个，惠及居民一万二千余户，改造质量和群众满"
      "意度稳步提升。"},
     {"韩立新要求，各街道要压实属地责任，加快施工进度，确保年底前全部完工。要坚持问计于民，把"
      "群众的意见建议贯穿改造全过程。"},
     {"记者 苗雨晴 通讯员 任浩", false}},
    {{"西岭区举办青年创业大赛决赛", false},
     {"本报讯 6月20日，西岭区第三届青年创业大赛决赛在区科技馆举行，十二个项目同台竞技。"},
     {"经过激烈角逐，智能农业监测平台项目获得一等奖。区委常委、组织部部长孔令辉为获奖团队颁"
      "奖。"},
     {"记者 苗雨晴 文/图", false}},
};

std::string wrap(std::u32string_view s, double width) {
  std::string out;
  double w = 0;
  std::u32string line;
  for (char32_t c : s) {
    line += c;
    w += c < 0x2E80 ? 0.5 : 1.0;
    if (w >= width) {
      out += text::to_utf8(line) + "\n";
      line.clear();
      w = 0;
    }
  }
  if (!line.empty()) out += text::to_utf8(line) + "\n";
  return out;
}

std::string render_page(double width) {
  std::string page;
  for (const auto& article : kPage)
    for (const Para& p : article)
      page += (p.wrap && width > 0 ? wrap(text::to_u32(p.text), width) : p.text + "\n") + "\n";
  return page;
}

nlohmann::json records_of(std::string_view bytes) {
  base::Diagnostics diags;
  config::SiteConfig config;
  config.default_year = 2024;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : ingest_file(bytes, "content/x.txt", config, diags)) {
    nlohmann::json j = to_json(r);
    j.erase("source");  // line numbers differ between wrappings
    j.erase("body");
    j.erase("date_line");
    for (auto& p : j["officials"]) p.erase("line");
    for (auto& p : j["other_people"]) p.erase("line");
    for (auto& d : j["diagnostics"]) d.erase("line");
    for (auto& d : j["repairs"]) d.erase("line");
    out.push_back(std::move(j));
  }
  return out;
}

std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string with_crlf(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

TEST(Invariance, RewrappingDoesNotChangeTheRecords) {
  nlohmann::json unwrapped = records_of(render_page(0));
  ASSERT_EQ(unwrapped.size(), 2u);
  EXPECT_EQ(unwrapped[0]["date"], "2024-06-18");
  EXPECT_EQ(unwrapped[1]["officials"][0]["name"], "孔令辉");
  for (double width : {11.0, 14.0, 18.0, 24.0})
    EXPECT_EQ(records_of(render_page(width)), unwrapped) << "wrapped at " << width;
}

TEST(Invariance, EncodingsAndLineEndsDoNotChangeTheRecords) {
  std::string page = render_page(14);
  nlohmann::json want = records_of(page);
  ASSERT_EQ(want.size(), 2u);
  EXPECT_EQ(records_of(encode(page, "GB18030")), want) << "GB18030";
  EXPECT_EQ(records_of("\xEF\xBB\xBF" + page), want) << "UTF-8 with BOM";
  EXPECT_EQ(records_of("\xFF\xFE" + encode(page, "UTF-16LE")), want) << "UTF-16LE with BOM";
  EXPECT_EQ(records_of("\xFE\xFF" + encode(page, "UTF-16BE")), want) << "UTF-16BE with BOM";
  EXPECT_EQ(records_of(with_crlf(page)), want) << "CRLF";
}

}  // namespace
}  // namespace newsarc::ingest
