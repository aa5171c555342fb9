// PreviewServer: the site built in memory and served over HTTP, a watcher
// thread that rebuilds it, and the event stream that makes browsers reload.
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include <httplib.h>

#include "site/build_steps.h"
#include "site/serve.h"
#include "site/site.h"
#include "site/watch.h"

namespace newsarc::site {

namespace {

constexpr int kWorkerThreads = 32;  // each open event stream holds one
// Debian's httplib is a compiled library that listens with a backlog of 5:
// past it, a burst of connections (200 at once in the tests) waits for TCP
// retransmits, tens of seconds. listen() again on the bound socket raises it.
constexpr int kListenBacklog = 512;
constexpr std::chrono::seconds kPingEvery{15};

// Served for every path until a build succeeds; the overlay says why.
constexpr std::string_view kNoSitePage =
    "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>newsarc</title></head>\n"
    "<body>\n<p>newsarc: the site could not be built yet. It reloads by itself once the "
    "errors are fixed.</p>\n</body></html>\n";

// SO_REUSEADDR only: httplib's default, SO_REUSEPORT, would let a second
// server share a busy port instead of failing to bind.
void reuse_address_only(socket_t sock) {
  int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

// Where "/dates?x" is sent: "/dates/?x" (the target as the client wrote it).
std::string with_slash(const httplib::Request& req) {
  const std::size_t query = req.target.find('?');
  if (query == std::string::npos) return req.target + "/";
  return req.target.substr(0, query) + "/" + req.target.substr(query);
}

std::string bind_error(const std::string& bind, int port, int error) {
  const std::string where = url_host(bind) + ":" + std::to_string(port);
  if (error == EADDRINUSE) return "cannot listen on " + where + ": the port is already in use";
  return "cannot listen on " + where + (error != 0 ? ": " + std::string(std::strerror(error)) : "");
}

}  // namespace

std::string url_host(const std::string& bind) {
  if (bind.empty() || bind == "0.0.0.0" || bind == "::") return "localhost";
  return bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
}

/// The site being served and the id of the build that made it.
struct Served {
  std::shared_ptr<const render::RenderedSite> site;
  std::string build_id;
};

struct PreviewServer::Impl {
  BuildOptions build;
  ServeOptions serve;
  httplib::Server http;
  EventHub events;
  std::string session;  // tells this server's build ids from a restarted one's
  std::uint64_t builds = 0;
  mutable std::mutex served_mutex;
  Served served;
  std::mutex watch_mutex;
  std::condition_variable watch_wake;
  bool stopping = false;       // guarded by watch_mutex
  std::exception_ptr failure;  // what a rebuild threw; guarded by watch_mutex
  std::mutex join_mutex;
  std::thread watcher;
  std::atomic<bool> running{false};
  std::atomic<bool> stop_requested{false};
  // The socket httplib made last: once a bind succeeds, the listening one.
  std::atomic<socket_t> last_socket{INVALID_SOCKET};

