#pragma once
// One webhook request -> accept (with everything the ingress router needs) or reject (with
// status, code and message). No sockets, no clock, no Beast: the server copies the request
// into a WebhookRequest and writes back what this returns.
//
// Checks, cheapest and least revealing first:
//   405 method, 404 path, 413 size, 400 client address (X-Forwarded-For), 429 per address,
//   415/400 content type and syntax, 404 bot (URL or body), 403 allowlist, 401 credentials,
//   429 per bot, 422 meaning, 422 paused, 422 stale.
// Credentials are checked before meaning, so a sender without the secret learns only that
// its JSON parsed. The per-bot limit counts authenticated requests only, so nobody but the
// bot's owner can use up its budget. Duplicates are not judged here: the ingress router owns the DedupeWindow
// (it knows the event that recorded the first alert); this only computes the key.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "events/event_types.hpp"
#include "http/webhook/alert_parser.hpp"
#include "http/webhook/alert_reader.hpp"
#include "http/webhook/bot_directory.hpp"
#include "http/webhook/ip_allowlist.hpp"
#include "http/webhook/rate_limiter.hpp"
#include "http/webhook/rejection_log.hpp"

namespace tvbot::webhook {

struct WebhookRequest {
  std::string_view method;
  std::string_view target;         // "/webhook/bot1/t0ken"
  std::string_view content_type;
  std::string_view forwarded_for;  // X-Forwarded-For, several headers joined with ','
  std::string_view signature;      // the header named WebhookHandlerConfig::signature_header
  std::string_view body;
  std::string_view peer_ip;        // the socket's remote address
  Timestamp now = 0;
};

struct WebhookReject {
  int http_status = 400;
  std::string code;
  std::string message;                  // safe to send and to log: never holds a secret
  std::int64_t retry_after_seconds = 0; // > 0 only for 429: send as Retry-After
};

struct WebhookAccept {
  std::string bot_id;
  ParsedAlert alert;           // its secret already cleared
  std::string redacted_body;   // for AlertReceived::raw_body
  std::string dedupe_key;
  std::string source_ip;
};

using WebhookOutcome = std::variant<WebhookAccept, WebhookReject>;

struct WebhookHandlerConfig {
  std::string path_prefix = "/webhook";
  std::size_t max_body_bytes = 64 * 1024;       // TradingView caps messages far below this
  std::string signature_header = "X-Signature";  // which header the server copies into `signature`
  IpAllowlist trusted_proxies;                   // empty: X-Forwarded-For is never believed
  RateLimit per_address_limit{60, 60'000'000'000, 30};  // a minute's worth, 30 at once
  std::size_t max_rate_limited_keys = 10'000;
  Timestamp max_future_skew = 5'000'000'000;
  AlertLimits alert_limits;
};

class WebhookRequestHandler {
 public:
  // bots and rejections must outlive the handler; rejections may be null.
  WebhookRequestHandler(WebhookHandlerConfig config, const BotDirectory& bots, RejectionLog* rejections);

  // Thread-safe. Rejections are also recorded in the rejection log (429s only counted, so a
  // flood cannot push the interesting records out).
  [[nodiscard]] WebhookOutcome handle(const WebhookRequest& request);

  [[nodiscard]] const WebhookHandlerConfig& config() const { return config_; }

 private:
  WebhookOutcome reject(const WebhookRequest& request, std::string_view bot, std::string_view source_ip,
                        const Error& error, std::int64_t retry_after_seconds = 0);

  const WebhookHandlerConfig config_;
  const BotDirectory& bots_;
  RejectionLog* rejections_;
  RateLimiter per_address_;
  RateLimiter per_bot_;
};

}  // namespace tvbot::webhook
