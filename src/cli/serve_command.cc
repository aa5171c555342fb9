// `newsarc serve`: the site built in memory and served on 127.0.0.1 with live
// reload, until Ctrl-C.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cxxopts.hpp>
#include <exception>
#include <iostream>
#include <thread>

#include "cli/commands.h"

namespace newsarc::cli {

namespace {

constexpr int kMaxPort = 65535;

cxxopts::Options serve_options() {
  cxxopts::Options o("newsarc serve",
                     "Build the site in memory and serve it at http://127.0.0.1:1313/. Content,\n"
                     "templates, assets and the config are watched: the site is rebuilt when\n"
                     "they change and open pages reload by themselves; a failed build is shown\n"
                     "in the page while the last good site is still served. Nothing is written\n"
                     "to the output folder.");
  add_site_flags(o);
  o.add_options()("bind", "address to listen on",
                  cxxopts::value<std::string>()->default_value("127.0.0.1"))(
      "p,port", "port to listen on (0 = any free port)",
      cxxopts::value<int>()->default_value("1313"));
  return o;
}

// Prints what each build reported: diagnostics, then the summary line.
site::ServeOptions serve_settings(const cxxopts::ParseResult& args, const PrintOptions& print) {
  site::ServeOptions s;
  s.bind = args["bind"].as<std::string>();
  s.port = args["port"].as<int>();
  s.on_build = [print](const base::Diagnostics& diags, const site::BuildReport& report) {
    PrintOptions options = print;
    options.silence = report.config.silence;
    const Tally tally = print_diagnostics(diags, options, std::cerr);
    if (report.config_error)
      std::cerr
          << "newsarc serve: the build failed; open pages show why, and the last good site (if "
             "any) is still served\n";
    if (print.verbosity == Verbosity::kVerbose)
      for (const site::Phase& phase : report.phases) std::cout << phase_line(phase) << '\n';
    if (!report.config_error && print.verbosity != Verbosity::kQuiet)
      std::cout << summary_line(report, tally) << '\n';
    std::cout.flush();
  };
  return s;
}

// SIGINT and SIGTERM, blocked in this thread and every thread started after,
// so that only wait_for_stop() receives them. Returns the previous mask.
sigset_t block_stop_signals(const sigset_t& signals) {
  sigset_t previous;
  ::pthread_sigmask(SIG_BLOCK, &signals, &previous);
  return previous;
}

// Returns on SIGINT or SIGTERM, or once the server has stopped by itself.
void wait_for_stop(const sigset_t& signals, const std::atomic<bool>& server_done) {
  const timespec poll = {0, 200'000'000};
  while (!server_done && ::sigtimedwait(&signals, nullptr, &poll) < 0) {
  }
}

int bind_failed(const base::Error& error, int port) {
  std::cerr << "newsarc serve: error[" << error.code << "]: " << error.message << '\n';
  if (port > 0 && port < kMaxPort)
    std::cerr << "hint: is another server running? Stop it, or use --port " << port + 1 << '\n';
  return kExitUsage;
}

// Serves on another thread until a stop signal; rethrows what serving threw.
void serve_until_stopped(site::PreviewServer& server, const sigset_t& signals) {
  std::atomic<bool> done = false;
  std::exception_ptr failure;
  std::thread serving([&] {
    try {
      server.run();
    } catch (...) {
      failure = std::current_exception();
    }
    done = true;
  });
  wait_for_stop(signals, done);
  server.stop();
  serving.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

int run_serve(int argc, char** argv) {
  cxxopts::Options options = serve_options();
  const cxxopts::ParseResult args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help();
    return kExitOk;
  }
  if (const std::string problem = site_flags_problem(args); !problem.empty())
    return usage_error("serve", problem);
  const int port = args["port"].as<int>();
  if (port < 0 || port > kMaxPort) return usage_error("serve", "--port must be 0 to 65535");
  const site::BuildOptions build = site_options_from(args);
  const PrintOptions print{verbosity_from(args), use_colour(), {}, build.root};
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  const sigset_t previous = block_stop_signals(signals);
  site::PreviewServer server(build, serve_settings(args, print));
  const auto bound = server.start();
  if (!bound) {
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return bind_failed(bound.error(), port);
  }
  std::cout << "Serving at http://" << site::url_host(args["bind"].as<std::string>()) << ":"
            << *bound << "/ (press Ctrl-C to stop)" << std::endl;
  serve_until_stopped(server, signals);
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  std::cout << "Stopped.\n";
  return kExitOk;
}

}  // namespace newsarc::cli
