// scaffold_site: what `newsarc new DIR` writes.
#include "site/files.h"
#include "site/site.h"

namespace newsarc::site {

namespace fs = std::filesystem;

namespace {

// Two small invented articles, one page of plain text and one Markdown file,
// so a new site builds into something to look at.
constexpr std::string_view kExamplePage = R"(高新区社区书屋开放

本报讯（记者 周明远 通讯员 林晓）2023年3月12日，郑州高新区枫杨街道一处社区书屋正式开放，附近居民可以免费借阅图书。

书屋由一间闲置的活动室改造而成，目前藏书约三千册，设有儿童阅读角和自习桌。

街道工作人员介绍，书屋每天上午九点开放，周末也不休息。
)";

constexpr std::string_view kExampleMarkdown = R"(---
title: 金水区早市完成改造
date: 2023-04-08
---

金水区一处早市近日完成改造，新增了遮雨棚和分类摊位。

改造期间，摊主们临时搬到附近停车场经营，**没有耽误**居民买菜。
)";

config::SiteConfig example_config() {
  config::SiteConfig c;
  c.title = "我的报纸存档";
  c.description = "用 newsarc 生成的报纸存档";
  c.districts = config::default_gazetteer();
  return c;
}

std::optional<base::Error> check_target(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return std::nullopt;
  if (fs::is_directory(dir, ec) && fs::is_empty(dir, ec)) return std::nullopt;
  return base::Error{"site/not-empty", "refusing to create a site in " + dir.string() +
                                           ": it exists and is not empty"};
}

base::Result<bool> write_file(const fs::path& path, std::string_view text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return base::Error{"site/write", "cannot create " + path.parent_path().string()};
  return write_bytes(path, text);
}

base::Result<bool> copy_folder(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy(from, to, fs::copy_options::recursive, ec);
  if (ec) return base::Error{"site/write", "cannot copy " + from.string() + ": " + ec.message()};
  return true;
}

}  // namespace

std::string find_data_dir(const std::vector<std::string>& candidates) {
  std::error_code ec;
  for (const std::string& c : candidates) {
    if (!c.empty() && fs::is_directory(fs::path(c) / "templates", ec))
      return fs::path(c).lexically_normal().string();
  }
  return {};
}

std::string executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

base::Result<bool> scaffold_site(const std::string& dir, const std::string& data_dir) {
  if (auto refusal = check_target(dir)) return *refusal;
  const fs::path data(data_dir);
  std::error_code ec;
  if (data_dir.empty() || !fs::is_directory(data / "templates", ec))
    return base::Error{"site/no-templates",
                       "cannot find newsarc's templates (looked in \"" + data_dir + "\")"};
  const fs::path root(dir);
  const std::pair<fs::path, std::string_view> files[] = {
      {root / "content/2023/page-01.txt", kExamplePage},
      {root / "content/2023/jinshui-market.md", kExampleMarkdown},
      {root / ".gitignore", "/public/\n/public.*\n"},
  };
  auto wrote = write_file(root / "site.json", config::format_config(example_config()));
  for (const auto& [path, text] : files) {
    if (wrote) wrote = write_file(path, text);
  }
  if (wrote) wrote = copy_folder(data / "templates", root / "templates");
  if (wrote && fs::is_directory(data / "assets", ec))
    wrote = copy_folder(data / "assets", root / "assets");
  return wrote;
}

}  // namespace newsarc::site