  Served current() const {
    const std::lock_guard lock(served_mutex);
    return served;
  }
  void handle(const httplib::Request& req, httplib::Response& res) const;
  void send(const Served& now, const httplib::Request& req, httplib::Response& res) const;
  void stream_events(httplib::Response& res) const;
  void rebuild();
  void rebuild_carrying_failure();
  void watch(Debouncer debouncer);
  void request_stop();
};

void PreviewServer::Impl::handle(const httplib::Request& req, httplib::Response& res) const {
  res.set_header("Cache-Control", "no-store");
  if (req.path == kScriptPath) {
    res.set_content(std::string(live_script()), std::string(mime_type("live.js")));
  } else if (req.path == kEventsPath) {
    stream_events(res);
  } else {
    send(current(), req, res);
  }
}

void PreviewServer::Impl::send(const Served& now, const httplib::Request& req,
                               httplib::Response& res) const {
  const std::string html_type(mime_type("index.html"));
  if (now.site->empty()) {
    res.status = 503;
    res.set_content(inject_live_script(kNoSitePage, now.build_id), html_type);
    return;
  }
  const Lookup found = look_up(*now.site, req.path);
  res.status = found.status;
  if (found.status == 301) {
    res.set_header("Location", with_slash(req));
  } else if (found.file.empty()) {
    res.set_content("404 page not found\n", std::string(mime_type("404.txt")));
  } else if (found.file.ends_with(".html")) {
    res.set_content(inject_live_script(now.site->at(found.file), now.build_id), html_type);
  } else {
    res.set_content(now.site->at(found.file), std::string(mime_type(found.file)));
  }
}

// One stream per open page: "hello" with the latest state, then every newer
// event, and a comment now and then so a closed tab is noticed.
void PreviewServer::Impl::stream_events(httplib::Response& res) const {
  res.set_chunked_content_provider(
      "text/event-stream", [this, seen = std::uint64_t{0}, greeted = false](
                               std::size_t, httplib::DataSink& sink) mutable {
        std::string out;
        if (!greeted) {
          const LiveEvent latest = events.latest();
          seen = latest.seq;
          greeted = true;
          out = "retry: 1000\n\n" + format_event("hello", latest.data);
        } else if (const auto next = events.wait_after(seen, kPingEvery)) {
          out = next->seq == seen ? ": ping\n\n" : format_event(next->name, next->data);
          seen = next->seq;
        } else {
          sink.done();
          return true;
        }
        return sink.write(out.data(), out.size());
      });
}

void PreviewServer::Impl::rebuild() {
  base::Diagnostics diags;
  BuildReport report;
  auto site =
      std::make_shared<const render::RenderedSite>(build_in_memory_cached(build, diags, report));
  const bool failed = report.config_error;
  std::string id = session + "." + std::to_string(failed ? builds : ++builds);
  if (!failed) {
    const std::lock_guard lock(served_mutex);
    served = {std::move(site), id};
  }
  events.publish(failed ? "build-error" : "reload",
                 live_state_json(id, failed, diags, report.config.silence));
  if (serve.on_build) serve.on_build(diags, report);
}

// A third-party exception is carried to run()'s thread and rethrown there.
void PreviewServer::Impl::rebuild_carrying_failure() {
  try {
    rebuild();
  } catch (...) {
    {
      const std::lock_guard lock(watch_mutex);
      failure = std::current_exception();
    }
    request_stop();
  }
}

void PreviewServer::Impl::watch(Debouncer debouncer) {
  const auto paths = watched_paths(build);
  const std::chrono::milliseconds poll(serve.poll_ms);
  std::unique_lock lock(watch_mutex);
  while (!watch_wake.wait_for(lock, poll, [&] { return stopping; })) {
    lock.unlock();
    if (debouncer.observe(take_snapshot(paths), Debouncer::Clock::now()))
      rebuild_carrying_failure();
    lock.lock();
  }
}

void PreviewServer::Impl::request_stop() {
  if (stop_requested.exchange(true)) return;
  events.close();
  {
    const std::lock_guard lock(watch_mutex);
    stopping = true;
  }
  watch_wake.notify_all();
  // run() may have been entered but not be listening yet: wait until it is
  // (or has given up), or httplib's stop() would do nothing.
  while (running && !http.is_running()) std::this_thread::yield();
  http.stop();
}

PreviewServer::PreviewServer(BuildOptions build, ServeOptions serve)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.build = std::move(build);
  s.serve = std::move(serve);
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  s.session = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  s.served = {std::make_shared<const render::RenderedSite>(), s.session + ".0"};
  s.http.set_socket_options([&s](socket_t sock) {
    reuse_address_only(sock);
    s.last_socket = sock;
  });
  s.http.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  s.http.set_keep_alive_timeout(1);
  s.http.set_tcp_nodelay(true);  // headers and body go out in separate writes
  s.http.Get(".*",
             [&s](const httplib::Request& req, httplib::Response& res) { s.handle(req, res); });
}

PreviewServer::~PreviewServer() {
  stop();
}

base::Result<int> PreviewServer::start() {
  Impl& s = *impl_;
  errno = 0;
  const int port = s.serve.port == 0
                       ? s.http.bind_to_any_port(s.serve.bind)
                       : (s.http.bind_to_port(s.serve.bind, s.serve.port) ? s.serve.port : -1);
  if (port <= 0) return base::Error{"site/bind", bind_error(s.serve.bind, s.serve.port, errno)};
  ::listen(s.last_socket, kListenBacklog);
  if (s.build.base_url.empty())
    s.build.base_url = "http://" + url_host(s.serve.bind) + ":" + std::to_string(port) + "/";
  Debouncer debouncer(take_snapshot(watched_paths(s.build)),
                      std::chrono::milliseconds(s.serve.debounce_ms));
  s.rebuild();
  s.watcher = std::thread([&s, d = std::move(debouncer)]() mutable { s.watch(std::move(d)); });
  return port;
}

void PreviewServer::run() {
  Impl& s = *impl_;
  s.running = true;
  if (!s.stop_requested) s.http.listen_after_bind();
  s.running = false;
  std::exception_ptr failure;
  {
    const std::lock_guard lock(s.watch_mutex);
    failure = s.failure;
  }
  if (failure) std::rethrow_exception(failure);
}

void PreviewServer::stop() {
  Impl& s = *impl_;
  s.request_stop();
  const std::lock_guard lock(s.join_mutex);
  if (s.watcher.joinable() && s.watcher.get_id() != std::this_thread::get_id()) s.watcher.join();
}

}  // namespace newsarc::site
