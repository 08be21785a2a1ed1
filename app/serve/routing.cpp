#include "app/serve/routing.hpp"

#include "app/serve/paper_setup.hpp"

namespace tvbot::app {

webhook::RateLimit to_webhook_rate_limit(const config::RateLimit& limit) {
  // The limiter counts whole tokens per period; a rate such as 0.5/s becomes 50 per 100 s,
  // which is the same rate with a burst capacity of its own.
  constexpr std::int64_t kPeriodSeconds = 100;
  webhook::RateLimit out;
  out.tokens = static_cast<std::uint32_t>(limit.per_second.raw() * kPeriodSeconds / 10'000'000'000);
  out.period = kPeriodSeconds * 1'000'000'000;
  out.burst = limit.burst;
  return out;
}

Result<webhook::IpAllowlist> to_allowlist(const std::vector<config::Cidr>& networks) {
  std::vector<std::string> entries;
  entries.reserve(networks.size());
  for (const auto& network : networks) entries.push_back(network.to_string());
  return webhook::IpAllowlist::parse(entries);
}

Result<std::unique_ptr<ConfigBotDirectory>> ConfigBotDirectory::create(const config::Config& config) {
  auto directory = std::make_unique<ConfigBotDirectory>();
  for (const auto& bot : config.bots) {
    auto auth = std::make_shared<webhook::BotAuthConfig>();
    auth->secret = bot.secret.reveal();
    if (bot.path_token) auth->path_token = bot.path_token->reveal();
    if (bot.hmac_secret) auth->hmac_key = bot.hmac_secret->reveal();
    auto allowlist = to_allowlist(bot.ip_allowlist);
    if (!allowlist.ok()) return allowlist.error();
    auth->allowlist = std::move(allowlist).value();
    auth->rate_limit = to_webhook_rate_limit(bot.rate_limit);
    if (bot.max_alert_lag.count() > 0) {
      auth->max_lag = std::chrono::duration_cast<std::chrono::nanoseconds>(bot.max_alert_lag).count();
    }
    auth->paused = bot.paused;
    directory->bots_.emplace(bot.id, std::move(auth));
  }
  return directory;
}

std::shared_ptr<const webhook::BotAuthConfig> ConfigBotDirectory::lookup(std::string_view bot_id) const {
  auto it = bots_.find(bot_id);
  return it == bots_.end() ? nullptr : it->second;
}

PositionConfig to_position_config(const config::BotConfig& bot, const config::TradingRules& rules) {
  PositionConfig out;
  out.mode = bot.mode == config::PositionMode::hedge ? PositionMode::hedge : PositionMode::one_way;
  out.max_entries = rules.max_entries;
  out.max_position = rules.max_position;
  std::visit(
      [&out](const auto& sizing) {
        using T = std::decay_t<decltype(sizing)>;
        if constexpr (std::is_same_v<T, config::QuantityFromAlert>) {
          out.sizing.kind = SizingRule::Kind::from_alert;
        } else if constexpr (std::is_same_v<T, config::FixedQuantity>) {
          out.sizing.kind = SizingRule::Kind::fixed_qty;
          out.sizing.fixed_qty = sizing.qty;
        } else if constexpr (std::is_same_v<T, config::QuoteAmount>) {
          out.sizing.kind = SizingRule::Kind::quote_amount;
          out.sizing.quote_amount = sizing.amount;
        } else {
          out.sizing.kind = SizingRule::Kind::percent_of_equity;
          out.sizing.percent = sizing.percent;
        }
      },
      rules.sizing);
  out.protection.stop_loss = rules.stop_loss;
  out.protection.take_profit = rules.take_profit;
  out.protection.trailing = rules.trailing;
  out.protection.take_profits = rules.take_profits;
  out.protection.trailing_activation = rules.trailing_activation;
  out.protection.break_even_after_first_tp = rules.break_even_after_first_tp;
  return out;
}

actors::InstrumentResolver make_instrument_resolver(const config::Config& config) {
  return [&config](std::string_view bot_id,
                   std::string_view ticker) -> std::optional<actors::InstrumentRoute> {
    const auto* bot = config.bot(bot_id);
    if (bot == nullptr) return std::nullopt;
    const config::InstrumentConfig* instrument = nullptr;
    if (ticker.empty() && bot->instruments.size() == 1) {
      instrument = &bot->instruments.front();  // a one-instrument bot needs no ticker
    } else {
      instrument = bot->instrument_for_ticker(ticker);
    }
    if (instrument == nullptr) return std::nullopt;
    actors::InstrumentRoute route;
    route.broker = bot->broker;
    route.settings.bot_id = bot->id;
    route.settings.symbol = instrument->symbol;
    route.settings.quote_asset = split_symbol(instrument->symbol).second;
    route.settings.position = to_position_config(*bot, instrument->rules);
    route.settings.snapshot_every = config.storage.snapshot_every;
    route.settings.dedupe_window = bot->dedupe_window;
    return route;
  };
}

}  // namespace tvbot::app
