#include "brokers/alpaca/alpaca_transport.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "brokers/alpaca/alpaca_messages.hpp"
#include "brokers/broker.hpp"

namespace tvbot::alpaca {
namespace {

using Clock = std::chrono::steady_clock;

bool not_sent(std::string_view code) {
  return code == "connect_failed" || code == "connect_timeout" || code == "tls_failed" ||
         code == "invalid_request";
}

}  // namespace

Result<std::unique_ptr<AlpacaTransport>> AlpacaTransport::create(const AlpacaOptions& options) {
  if (options.api_key_id.empty() || options.api_secret_key.empty()) {
    return make_error("invalid_config", "alpaca: api key id and secret key are required");
  }
  if (options.max_requests_per_minute == 0) {
    return make_error("invalid_config", "alpaca: max_requests_per_minute must be positive");
  }
  auto trading = http::WebClient::create(options.base_url, options.http);
  if (!trading.ok()) return trading.error();
  auto data = http::WebClient::create(options.data_base_url, options.http);
  if (!data.ok()) return data.error();
  return std::unique_ptr<AlpacaTransport>(
      new AlpacaTransport(options, std::move(trading).value(), std::move(data).value()));
}

AlpacaTransport::AlpacaTransport(const AlpacaOptions& options,
                                 std::unique_ptr<http::WebClient> trading,
                                 std::unique_ptr<http::WebClient> data)
    : options_(options),
      trading_(std::move(trading)),
      data_(std::move(data)),
      tokens_milli_(static_cast<std::int64_t>(options.max_requests_per_minute) * 1000),
      refilled_at_(Clock::now()) {}

// A token bucket of max_requests_per_minute, refilled continuously: with 200 a minute, one
// request every 300 ms comes back (200 * 1000 milli-requests / 60000 ms = 3.33 per ms).
bool AlpacaTransport::admit(std::string& why) {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  if (now < paused_until_) {
    why = "alpaca: rate limited (HTTP 429); waiting for the limit to reset";
    return false;
  }
  const auto capacity = static_cast<std::int64_t>(options_.max_requests_per_minute) * 1000;
  const auto elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - refilled_at_).count();
  if (elapsed_ms > 0) {
    const auto refill = elapsed_ms * capacity / 60'000;
    if (refill > 0) {
      tokens_milli_ = std::min(capacity, tokens_milli_ + refill);
      refilled_at_ = now;
    }
  }
  if (tokens_milli_ < 1000) {
    why = "alpaca: local request budget spent (" +
          std::to_string(options_.max_requests_per_minute) + "/min); try again shortly";
    return false;
  }
  tokens_milli_ -= 1000;
  return true;
}

// Alpaca sends X-Ratelimit-Reset as Unix seconds. A missing, unreadable, past or far
// (over a minute: the window is one minute) value means the configured short pause.
void AlpacaTransport::pause_after_429(const http::WebResponse& response) {
  auto pause = options_.rate_limit_pause;
  if (auto reset = response.header("X-Ratelimit-Reset")) {
    std::int64_t epoch = 0;
    const auto [end, ec] = std::from_chars(reset->data(), reset->data() + reset->size(), epoch);
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    if (ec == std::errc() && end == reset->data() + reset->size() && epoch > now &&
        epoch - now <= 60) {
      pause = std::chrono::seconds(epoch - now);
    }
  }
  std::lock_guard lock(mutex_);
  paused_until_ = std::max(paused_until_, Clock::now() + pause);
}

Result<http::WebResponse> AlpacaTransport::call(Api api, std::string_view method,
                                                std::string_view target, std::string body) {
  std::string why;
  if (!admit(why)) return make_error(std::string(broker_error::unavailable), why);
  http::HeaderList headers;
  headers.emplace_back("APCA-API-KEY-ID", options_.api_key_id);
  headers.emplace_back("APCA-API-SECRET-KEY", options_.api_secret_key);
  headers.emplace_back("Accept", "application/json");
  auto& client = api == Api::trading ? *trading_ : *data_;
  const bool has_body = !body.empty();
  auto response = client.request(method, target, std::move(body), std::move(headers),
                                 has_body ? "application/json" : "");
  if (!response.ok()) {
    const auto& error = response.error();
    // The WebClient's messages name host and port only, never headers.
    return make_error(std::string(not_sent(error.code) ? broker_error::unavailable
                                                       : broker_error::timeout),
                      "alpaca " + std::string(method) + ": " + error.message + " (" +
                          error.code + ")");
  }
  if (response->status == 429) {
    pause_after_429(*response);
    return make_error(std::string(broker_error::unavailable),
                      "alpaca " + std::string(method) + ": rate limited (HTTP 429)");
  }
  return response;
}

Error status_error(const http::WebResponse& response, std::string_view what) {
  const auto body = parse_error(response.body);
  std::string message = "alpaca " + std::string(what) + ": HTTP " +
                        std::to_string(response.status) +
                        (body.message.empty() ? "" : ": " + body.message);
  std::string_view code = broker_error::unavailable;
  if (response.status >= 500) {
    code = broker_error::timeout;
  } else if (response.status == 404) {
    code = broker_error::not_found;
  } else if (response.status == 400 || response.status == 401 || response.status == 403 ||
             response.status == 422) {
    code = broker_error::rejected;
  }
  return make_error(std::string(code), std::move(message));
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

}  // namespace tvbot::alpaca
