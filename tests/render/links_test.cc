// Every link is relative and lands on an output file: the site works at the
// domain root, under a sub-path and from file://.
#include <gtest/gtest.h>

#include <filesystem>

#include "render/site_fixture.h"

namespace newsarc::render {
namespace {

using testing::attribute_values;
using testing::contains;

// Resolves `href` against the folder of `page` ("a/b/index.html" + "../c" -> "a/c").
std::string resolve(const std::string& page, const std::string& href) {
  std::vector<std::string> parts;
  std::string dir = page.substr(0, page.rfind('/') == std::string::npos ? 0 : page.rfind('/'));
  for (std::size_t start = 0; !dir.empty() && start <= dir.size();) {
    auto end = dir.find('/', start);
    if (end == std::string::npos) end = dir.size();
    parts.push_back(dir.substr(start, end - start));
    start = end + 1;
  }
  std::string rest = href;
  while (rest.starts_with("../")) {
    if (parts.empty()) return "<above the site root>";
    parts.pop_back();
    rest = rest.substr(3);
  }
  std::string out;
  for (const auto& p : parts) out += p + "/";
  return out + rest;
}

TEST(Links, EveryInternalLinkIsRelativeAndResolves) {
  testing::RenderedFixture f(testing::sample_records(), testing::gazetteer_config(2));
  std::size_t checked = 0;
  for (const auto& [path, html] : f.site) {
    if (!path.ends_with(".html") || path == "404.html") continue;
    auto urls = attribute_values(html, "href");
    for (auto& s : attribute_values(html, "src")) urls.push_back(s);
    for (auto& s : attribute_values(html, "action")) urls.push_back(s);
    for (const auto& url : urls) {
      if (url.starts_with("#")) continue;
      if (url.starts_with("https://example.org/archive/")) {
        EXPECT_TRUE(contains(html, "<link rel=\"canonical\" href=\"" + url + "\">")) << path;
        continue;
      }
      EXPECT_FALSE(url.starts_with("/")) << path << ": " << url;
      EXPECT_FALSE(contains(url, "://")) << path << ": " << url;
      EXPECT_FALSE(url.ends_with("/")) << path << ": " << url << " (file:// needs index.html)";
      const std::string target = resolve(path, url);
      const bool exists = f.has(target) ||
                          (target.starts_with("assets/") &&
                           std::filesystem::exists(std::string(NEWSARC_SOURCE_DIR) + "/" + target));
      EXPECT_TRUE(exists) << path << ": " << url << " -> " << target;
      ++checked;
    }
  }
  EXPECT_GT(checked, 300u);
}

TEST(Links, RootPrefixMatchesThePageDepth) {
  testing::RenderedFixture f(testing::sample_records(), testing::gazetteer_config());
  struct Case {
    const char* path;
    const char* stylesheet;
  };
  const Case cases[] = {
      {"index.html", "href=\"assets/style.css\""},
      {"dates/index.html", "href=\"../assets/style.css\""},
      {"articles/a1/index.html", "href=\"../../assets/style.css\""},
      {"dates/2023/02/index.html", "href=\"../../../assets/style.css\""},
      {"dates/2023/02/12/index.html", "href=\"../../../../assets/style.css\""},
  };
  for (const auto& c : cases) EXPECT_TRUE(contains(f.page(c.path), c.stylesheet)) << c.path;
}

}  // namespace
}  // namespace newsarc::render
