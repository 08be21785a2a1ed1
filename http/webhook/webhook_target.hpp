#pragma once
// The request target of a webhook: "/webhook", "/webhook/{bot}" or "/webhook/{bot}/{token}".
// A query string is ignored. The views point into the target passed in.
#include <optional>
#include <string_view>

namespace tvbot::webhook {

struct WebhookTarget {
  std::string_view bot;                   // empty: the bot is named in the body
  std::optional<std::string_view> token;  // the bot's URL token, when the path has one
};

// nullopt for any other path, an empty segment, or a bot id with characters other than
// letters, digits, '_', '-' and '.'.
[[nodiscard]] std::optional<WebhookTarget> parse_webhook_target(std::string_view target,
                                                                std::string_view prefix = "/webhook");

[[nodiscard]] bool is_valid_bot_id(std::string_view bot);

}  // namespace tvbot::webhook
