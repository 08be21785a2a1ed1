// Config's lookups and its start-up summary. Secrets appear by origin only.
#include <sstream>

#include "app/config/config.hpp"

namespace tvbot::config {
namespace {

std::string origin(const std::optional<Secret>& secret) {
  return secret ? secret->origin() : "none";
}

std::string rate_text(const RateLimit& limit) {
  return limit.per_second.to_string() + "/s, burst " + std::to_string(limit.burst);
}

std::string networks_text(const std::vector<Cidr>& networks, std::string_view when_empty) {
  if (networks.empty()) return std::string(when_empty);
  std::string text;
  for (const auto& network : networks) text += (text.empty() ? "" : ", ") + network.to_string();
  return text;
}

void describe_broker(std::ostream& out, const BrokerConfig& broker) {
  out << "broker " << broker.name << ": " << to_string(broker.kind);
  if (broker.kind != BrokerKind::paper) {
    out << ", " << broker.base_url << (broker.testnet ? " (testnet)" : "") << ", api key from "
        << origin(broker.api_key) << ", api secret from " << origin(broker.api_secret) << "\n";
    return;
  }
  const PaperBrokerConfig& paper = broker.paper;
  out << ", seed " << paper.seed << ", fees maker " << paper.maker_fee_bps.to_string()
      << " / taker " << paper.taker_fee_bps.to_string() << " bps, slippage "
      << paper.slippage_bps.to_string() << " bps, balances";
  for (const auto& balance : paper.initial_balances) {
    out << " " << balance.amount.to_string() << " " << balance.asset;
  }
  out << ", price feed " << to_string(paper.price_feed.kind);
  if (paper.partial_fill_liquidity) {
    out << ", partial fills above " << paper.partial_fill_liquidity->to_string();
  }
  out << "\n";
}

void describe_bot(std::ostream& out, const BotConfig& bot) {
  out << "bot " << bot.id << ": broker " << bot.broker << ", " << to_string(bot.mode)
      << (bot.paused ? ", paused" : "") << ", secret from " << bot.secret.origin();
  if (bot.path_token) out << ", path token from " << bot.path_token->origin();
  if (bot.hmac_secret) out << ", hmac secret from " << bot.hmac_secret->origin();
  out << ", allow " << networks_text(bot.ip_allowlist, "any address") << ", rate "
      << rate_text(bot.rate_limit) << ", instruments";
  for (std::size_t i = 0; i < bot.instruments.size(); ++i) {
    const InstrumentConfig& instrument = bot.instruments[i];
    out << (i ? ", " : " ") << instrument.symbol;
    if (!instrument.tradingview_tickers.empty()) {
      out << " (";
      for (std::size_t i = 0; i < instrument.tradingview_tickers.size(); ++i) {
        out << (i ? ", " : "") << instrument.tradingview_tickers[i];
      }
      out << ")";
    }
  }
  out << "\n";
}

}  // namespace

const BotConfig* Config::bot(std::string_view id) const {
  for (const auto& candidate : bots) {
    if (candidate.id == id) return &candidate;
  }
  return nullptr;
}

const BrokerConfig* Config::broker(std::string_view name) const {
  for (const auto& candidate : brokers) {
    if (candidate.name == name) return &candidate;
  }
  return nullptr;
}

std::string Config::redacted_summary() const {
  std::ostringstream out;
  out << "server: " << server.listen_address << ":" << server.port << ", " << server.threads
      << (server.threads == 1 ? " thread" : " threads") << ", max body " << server.max_body_bytes
      << " bytes, timeouts header " << server.header_timeout.count() << " ms / read "
      << server.read_timeout.count() << " ms, max " << server.max_connections
      << " connections, rate per IP " << rate_text(server.rate_limit_per_ip) << ", trusted proxies "
      << networks_text(server.trusted_proxies, "none") << "\n";
  out << "storage: " << storage.data_dir << ", log " << storage.log_id << ", snapshot every "
      << storage.snapshot_every << " events, sync " << (storage.sync ? "on" : "OFF") << "\n";
  out << "postgres: " << to_string(postgres.mode);
  if (postgres.mode == PostgresMode::local) out << " in " << postgres.local_data_dir;
  if (postgres.mode == PostgresMode::external) out << ", dsn from " << origin(postgres.dsn);
  out << "\n";
  out << "admin: ";
  if (admin.enabled) {
    out << admin.bind << ":" << admin.port << ", token from " << origin(admin.token) << "\n";
  } else {
    out << "disabled\n";
  }
  out << "telegram: ";
  if (telegram.enabled) {
    out << "chat " << telegram.chat_id << " via " << telegram.api_base_url << ", token from "
        << origin(telegram.bot_token) << "\n";
  } else {
    out << "disabled\n";
  }
  for (const auto& broker : brokers) describe_broker(out, broker);
  for (const auto& bot : bots) describe_bot(out, bot);
  return out.str();
}

std::string_view to_string(PostgresMode mode) {
  switch (mode) {
    case PostgresMode::local:
      return "local";
    case PostgresMode::external:
      return "external";
    case PostgresMode::disabled:
      return "disabled";
  }
  return "unknown";
}

std::string_view to_string(BrokerKind kind) {
  switch (kind) {
    case BrokerKind::paper:
      return "paper";
    case BrokerKind::binance_spot:
      return "binance-spot";
    case BrokerKind::binance_futures:
      return "binance-futures";
    case BrokerKind::alpaca:
      return "alpaca";
  }
  return "unknown";
}

std::string_view to_string(PriceFeedKind kind) {
  switch (kind) {
    case PriceFeedKind::random_walk:
      return "random_walk";
    case PriceFeedKind::csv:
      return "csv";
    case PriceFeedKind::manual:
      return "manual";
  }
  return "unknown";
}

std::string_view to_string(PositionMode mode) {
  return mode == PositionMode::hedge ? "hedge" : "one-way";
}

}  // namespace tvbot::config
