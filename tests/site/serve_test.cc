// PreviewServer on a free loopback port, spoken to with httplib's client; and
// the pure helpers behind it (URL paths, MIME types, script injection).
#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <latch>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "site/inline_site.h"
#include "site/serve.h"
#include "site/site.h"

namespace newsarc::site_test {
namespace {

namespace fs = std::filesystem;

// Invented text only. The theme is copied into the site (templates/, assets/) so
// that edits to the repository's templates cannot reach a running test.
constexpr std::string_view kSite = R"(
-- site.json --
{"title": "预览晚报", "description": "serve 测试"}
-- content/2023/bus.txt --
二七区新开一条公交线路

本报讯（记者 孙立群）2023年6月3日，二七区新开通一条公交线路，连接三个居民小区和一所中学。
)";

constexpr std::string_view k404 = R"({{> head}}
<main><p>预览：页面不存在</p></main>
{{> footer}}
)";

// A bounded wait: long enough for a loaded machine, short enough to fail.
constexpr std::chrono::seconds kPatience{60};

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Reads the event stream on its own thread; wait_for() returns the data of the
// next event with a name, or "" after kPatience.
class EventStream {
 public:
  explicit EventStream(int port) : client_("127.0.0.1", port) {
    client_.set_read_timeout(kPatience.count());
    reader_ = std::thread([this] {
      client_.Get(std::string(site::kEventsPath), [this](const char* data, std::size_t n) {
        const std::lock_guard lock(mutex_);
        buffer_.append(data, n);
        arrived_.notify_all();
        return true;
      });
    });
  }
  ~EventStream() {
    client_.stop();
    reader_.join();
  }

  std::string wait_for(std::string_view name) {
    std::unique_lock lock(mutex_);
    std::string data;
    arrived_.wait_for(lock, kPatience, [&] { return take(name, data); });
    return data;
  }

 private:
  // Consumes whole events up to and including the first named `name`.
  bool take(std::string_view name, std::string& data) {
    for (std::size_t end; (end = buffer_.find("\n\n")) != std::string::npos;) {
      const std::string event = buffer_.substr(0, end + 1);
      buffer_.erase(0, end + 2);
      if (!contains(event, "event: " + std::string(name) + "\n")) continue;
      const std::size_t at = event.find("data: ");
      data = event.substr(at + 6, event.find('\n', at) - at - 6);
      return true;
    }
    return false;
  }

  httplib::Client client_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::string buffer_;
  std::thread reader_;
};

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(NEWSARC_SOURCE_DIR "/templates", site_.root() / "templates",
             fs::copy_options::recursive);
    fs::copy(NEWSARC_SOURCE_DIR "/assets", site_.root() / "assets", fs::copy_options::recursive);
    site_.write_file("templates/404.mustache", k404);
    site::ServeOptions serve;
    serve.port = 0;
    serve.poll_ms = 20;
    serve.debounce_ms = 20;
    serve.on_build = [this](const base::Diagnostics&, const site::BuildReport& report) {
      const std::lock_guard lock(builds_mutex_);
      for (const site::Phase& phase : report.phases)
        if (phase.name == "ingest") ingest_details_.push_back(phase.detail);
      built_.notify_all();
    };
    server_ = std::make_unique<site::PreviewServer>(build_options(), serve);
    const auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
    serving_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (serving_.joinable()) serving_.join();
  }

  site::BuildOptions build_options() const {
    site::BuildOptions options;
    options.root = site_.root().string();
    options.templates_dir = "templates";
    options.jobs = 2;
    return options;
  }

  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_url_encode(false);  // send traversal attempts as written
    client.set_read_timeout(kPatience.count());
    return client.Get(path);
  }

  // What the ingest phase of build `n` (0 = the first) said of the cache, or
  // "" when that build did not end within kPatience.
  std::string ingest_detail(std::size_t n) {
    std::unique_lock lock(builds_mutex_);
    built_.wait_for(lock, kPatience, [&] { return ingest_details_.size() > n; });
    return ingest_details_.size() > n ? ingest_details_[n] : "";
  }

  InlineSite site_{kSite, {}};
  std::mutex builds_mutex_;
  std::condition_variable built_;
  std::vector<std::string> ingest_details_;
  std::unique_ptr<site::PreviewServer> server_;
  std::thread serving_;
  int port_ = 0;
};

