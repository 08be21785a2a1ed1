#include "tests/ops/alert_load.hpp"

#include <chrono>
#include <regex>

#include "http/server/http_client.hpp"

namespace tvbot::ops_test {

AlertLoad::AlertLoad(std::uint16_t port, std::string secret, unsigned threads)
    : port_(port), secret_(std::move(secret)) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, i] { run(i); });
}

AlertLoad::~AlertLoad() { stop(); }

void AlertLoad::stop() {
  stop_ = true;
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

bool AlertLoad::wait_for_acks(std::size_t count, int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (acks() < count) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

std::size_t AlertLoad::acks() const {
  std::lock_guard lock(mutex_);
  return acked_.size();
}

std::vector<Acknowledged> AlertLoad::acknowledged() const {
  std::lock_guard lock(mutex_);
  return acked_;
}

std::vector<std::string> AlertLoad::unexpected() const {
  std::lock_guard lock(mutex_);
  return unexpected_;
}

void AlertLoad::run(unsigned thread) {
  // A sequence that opens, adds to, reverses and closes positions on both streams.
  static const char* const kActions[] = {"buy", "buy", "sell", "close", "sell", "buy", "close"};
  static const char* const kTickers[] = {"BINANCE:BTCUSDT.P", "ETHUSDT"};
  static const std::regex kAccepted(
      R"re("event_id":(\d+),"stream":"([^"]+)","stream_seq":(\d+))re");
  http::ClientOptions options;
  options.timeout = std::chrono::milliseconds(15000);  // a sanitizer build under load is slow
  http::HttpClient client("127.0.0.1", port_, options);
  for (std::uint64_t n = 0; !stop_; ++n) {
    const std::string id = "load-" + std::to_string(thread) + "-" + std::to_string(n);
    const std::string body = std::string(R"({"action":")") + kActions[n % 7] +
                             R"(","ticker":")" + kTickers[(n + thread) % 2] +
                             R"(","qty":"0.01","id":")" + id + R"(","secret":")" + secret_ + "\"}";
    auto response = client.post("/webhook/alpha", body);
    if (!response.ok()) {
      ++transport_failures_;
      // The server is going away (SIGTERM): refused connections end this client.
      if (response.error().code == "connect_failed") return;
      continue;
    }
    std::smatch match;
    std::lock_guard lock(mutex_);
    if (response->status == 202 && std::regex_search(response->body, match, kAccepted)) {
      acked_.push_back(Acknowledged{id, std::stoull(match[1]), match[2], std::stoull(match[3])});
    } else if (response->status != 429) {
      unexpected_.push_back(std::to_string(response->status) + " " + response->body);
    }
  }
}

}  // namespace tvbot::ops_test
