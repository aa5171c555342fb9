#pragma once
// Internal to site: the parts of `newsarc serve` that are plain functions of
// their inputs (URL to site file, MIME types, the live-reload script and the
// event stream's messages), and the hub that hands events to open streams.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "render/render.h"

namespace newsarc::site {

/// Where the browser finds the event stream and the live-reload script.
inline constexpr std::string_view kEventsPath = "/__newsarc/events";
inline constexpr std::string_view kScriptPath = "/__newsarc/live.js";

/// What a request for a URL path gets.
struct Lookup {
  int status = 404;  ///< 200, 301 (add a trailing slash) or 404
  std::string file;  ///< the site file to send ("" = none)
};

/// The site path for a percent-decoded URL path ("/a/" -> "a/index.html"), or
/// nullopt when it could leave the site: "..", ".", empty segments, "\", NUL.
std::optional<std::string> site_path_for(std::string_view url_path);

/// 200 with the file; 301 when only "dir/index.html" exists for "/dir"; else
/// 404 with "404.html" when the site has one.
Lookup look_up(const render::RenderedSite& site, std::string_view url_path);

/// "text/html; charset=utf-8" for "a/index.html"; application/octet-stream when unknown.
std::string_view mime_type(std::string_view path);

/// `html` with the live-reload script tag before the last </body> (appended
/// when none); `build_id` names the build the page came from.
std::string inject_live_script(std::string_view html, std::string_view build_id);

/// The browser side of live reload: reloads on `reload`, shows `build-error`
/// diagnostics in an overlay (built with textContent only).
std::string_view live_script();

/// One server-sent event: "event: NAME\ndata: DATA\n\n".
std::string format_event(std::string_view name, std::string_view data);

/// What the browser is told about a build: {"build": id, "failed": bool,
/// "errors": [{"location": "content/a.txt:3:1", "code": …, "message": …}]};
/// silenced codes are left out and at most 50 errors are sent.
std::string live_state_json(std::string_view build_id, bool failed, const base::Diagnostics& diags,
                            const std::vector<std::string>& silence);

/// An event with its sequence number (0 = none published yet).
struct LiveEvent {
  std::uint64_t seq = 0;
  std::string name;
  std::string data;
};

/// Keeps the latest event and wakes every stream waiting for a newer one.
class EventHub {
 public:
  /// Replaces the latest event and wakes the waiters.
  void publish(std::string name, std::string data);
  /// The latest event.
  LiveEvent latest() const;
  /// Waits up to `timeout` for an event newer than `seen` and returns the
  /// latest (its seq equals `seen` on timeout); nullopt once closed.
  std::optional<LiveEvent> wait_after(std::uint64_t seen, std::chrono::milliseconds timeout) const;
  /// Wakes every waiter for good.
  void close();

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  LiveEvent latest_;
  bool closed_ = false;
};

}  // namespace newsarc::site