TEST_F(ServeTest, PagesAndAssetsHaveTheirMimeTypes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/", "text/html; charset=utf-8"},
      {"/index.html", "text/html; charset=utf-8"},
      {"/assets/style.css", "text/css; charset=utf-8"},
      {"/atom.xml", "application/xml; charset=utf-8"},
      {"/records.json", "application/json; charset=utf-8"},
      {"/robots.txt", "text/plain; charset=utf-8"},
      {"/__newsarc/live.js", "text/javascript; charset=utf-8"},
  };
  for (const auto& [path, type] : cases) {
    const auto r = get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), type) << path;
  }
}

TEST_F(ServeTest, PagesComeFromMemoryWithTheLiveScript) {
  const auto r = get("/");
  ASSERT_TRUE(r);
  EXPECT_TRUE(contains(r->body, "预览晚报")) << r->body;
  EXPECT_TRUE(contains(r->body, "<script src=\"/__newsarc/live.js\" data-build=\"")) << r->body;
  EXPECT_FALSE(fs::exists(site_.root() / "public"));
  const auto script = get("/__newsarc/live.js");
  ASSERT_TRUE(script);
  EXPECT_TRUE(contains(script->body, "new EventSource('/__newsarc/events')"));
  EXPECT_FALSE(contains(script->body, "innerHTML"));
}

TEST_F(ServeTest, AFolderServesItsIndexAndGetsItsSlash) {
  const auto page = get("/dates/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "</html>"));
  const auto bare = get("/dates");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 301);
  EXPECT_EQ(bare->get_header_value("Location"), "/dates/");
  const auto query = get("/dates?page=2");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->get_header_value("Location"), "/dates/?page=2");
}

