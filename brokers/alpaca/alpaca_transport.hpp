#pragma once
// The HTTP side of the Alpaca adapter: the two clients (trading, market data), the key
// headers, the request budget and Alpaca's 429s, and what a failed exchange means for the
// Broker interface's error codes.
//
// Transport failures:
//   not sent (connect_failed, connect_timeout, tls_failed, invalid_request) -> unavailable
//   may have arrived (send_failed, read/write_timeout, receive_failed, ...)   -> timeout
// HTTP 429 -> unavailable, and no further request leaves before X-Ratelimit-Reset.
// Error messages name the operation and the status, never the headers (the keys).
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "brokers/alpaca/alpaca_options.hpp"
#include "events/result.hpp"
#include "http/client/web_client.hpp"

namespace tvbot::alpaca {

enum class Api : std::uint8_t { trading, market_data };

class AlpacaTransport {
 public:
  // Errors: the WebClient's "invalid_url" / "tls_setup_failed"; "invalid_config" for
  // missing keys.
  [[nodiscard]] static Result<std::unique_ptr<AlpacaTransport>> create(const AlpacaOptions& options);

  // Any status but 429 is a result for the caller to judge.
  [[nodiscard]] Result<http::WebResponse> call(Api api, std::string_view method,
                                               std::string_view target, std::string body = {});

 private:
  AlpacaTransport(const AlpacaOptions& options, std::unique_ptr<http::WebClient> trading,
                  std::unique_ptr<http::WebClient> data);
  // Takes one request from the budget; false when it is spent or Alpaca said 429.
  [[nodiscard]] bool admit(std::string& why);
  void pause_after_429(const http::WebResponse& response);

  AlpacaOptions options_;
  std::unique_ptr<http::WebClient> trading_;
  std::unique_ptr<http::WebClient> data_;
  std::mutex mutex_;
  std::int64_t tokens_milli_ = 0;  // budget in thousandths of a request, refilled continuously
  std::chrono::steady_clock::time_point refilled_at_;
  std::chrono::steady_clock::time_point paused_until_;
};

// The error for an answer a caller did not expect: 5xx -> timeout (the call may have taken
// effect), 401/403/400/422 -> rejected, 404 -> not_found, others -> unavailable.
[[nodiscard]] Error status_error(const http::WebResponse& response, std::string_view what);

// RFC 3986 percent-encoding of everything but unreserved characters, for paths and queries.
[[nodiscard]] std::string url_encode(std::string_view text);

}  // namespace tvbot::alpaca
