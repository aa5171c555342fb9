#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "config/config.h"

namespace newsarc::config {
namespace {

const District* find(const std::vector<District>& ds, std::string_view name) {
  auto it = std::find_if(ds.begin(), ds.end(), [&](const District& d) { return d.name == name; });
  return it == ds.end() ? nullptr : &*it;
}

TEST(DefaultGazetteer, ListsTheZhengzhouDistricts) {
  const auto g = default_gazetteer();
  for (const char* name :
       {"郑州高新区", "郑州经济技术开发区", "郑东新区", "金水区", "中原区", "二七区", "管城回族区",
        "惠济区", "上街区", "郑州航空港经济综合实验区"}) {
    const District* d = find(g, name);
    ASSERT_NE(d, nullptr) << name;
    EXPECT_EQ(d->parent, "") << name;
  }
}

TEST(DefaultGazetteer, SubDistrictOfficesHaveTheirParent) {
  const auto g = default_gazetteer();
  for (const char* name : {"枫杨办事处", "沟赵办事处", "梧桐办事处", "石佛办事处", "双桥办事处"})
    EXPECT_EQ(find(g, name)->parent, "郑州高新区") << name;
  for (const char* name : {"潮河办事处", "明湖办事处", "京航办事处"})
    EXPECT_EQ(find(g, name)->parent, "郑州经济技术开发区") << name;
}

TEST(DefaultGazetteer, KnowsTheCommonAliases) {
  const auto g = default_gazetteer();
  const auto has_alias = [&](std::string_view name, const std::string& alias) {
    const auto& a = find(g, name)->aliases;
    return std::find(a.begin(), a.end(), alias) != a.end();
  };
  EXPECT_TRUE(has_alias("郑州高新区", "高新区"));
  EXPECT_TRUE(has_alias("郑州高新区", "高新技术产业开发区"));
  EXPECT_TRUE(has_alias("郑州经济技术开发区", "经开区"));
  EXPECT_TRUE(has_alias("管城回族区", "管城区"));
  EXPECT_TRUE(has_alias("郑州航空港经济综合实验区", "航空港区"));
  EXPECT_TRUE(has_alias("枫杨办事处", "枫杨街道"));
}

TEST(DefaultGazetteer, SlugsAreUniqueAscii) {
  std::set<std::string> slugs;
  for (const District& d : default_gazetteer()) {
    EXPECT_FALSE(d.slug.empty()) << d.name;
    EXPECT_TRUE(std::all_of(d.slug.begin(), d.slug.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == '-';
    })) << d.slug;
    EXPECT_TRUE(slugs.insert(d.slug).second) << d.slug;
  }
}

TEST(FormatConfig, RoundTripsThroughParseConfig) {
  SiteConfig c;
  c.title = "示例";
  c.default_year = 2020;
  c.districts = default_gazetteer();
  c.silence = {"ingest/no-date"};
  c.typo_map = {{"乙丙", "乙内"}};
  base::Diagnostics diags;
  const auto back = parse_config(format_config(c), "site.json", diags);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->title, c.title);
  EXPECT_EQ(back->default_year, 2020);
  EXPECT_EQ(back->silence, c.silence);
  EXPECT_EQ(back->typo_map, c.typo_map);
  ASSERT_EQ(back->districts.size(), c.districts.size());
  for (std::size_t i = 0; i < c.districts.size(); ++i) {
    EXPECT_EQ(back->districts[i].name, c.districts[i].name);
    EXPECT_EQ(back->districts[i].aliases, c.districts[i].aliases);
    EXPECT_EQ(back->districts[i].parent, c.districts[i].parent);
    EXPECT_EQ(back->districts[i].slug, c.districts[i].slug);
  }
  EXPECT_NE(format_config(c).find("郑州高新区"), std::string::npos);  // UTF-8, not \u escapes
}

}  // namespace
}  // namespace newsarc::config
