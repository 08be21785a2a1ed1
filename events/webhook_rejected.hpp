#pragma once
// A webhook refused before it reached a position actor (bad secret, unknown bot, parse
// error, rate limited, too large, ...), kept in the stream "webhooks/rejected" so that the
// SQL webhook_logs hold every webhook, accepted or not. The body is redacted and cut short
// before it is recorded; nothing here may hold a secret.
#include <cstdint>
#include <string>

namespace tvbot {

struct WebhookRejected {
  std::string bot;  // empty when the bot was not known
  std::string source_ip;
  std::uint32_t http_status = 0;
  std::string reason;   // machine code, e.g. "invalid_secret"
  std::string message;
  std::string body;     // redacted, then cut to a few KiB on a UTF-8 boundary
  bool body_truncated = false;
  std::string request_id;
  bool operator==(const WebhookRejected&) const = default;
};

}  // namespace tvbot
