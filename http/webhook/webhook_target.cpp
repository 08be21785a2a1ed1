#include "http/webhook/webhook_target.hpp"

namespace tvbot::webhook {

bool is_valid_bot_id(std::string_view bot) {
  constexpr std::size_t max_bot_id_bytes = 64;
  if (bot.empty() || bot.size() > max_bot_id_bytes) return false;
  for (char c : bot) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '_' || c == '-' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

std::optional<WebhookTarget> parse_webhook_target(std::string_view target, std::string_view prefix) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
  path.remove_prefix(prefix.size());
  WebhookTarget parsed;
  if (path.empty() || path == "/") return parsed;
  if (path.front() != '/') return std::nullopt;  // "/webhookx"
  path.remove_prefix(1);
  const std::size_t slash = path.find('/');
  parsed.bot = path.substr(0, slash);
  if (!is_valid_bot_id(parsed.bot)) return std::nullopt;
  if (slash == std::string_view::npos) return parsed;
  const std::string_view token = path.substr(slash + 1);
  if (token.empty() || token.find('/') != std::string_view::npos) return std::nullopt;
  parsed.token = token;
  return parsed;
}

}  // namespace tvbot::webhook
