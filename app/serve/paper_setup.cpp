#include "app/serve/paper_setup.hpp"

#include <algorithm>
#include <set>

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

Result<std::unique_ptr<PaperBroker>> make_paper_broker(const config::BrokerConfig& broker,
                                                       const std::vector<config::BotConfig>& bots) {
  const auto& paper = broker.paper;
  PaperBrokerConfig out;
  out.seed = paper.seed;
  out.fees = PaperFees{paper.maker_fee_bps, paper.taker_fee_bps};
  out.slippage_bps = paper.slippage_bps;
  out.liquidity_per_step = paper.partial_fill_liquidity;
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
  return PaperBroker::create(std::move(out));
}

}  // namespace tvbot::app
