#pragma once
// The signed-request layer every Binance call goes through: the clock offset to the venue,
// timestamp + recvWindow + HMAC signature, and the venue's rate limits.
//
// Rate limits, as Binance documents them:
//  - every answer carries X-MBX-USED-WEIGHT-1M, the IP's weight used in the current minute;
//    near the limit (90 %) calls wait for the next minute, or fail as unavailable when that
//    is further away than max_wait;
//  - 429: "back off"; no call goes out until its Retry-After has passed (calls fail at once
//    as unavailable, so nothing piles up);
//  - 418: the IP is banned until Retry-After; every call fails with a clear error until then.
// -1021 (timestamp outside recvWindow) re-reads the venue's time and sends once more: the
// venue refused the first request before acting on it, so the repeat is safe.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "brokers/binance/signing.hpp"
#include "brokers/binance/venue.hpp"
#include "events/result.hpp"
#include "http/client/web_client.hpp"

namespace tvbot::binance {

// One HTTP exchange. Errors follow WebClient's codes ("connect_failed", "read_timeout", ...).
using Transport = std::function<Result<http::WebResponse>(
    std::string_view method, std::string_view target, std::string body, http::HeaderList headers,
    std::string_view content_type)>;

struct RestOptions {
  Venue venue = Venue::spot;
  std::string api_key;     // never logged, never in an error message
  std::string api_secret;  // likewise
  std::chrono::milliseconds recv_window{5000};  // Binance recommends 5000 or less
  int weight_limit = 0;  // REQUEST_WEIGHT per minute; 0: the venue's (spot 6000, futures 2400)
  std::chrono::milliseconds max_wait{2000};  // longest a call waits for the weight to refill
};

class RestClient {
 public:
  RestClient(RestOptions options, Transport transport);

  // Unsigned GET (market data, server time).
  [[nodiscard]] Result<http::WebResponse> get(std::string_view path, const QueryBuilder& params);
  // SIGNED request: parameters in the query string, then recvWindow, timestamp, signature.
  // Any HTTP status comes back as a response (its meaning is the caller's), except that the
  // rate-limit gate and the transport fail as Errors: broker_error::unavailable when nothing
  // was sent, broker_error::timeout when the request may have reached the venue.
  [[nodiscard]] Result<http::WebResponse> signed_request(std::string_view method,
                                                         std::string_view path,
                                                         const QueryBuilder& params);

  // Reads the venue's time: offset = server time - midpoint of the local send and receive.
  [[nodiscard]] Status sync_clock();
  [[nodiscard]] std::int64_t clock_offset_ms() const;
  [[nodiscard]] const RestOptions& options() const { return options_; }

 private:
  [[nodiscard]] Result<http::WebResponse> send(std::string_view method, const std::string& target,
                                               bool is_signed);
  [[nodiscard]] Status admit();
  void observe(const http::WebResponse& response);

  RestOptions options_;
  Transport transport_;
  mutable std::mutex mutex_;
  bool clock_synced_ = false;
  std::int64_t offset_ms_ = 0;
  std::int64_t used_weight_ = 0;
  std::int64_t weight_minute_ = 0;  // local minute the used weight belongs to
  std::chrono::system_clock::time_point blocked_until_{};
  bool banned_ = false;  // blocked by a 418 rather than a 429
};

}  // namespace tvbot::binance
