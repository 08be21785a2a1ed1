#include "brokers/paper/paper_broker_config.hpp"

#include <set>

namespace tvbot {
namespace {

constexpr std::int64_t kBasisPointsPerUnit = 10'000;

Error invalid(std::string message) {
  return make_error("invalid_config", std::move(message));
}

bool is_rate_in_range(Ratio bps) {
  return !bps.is_negative() && bps < Ratio::from_int(kBasisPointsPerUnit);
}

Status validate_instrument(const PaperInstrument& instrument, const PaperBrokerConfig& config) {
  const auto& rules = instrument.rules;
  if (instrument.symbol.empty() || instrument.base_asset.empty() ||
      instrument.quote_asset.empty()) {
    return invalid("an instrument needs a symbol, a base asset and a quote asset");
  }
  if (rules.tick_size.is_negative() || rules.lot_step.is_negative() ||
      rules.min_qty.is_negative() || rules.max_qty.is_negative() ||
      rules.min_notional.is_negative()) {
    return invalid(instrument.symbol + ": rules must not be negative");
  }
  if (auto status = check_price(instrument.start_price, rules); !status) {
    return invalid(instrument.symbol + ": start_price: " + status.error().message);
  }
  if (config.liquidity_per_step && rules.lot_step.is_positive() &&
      config.liquidity_per_step->raw() % rules.lot_step.raw() != 0) {
    return invalid(instrument.symbol + ": liquidity_per_step is not a multiple of the lot step");
  }
  return {};
}

Status validate_feed(const PriceFeedConfig& feed) {
  if (const auto* walk = std::get_if<RandomWalkConfig>(&feed)) {
    if (walk->max_step_bps < 0 || walk->max_step_bps >= kBasisPointsPerUnit) {
      return invalid("random walk max_step_bps must be in [0, 10000)");
    }
    if (walk->band_bps < 0 || walk->band_bps >= kBasisPointsPerUnit) {
      return invalid("random walk band_bps must be in [0, 10000)");
    }
  }
  if (const auto* csv = std::get_if<CsvFeedConfig>(&feed); csv && csv->sources.empty()) {
    return invalid("a CSV feed needs at least one file");
  }
  return {};
}

}  // namespace

Status validate_config(const PaperBrokerConfig& config) {
  if (config.instruments.empty()) return invalid("no instruments");
  if (config.id_prefix.empty()) return invalid("id_prefix must not be empty");
  std::set<std::string> symbols;
  for (const auto& instrument : config.instruments) {
    if (!symbols.insert(instrument.symbol).second)
      return invalid("duplicate symbol " + instrument.symbol);
    if (auto status = validate_instrument(instrument, config); !status) return status;
  }
  if (!is_rate_in_range(config.fees.maker_bps) || !is_rate_in_range(config.fees.taker_bps)) {
    return invalid("fees must be in [0, 10000) bps");
  }
  if (!is_rate_in_range(config.slippage_bps)) return invalid("slippage must be in [0, 10000) bps");
  if (config.hedge && config.mode != PaperMode::futures)
    return invalid("hedge mode needs futures mode");
  if (config.leverage < 1) return invalid("leverage must be at least 1");
  if (config.mode == PaperMode::spot && config.leverage != 1)
    return invalid("spot mode has no leverage");
  if (config.liquidity_per_step && !config.liquidity_per_step->is_positive()) {
    return invalid("liquidity_per_step must be positive");
  }
  for (const auto& [asset, amount] : config.initial_balances) {
    if (amount.is_negative()) return invalid("initial balance of " + asset + " is negative");
  }
  for (const auto& position : config.initial_positions) {
    const std::string what = "initial position " + position.symbol + ": ";
    if (config.mode != PaperMode::futures) return invalid(what + "needs futures mode");
    if (!symbols.contains(position.symbol)) return invalid(what + "unknown symbol");
    if (position.qty.is_zero()) return invalid(what + "qty is zero");
    if (!position.entry_price.is_positive()) return invalid(what + "entry price must be positive");
    const bool side_fits =
        config.hedge ? (position.position_side == PositionSide::long_side && position.qty.is_positive()) ||
                           (position.position_side == PositionSide::short_side && position.qty.is_negative())
                     : position.position_side == PositionSide::both;
    if (!side_fits) return invalid(what + "position side does not fit the account's mode and the qty's sign");
  }
  if (config.faults.delay.count() < 0 || config.faults.delay > kMaxInjectedDelay) {
    return invalid("fault delay must be in [0, 10s]");
  }
  return validate_feed(config.feed);
}

Result<std::unique_ptr<PriceFeed>> make_price_feed(const PaperBrokerConfig& config) {
  if (std::holds_alternative<ManualFeedConfig>(config.feed)) {
    return std::unique_ptr<PriceFeed>(std::make_unique<ManualPriceFeed>());
  }
  if (const auto* walk = std::get_if<RandomWalkConfig>(&config.feed)) {
    std::vector<WalkedSymbol> symbols;
    for (const auto& instrument : config.instruments) {
      symbols.push_back(
          WalkedSymbol{instrument.symbol, instrument.start_price, instrument.rules.tick_size});
    }
    return std::unique_ptr<PriceFeed>(
        std::make_unique<RandomWalkFeed>(config.seed, *walk, std::move(symbols)));
  }
  auto csv = CsvPriceFeed::load(std::get<CsvFeedConfig>(config.feed).sources);
  if (!csv) return csv.error();
  return std::unique_ptr<PriceFeed>(std::move(*csv));
}

}  // namespace tvbot
