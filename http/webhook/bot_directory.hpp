#pragma once
// What the webhook handler needs to know about a bot, and where it looks it up. The
// configuration module implements BotDirectory; tests use a map.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "events/event_types.hpp"
#include "http/webhook/ip_allowlist.hpp"
#include "http/webhook/rate_limiter.hpp"

namespace tvbot::webhook {

struct BotAuthConfig {
  std::string secret;      // resolved from the environment; empty: no body secret accepted
  std::string path_token;  // empty: no /webhook/{bot}/{token} accepted
  std::string hmac_key;    // non-empty: every request must carry a valid signature
  IpAllowlist allowlist;   // empty: any address
  RateLimit rate_limit;    // tokens == 0: no per-bot limit
  std::optional<Timestamp> max_lag;  // nullopt: alert time not checked for lag
  bool paused = false;
};

class BotDirectory {
 public:
  virtual ~BotDirectory() = default;
  // nullptr for an unknown bot. Shared so that a configuration reload can replace an entry
  // while a request still holds the previous one.
  [[nodiscard]] virtual std::shared_ptr<const BotAuthConfig> lookup(std::string_view bot_id) const = 0;
};

}  // namespace tvbot::webhook