TEST_F(ServeTest, AMissingPageIsTheSites404PageWithStatus404) {
  const auto r = get("/no/such/page.html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(r->body, "预览：页面不存在")) << r->body;
  EXPECT_TRUE(contains(r->body, "/__newsarc/live.js"));
}

TEST_F(ServeTest, PathsThatCouldLeaveTheSiteAre404) {
  // Each would reach index.html or site.json if it were resolved, not refused.
  const std::vector<std::string> attempts = {
      "/../site.json",
      "/assets/../index.html",
      "/%2e%2e/site.json",
      "/%2E%2E/%2e%2e/etc/passwd",
      "/assets/%2e%2e/index.html",
      "/assets/..%2findex.html",
      "/assets\\..\\index.html",
      "/assets%5c..%5cindex.html",
      "/./index.html",
      "//index.html",
      "/index.html%00",
      "/assets/./style.css",
  };
  for (const std::string& path : attempts) {
    const auto r = get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_FALSE(contains(r->body, "\"title\"")) << path;
  }
}

TEST_F(ServeTest, TwoHundredConcurrentRequestsAllSucceed) {
  const std::vector<std::string> paths = {"/", "/assets/style.css", "/dates/", "/records.json",
                                          "/no-such-page"};
  std::atomic<int> wrong = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string& path = paths[static_cast<std::size_t>(t + i) % paths.size()];
        const auto r = get(path);
        const int expected = path == "/no-such-page" ? 404 : 200;
        if (!r || r->status != expected || r->body.empty()) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
}

TEST_F(ServeTest, TwoHundredRequestsAtOnceAllSucceed) {
  const std::vector<std::string> paths = {"/", "/assets/style.css", "/dates/", "/records.json",
                                          "/no-such-page"};
  constexpr int kRequests = 200;
  std::latch ready(kRequests);
  std::atomic<int> wrong = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      const std::string& path = paths[static_cast<std::size_t>(i) % paths.size()];
      ready.arrive_and_wait();  // every request is sent at the same moment
      const auto r = get(path);
      const int expected = path == "/no-such-page" ? 404 : 200;
      if (!r || r->status != expected || r->body.empty()) ++wrong;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
}

TEST_F(ServeTest, AContentChangeIsAReloadEventAndTheNewSiteIsServed) {
  EventStream events(port_);
  ASSERT_TRUE(contains(events.wait_for("hello"), "\"failed\":false"));
  site_.write_file("content/2023/market.md",
                   "---\ntitle: 中原区夜市重新开张\ndate: 2023-06-10\n---\n\n夜市重新开张。\n");
  const std::string reload = events.wait_for("reload");
  EXPECT_TRUE(contains(reload, "\"errors\":[]")) << reload;
  const auto r = get("/records.json");
  ASSERT_TRUE(r);
  EXPECT_TRUE(contains(r->body, "中原区夜市重新开张"));
}

TEST_F(ServeTest, ARebuildIngestsOnlyTheFilesThatChanged) {
  EventStream events(port_);
  ASSERT_FALSE(events.wait_for("hello").empty());
  EXPECT_EQ(ingest_detail(0), "0 of 1 files from the cache");
  site_.write_file("content/2023/market.md",
                   "---\ntitle: 中原区夜市重新开张\ndate: 2023-06-10\n---\n\n夜市重新开张。\n");
  ASSERT_FALSE(events.wait_for("reload").empty());
  EXPECT_EQ(ingest_detail(1), "1 of 2 files from the cache");
  site_.write_file("content/2023/market.md",
                   "---\ntitle: 中原区夜市延长营业\ndate: 2023-06-10\n---\n\n夜市延长营业。\n");
  ASSERT_FALSE(events.wait_for("reload").empty());
  EXPECT_EQ(ingest_detail(2), "1 of 2 files from the cache");
  const auto r = get("/records.json");
  ASSERT_TRUE(r);
  EXPECT_TRUE(contains(r->body, "中原区夜市延长营业"));
  EXPECT_FALSE(contains(r->body, "中原区夜市重新开张"));
  EXPECT_TRUE(contains(r->body, "二七区新开一条公交线路"));
}

TEST_F(ServeTest, ATemplateErrorIsAnErrorEventAndTheLastGoodSiteIsStillServed) {
  EventStream events(port_);
  ASSERT_FALSE(events.wait_for("hello").empty());
  site_.write_file("templates/index.mustache", "{{#never_closed}}\n");
  const std::string error = events.wait_for("build-error");
  EXPECT_TRUE(contains(error, "\"failed\":true")) << error;
  EXPECT_TRUE(contains(error, "\"location\":\"templates/index.mustache:1")) << error;
  EXPECT_TRUE(contains(error, "\"code\":\"render/template-error\"")) << error;
  const auto r = get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(contains(r->body, "预览晚报"));
  // A page loaded now is told about the error as soon as it connects.
  EventStream late(port_);
  EXPECT_TRUE(contains(late.wait_for("hello"), "render/template-error"));
}

TEST_F(ServeTest, ABusyPortIsASiteBindError) {
  site::ServeOptions serve;
  serve.port = port_;
  site::PreviewServer second(build_options(), serve);
  const auto bound = second.start();
  ASSERT_FALSE(bound);
  EXPECT_EQ(bound.error().code, "site/bind");
  EXPECT_TRUE(contains(bound.error().message, std::to_string(port_))) << bound.error().message;
}

TEST_F(ServeTest, TheBuildNeverHasTheLiveScript) {
  base::Diagnostics diags;
  const auto built = site::build_in_memory(build_options(), diags);
  ASSERT_TRUE(built.contains("index.html"));
  for (const auto& [path, bytes] : built) EXPECT_FALSE(contains(bytes, "__newsarc")) << path;
}

TEST(SitePathFor, MapsUrlPathsAndRefusesEscapes) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"/", "index.html"},
      {"/dates/", "dates/index.html"},
      {"/assets/style.css", "assets/style.css"},
      {"/dates", "dates"},
      {"/a/../b", std::nullopt},
      {"/..", std::nullopt},
      {"/./a", std::nullopt},
      {"//a", std::nullopt},
      {"/a//b", std::nullopt},
      {"/a\\b", std::nullopt},
      {std::string("/a\0b", 4), std::nullopt},
      {"a", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [url, expected] : cases) EXPECT_EQ(site::site_path_for(url), expected) << url;
}

