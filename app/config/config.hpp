#pragma once
// The configuration of one tvbot node, as read from its TOML file (see
// deploy/tvbot.full-reference.toml for every key). Everything here is validated and complete:
// defaults are applied, secrets are resolved, per-instrument rules are merged with the bot's
// defaults. Load it with load_config_from_file / load_config_from_string (load.hpp).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/config/cidr.hpp"
#include "app/config/secret.hpp"
#include "app/config/trading_rules.hpp"
#include "events/decimal.hpp"

namespace tvbot::config {

// A token bucket: `burst` requests at once, refilled at `per_second` (may be "0.5").
struct RateLimit {
  Ratio per_second;
  std::uint32_t burst = 0;
  bool operator==(const RateLimit&) const = default;
};

struct ServerConfig {
  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 8080;
  // One io_context per thread (SO_REUSEPORT); DEPENDENCIES.md measured 1 as best on 2 cores.
  std::uint32_t threads = 1;
  std::uint64_t max_body_bytes = 64 * 1024;
  std::chrono::milliseconds header_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};
  std::uint32_t max_connections = 1024;
  // Only these peers may set X-Forwarded-For; empty means the socket peer is the client.
  std::vector<Cidr> trusted_proxies;
  RateLimit rate_limit_per_ip{Ratio::from_raw(20'0000000000), 40};
};

struct StorageConfig {
  std::string data_dir = "data";  // relative paths are relative to the working directory
  // Names this node's event log; the projector keys its checkpoint by it (DESIGN.md,
  // "Beyond one machine").
  std::string log_id = "main";
  std::uint64_t snapshot_every = 1000;  // events per stream between snapshots
  bool sync = true;  // fsync before acknowledging; false loses acks on power loss
};

enum class PostgresMode {
  local,     // a private PostgreSQL started by tvbot in <data_dir>/pg (the default)
  external,  // connect with `dsn`
  disabled,  // no projections; trading is unaffected
};

struct PostgresConfig {
  PostgresMode mode = PostgresMode::local;
  std::optional<Secret> dsn;   // external only: a DSN may hold a password
  std::string local_data_dir;  // local only: <storage.data_dir>/pg
};

struct AdminConfig {
  bool enabled = false;
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8081;
  std::optional<Secret> token;  // required when enabled
};

// [logging]: where `tvbot serve` logs and how. Rotation keeps a long-running server's log
// bounded: `max_files` files of at most `max_size_bytes` each besides the current one.
enum class LogFormat { text, json };
struct LoggingConfig {
  LogFormat format = LogFormat::text;
  std::string file;  // empty: standard error (systemd's journal, docker logs)
  std::uint64_t max_size_bytes = 50ull * 1024 * 1024;
  std::uint32_t max_files = 5;
  std::string level = "info";  // trace, debug, info, warn, error
};

struct TelegramConfig {
  bool enabled = false;
  std::optional<Secret> bot_token;  // required when enabled
  std::string chat_id;              // "-1001234567890" or "@channel"
  std::string api_base_url = "https://api.telegram.org";
  std::string parse_mode = "HTML";  // "HTML", "MarkdownV2", "Markdown"; empty: plain text
  // Delivery (read_telegram.cpp). Defaults are Telegram's published limits.
  std::string ca_file;                  // extra trusted CA certificate (PEM); tests, private servers
  std::uint32_t queue_size = 1000;      // messages waiting; past it the oldest is dropped
  std::string daily_summary;            // "HH:MM" UTC; empty: no daily summary
  std::uint32_t messages_per_second = 30;        // all chats together
  std::uint32_t group_messages_per_minute = 20;  // chat ids starting with '-'
  std::uint32_t chat_burst = 3;                  // back-to-back messages before 1 per second
};

enum class BrokerKind { paper, binance_spot, binance_futures, alpaca };
enum class PriceFeedKind { random_walk, csv, manual };

struct PriceFeedConfig {
  PriceFeedKind kind = PriceFeedKind::manual;
  Ratio step_bps;                            // random_walk: largest move per tick, in basis points
  std::chrono::milliseconds interval{1000};  // random_walk: time between ticks
  std::vector<std::pair<std::string, Price>> start_prices;  // symbol -> first price (every kind)
  std::string csv_path;                                     // csv
};

struct AssetBalance {
  std::string asset;
  Money amount;
  bool operator==(const AssetBalance&) const = default;
};

struct PaperBrokerConfig {
  std::uint64_t seed = 1;
  Ratio maker_fee_bps = Ratio::from_raw(2'0000000000);
  Ratio taker_fee_bps = Ratio::from_raw(5'0000000000);
  Ratio slippage_bps;
  std::vector<AssetBalance> initial_balances;  // default: 10000 USDT
  PriceFeedConfig price_feed;
  // Most an order fills at one price step; absent: every order fills at once.
  std::optional<Quantity> partial_fill_liquidity;
};

// What a drift found by reconciliation does besides being recorded and logged.
enum class OnDrift { report, pause };
// kind == alpaca: where latest trades come from, and what an order meets when the US
// market is closed ("reject": refused as market_closed; "queue": sent as a day order,
// which Alpaca holds for the next open).
enum class OutsideMarketHours { reject, queue };
struct AlpacaSettings {
  std::string data_base_url = "https://data.alpaca.markets";
  OutsideMarketHours outside_market_hours = OutsideMarketHours::reject;
  bool operator==(const AlpacaSettings&) const = default;
};

struct BrokerConfig {
  std::string name;
  BrokerKind kind = BrokerKind::paper;
  std::string base_url;              // real brokers; defaults to the venue's (testnet) URL
  std::optional<Secret> api_key;     // real brokers: required
  std::optional<Secret> api_secret;  // real brokers: required
  bool testnet = false;
  PaperBrokerConfig paper;  // kind == paper only
  // Reconciliation (README, "Reconciliation"): every kind. 0 s: never reconciled.
  std::chrono::seconds reconcile_interval{60};
  OnDrift on_drift = OnDrift::report;
  // How often the price monitor polls this broker's last prices for protected positions
  // (monitor_interval_ms).
  std::chrono::milliseconds monitor_interval{1000};
  AlpacaSettings alpaca;    // kind == alpaca only
};

enum class PositionMode { one_way, hedge };

struct InstrumentConfig {
  std::string symbol;                            // the broker's symbol, e.g. "BTCUSDT"
  std::vector<std::string> tradingview_tickers;  // e.g. "BINANCE:BTCUSDT.P"
  TradingRules rules;                            // bot defaults with this instrument's overrides
};

struct BotConfig {
  std::string id;  // [A-Za-z0-9_-]{1,64}
  Secret secret;
  std::optional<Secret> path_token;
  std::optional<Secret> hmac_secret;
  std::string broker;  // names a BrokerConfig
  PositionMode mode = PositionMode::one_way;
  bool paused = false;
  std::vector<Cidr> ip_allowlist;  // empty: any address
  RateLimit rate_limit{Ratio::from_raw(10'0000000000), 30};
  std::chrono::seconds max_alert_lag{60};   // 0: not checked
  std::chrono::seconds dedupe_window{300};  // 0: no deduplication
  // true: only tickers listed (or the bare symbol) map; no prefix/suffix stripping.
  bool strict_tickers = false;
  TradingRules defaults;
  std::vector<InstrumentConfig> instruments;

  // The instrument a TradingView ticker trades, or nullptr. Case-insensitive.
  //  1. The ticker equals a listed tradingview_ticker or an instrument's symbol.
  //  2. Unless strict_tickers: the ticker without its "EXCHANGE:" prefix, then also without a
  //     ".P" suffix, is tried against the same names. "BYBIT:BTCUSDT.P" -> BTCUSDT.
  // Validation guarantees that no name leads to two instruments.
  [[nodiscard]] const InstrumentConfig* instrument_for_ticker(std::string_view ticker) const;
};

struct Config {
  ServerConfig server;
  StorageConfig storage;
  PostgresConfig postgres;
  AdminConfig admin;
  TelegramConfig telegram;
  LoggingConfig logging;
  std::vector<BrokerConfig> brokers;
  std::vector<BotConfig> bots;

  [[nodiscard]] const BotConfig* bot(std::string_view id) const;
  [[nodiscard]] const BrokerConfig* broker(std::string_view name) const;
  // Several lines for `tvbot serve` to log at start-up. Secrets appear only by origin
  // ("env TVBOT_ALPHA_SECRET"), never by value.
  [[nodiscard]] std::string redacted_summary() const;
};

[[nodiscard]] std::string_view to_string(PostgresMode);
[[nodiscard]] std::string_view to_string(BrokerKind);
[[nodiscard]] std::string_view to_string(PriceFeedKind);
[[nodiscard]] std::string_view to_string(PositionMode);
[[nodiscard]] std::string_view to_string(OnDrift);

}  // namespace tvbot::config
