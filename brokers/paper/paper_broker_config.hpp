#pragma once
// Everything a paper broker needs to start. Reading it from TOML is app/config's job;
// validate_config says what is wrong before anything runs.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "brokers/broker.hpp"
#include "brokers/instrument_rules.hpp"
#include "brokers/paper/csv_price_feed.hpp"
#include "brokers/paper/price_feed.hpp"
#include "brokers/paper/random_walk_feed.hpp"
#include "events/decimal.hpp"
#include "events/result.hpp"

namespace tvbot {

// spot: buying spends the quote asset, selling spends the base asset, no leverage.
// futures: one margin asset (the quote); opening costs notional / leverage of margin.
enum class PaperMode : std::uint8_t { spot, futures };

struct PaperInstrument {
  std::string symbol;       // "BTCUSDT"
  std::string base_asset;   // "BTC"
  std::string quote_asset;  // "USDT": notionals, fees and margin are in it
  InstrumentRules rules;
  Price start_price;  // on the tick grid
};

// Rates in basis points of the fill's notional (1 bp = 0.01%), fractions allowed (7.5).
struct PaperFees {
  Ratio maker_bps;
  Ratio taker_bps;
};

struct ManualFeedConfig {};
struct CsvFeedConfig {
  std::vector<CsvPriceSource> sources;
};
using PriceFeedConfig = std::variant<ManualFeedConfig, RandomWalkConfig, CsvFeedConfig>;

// Faults a test (or a chaos run) switches on; counters count down as they fire.
struct PaperFaults {
  std::uint32_t unavailable_calls = 0;        // the next N calls fail "unavailable", doing nothing
  std::uint32_t timeouts_before_placing = 0;  // the next N placements time out, nothing placed
  std::uint32_t timeouts_after_placing = 0;   // the next N placements happen, then time out
  std::uint32_t rejections = 0;               // the next N new orders are rejected ("injected")
  std::chrono::milliseconds delay{0};         // every call first waits this long
};

// Longest injected delay: above the gateway's call timeout, so timeouts can be provoked,
// yet short enough that a mistaken setting cannot hang a test run.
inline constexpr std::chrono::milliseconds kMaxInjectedDelay{10'000};

struct PaperBrokerConfig {
  std::uint64_t seed = 1;  // drives the random walk: same seed, same prices, same fills
  PaperMode mode = PaperMode::spot;
  bool hedge = false;         // futures only: separate long and short positions per symbol
  std::int64_t leverage = 1;  // futures only
  PaperFees fees;
  Ratio slippage_bps;                             // market fills move this far against the taker
  std::map<std::string, Money> initial_balances;  // asset -> free amount
  std::vector<PaperInstrument> instruments;
  PriceFeedConfig feed = ManualFeedConfig{};
  // Most an order fills per price update (and at placement), a multiple of the lot step;
  // nullopt: unlimited. Small values make big orders fill in several parts.
  std::optional<Quantity> liquidity_per_step;
  PaperFaults faults;
  // Broker order ids are "<id_prefix>-N", fill ids "<id_prefix>-fill-N", N counting from 1.
  // The paper venue forgets everything when its process ends, so a server gives each run a
  // prefix of its own: a fill id the event log already holds from an earlier run would be
  // taken for a redelivery of that fill and ignored.
  std::string id_prefix = "paper";
  // Positions the account holds from the start (qty signed: long > 0), e.g. those a restarted
  // server finds open in its event log: the paper venue forgets everything when its process
  // ends, and without them an order that closes such a position would be refused. Each is
  // booked in this order as if filled at its entry price without a fee and brings its own
  // margin, so initial_balances stay free. Futures mode only; position_side as the mode
  // needs it (both, or long_side with qty > 0 / short_side with qty < 0 in hedge mode).
  std::vector<BrokerPosition> initial_positions;
};

// Error code "invalid_config", the message names the field.
[[nodiscard]] Status validate_config(const PaperBrokerConfig& config);

// The feed the config chooses (CSV files are read now). Expects a validated config.
[[nodiscard]] Result<std::unique_ptr<PriceFeed>> make_price_feed(const PaperBrokerConfig& config);

}  // namespace tvbot
