// [[bots]] and their [[bots.instruments]].
#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

constexpr std::int64_t kOneWeekSeconds = 7 * 24 * 3600;

bool is_symbol(std::string_view text) {
  if (text.empty() || text.size() > 32) return false;
  for (const char c : text) {
    // No '/': the symbol is part of the stream name "bot/symbol".
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_ticker(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  return true;
}

InstrumentConfig read_instrument(TableReader& reader, const TradingRules& defaults) {
  InstrumentConfig instrument;
  instrument.rules = defaults;
  const toml::table& table = reader.table();
  if (auto symbol = reader.string("symbol")) {
    if (is_symbol(*symbol)) {
      instrument.symbol = *symbol;
    } else {
      reader.context().error(reader.key_path("symbol"), table.get("symbol"),
                             "expected the broker's symbol (A-Z a-z 0-9 . _ -, at most 32), got " +
                                 in_quotes(*symbol));
    }
  } else if (!table.contains("symbol")) {
    reader.context().error(reader.key_path("symbol"), &table,
                           "missing; the broker's symbol, e.g. \"BTCUSDT\"");
  }
  if (auto tickers = reader.string_list("tradingview_tickers")) {
    const toml::array* list = table.get("tradingview_tickers")->as_array();
    for (std::size_t i = 0; i < tickers->size(); ++i) {
      if (!is_ticker((*tickers)[i])) {
        reader.context().error(
            reader.key_path("tradingview_tickers") + "[" + std::to_string(i) + "]", list->get(i),
            "expected a ticker without spaces, at most 64 characters");
      }
    }
    instrument.tradingview_tickers = std::move(*tickers);
  }
  read_trading_rules(reader, instrument.rules);
  return instrument;
}

void read_identity(TableReader& reader, BotConfig& bot) {
  const toml::table& table = reader.table();
  if (auto id = reader.string("id")) {
    if (is_identifier(*id)) {
      bot.id = *id;
    } else {
      reader.context().error(reader.key_path("id"), table.get("id"),
                             "expected 1 to 64 of A-Z a-z 0-9 _ -, got " + in_quotes(*id));
    }
  } else if (!table.contains("id")) {
    reader.context().error(reader.key_path("id"), &table, "missing");
  }
  if (auto secret = read_secret(reader, "secret", SecretUse::required, true)) bot.secret = *secret;
  bot.path_token = read_secret(reader, "path_token", SecretUse::optional, true);
  bot.hmac_secret = read_secret(reader, "hmac_secret", SecretUse::optional, true);
  if (auto broker = reader.string("broker")) {
    bot.broker = *broker;
  } else if (!table.contains("broker")) {
    reader.context().error(reader.key_path("broker"), &table,
                           "missing; the name of a [[brokers]] entry");
  }
}

}  // namespace

std::vector<BotConfig> read_bots(TableReader& root) {
  std::vector<BotConfig> bots;
  const toml::array* list = root.array("bots");
  if (!list) return bots;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "bots[" + std::to_string(i) + "]";
    const toml::table* table = list->get(i)->as_table();
    if (!table) {
      root.context().error(path, list->get(i),
                           "expected a table, got " + describe_type(*list->get(i)));
      bots.emplace_back();  // keeps indices equal to those in the file for later checks
      continue;
    }
    TableReader reader(*table, path, root.context());
    BotConfig bot;
    read_identity(reader, bot);
    if (auto mode = reader.one_of("mode", {"one-way", "hedge"})) {
      bot.mode = *mode == "hedge" ? PositionMode::hedge : PositionMode::one_way;
    }
    if (auto v = reader.boolean("paused")) bot.paused = *v;
    bot.ip_allowlist = read_cidr_list(reader, "ip_allowlist", true);
    bot.rate_limit = read_rate_limit(reader, "rate_limit", bot.rate_limit);
    if (auto v = reader.integer("max_alert_lag_seconds", 0, kOneWeekSeconds))
      bot.max_alert_lag = std::chrono::seconds(*v);
    if (auto v = reader.integer("dedupe_window_seconds", 0, kOneWeekSeconds))
      bot.dedupe_window = std::chrono::seconds(*v);
    if (auto v = reader.boolean("strict_tickers")) bot.strict_tickers = *v;
    if (const toml::table* defaults = reader.subtable("defaults")) {
      TableReader defaults_reader(*defaults, reader.key_path("defaults"), reader.context());
      read_trading_rules(defaults_reader, bot.defaults);
      defaults_reader.finish();
    }
    if (const toml::array* instruments = reader.array("instruments")) {
      for (std::size_t j = 0; j < instruments->size(); ++j) {
        const std::string instrument_path =
            reader.key_path("instruments") + "[" + std::to_string(j) + "]";
        const toml::table* instrument = instruments->get(j)->as_table();
        if (!instrument) {
          reader.context().error(instrument_path, instruments->get(j),
                                 "expected a table, got " + describe_type(*instruments->get(j)));
          bot.instruments.emplace_back();  // keeps indices equal to those in the file
          continue;
        }
        TableReader instrument_reader(*instrument, instrument_path, reader.context());
        bot.instruments.push_back(read_instrument(instrument_reader, bot.defaults));
        instrument_reader.finish();
      }
    }
    if (bot.instruments.empty() &&
        (!table->contains("instruments") || table->get("instruments")->is_array())) {
      reader.context().error(
          reader.key_path("instruments"), table,
          "list at least one instrument, e.g. [[bots.instruments]] symbol = \"BTCUSDT\"");
    }
    reader.finish();
    bots.push_back(std::move(bot));
  }
  return bots;
}

}  // namespace tvbot::config::detail
