#pragma once
// The seam between tvbot and a trading venue (paper, Binance, Alpaca, ...).
//
// Every Broker method is blocking and may be slow (a network round trip, a rate limit).
// The broker gateway actor calls it off CAF's scheduler threads, with a timeout of its own,
// so implementations must be thread-safe: several calls may run at once.
//
// Errors are values. The codes a caller must tell apart are in broker_error below; a
// venue's business refusal of an order is not an Error but an OrderReport with status
// `rejected`, because it is a fact about that client order id (a repeat gets the same answer).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokers/instrument_rules.hpp"
#include "events/decimal.hpp"
#include "events/event_types.hpp"
#include "events/result.hpp"

namespace tvbot {

enum class TimeInForce : std::uint8_t {
  gtc,  // good till cancelled: the unfilled rest waits
  ioc,  // immediate or cancel: what cannot fill at once expires
  fok,  // fill or kill: the whole quantity at once, or nothing
};

enum class OrderStatus : std::uint8_t {
  new_,              // accepted, nothing filled yet
  partially_filled,  // some filled, the rest still working
  filled,
  cancelled,
  rejected,  // refused at placement; reject_reason says why
  expired,   // ended by the venue with the rest unfilled (ioc, fok, reduce-only, balance)
};

std::string_view to_string(TimeInForce);
std::string_view to_string(OrderStatus);
// Filled, cancelled, rejected and expired orders never change again.
bool is_terminal(OrderStatus);

struct OrderRequest {
  std::string client_order_id;  // tvbot's id ("<stream>:<seq>"): the idempotency key
  std::string symbol;
  Side side = Side::buy;
  PositionSide position_side = PositionSide::both;  // both = one-way mode
  OrderType type = OrderType::market;
  Quantity qty;
  std::optional<Price> limit_price;  // required for limit orders
  std::optional<Price> stop_price;   // required for stop orders (stop-market: fills as taker)
  bool reduce_only = false;
  TimeInForce time_in_force = TimeInForce::gtc;
  bool operator==(const OrderRequest&) const = default;
};

struct BrokerFill {
  std::string fill_id;  // the venue's trade id, unique per venue account
  Quantity qty;
  Price price;
  Money fee;              // in the quote currency
  std::string fee_asset;  // the quote asset's name, e.g. "USDT"
  bool is_maker = false;
  bool operator==(const BrokerFill&) const = default;
};

struct OrderReport {
  std::string client_order_id;
  std::string broker_order_id;  // empty when the order was rejected
  std::string symbol;
  Side side = Side::buy;
  PositionSide position_side = PositionSide::both;
  OrderStatus status = OrderStatus::new_;
  Quantity qty;  // as requested
  Quantity filled_qty;
  Price avg_price;  // of the fills, half-to-even; zero while nothing filled
  std::vector<BrokerFill> fills;
  std::string reject_reason;   // machine code: why it was rejected or expired; empty otherwise
  std::string reject_message;  // the same for people
  bool operator==(const OrderReport&) const = default;
};

// qty is signed: long > 0, short < 0. One entry per symbol and position side.
struct BrokerPosition {
  std::string symbol;
  PositionSide position_side = PositionSide::both;
  Quantity qty;
  Price entry_price;
  bool operator==(const BrokerPosition&) const = default;
};

struct Balance {
  std::string asset;
  Money free;
  Money locked;  // held by open orders (and, on margin venues, by positions)
  bool operator==(const Balance&) const = default;
};

struct SymbolPrice {
  std::string symbol;
  Price price;
  bool operator==(const SymbolPrice&) const = default;
};

// The Error codes a Broker returns. Callers branch on these; messages are for people.
namespace broker_error {
// The call may or may not have taken effect (the request left, no answer came back).
// Before retrying a placement, query_order by the client order id.
inline constexpr std::string_view timeout = "timeout";
// The venue did not act (down, maintenance, rate limited): the same call may be retried.
inline constexpr std::string_view unavailable = "unavailable";
// The venue refused the request itself (malformed, not allowed); retrying will not help.
inline constexpr std::string_view rejected = "rejected";
// cancel_order for a client order id the venue never saw.
inline constexpr std::string_view not_found = "not_found";
inline constexpr std::string_view unknown_symbol = "unknown_symbol";
}  // namespace broker_error

// True when the outcome of the failed call is unknown and must be found out by a query.
[[nodiscard]] bool outcome_unknown(const Error& error);

class Broker {
 public:
  Broker() = default;
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;
  virtual ~Broker() = default;

  // Places an order. Idempotent by client_order_id: if the venue already has an order with
  // that id, its current report comes back and nothing new is placed (the repeat's other
  // fields are ignored). A refusal by the venue's rules is a report with status rejected.
  [[nodiscard]] virtual Result<OrderReport> place_order(const OrderRequest& request) = 0;

  // Cancels a working order and returns its report. An order that already ended comes back
  // unchanged (check its status); an id the venue never saw is broker_error::not_found.
  [[nodiscard]] virtual Result<OrderReport> cancel_order(std::string_view symbol,
                                                         std::string_view client_order_id) = 0;

  // nullopt: the venue never saw this id, so placing it is safe.
  [[nodiscard]] virtual Result<std::optional<OrderReport>> query_order(
      std::string_view symbol, std::string_view client_order_id) = 0;

  // Working orders (new or partially filled), of one symbol or of all, oldest first.
  [[nodiscard]] virtual Result<std::vector<OrderReport>> open_orders(
      std::optional<std::string_view> symbol) = 0;

  // Non-flat positions, ordered by symbol and position side.
  [[nodiscard]] virtual Result<std::vector<BrokerPosition>> positions() = 0;

  // Every asset the account holds, ordered by name.
  [[nodiscard]] virtual Result<std::vector<Balance>> balances() = 0;

  [[nodiscard]] virtual Result<Price> last_price(std::string_view symbol) = 0;

  // One round trip for many symbols; the answer is in the order asked. One unknown symbol
  // fails the whole batch with broker_error::unknown_symbol.
  [[nodiscard]] virtual Result<std::vector<SymbolPrice>> last_prices(
      const std::vector<std::string>& symbols) = 0;

  [[nodiscard]] virtual Result<InstrumentRules> instrument_rules(std::string_view symbol) = 0;
};

}  // namespace tvbot
