// Atom feeds and sitemaps: the only outputs with absolute URLs.
#include <algorithm>

#include "render/views.h"

namespace newsarc::render {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 forbids the other C0 controls even as references.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

namespace {

// RFC 3339 at midnight UTC; a month or year date stands for its first day.
std::string atom_date(const ingest::PartialDate& d) {
  if (d.precision == ingest::DatePrecision::kNone || d.year <= 0) return "";
  const int month = d.precision == ingest::DatePrecision::kYear ? 1 : d.month;
  const int day = d.precision == ingest::DatePrecision::kDay ? d.day : 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", d.year, month, day);
  return buf;
}

// The newest date among `indexes` (they are newest first), else the newest
// in the archive, else the epoch: never the clock, so builds are repeatable.
std::string feed_updated(const archive::Archive& archive, const std::vector<std::size_t>& indexes) {
  for (std::size_t i : indexes) {
    if (auto d = atom_date(archive.articles[i].date); !d.empty()) return d;
  }
  for (const auto& r : archive.articles) {
    if (auto d = atom_date(r.date); !d.empty()) return d;
  }
  return "1970-01-01T00:00:00Z";
}

std::string atom_entry(const SiteInput& in, std::size_t index, const std::string& fallback) {
  const auto& r = in.archive.articles[index];
  const std::string url = xml_escape(absolute_url(in.config, article_url(r)));
  const std::string date = atom_date(r.date);
  std::string out = "  <entry>\n";
  out += "    <id>" + url + "</id>\n";
  out += "    <title>" + xml_escape(r.display_title) + "</title>\n";
  out += "    <updated>" + (date.empty() ? fallback : date) + "</updated>\n";
  if (!date.empty()) out += "    <published>" + date + "</published>\n";
  out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + url + "\"/>\n";
  out += "    <summary>" + xml_escape(summary_of(r)) + "</summary>\n";
  out += "  </entry>\n";
  return out;
}

// The newest `limit` of the feed's articles: what it shows.
std::vector<std::size_t> shown_in(const FeedSpec& spec) {
  const std::size_t n = std::min(spec.limit, spec.indexes.size());
  return {spec.indexes.begin(), spec.indexes.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

UnitContext feed_context(const SiteInput& in, const FeedSpec& spec) {
  return {spec.title + '\x1f' + feed_updated(in.archive, shown_in(spec)), {}};
}

std::string atom_feed(const SiteInput& in, const FeedSpec& spec) {
  const std::vector<std::size_t> shown = shown_in(spec);
  const std::string updated = feed_updated(in.archive, shown);
  const std::string page_url = xml_escape(absolute_url(in.config, spec.html_path));
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
         xml_escape(in.config.language) + "\">\n";
  out += "  <id>" + page_url + "</id>\n";
  out += "  <title>" + xml_escape(spec.title) + "</title>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <author><name>" + xml_escape(in.config.title) + "</name></author>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(absolute_url(in.config, spec.path)) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + page_url + "\"/>\n";
  out += "  <generator>newsarc</generator>\n";
  for (std::size_t i : shown) out += atom_entry(in, i, updated);
  out += "</feed>\n";
  return out;
}

namespace {

constexpr const char* kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

std::string urlset(const std::vector<std::string>& urls) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"";
  out += kSitemapNs;
  out += "\">\n";
  for (const auto& url : urls) out += "  <url><loc>" + xml_escape(url) + "</loc></url>\n";
  out += "</urlset>\n";
  return out;
}

std::string sitemap_index(const config::SiteConfig& config, std::size_t parts) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"";
  out += kSitemapNs;
  out += "\">\n";
  for (std::size_t n = 1; n <= parts; ++n) {
    out += "  <sitemap><loc>" + xml_escape(config.base_url) + "sitemap-" + std::to_string(n) +
           ".xml</loc></sitemap>\n";
  }
  out += "</sitemapindex>\n";
  return out;
}

}  // namespace

void add_sitemaps(const config::SiteConfig& config, const std::vector<Page>& pages,
                  std::map<std::string, std::string>& out, std::size_t max_urls) {
  std::vector<std::string> urls;
  for (const auto& page : pages) {
    if (page.path == "404.html") continue;
    urls.push_back(absolute_url(config, page.path));
  }
  std::sort(urls.begin(), urls.end());
  max_urls = std::max<std::size_t>(1, max_urls);
  if (urls.size() <= max_urls) {
    out["sitemap.xml"] = urlset(urls);
    return;
  }
  const std::size_t parts = (urls.size() + max_urls - 1) / max_urls;
  for (std::size_t n = 0; n < parts; ++n) {
    const auto begin = urls.begin() + n * max_urls;
    const auto end = urls.begin() + std::min(urls.size(), (n + 1) * max_urls);
    out["sitemap-" + std::to_string(n + 1) + ".xml"] = urlset({begin, end});
  }
  out["sitemap.xml"] = sitemap_index(config, parts);
}

}  // namespace newsarc::render
