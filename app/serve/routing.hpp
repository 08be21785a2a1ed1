#pragma once
// The configuration seen by the parts that serve webhooks: which bots exist and how they
// authenticate (for the webhook handler), and which stream an alert belongs to (for the
// engine's router).
#include <map>
#include <memory>

#include "actors/engine.hpp"
#include "app/config/config.hpp"
#include "http/webhook/bot_directory.hpp"

namespace tvbot::app {

class ConfigBotDirectory final : public webhook::BotDirectory {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ConfigBotDirectory>> create(const config::Config& config);
  std::shared_ptr<const webhook::BotAuthConfig> lookup(std::string_view bot_id) const override;

 private:
  std::map<std::string, std::shared_ptr<const webhook::BotAuthConfig>, std::less<>> bots_;
};

webhook::RateLimit to_webhook_rate_limit(const config::RateLimit& limit);
[[nodiscard]] Result<webhook::IpAllowlist> to_allowlist(const std::vector<config::Cidr>& networks);

PositionConfig to_position_config(const config::BotConfig& bot, const config::TradingRules& rules);

// (bot, ticker or symbol) -> the stream's settings. The config must outlive the resolver.
actors::InstrumentResolver make_instrument_resolver(const config::Config& config);

}  // namespace tvbot::app
