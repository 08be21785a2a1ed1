// systemd's notify protocol, with this test in systemd's place: it binds a unix datagram
// socket, hands it to the real `tvbot serve` as NOTIFY_SOCKET with WATCHDOG_USEC set, and
// checks READY=1 (sent once the server answers on its port), periodic WATCHDOG=1 pings
// at about half of WATCHDOG_USEC, and STOPPING=1 on SIGTERM followed by exit 0.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <regex>

#include "http/server/http_client.hpp"
#include "tests/e2e/serve_process.hpp"
#include "tests/ops/ops_support.hpp"

namespace tvbot::ops_test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Datagram {
  std::string text;
  Clock::time_point at;
};

// The receiving end of NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    bound_ = fd_ >= 0 && bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~NotifySocket() {
    if (fd_ >= 0) close(fd_);
  }
  [[nodiscard]] bool bound() const { return bound_; }

  // The next datagram, or nullopt after `timeout`.
  std::optional<Datagram> receive(std::chrono::milliseconds timeout) {
    pollfd waiting{fd_, POLLIN, 0};
    if (poll(&waiting, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    char buffer[4096];
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n < 0) return std::nullopt;
    return Datagram{std::string(buffer, static_cast<std::size_t>(n)), Clock::now()};
  }

  // Datagrams until one contains `wanted` (returned last), or an empty optional at `timeout`.
  std::optional<std::vector<Datagram>> until(std::string_view wanted, std::chrono::milliseconds timeout) {
    std::vector<Datagram> seen;
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      auto next = receive(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
      if (!next) break;
      seen.push_back(*next);
      if (next->text.find(wanted) != std::string::npos) return seen;
    }
    return std::nullopt;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool bound_ = false;
};

TEST(SdNotify, Ready_after_listening_watchdog_pings_and_stopping_on_sigterm) {
  e2e::TempDir temp;
  LoadServerDir dir(temp.path());
  NotifySocket notify(temp.path() / "notify.sock");
  ASSERT_TRUE(notify.bound()) << std::strerror(errno);
  constexpr auto kWatchdog = 1000ms;  // pings expected every 500 ms
  auto launch = dir.launch();
  launch.env.emplace_back("NOTIFY_SOCKET", (temp.path() / "notify.sock").string());
  launch.env.emplace_back("WATCHDOG_USEC", std::to_string(
                                               std::chrono::microseconds(kWatchdog).count()));
  auto server = e2e::ServeProcess::start(launch);
  ASSERT_TRUE(server.ok()) << server.error().message;

  auto ready = notify.until("READY=1", 30s);
  ASSERT_TRUE(ready) << "no READY=1\n" << (*server)->log_tail();
  ASSERT_EQ(ready->size(), 1u) << "READY=1 is the first notification: " << ready->front().text;
  // READY names the port it listens on, and that port answers: READY came after the listen.
  std::smatch match;
  const std::string text = ready->back().text;
  ASSERT_TRUE(std::regex_search(text, match, std::regex(R"(STATUS=listening on 127\.0\.0\.1:(\d+))")))
      << text;
  EXPECT_EQ(std::stoul(match[1]), (*server)->port());
  http::HttpClient client("127.0.0.1", (*server)->port());
  auto health = client.get("/healthz");
  ASSERT_TRUE(health.ok()) << health.error().message;
  EXPECT_EQ(health->status, 200u);

  // Watchdog pings for 3 s: about 6 at 500 ms; each gap well inside WATCHDOG_USEC.
  std::vector<Clock::time_point> pings;
  const auto window_end = Clock::now() + 3s;
  while (Clock::now() < window_end) {
    auto next = notify.receive(std::chrono::duration_cast<std::chrono::milliseconds>(window_end - Clock::now()));
    if (!next) break;
    EXPECT_EQ(next->text, "WATCHDOG=1");
    pings.push_back(next->at);
  }
  EXPECT_GE(pings.size(), 4u);
  EXPECT_LE(pings.size(), 8u) << "pings at half of WATCHDOG_USEC, not a busy loop";
  for (std::size_t i = 1; i < pings.size(); ++i) {
    EXPECT_LT(pings[i] - pings[i - 1], kWatchdog) << "gap before ping " << i;
  }

  std::thread stopper([&server] {
    auto exit_code = (*server)->terminate(30s);
    EXPECT_TRUE(exit_code.ok() && *exit_code == 0) << (*server)->log_tail();
  });
  auto stopping = notify.until("STOPPING=1", 30s);
  stopper.join();
  EXPECT_TRUE(stopping) << "no STOPPING=1 after SIGTERM";
}

// WATCHDOG_PID names another process: that process, not this one, is watched; no pings.
TEST(SdNotify, No_pings_when_the_watchdog_is_for_another_pid) {
  e2e::TempDir temp;
  LoadServerDir dir(temp.path());
  NotifySocket notify(temp.path() / "notify.sock");
  ASSERT_TRUE(notify.bound());
  auto launch = dir.launch();
  launch.env.emplace_back("NOTIFY_SOCKET", (temp.path() / "notify.sock").string());
  launch.env.emplace_back("WATCHDOG_USEC", "200000");
  launch.env.emplace_back("WATCHDOG_PID", "1");
  auto server = e2e::ServeProcess::start(launch);
  ASSERT_TRUE(server.ok()) << server.error().message;
  ASSERT_TRUE(notify.until("READY=1", 30s));
  auto extra = notify.receive(1000ms);
  EXPECT_FALSE(extra) << "unexpected: " << extra->text;
  auto exit_code = (*server)->terminate();
  ASSERT_TRUE(exit_code.ok());
  EXPECT_EQ(*exit_code, 0);
}

}  // namespace
}  // namespace tvbot::ops_test
