// The event hub of `newsarc serve`, and the script that listens to it.
#include "site/serve.h"

namespace newsarc::site {

namespace {

// Served at /__newsarc/live.js, only by `newsarc serve`. Diagnostics are put
// in the page with textContent, never as HTML.
constexpr std::string_view kLiveScript = R"js(// newsarc serve: live reload.
(function () {
  'use strict';
  var script = document.currentScript;
  var build = script ? script.getAttribute('data-build') : null;
  var id = 'newsarc-live-overlay';
  function parse(e) {
    try { return JSON.parse(e.data); } catch (x) { return null; }
  }
  function box() {
    var el = document.getElementById(id);
    if (el) return el;
    el = document.createElement('div');
    el.id = id;
    el.setAttribute('role', 'alert');
    el.style.cssText = 'position:fixed;top:0;left:0;right:0;max-height:60vh;overflow:auto;' +
      'z-index:2147483647;background:#fff4f4;color:#111;border-bottom:3px solid #b00;' +
      'padding:1em;font:14px/1.5 ui-monospace,monospace;';
    document.body.appendChild(el);
    return el;
  }
  function show(state) {
    var old = document.getElementById(id);
    if (!state || !state.errors || state.errors.length === 0) {
      if (old) old.remove();
      return;
    }
    var el = box();
    el.textContent = '';
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'close');
    close.style.cssText = 'float:right;font-size:1.5em;';
    close.onclick = function () { el.remove(); };
    el.appendChild(close);
    var title = document.createElement('strong');
    title.textContent = state.failed
      ? 'newsarc: the build failed; the last good site is still served.'
      : 'newsarc: the build reported errors.';
    el.appendChild(title);
    state.errors.forEach(function (d) {
      var line = document.createElement('pre');
      line.style.whiteSpace = 'pre-wrap';
      line.textContent = d.location + ': error[' + d.code + ']: ' + d.message;
      el.appendChild(line);
    });
  }
  var events = new EventSource('/__newsarc/events');
  events.addEventListener('hello', function (e) {
    var state = parse(e);
    if (!state) return;
    if (build !== null && state.build !== build) { location.reload(); return; }
    build = state.build;
    show(state);
  });
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('build-error', function (e) { show(parse(e)); });
})();
)js";

}  // namespace

std::string_view live_script() {
  return kLiveScript;
}

void EventHub::publish(std::string name, std::string data) {
  {
    const std::lock_guard lock(mutex_);
    latest_ = {latest_.seq + 1, std::move(name), std::move(data)};
  }
  changed_.notify_all();
}

LiveEvent EventHub::latest() const {
  const std::lock_guard lock(mutex_);
  return latest_;
}

std::optional<LiveEvent> EventHub::wait_after(std::uint64_t seen,
                                              std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || latest_.seq != seen; });
  if (closed_) return std::nullopt;
  return latest_;
}

void EventHub::close() {
  {
    const std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

}  // namespace newsarc::site
