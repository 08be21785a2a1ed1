// Protection through the real `tvbot serve`: an alert with a stop-loss opens a long, the
// admin API moves the paper price through the stop, and the server's own price monitor
// closes the position with reason stop_loss at the paper price, P&L exact.
//
// Numbers (e2e_support.hpp): buy 0.01 BTC at 60000 fills at 60060, fee 0.3003; stop 2% of
// the entry = 58858.8. The price moves to 58000: the sell fills at 57942 (10 bps), fee
// 0.01 * 57942 * 5 bps = 0.28971; gross (57942 - 60060) * 0.01 = -21.18.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "tests/e2e/serve_fixture.hpp"

namespace tvbot::e2e {
namespace {

constexpr std::string_view kStream = "alpha/BTCUSDT";
constexpr std::string_view kAdminToken = "admin-e2e-token-5d1c";

// A port the kernel just handed out and took back: free unless another process grabs it
// in the moment before the server binds it, which a test run can live with.
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    if (fd >= 0) ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

class ServeProtection : public ServeFixture {
 protected:
  // The shared test config, with a fast price monitor and the admin API on `admin_port`.
  void start_with_admin(const ServerDir& dir, std::uint16_t admin_port) {
    std::string config = test_config_text();
    const std::string broker = "name = \"paper\"\nkind = \"paper\"\n";
    const auto at = config.find(broker);
    ASSERT_NE(at, std::string::npos);
    config.insert(at + broker.size(), "monitor_interval_ms = 50\n");
    config += "\n[admin]\nenabled = true\nport = " + std::to_string(admin_port) +
              "\ntoken_env = \"TVBOT_E2E_ADMIN_TOKEN\"\n";
    std::ofstream(dir.root() / "tvbot.toml", std::ios::trunc) << config;
    auto launch = dir.launch();
    launch.env.emplace_back("TVBOT_E2E_ADMIN_TOKEN", std::string(kAdminToken));
    auto started = ServeProcess::start(launch);
    ASSERT_TRUE(started.ok()) << started.error().message;
    server_ = std::move(started).value();
    client_.emplace("127.0.0.1", server_->port());
    admin_.emplace("127.0.0.1", admin_port);
  }

  void set_paper_price(std::string_view price) {
    auto response = admin_->request(
        "POST", "/admin/paper/paper/price",
        R"({"symbol":"BTCUSDT","price":")" + std::string(price) + "\"}",
        {{"Authorization", "Bearer " + std::string(kAdminToken)},
         {"Content-Type", "application/json"}});
    ASSERT_TRUE(response.ok()) << response.error().message;
    ASSERT_EQ(response->status, 200u) << response->body;
  }

  std::optional<http::HttpClient> admin_;
};

TEST_F(ServeProtection, A_stop_loss_from_the_alert_closes_the_long_when_the_paper_price_falls_through_it) {
  const std::uint16_t admin_port = free_port();
  ASSERT_NE(admin_port, 0u);
  ServerDir dir(temp_.path() / "server");
  ASSERT_NO_FATAL_FAILURE(start_with_admin(dir, admin_port));

  const auto accepted = post("alpha", R"({"action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01",)"
                                      R"("sl":"2%","secret":")" + std::string(kAlphaSecret) + "\"}");
  ASSERT_EQ(accepted.status, 202u) << accepted.body;
  ASSERT_TRUE(wait_until_settled(dir.data_dir(), kStream, 1).ok()) << server_->log_tail();
  ASSERT_NO_FATAL_FAILURE(set_paper_price("58859"));  // just above the stop: nothing
  ASSERT_NO_FATAL_FAILURE(set_paper_price("58000"));

  std::vector<Event> stream;
  const auto deadline = std::chrono::steady_clock::now() + kSettleTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto log = read_log(dir.data_dir());
    ASSERT_TRUE(log.ok()) << log.error().message;
    stream = events_of(*log, kStream);
    const StreamState state = fold(kStream, stream);
    if (state.net.is_flat() && state.pending.empty() && state.net.cycle == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling the log, bounded
  }

  const PositionClosed* closed = nullptr;
  std::size_t stop_exits = 0;
  for (const auto& event : stream) {
    if (const auto* c = std::get_if<PositionClosed>(&event.payload)) closed = c;
    if (const auto* o = std::get_if<OrderRequested>(&event.payload)) {
      stop_exits += o->reason == OrderReason::stop_loss;
    }
  }
  ASSERT_NE(closed, nullptr) << describe(stream) << "\n" << server_->log_tail();
  EXPECT_EQ(closed->exit_reason, OrderReason::stop_loss);
  EXPECT_EQ(closed->price, price("57942"));
  EXPECT_EQ(closed->realized_gross, money("-21.18"));
  EXPECT_EQ(closed->cycle_fees, money("0.59001"));
  EXPECT_EQ(closed->cycle_realized_net, money("-21.77001"));
  EXPECT_EQ(stop_exits, 1u);
  ASSERT_NO_FATAL_FAILURE(stop());
}

}  // namespace
}  // namespace tvbot::e2e
