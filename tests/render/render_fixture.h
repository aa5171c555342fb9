#pragma once
// Shared helpers for the render tests: the real templates, a site rendered
// from invented records, and small HTML/XML checks.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "archive/test_records.h"
#include "render/render.h"

namespace newsarc::testing {

/// The project's templates, named as site/ names them ("partials/header.mustache").
inline render::TemplateSet real_templates() {
  namespace fs = std::filesystem;
  render::TemplateSet set;
  const fs::path root = fs::path(NEWSARC_SOURCE_DIR) / "templates";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    set[fs::relative(entry.path(), root).generic_string()] = text.str();
  }
  return set;
}

inline config::SiteConfig test_config(int page_size = 20) {
  config::SiteConfig c;
  c.title = "示范日报档案";
  c.description = "一份虚构报纸的测试档案";
  c.base_url = "https://example.org/archive/";
  c.page_size = page_size;
  return c;
}

/// Renders records through build_archive and render_site with the real templates.
struct RenderedFixture {
  archive::Archive archive;
  render::RenderedSite site;
  base::Diagnostics diags;

  explicit RenderedFixture(std::vector<ingest::ArticleRecord> records,
                           const config::SiteConfig& config = test_config()) {
    archive = archive::build_archive(std::move(records), config, diags);
    site = render::render_site(archive, config, real_templates(), diags);
  }
  bool has(const std::string& path) const { return site.count(path) > 0; }
  /// The page's bytes; fails the test when it is missing.
  const std::string& page(const std::string& path) const {
    static const std::string kNone;
    auto it = site.find(path);
    if (it == site.end()) {
      ADD_FAILURE() << "missing output " << path;
      return kNone;
    }
    return it->second;
  }
};

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

inline std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size()))
    ++n;
  return n;
}

/// Values of every `attr="..."` in `html`.
inline std::vector<std::string> attribute_values(const std::string& html, const std::string& attr) {
  std::vector<std::string> out;
  const std::string key = " " + attr + "=\"";
  for (auto pos = html.find(key); pos != std::string::npos; pos = html.find(key, pos + 1)) {
    const auto start = pos + key.size();
    out.push_back(html.substr(start, html.find('"', start) - start));
  }
  return out;
}

/// A small XML well-formedness check: balanced elements, quoted attributes,
/// known entities. Returns "" or what is wrong.
inline std::string xml_problem(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  if (xml.rfind("<?xml ", 0) != 0) return "no XML declaration";
  i = xml.find("?>") + 2;
  while ((i = xml.find_first_of("<&", i)) != std::string::npos) {
    if (xml[i] == '&') {
      const auto end = xml.find(';', i);
      const std::string entity = xml.substr(i, end - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&apos;")
        return "bad entity " + entity;
      i = end;
      continue;
    }
    const auto end = xml.find('>', i);
    if (end == std::string::npos) return "unclosed tag";
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (count_of(tag, "\"") % 2 != 0) return "unbalanced quotes in <" + tag + ">";
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1))
        return "unexpected </" + tag.substr(1) + ">";
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find_first_of(" \t\n")));
    }
    i = end;
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

}  // namespace newsarc::testing
