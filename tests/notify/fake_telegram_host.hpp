#pragma once
// Puts a FakeTelegram on a real loopback socket (plain HTTP through the project's Beast
// server), and a Transport that reaches it through a real HTTP client.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "actors/notify/telegram_sender.hpp"
#include "http/server/server.hpp"
#include "tests/notify/fake_telegram.hpp"

namespace tvbot::notify::test {

class PlainFakeTelegramHost {
 public:
  // Listens on 127.0.0.1 with a port the OS picks; throws when it cannot.
  explicit PlainFakeTelegramHost(FakeTelegram& fake);
  ~PlainFakeTelegramHost();
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  // Stops listening and closes every connection: "Telegram is down" from here on.
  void shut_down();

 private:
  std::unique_ptr<http::Server> server_;
};

// A Transport over the blocking test client (plain HTTP, one connection, kept alive).
[[nodiscard]] Transport plain_http_transport(
    std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(2));

}  // namespace tvbot::notify::test
