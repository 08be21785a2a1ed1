#include "brokers/binance/rest_client.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <thread>

#include "brokers/binance/errors.hpp"
#include "brokers/binance/responses.hpp"
#include "brokers/broker.hpp"

namespace tvbot::binance {
namespace {

using Clock = std::chrono::system_clock;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
}

std::int64_t header_number(const http::WebResponse& response, std::string_view name,
                           std::int64_t fallback) {
  auto text = response.header(name);
  if (!text) return fallback;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) return fallback;
  return value;
}

// WebClient's error codes say whether the request can have left.
bool never_sent(const Error& error) {
  return error.code == "connect_failed" || error.code == "connect_timeout" ||
         error.code == "tls_failed" || error.code == "invalid_url";
}

}  // namespace

RestClient::RestClient(RestOptions options, Transport transport)
    : options_(std::move(options)), transport_(std::move(transport)) {
  if (options_.weight_limit <= 0) options_.weight_limit = options_.venue == Venue::spot ? 6000 : 2400;
}

std::int64_t RestClient::clock_offset_ms() const {
  std::lock_guard lock(mutex_);
  return offset_ms_;
}

Status RestClient::admit() {
  for (;;) {
    std::unique_lock lock(mutex_);
    const auto now = Clock::now();
    if (now < blocked_until_) {
      const auto seconds =
          std::chrono::duration_cast<std::chrono::seconds>(blocked_until_ - now).count() + 1;
      return make_error(std::string(broker_error::unavailable),
                        banned_ ? "IP banned by Binance (HTTP 418); no request is sent for another " +
                                      std::to_string(seconds) + " s"
                                : "rate limited by Binance (HTTP 429); backing off for another " +
                                      std::to_string(seconds) + " s");
    }
    const std::int64_t minute = now_ms() / 60'000;
    if (minute != weight_minute_ || used_weight_ * 10 < options_.weight_limit * 9) return {};
    // Near the minute's weight limit: wait for the next minute when that is soon enough.
    const auto wait = std::chrono::milliseconds((minute + 1) * 60'000 - now_ms());
    if (wait > options_.max_wait) {
      return make_error(std::string(broker_error::unavailable),
                        "request weight near Binance's limit (" + std::to_string(used_weight_) +
                            " of " + std::to_string(options_.weight_limit) +
                            " this minute); try again in " + std::to_string(wait.count()) + " ms");
    }
    lock.unlock();
    std::this_thread::sleep_for(wait);
  }
}

void RestClient::observe(const http::WebResponse& response) {
  std::lock_guard lock(mutex_);
  const std::int64_t used = header_number(response, "X-MBX-USED-WEIGHT-1M", -1);
  if (used >= 0) {
    used_weight_ = used;
    weight_minute_ = now_ms() / 60'000;
  }
  if (response.status == 429 || response.status == 418) {
    // Retry-After is in seconds; without one, a short pause rather than none.
    const std::int64_t seconds = header_number(response, "Retry-After", 1);
    blocked_until_ = Clock::now() + std::chrono::seconds(seconds);
    banned_ = response.status == 418;
    spdlog::warn("binance: HTTP {}; no requests for {} s", response.status, seconds);
  }
}

Result<http::WebResponse> RestClient::send(std::string_view method, const std::string& target,
                                           bool is_signed) {
  if (auto status = admit(); !status) return status.error();
  http::HeaderList headers;
  if (is_signed || !options_.api_key.empty()) headers.emplace_back("X-MBX-APIKEY", options_.api_key);
  auto response = transport_(method, target, {}, std::move(headers), {});
  if (!response) {
    const Error& error = response.error();
    if (never_sent(error)) {
      return make_error(std::string(broker_error::unavailable),
                        "Binance unreachable: " + error.message);
    }
    return make_error(std::string(broker_error::timeout),
                      "no complete answer from Binance (" + error.code + "): " + error.message);
  }
  observe(*response);
  return response;
}

Status RestClient::sync_clock() {
  const std::int64_t before = now_ms();
  auto response = send("GET", std::string(endpoints_of(options_.venue).time), false);
  const std::int64_t after = now_ms();
  if (!response) return response.error();
  if (response->status != 200) {
    return request_error(response->status, parse_api_error(response->body));
  }
  auto server_time = parse_server_time(response->body);
  if (!server_time) return server_time.error();
  std::lock_guard lock(mutex_);
  offset_ms_ = *server_time - (before + after) / 2;
  clock_synced_ = true;
  return {};
}

Result<http::WebResponse> RestClient::get(std::string_view path, const QueryBuilder& params) {
  std::string target(path);
  if (!params.empty()) target += "?" + params.encoded();
  return send("GET", target, false);
}

Result<http::WebResponse> RestClient::signed_request(std::string_view method,
                                                     std::string_view path,
                                                     const QueryBuilder& params) {
  bool synced = false;
  {
    std::lock_guard lock(mutex_);
    synced = clock_synced_;
  }
  if (!synced) {
    if (auto status = sync_clock(); !status) return status.error();
  }
  for (int attempt = 0;; ++attempt) {
    QueryBuilder full = params;
    full.add("recvWindow", std::to_string(options_.recv_window.count()));
    full.add("timestamp", std::to_string(now_ms() + clock_offset_ms()));
    const std::string target =
        std::string(path) + "?" + sign_query(options_.api_secret, full.encoded());
    auto response = send(method, target, true);
    if (!response || response->status < 400 || attempt > 0) return response;
    auto error = parse_api_error(response->body);
    if (!error || error->code != code::kTimestampOutsideRecvWindow) return response;
    spdlog::warn("binance: timestamp outside recvWindow; re-reading the server time");
    if (auto status = sync_clock(); !status) return status.error();
  }
}

}  // namespace tvbot::binance
