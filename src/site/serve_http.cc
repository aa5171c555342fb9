// The pure parts of `newsarc serve`: URL paths to site files, MIME types,
// script injection, event messages.
#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <nlohmann/json.hpp>

#include "site/serve.h"

namespace newsarc::site {

namespace {

constexpr std::size_t kMaxLiveErrors = 50;

constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kMimeTypes = {{
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"map", "application/json; charset=utf-8"},
    {"xml", "application/xml; charset=utf-8"},
    {"atom", "application/atom+xml; charset=utf-8"},
    {"rss", "application/rss+xml; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"svg", "image/svg+xml; charset=utf-8"},
    {"webmanifest", "application/manifest+json; charset=utf-8"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"ico", "image/x-icon"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"pdf", "application/pdf"},
    {"wasm", "application/wasm"},
}};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The offset of the last "</body>" in any letter case, or npos.
std::size_t find_body_end(std::string_view html) {
  for (std::size_t i = html.rfind("</"); i != std::string_view::npos;
       i = i == 0 ? std::string_view::npos : html.rfind("</", i - 1)) {
    if (equals_ignoring_case(html.substr(i, 7), "</body>")) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> site_path_for(std::string_view url_path) {
  if (!url_path.starts_with('/')) return std::nullopt;
  if (url_path.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
    return std::nullopt;
  url_path.remove_prefix(1);
  std::string out;
  while (!url_path.empty()) {
    const std::size_t slash = url_path.find('/');
    const std::string_view segment = url_path.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    out += segment;
    if (slash == std::string_view::npos) return out;
    out += '/';
    url_path.remove_prefix(slash + 1);
  }
  return out + "index.html";
}

Lookup look_up(const render::RenderedSite& site, std::string_view url_path) {
  const auto path = site_path_for(url_path);
  if (path && site.contains(*path)) return {200, *path};
  if (path && !url_path.ends_with('/') && site.contains(*path + "/index.html")) return {301, ""};
  return {404, site.contains("404.html") ? "404.html" : ""};
}

std::string_view mime_type(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return "application/octet-stream";
  const std::string_view ext = path.substr(dot + 1);
  for (const auto& [known, type] : kMimeTypes)
    if (equals_ignoring_case(ext, known)) return type;
  return "application/octet-stream";
}

std::string inject_live_script(std::string_view html, std::string_view build_id) {
  const std::size_t at = find_body_end(html);
  std::string out(html.substr(0, at));
  out += "<script src=\"" + std::string(kScriptPath) + "\" data-build=\"" + std::string(build_id) +
         "\"></script>\n";
  if (at != std::string_view::npos) out += html.substr(at);
  return out;
}

std::string format_event(std::string_view name, std::string_view data) {
  std::string out = "event: " + std::string(name) + "\n";
  while (true) {
    const std::size_t newline = data.find('\n');
    out += "data: " + std::string(data.substr(0, newline)) + "\n";
    if (newline == std::string_view::npos) break;
    data.remove_prefix(newline + 1);
  }
  return out + "\n";
}

std::string live_state_json(std::string_view build_id, bool failed, const base::Diagnostics& diags,
                            const std::vector<std::string>& silence) {
  nlohmann::json errors = nlohmann::json::array();
  for (const base::Diagnostic& d : diags.items()) {
    if (d.severity != base::Severity::kError || errors.size() == kMaxLiveErrors) continue;
    if (std::find(silence.begin(), silence.end(), d.code) != silence.end()) continue;
    errors.push_back(
        {{"location", base::diagnostic_location(d)}, {"code", d.code}, {"message", d.message}});
  }
  const nlohmann::json state = {{"build", build_id}, {"failed", failed}, {"errors", errors}};
  return state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace newsarc::site