TEST(LookUp, AnswersFromTheSiteMap) {
  const render::RenderedSite with_404 = {
      {"index.html", "i"}, {"dates/index.html", "d"}, {"404.html", "n"}};
  const render::RenderedSite without_404 = {{"index.html", "i"}};
  EXPECT_EQ(site::look_up(with_404, "/").file, "index.html");
  EXPECT_EQ(site::look_up(with_404, "/dates").status, 301);
  EXPECT_EQ(site::look_up(with_404, "/dates/").file, "dates/index.html");
  EXPECT_EQ(site::look_up(with_404, "/x").status, 404);
  EXPECT_EQ(site::look_up(with_404, "/x").file, "404.html");
  EXPECT_EQ(site::look_up(without_404, "/x").file, "");
  EXPECT_EQ(site::look_up(with_404, "/dates/../index.html").status, 404);
}

TEST(MimeType, KnowsTheSitesFileTypes) {
  EXPECT_EQ(site::mime_type("a/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(site::mime_type("assets/SEARCH.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(site::mime_type("sitemap.xml"), "application/xml; charset=utf-8");
  EXPECT_EQ(site::mime_type("assets/logo.png"), "image/png");
  EXPECT_EQ(site::mime_type("assets/logo.svg"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(site::mime_type("fonts/a.woff2"), "font/woff2");
  EXPECT_EQ(site::mime_type("LICENSE"), "application/octet-stream");
  EXPECT_EQ(site::mime_type("a.b/LICENSE"), "application/octet-stream");
}

TEST(InjectLiveScript, GoesBeforeTheLastBodyEndTag) {
  const std::string tag = "<script src=\"/__newsarc/live.js\" data-build=\"7.1\"></script>\n";
  EXPECT_EQ(site::inject_live_script("<p>x</p></body></html>", "7.1"),
            "<p>x</p>" + tag + "</body></html>");
  EXPECT_EQ(site::inject_live_script("<pre></body></pre></BODY>", "7.1"),
            "<pre></body></pre>" + tag + "</BODY>");
  EXPECT_EQ(site::inject_live_script("<p>no end tag", "7.1"), "<p>no end tag" + tag);
}

TEST(FormatEvent, PutsEachLineOfDataOnItsOwnDataLine) {
  EXPECT_EQ(site::format_event("reload", "{}"), "event: reload\ndata: {}\n\n");
  EXPECT_EQ(site::format_event("x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
}

TEST(LiveStateJson, SendsErrorsWithTheirLocationButNotSilencedOnes) {
  base::Diagnostics diags;
  diags.report(base::Severity::kError, "templates/a.mustache", 3, 2, "render/template-error",
               "<b>");
  diags.report(base::Severity::kWarning, "content/a.txt", 1, 1, "ingest/no-date", "no date");
  diags.report(base::Severity::kError, "content/b.txt", 0, 0, "text/undecodable", "bytes");
  const std::string json = site::live_state_json("9.2", true, diags, {"text/undecodable"});
  EXPECT_EQ(json, R"({"build":"9.2","errors":[{"code":"render/template-error",)"
                  R"("location":"templates/a.mustache:3:2","message":"<b>"}],"failed":true})");
}

}  // namespace
}  // namespace newsarc::site_test
