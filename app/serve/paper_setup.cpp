#include "app/serve/paper_setup.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include <spdlog/spdlog.h>

namespace tvbot::app {

std::pair<std::string, std::string> split_symbol(std::string_view symbol) {
  // Longest first, so "FDUSD" wins over "USD".
  static constexpr std::string_view kQuotes[] = {"FDUSD", "USDT", "USDC", "BUSD", "TUSD",
                                                 "USD",   "EUR",  "BTC",  "ETH",  "BNB"};
  for (auto quote : kQuotes) {
    if (symbol.size() > quote.size() && symbol.ends_with(quote)) {
      return {std::string(symbol.substr(0, symbol.size() - quote.size())), std::string(quote)};
    }
  }
  return {std::string(symbol), "USD"};
}

std::string run_id_prefix(std::string_view broker_name) {
  // The start time in nanoseconds, in hex: each run (and each broker of one run, with the
  // name) gets ids no earlier run used, so the log never sees a fill id come back.
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(now));
  return std::string(broker_name) + "-" + hex;
}

Result<std::map<std::string, std::vector<BrokerPosition>>> open_paper_positions(
    const storage::EventStore& store, const config::Config& config) {
  std::map<std::string, std::vector<BrokerPosition>> out;
  for (const auto& stream : store.log().list_streams()) {
    const auto slash = stream.stream.find('/');
    if (slash == std::string::npos) continue;
    const auto* bot = config.bot(std::string_view(stream.stream).substr(0, slash));
    if (bot == nullptr) continue;
    const auto broker = std::find_if(config.brokers.begin(), config.brokers.end(),
                                     [&](const auto& b) { return b.name == bot->broker; });
    if (broker == config.brokers.end() || broker->kind != config::BrokerKind::paper) continue;
    auto loaded = store.load_state(stream.stream);
    if (!loaded.ok()) return loaded.error();
    const auto symbol = stream.stream.substr(slash + 1);
    const auto& state = loaded->state;
    for (const auto& [side, position] :
         {std::pair{PositionSide::both, &state.net}, std::pair{PositionSide::long_side, &state.long_side},
          std::pair{PositionSide::short_side, &state.short_side}}) {
      if (position->is_flat()) continue;
      out[broker->name].push_back(
          BrokerPosition{symbol, side, position->signed_qty(), position->avg_entry});
    }
  }
  return out;
}

Result<std::unique_ptr<PaperBroker>> make_paper_broker(const config::BrokerConfig& broker,
                                                       const std::vector<config::BotConfig>& bots,
                                                       const std::vector<BrokerPosition>& carried) {
  const auto& paper = broker.paper;
  PaperBrokerConfig out;
  out.seed = paper.seed;
  out.fees = PaperFees{paper.maker_fee_bps, paper.taker_fee_bps};
  out.slippage_bps = paper.slippage_bps;
  out.liquidity_per_step = paper.partial_fill_liquidity;
  out.id_prefix = run_id_prefix(broker.name);
  for (const auto& balance : paper.initial_balances) out.initial_balances[balance.asset] = balance.amount;
  if (out.initial_balances.empty()) out.initial_balances["USDT"] = Money::from_int(10000);
  bool hedge = false;
  std::set<std::string> symbols;
  for (const auto& bot : bots) {
    if (bot.broker != broker.name) continue;
    hedge = hedge || bot.mode == config::PositionMode::hedge;
    for (const auto& instrument : bot.instruments) symbols.insert(instrument.symbol);
  }
  // A futures account (margin at leverage 1), like the perpetuals TradingView strategies
  // usually trade: one-way bots can go short, and hedge bots get separate long and short legs.
  out.mode = PaperMode::futures;
  out.hedge = hedge;
  for (const auto& symbol : symbols) {
    PaperInstrument instrument;
    instrument.symbol = symbol;
    std::tie(instrument.base_asset, instrument.quote_asset) = split_symbol(symbol);
    const auto& starts = paper.price_feed.start_prices;
    auto start = std::find_if(starts.begin(), starts.end(),
                              [&](const auto& entry) { return entry.first == symbol; });
    if (start == starts.end()) {
      return make_error("invalid_config", "brokers." + broker.name + ": price_feed.start_prices has no " +
                                              "price for " + symbol + ", which a bot trades");
    }
    instrument.start_price = start->second;
    out.instruments.push_back(std::move(instrument));
  }
  switch (paper.price_feed.kind) {
    case config::PriceFeedKind::manual: out.feed = ManualFeedConfig{}; break;
    case config::PriceFeedKind::random_walk: {
      RandomWalkConfig walk;
      walk.max_step_bps = paper.price_feed.step_bps.raw() / 10'000'000'000;  // whole bps
      if (walk.max_step_bps == 0) walk.max_step_bps = 1;
      out.feed = walk;
      break;
    }
    case config::PriceFeedKind::csv:
      out.feed = CsvFeedConfig{{CsvPriceSource{paper.price_feed.csv_path, std::nullopt}}};
      break;
  }
  for (const auto& position : carried) {
    const bool side_fits = hedge ? position.position_side != PositionSide::both
                                 : position.position_side == PositionSide::both;
    if (!symbols.contains(position.symbol) || !side_fits || position.qty.is_zero() ||
        !position.entry_price.is_positive()) {
      spdlog::warn("brokers.{}: the open {} position {} @ {} in the event log is not given back to "
                   "the paper account: it no longer fits its configuration",
                   broker.name, position.symbol, position.qty.to_string(),
                   position.entry_price.to_string());
      continue;
    }
    out.initial_positions.push_back(position);
  }
  return PaperBroker::create(std::move(out));
}

}  // namespace tvbot::app
