#pragma once
// The facts tvbot records, one struct per event type (see ../shared/DESIGN.md).
// Events are never changed or deleted; a new field means a new schema version and an
// upcaster in codec.cpp. Amounts are decimals, times are nanoseconds since the Unix epoch (UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "events/decimal.hpp"
#include "events/reconciliation_events.hpp"

namespace tvbot {

using Timestamp = std::int64_t;  // nanoseconds since 1970-01-01T00:00:00Z

enum class Side : std::uint8_t { buy, sell };
enum class Direction : std::uint8_t { long_, short_ };
// Which position of an instrument an order or fill belongs to. `both` is one-way mode
// (one net position, as Binance's positionSide=BOTH); long_side/short_side are hedge mode.
enum class PositionSide : std::uint8_t { both, long_side, short_side };
enum class OrderType : std::uint8_t { market, limit, stop };
enum class OrderReason : std::uint8_t { signal, stop_loss, take_profit, trailing, manual, sync };
// What a TradingView alert asks for.
enum class Action : std::uint8_t {
  buy, sell, long_, short_, close, close_long, close_short, flat, cancel
};

std::string_view to_string(Side);
std::string_view to_string(Direction);
std::string_view to_string(PositionSide);
std::string_view to_string(OrderType);
std::string_view to_string(OrderReason);
std::string_view to_string(Action);
// Parsers accept exactly the strings to_string produces (and, for Action, TradingView's
// usual spellings, case-insensitive). nullopt for anything else.
std::optional<Side> parse_side(std::string_view);
std::optional<Direction> parse_direction(std::string_view);
std::optional<PositionSide> parse_position_side(std::string_view);
std::optional<OrderType> parse_order_type(std::string_view);
std::optional<OrderReason> parse_order_reason(std::string_view);
std::optional<Action> parse_action(std::string_view);

// "2%" (percent of the reference price) or "27000" (absolute price / distance).
struct PriceLevel {
  bool percent = false;
  Price value;
  bool operator==(const PriceLevel&) const = default;
};

// What a webhook asked for, after parsing and symbol mapping. Optional fields were absent.
struct Signal {
  Action action = Action::buy;
  std::string ticker;  // as TradingView sent it, e.g. "BINANCE:BTCUSDT.P"
  std::string symbol;  // the broker's symbol it maps to, e.g. "BTCUSDT"
  std::optional<Quantity> qty;
  std::optional<Price> price;
  std::optional<Quantity> target_position;  // {{strategy.position_size}}: signed, short < 0
  std::string market_position;              // {{strategy.market_position}}: long, short, flat
  std::string prev_market_position;
  std::string order_id;  // {{strategy.order.id}}
  std::string comment;
  std::string alert_id;  // sender's dedupe key ("id")
  std::optional<PriceLevel> stop_loss;
  std::optional<PriceLevel> take_profit;
  std::optional<PriceLevel> trailing;
  std::optional<Timestamp> alert_time;  // {{timenow}}
  bool operator==(const Signal&) const = default;
};

struct AlertReceived {
  std::string raw_body;  // secrets redacted before it is recorded
  std::string source_ip;
  std::string dedupe_key;
  std::string request_id;
  Signal signal;
  bool operator==(const AlertReceived&) const = default;
};

struct AlertRejected {
  std::uint64_t alert_seq = 0;  // stream seq of the AlertReceived it answers (0: none)
  std::string reason;           // machine code: "max_entries", "paused", "max_position", ...
  std::string message;
  bool operator==(const AlertRejected&) const = default;
};

struct OrderRequested {
  std::string client_order_id;  // "<stream>:<seq of this event>": a retry never places twice
  Side side = Side::buy;
  Quantity qty;
  OrderType type = OrderType::market;
  std::optional<Price> limit_price;
  std::optional<Price> stop_price;
  OrderReason reason = OrderReason::signal;
  PositionSide position_side = PositionSide::both;
  bool reduce_only = false;
  bool operator==(const OrderRequested&) const = default;
};

struct OrderAccepted {
  std::string client_order_id;
  std::string broker_order_id;
  bool operator==(const OrderAccepted&) const = default;
};

struct OrderFilled {
  std::string client_order_id;
  std::string broker_order_id;
  std::string fill_id;  // the venue's trade id; a fill id seen before is refused
  Side side = Side::buy;
  PositionSide position_side = PositionSide::both;
  Quantity qty;
  Price price;
  Money fee;  // in the quote currency
  std::string fee_asset;
  bool order_complete = true;  // false for a partial fill with more to come
  bool operator==(const OrderFilled&) const = default;
};

struct OrderRejected {
  std::string client_order_id;
  std::string reason;
  std::string message;
  bool operator==(const OrderRejected&) const = default;
};

struct OrderCancelled {
  std::string client_order_id;
  std::string reason;
  bool operator==(const OrderCancelled&) const = default;
};

// Position effects of one fill, computed by decide() and only applied by evolve().
struct PositionOpened {
  PositionSide position_side = PositionSide::both;
  Direction direction = Direction::long_;
  std::string fill_id;
  Quantity qty;
  Price price;
  Money fee;  // the part of the fill's fee that belongs to this opening
  std::uint32_t cycle = 0;  // increments each time the position opens from flat
  bool operator==(const PositionOpened&) const = default;
};

struct PositionIncreased {
  PositionSide position_side = PositionSide::both;
  Direction direction = Direction::long_;
  std::string fill_id;
  Quantity qty;
  Price price;
  Money fee;
  Quantity new_qty;
  Price new_avg_entry;
  std::uint32_t entries = 0;  // open entries after this one (pyramid count)
  bool operator==(const PositionIncreased&) const = default;
};

struct PositionReduced {
  PositionSide position_side = PositionSide::both;
  Direction direction = Direction::long_;
  std::string fill_id;
  Quantity qty;
  Price price;
  Money fee;
  Price avg_entry;
  Money realized_gross;  // of this reduction: (price - avg_entry) * qty * direction
  Quantity remaining_qty;
  OrderReason reason = OrderReason::signal;
  bool operator==(const PositionReduced&) const = default;
};

struct PositionClosed {
  PositionSide position_side = PositionSide::both;
  Direction direction = Direction::long_;
  std::string fill_id;
  Quantity qty;
  Price price;
  Money fee;
  Price avg_entry;
  Money realized_gross;        // of this closing fill
  Money cycle_realized_gross;  // whole position cycle, open to flat
  Money cycle_fees;            // every fee paid in the cycle, opening fees included
  Money cycle_realized_net;    // cycle_realized_gross - cycle_fees
  OrderReason exit_reason = OrderReason::signal;
  bool operator==(const PositionClosed&) const = default;
};

struct TakeProfitLevel {
  PriceLevel level;
  Ratio fraction;  // share of the position to close there, 0 < f <= 1
  bool operator==(const TakeProfitLevel&) const = default;
};

struct ProtectionSet {
  PositionSide position_side = PositionSide::both;
  std::optional<PriceLevel> stop_loss;
  std::vector<TakeProfitLevel> take_profits;
  std::optional<PriceLevel> trailing;            // distance, percent or absolute
  std::optional<Price> trailing_activation;      // trailing starts once price reaches this
  bool break_even_after_first_tp = false;
  bool operator==(const ProtectionSet&) const = default;
};

struct BotPaused {
  std::string reason;
  bool operator==(const BotPaused&) const = default;
};

struct BotResumed {
  std::string reason;
  bool operator==(const BotResumed&) const = default;
};

// Recorded only when a price triggers something (a stop, a take-profit, a trailing move).
struct PriceObserved {
  PositionSide position_side = PositionSide::both;
  Price price;
  std::string trigger;  // "stop_loss", "take_profit", "trailing", "trailing_moved", ...
  bool operator==(const PriceObserved&) const = default;
};

using EventPayload =
    std::variant<AlertReceived, AlertRejected, OrderRequested, OrderAccepted, OrderFilled,
                 OrderRejected, OrderCancelled, PositionOpened, PositionIncreased,
                 PositionReduced, PositionClosed, ProtectionSet, BotPaused, BotResumed,
                 PriceObserved, ReconciliationDrift, ReconciliationResolved>;

// The type name written as "type" in JSON, e.g. "OrderFilled".
std::string_view event_type_name(const EventPayload& payload);

// An event as stored: its stream ("bot/instrument"), its position in that stream
// (1-based), its position in the whole log (1-based) and when it was recorded.
struct Event {
  std::string stream;
  std::uint64_t stream_seq = 0;
  std::uint64_t global_seq = 0;
  Timestamp time = 0;
  EventPayload payload;
  bool operator==(const Event&) const = default;
};

// "bot/instrument" for bot ids and instruments without '/'.
std::string make_stream_name(std::string_view bot, std::string_view instrument);

}  // namespace tvbot
