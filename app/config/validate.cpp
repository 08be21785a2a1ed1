// Checks that need more than one table: names that must be unique, references between
// sections, tickers that must lead to exactly one instrument, listeners that must not clash.
#include <algorithm>
#include <map>

#include "app/config/sections.hpp"
#include "app/config/ticker.hpp"

namespace tvbot::config::detail {
namespace {

std::string index_path(std::string_view list, std::size_t index) {
  return std::string(list) + "[" + std::to_string(index) + "]";
}

void check_unique_broker_names(const Config& config, const toml::table& root, Context& context) {
  std::map<std::string, std::size_t, std::less<>> first_use;
  for (std::size_t i = 0; i < config.brokers.size(); ++i) {
    const std::string& name = config.brokers[i].name;
    if (name.empty()) continue;  // missing or invalid, already reported
    const auto [it, inserted] = first_use.emplace(name, i);
    if (!inserted) {
      context.error(
          index_path("brokers", i) + ".name", root["brokers"][i]["name"].node(),
          in_quotes(name) + " is already the name of " + index_path("brokers", it->second));
    }
  }
}

void check_bot_references(const Config& config, const toml::table& root, Context& context) {
  // Case-insensitive: "Alpha" next to "alpha" would be two bots that people mistake for one.
  std::map<std::string, std::size_t, std::less<>> first_use;
  for (std::size_t i = 0; i < config.bots.size(); ++i) {
    const BotConfig& bot = config.bots[i];
    const std::string path = index_path("bots", i);
    // tvbot keeps streams of its own named "config/<bot>", "webhooks/rejected" and
    // "reconciliation/<broker>"; a bot with one of those ids would share their streams.
    static constexpr std::string_view reserved_ids[] = {"config", "webhooks", "reconciliation"};
    for (std::string_view reserved : reserved_ids) {
      if (!bot.id.empty() && lowercase(bot.id) == reserved) {
        context.error(path + ".id", root["bots"][i]["id"].node(),
                      in_quotes(bot.id) + " is reserved for tvbot's own streams; pick another id");
      }
    }
    if (!bot.id.empty()) {
      const auto [it, inserted] = first_use.emplace(lowercase(bot.id), i);
      if (!inserted) {
        context.error(path + ".id", root["bots"][i]["id"].node(),
                      in_quotes(bot.id) + " is already the id of " +
                          index_path("bots", it->second) + " (ids are compared ignoring case)");
      }
    }
    if (bot.broker.empty()) continue;  // missing, already reported
    const BrokerConfig* broker = config.broker(bot.broker);
    if (!broker) {
      std::string names;
      for (const auto& defined : config.brokers) {
        if (defined.name.empty()) continue;
        names += (names.empty() ? "" : ", ") + in_quotes(defined.name);
      }
      context.error(
          path + ".broker", root["bots"][i]["broker"].node(),
          "no broker named " + in_quotes(bot.broker) +
              (names.empty() ? "; define one in [[brokers]]" : " (defined: " + names + ")"));
      continue;
    }
    const bool supports_hedge =
        broker->kind == BrokerKind::paper || broker->kind == BrokerKind::binance_futures;
    if (bot.mode == PositionMode::hedge && !supports_hedge) {
      context.error(path + ".mode", root["bots"][i]["mode"].node(),
                    "\"hedge\" needs a broker that holds long and short positions at once "
                    "(paper or binance-futures); " +
                        in_quotes(broker->name) + " is " + std::string(to_string(broker->kind)));
    }
  }
}

// Every name that leads to an instrument (its symbol, each listed ticker) must lead to one only.
void check_ticker_ambiguity(const BotConfig& bot, std::size_t bot_index, const toml::table& root,
                            Context& context) {
  struct Claim {
    std::size_t instrument;
    std::string path;
  };
  std::map<std::string, Claim, std::less<>> claims;
  const std::string bot_path = index_path("bots", bot_index);
  auto claim = [&](const std::string& name, std::size_t instrument, const std::string& path,
                   const toml::node* node) {
    if (name.empty()) return;
    const auto [it, inserted] = claims.emplace(lowercase(name), Claim{instrument, path});
    if (inserted || it->second.instrument == instrument) return;
    const std::string& other = bot.instruments[it->second.instrument].symbol;
    context.error(path, node,
                  in_quotes(name) + " already leads to " + in_quotes(other) + " (" +
                      it->second.path + "); a ticker must map to one symbol");
  };
  for (std::size_t j = 0; j < bot.instruments.size(); ++j) {
    const InstrumentConfig& instrument = bot.instruments[j];
    const std::string path = bot_path + ".instruments[" + std::to_string(j) + "]";
    const auto node = root["bots"][bot_index]["instruments"][j];
    claim(instrument.symbol, j, path + ".symbol", node["symbol"].node());
    for (std::size_t k = 0; k < instrument.tradingview_tickers.size(); ++k) {
      claim(instrument.tradingview_tickers[k], j,
            path + ".tradingview_tickers[" + std::to_string(k) + "]",
            node["tradingview_tickers"][k].node());
    }
  }
}

bool addresses_overlap(std::string_view a, std::string_view b) {
  auto any = [](std::string_view address) { return address == "0.0.0.0" || address == "::"; };
  return a == b || any(a) || any(b);
}

}  // namespace

void validate_cross_references(const Config& config, const toml::table& root, Context& context) {
  check_unique_broker_names(config, root, context);
  check_bot_references(config, root, context);
  for (std::size_t i = 0; i < config.bots.size(); ++i) {
    check_ticker_ambiguity(config.bots[i], i, root, context);
  }
  if (config.admin.enabled && config.admin.port != 0 && config.admin.port == config.server.port &&
      addresses_overlap(config.admin.bind, config.server.listen_address)) {
    context.error("admin.port", root["admin"]["port"].node(),
                  std::to_string(config.admin.port) + " is also server.port; pick another");
  }
}

}  // namespace tvbot::config::detail
