#include "app/serve/config_recorder.hpp"

#include <map>
#include <optional>
#include <set>

#include "events/codec.hpp"

namespace tvbot::app {
namespace {

constexpr std::string_view config_stream_prefix = "config/";

std::string level_text(const PriceLevel& level) {
  return level.value.to_string() + (level.percent ? "%" : "");
}

void key(std::string& out, std::string_view name, bool& first) {
  if (!first) out += ',';
  first = false;
  append_json_string(out, name);
  out += ':';
}

void optional_level(std::string& out, std::string_view name, const std::optional<PriceLevel>& level,
                    bool& first) {
  key(out, name, first);
  if (level) {
    append_json_string(out, level_text(*level));
  } else {
    out += "null";
  }
}

std::string sizing_json(const config::Sizing& sizing) {
  std::string out = "{";
  bool first = true;
  std::visit(
      [&](const auto& s) {
        using S = std::decay_t<decltype(s)>;
        key(out, "kind", first);
        if constexpr (std::is_same_v<S, config::QuantityFromAlert>) {
          append_json_string(out, "from_alert");
        } else if constexpr (std::is_same_v<S, config::FixedQuantity>) {
          append_json_string(out, "fixed_qty");
          key(out, "qty", first);
          append_json_string(out, s.qty.to_string());
        } else if constexpr (std::is_same_v<S, config::QuoteAmount>) {
          append_json_string(out, "quote_amount");
          key(out, "amount", first);
          append_json_string(out, s.amount.to_string());
        } else {
          append_json_string(out, "equity_percent");
          key(out, "percent", first);
          append_json_string(out, s.percent.to_string());
        }
      },
      sizing);
  out += '}';
  return out;
}

struct RecordedConfig {
  std::optional<BotConfigured> bot;
  std::map<std::string, InstrumentConfigured> instruments;
  bool removed = false;
};

RecordedConfig fold(const std::vector<Event>& events) {
  RecordedConfig recorded;
  for (const Event& event : events) {
    if (const auto* b = std::get_if<BotConfigured>(&event.payload)) {
      recorded.bot = *b;
      recorded.removed = false;
    } else if (const auto* i = std::get_if<InstrumentConfigured>(&event.payload)) {
      recorded.instruments[i->symbol] = *i;
    } else if (const auto* r = std::get_if<ConfigRemoved>(&event.payload)) {
      if (r->symbol.empty()) {
        recorded.removed = true;
        recorded.bot.reset();
        recorded.instruments.clear();
      } else {
        recorded.instruments.erase(r->symbol);
      }
    }
  }
  return recorded;
}

}  // namespace

std::string trading_rules_json(const config::TradingRules& rules) {
  std::string out = "{";
  bool first = true;
  key(out, "sizing", first);
  out += sizing_json(rules.sizing);
  key(out, "max_entries", first);
  out += std::to_string(rules.max_entries);
  key(out, "max_position", first);
  if (rules.max_position) {
    append_json_string(out, rules.max_position->to_string());
  } else {
    out += "null";
  }
  optional_level(out, "stop_loss", rules.stop_loss, first);
  optional_level(out, "take_profit", rules.take_profit, first);
  optional_level(out, "trailing", rules.trailing, first);
  out += '}';
  return out;
}

BotConfigured bot_configured_event(const config::BotConfig& bot) {
  std::string settings = "{";
  bool first = true;
  key(settings, "rate_limit_per_second", first);
  append_json_string(settings, bot.rate_limit.per_second.to_string());
  key(settings, "rate_limit_burst", first);
  settings += std::to_string(bot.rate_limit.burst);
  key(settings, "max_alert_lag_seconds", first);
  settings += std::to_string(bot.max_alert_lag.count());
  key(settings, "dedupe_window_seconds", first);
  settings += std::to_string(bot.dedupe_window.count());
  key(settings, "strict_tickers", first);
  settings += bot.strict_tickers ? "true" : "false";
  // Which authentication is on, never its values.
  key(settings, "path_token", first);
  settings += bot.path_token ? "true" : "false";
  key(settings, "hmac_signature", first);
  settings += bot.hmac_secret ? "true" : "false";
  key(settings, "ip_allowlist", first);
  settings += '[';
  for (std::size_t i = 0; i < bot.ip_allowlist.size(); ++i) {
    if (i) settings += ',';
    append_json_string(settings, bot.ip_allowlist[i].to_string());
  }
  settings += ']';
  key(settings, "defaults", first);
  settings += trading_rules_json(bot.defaults);
  settings += '}';
  return BotConfigured{bot.id, bot.broker, std::string(config::to_string(bot.mode)), bot.paused,
                       std::move(settings)};
}

InstrumentConfigured instrument_configured_event(const config::BotConfig& bot,
                                                 const config::InstrumentConfig& instrument) {
  std::string tickers = "[";
  for (std::size_t i = 0; i < instrument.tradingview_tickers.size(); ++i) {
    if (i) tickers += ',';
    append_json_string(tickers, instrument.tradingview_tickers[i]);
  }
  tickers += ']';
  return InstrumentConfigured{bot.id, instrument.symbol, std::move(tickers),
                              trading_rules_json(instrument.rules)};
}

Result<ConfigRecordReport> record_configuration(storage::EventStore& store,
                                                const config::Config& config, Timestamp now) {
  ConfigRecordReport report;
  std::set<std::string> configured;
  auto record = [&](const std::string& bot_id, const config::BotConfig* bot) -> Status {
    const std::string stream = std::string(config_stream_prefix) + bot_id;
    auto history = store.read_stream(stream);
    if (!history.ok()) return history.error();
    const RecordedConfig recorded = fold(*history);
    std::vector<EventPayload> changes;
    if (bot == nullptr) {
      if (!recorded.removed && recorded.bot) changes.push_back(ConfigRemoved{bot_id, ""});
    } else {
      BotConfigured now_bot = bot_configured_event(*bot);
      if (!recorded.bot || *recorded.bot != now_bot) changes.push_back(std::move(now_bot));
      std::set<std::string> symbols;
      for (const auto& instrument : bot->instruments) {
        symbols.insert(instrument.symbol);
        InstrumentConfigured now_instrument = instrument_configured_event(*bot, instrument);
        auto it = recorded.instruments.find(instrument.symbol);
        if (it == recorded.instruments.end() || it->second != now_instrument) {
          changes.push_back(std::move(now_instrument));
        }
      }
      for (const auto& [symbol, _] : recorded.instruments) {
        if (!symbols.contains(symbol)) changes.push_back(ConfigRemoved{bot_id, symbol});
      }
    }
    if (changes.empty()) return {};
    const std::uint64_t version = history->empty() ? 0 : history->back().stream_seq;
    auto appended = store.append(stream, version, changes, now);
    if (!appended.ok()) return appended.error();
    report.events_appended += changes.size();
    return {};
  };
  for (const auto& bot : config.bots) {
    configured.insert(bot.id);
    if (Status s = record(bot.id, &bot); !s) return s.error();
  }
  for (const auto& stream : store.log().list_streams()) {
    if (!stream.stream.starts_with(config_stream_prefix)) continue;
    const std::string bot_id = stream.stream.substr(config_stream_prefix.size());
    if (configured.contains(bot_id)) continue;
    if (Status s = record(bot_id, nullptr); !s) return s.error();
  }
  return report;
}

}  // namespace tvbot::app
