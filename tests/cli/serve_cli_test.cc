// `newsarc serve` as a process: it serves the site, stops cleanly on SIGINT
// and SIGTERM, and a busy port is a usage error with a hint.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <httplib.h>

#include "cli/binary_fixture.h"

extern char** environ;

namespace newsarc::cli_test {
namespace {

// Bounded waits: polls every 50 ms, gives up after a minute.
constexpr int kPolls = 1200;
constexpr std::chrono::milliseconds kPoll{50};

class ServeCliTest : public BinaryTest {
 protected:
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    BinaryTest::TearDown();
  }

  // Starts `newsarc serve --root work/site ARGS` with default signal handling,
  // no stdin, and its output in files.
  void start(const std::vector<std::string>& args) {
    std::vector<std::string> words = {NEWSARC_BINARY, "serve", "--root", (dir() / "site").string()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, out_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&files, 2, err_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, stop_signals;
    sigemptyset(&none);
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &stop_signals);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    ASSERT_EQ(::posix_spawn(&pid_, NEWSARC_BINARY, &files, &attr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
  }

  // The port from "Serving at http://127.0.0.1:PORT/", or 0 when the server
  // exited or did not say within the bounded wait.
  int wait_for_port() const {
    const std::string marker = "Serving at http://127.0.0.1:";
    for (int i = 0; i < kPolls; ++i) {
      const std::string out = read(out_path());
      const std::size_t at = out.find(marker);
      if (at != std::string::npos && out.find('/', at + marker.size()) != std::string::npos)
        return std::stoi(out.substr(at + marker.size()));
      if (::waitpid(pid_, nullptr, WNOHANG) != 0) return 0;
      std::this_thread::sleep_for(kPoll);
    }
    return 0;
  }

  // The exit code once the server has exited (within the bounded wait), else -1.
  int wait_for_exit() {
    for (int i = 0; i < kPolls; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(kPoll);
    }
    return -1;
  }

  std::string out_path() const { return (tmp() / "serve.out").string(); }
  std::string err_path() const { return (tmp() / "serve.err").string(); }

  pid_t pid_ = 0;
};

// A socket listening on a free loopback port, as another server would be.
class BusyPort {
 public:
  BusyPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 1) != 0) return;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      port_ = ntohs(addr.sin_port);
  }
  ~BusyPort() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

// The served page without the live-reload script tag.
std::string without_live_script(std::string page) {
  const std::size_t at = page.find("<script src=\"/__newsarc/live.js\"");
  if (at == std::string::npos) return page;
  return page.erase(at, page.find("</script>\n", at) + 10 - at);
}

TEST_F(ServeCliTest, ServesWhatBuildWouldWriteAndStopsCleanlyOnSigintAndSigterm) {
  for (const int signal : {SIGINT, SIGTERM}) {
    start({"--port", "0", "--base-url", "https://example.org/paper/"});
    const int port = wait_for_port();
    ASSERT_GT(port, 0) << read(out_path()) << read(err_path());
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(60);
    const auto page = client.Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "<script src=\"/__newsarc/live.js\"")) << page->body;
    const auto script = client.Get("/__newsarc/live.js");
    ASSERT_TRUE(script);
    EXPECT_EQ(script->status, 200);
    ASSERT_EQ(::kill(pid_, signal), 0);
    EXPECT_EQ(wait_for_exit(), 0) << signal << read(err_path());
    EXPECT_TRUE(contains(read(out_path()), "from 2 articles")) << read(out_path());
    EXPECT_TRUE(contains(read(out_path()), "Stopped.")) << read(out_path());
    ASSERT_FALSE(fs::exists(dir() / "site/public"));
    const Outcome built =
        run({"build", "--root", "site", "--base-url", "https://example.org/paper/"});
    ASSERT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(without_live_script(page->body), read(dir() / "site/public/index.html"));
    for (const auto& entry : fs::recursive_directory_iterator(dir() / "site/public"))
      if (entry.is_regular_file()) {
        EXPECT_FALSE(contains(read(entry.path()), "__newsarc")) << entry.path();
      }
    fs::remove_all(dir() / "site/public");
    fs::remove_all(dir() / "site/.newsarc-cache");  // the next build is a first build again
  }
}

TEST_F(ServeCliTest, ABusyPortExitsTwoWithAHint) {
  const BusyPort busy;
  ASSERT_GT(busy.port(), 0);
  start({"--port", std::to_string(busy.port())});
  EXPECT_EQ(wait_for_exit(), 2);
  const std::string err = read(err_path());
  EXPECT_TRUE(contains(err, "error[site/bind]")) << err;
  EXPECT_TRUE(contains(err, "127.0.0.1:" + std::to_string(busy.port()))) << err;
  EXPECT_TRUE(contains(err, "--port " + std::to_string(busy.port() + 1))) << err;
}

TEST_F(ServeCliTest, BadPortsAndFlagsAreUsageErrors) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--port", "70000"},
                                             {"--port", "-1"},
                                             {"--port", "many"},
                                             {"--jobs", "-1"},
                                             {"extra"}}) {
    start(args);
    EXPECT_EQ(wait_for_exit(), 2) << ::testing::PrintToString(args);
    EXPECT_FALSE(read(err_path()).empty()) << ::testing::PrintToString(args);
  }
}

TEST_F(ServeCliTest, HelpNamesTheOptions) {
  const Outcome r = run({"serve", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"newsarc serve", "--port", "--bind", "--base-url", "reload"})
    EXPECT_TRUE(contains(r.out, word)) << word << "\n" << r.out;
  EXPECT_TRUE(contains(run({"--help"}).out, "serve"));
}

}  // namespace
}  // namespace newsarc::cli_test
