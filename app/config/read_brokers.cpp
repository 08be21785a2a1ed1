// [[brokers]]: the paper broker's simulation settings and the real brokers' credentials.
#include <limits>

#include "app/config/read_reconcile.hpp"
#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

std::string default_base_url(BrokerKind kind, bool testnet) {
  switch (kind) {
    case BrokerKind::binance_spot:
      return testnet ? "https://testnet.binance.vision" : "https://api.binance.com";
    case BrokerKind::binance_futures:
      return testnet ? "https://testnet.binancefuture.com" : "https://fapi.binance.com";
    case BrokerKind::alpaca:
      return testnet ? "https://paper-api.alpaca.markets" : "https://api.alpaca.markets";
    case BrokerKind::paper:
      break;
  }
  return "";
}

bool is_asset_or_symbol(std::string_view text) {
  if (text.empty() || text.size() > 32) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// A table of name -> decimal, e.g. { USDT = "10000" } or { BTCUSDT = "60000" }.
template <class Decimal>
std::vector<std::pair<std::string, Decimal>> read_decimal_table(TableReader& reader,
                                                                std::string_view key, Sign sign) {
  std::vector<std::pair<std::string, Decimal>> entries;
  const toml::table* table = reader.subtable(key);
  if (!table) return entries;
  for (const auto& [name, node] : *table) {
    const std::string path = reader.key_path(key) + "." + std::string(name.str());
    if (!is_asset_or_symbol(name.str())) {
      reader.context().error(path, &node, "expected a name of A-Z a-z 0-9 . _ -");
      continue;
    }
    if (auto value = decimal_value<Decimal>(node, path, sign, reader.context())) {
      entries.emplace_back(std::string(name.str()), *value);
    }
  }
  return entries;
}

PriceFeedConfig read_price_feed(TableReader& broker) {
  PriceFeedConfig feed;
  const toml::table* table = broker.subtable("price_feed");
  if (!table) return feed;
  TableReader reader(*table, broker.key_path("price_feed"), broker.context());
  const auto kind = reader.one_of("kind", {"random_walk", "csv", "manual"});
  if (!kind) {
    if (!table->contains("kind")) {
      reader.context().error(reader.key_path("kind"), table,
                             "missing; expected \"random_walk\", \"csv\" or \"manual\"");
    }
    return feed;  // the other keys depend on the kind
  }
  if (*kind == "random_walk") {
    feed.kind = PriceFeedKind::random_walk;
    feed.step_bps = Ratio::from_raw(10'0000000000);
    if (auto step = reader.decimal<Ratio>("step_bps", Sign::positive)) feed.step_bps = *step;
    if (auto ms = reader.integer("interval_ms", 1, 3'600'000))
      feed.interval = std::chrono::milliseconds(*ms);
    feed.start_prices = read_decimal_table<Price>(reader, "start_prices", Sign::positive);
  } else if (*kind == "csv") {
    feed.kind = PriceFeedKind::csv;
    if (auto path = reader.string("path"); path && !path->empty()) {
      feed.csv_path = *path;
    } else if (!path && !table->contains("path")) {
      reader.context().error(reader.key_path("path"), table,
                             "missing; kind = \"csv\" needs a file");
    } else if (path) {
      reader.context().error(reader.key_path("path"), table->get("path"), "must not be empty");
    }
  } else {
    feed.kind = PriceFeedKind::manual;
  }
  // Every kind needs a first price per traded symbol (the paper broker's last price until
  // the feed moves it): with "manual" it stays there until an admin call sets another.
  if (feed.kind != PriceFeedKind::random_walk) {
    feed.start_prices = read_decimal_table<Price>(reader, "start_prices", Sign::positive);
  }
  reader.finish();
  return feed;
}

PaperBrokerConfig read_paper(TableReader& reader) {
  PaperBrokerConfig paper;
  if (auto seed = reader.integer("seed", 0, std::numeric_limits<std::int64_t>::max())) {
    paper.seed = static_cast<std::uint64_t>(*seed);
  }
  if (auto v = reader.decimal<Ratio>("maker_fee_bps", Sign::non_negative)) paper.maker_fee_bps = *v;
  if (auto v = reader.decimal<Ratio>("taker_fee_bps", Sign::non_negative)) paper.taker_fee_bps = *v;
  if (auto v = reader.decimal<Ratio>("slippage_bps", Sign::non_negative)) paper.slippage_bps = *v;
  if (reader.table().contains("initial_balances")) {
    for (auto& [asset, amount] :
         read_decimal_table<Money>(reader, "initial_balances", Sign::non_negative)) {
      paper.initial_balances.push_back(AssetBalance{asset, amount});
    }
  } else {
    paper.initial_balances.push_back(AssetBalance{"USDT", Money::from_raw(10000'00000000)});
  }
  paper.price_feed = read_price_feed(reader);
  if (auto v = reader.decimal<Quantity>("partial_fill_liquidity", Sign::positive)) {
    paper.partial_fill_liquidity = *v;
  }
  return paper;
}

// Alpaca's own keys; other kinds do not read them, so there they are unknown keys.
void read_alpaca(TableReader& reader, AlpacaSettings& alpaca) {
  if (auto url = read_url(reader, "data_base_url")) alpaca.data_base_url = *url;
  if (auto policy = reader.one_of("outside_market_hours", {"reject", "queue"})) {
    alpaca.outside_market_hours =
        *policy == "queue" ? OutsideMarketHours::queue : OutsideMarketHours::reject;
  }
}

void read_real_broker(TableReader& reader, BrokerConfig& broker) {
  if (auto v = reader.boolean("testnet")) broker.testnet = *v;
  broker.base_url = default_base_url(broker.kind, broker.testnet);
  if (auto url = read_url(reader, "base_url")) broker.base_url = *url;
  broker.api_key = read_secret(reader, "api_key", SecretUse::required, true);
  broker.api_secret = read_secret(reader, "api_secret", SecretUse::required, true);
  if (broker.kind == BrokerKind::alpaca) read_alpaca(reader, broker.alpaca);
}

}  // namespace

std::vector<BrokerConfig> read_brokers(TableReader& root) {
  std::vector<BrokerConfig> brokers;
  const toml::array* list = root.array("brokers");
  if (!list) return brokers;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "brokers[" + std::to_string(i) + "]";
    const toml::table* table = list->get(i)->as_table();
    if (!table) {
      root.context().error(path, list->get(i),
                           "expected a table, got " + describe_type(*list->get(i)));
      brokers.emplace_back();  // keeps indices equal to those in the file for later checks
      continue;
    }
    TableReader reader(*table, path, root.context());
    BrokerConfig broker;
    if (auto name = reader.string("name")) {
      if (is_identifier(*name)) {
        broker.name = *name;
      } else {
        reader.context().error(path + ".name", table->get("name"),
                               "expected 1 to 64 of A-Z a-z 0-9 _ -, got " + in_quotes(*name));
      }
    } else if (!table->contains("name")) {
      reader.context().error(path + ".name", table, "missing");
    }
    const auto kind = reader.one_of("kind", {"paper", "binance-spot", "binance-futures", "alpaca"});
    if (!kind) {
      if (!table->contains("kind")) reader.context().error(path + ".kind", table, "missing");
      // Kept by name so that bots naming it are not reported too; the other keys depend on
      // the kind and are not judged.
      brokers.push_back(std::move(broker));
      continue;
    }
    broker.kind = *kind == "paper"             ? BrokerKind::paper
                  : *kind == "binance-spot"    ? BrokerKind::binance_spot
                  : *kind == "binance-futures" ? BrokerKind::binance_futures
                                               : BrokerKind::alpaca;
    read_reconcile_settings(reader, broker);
    if (broker.kind == BrokerKind::paper) {
      broker.paper = read_paper(reader);
    } else {
      read_real_broker(reader, broker);
    }
    // 50 ms keeps a venue's rate limit safe even with many brokers; an hour is a typo.
    if (auto ms = reader.integer("monitor_interval_ms", 50, 3'600'000)) {
      broker.monitor_interval = std::chrono::milliseconds(*ms);
    }
    reader.finish();
    brokers.push_back(std::move(broker));
  }
  return brokers;
}

}  // namespace tvbot::config::detail
