#pragma once
// The paper venue itself: instruments, last prices, the order book and the matching rules.
// Single-threaded on purpose; PaperBroker puts it behind one mutex and adds fault injection.
// Deterministic: the same calls in the same order give the same ids, prices and fills.
//
// Matching, against the last price P of the order's symbol:
//   market          fills at P moved by the slippage against the taker, rounded to the tick
//                   against the taker; taker fee.
//   limit, placed   if marketable (buy: P <= limit, sell: P >= limit) fills at once as taker,
//                   at the slipped price but never beyond the limit.
//   limit, resting  fills at its limit price as maker on the first tick that reaches it.
//   stop            a stop-market order: triggers when P reaches the stop (buy: P >= stop,
//                   sell: P <= stop, also at placement), then fills as a market order.
// With liquidity_per_step set, an order fills at most that much per tick (and at placement);
// a gtc remainder, market orders included, goes on filling on the following ticks.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokers/broker.hpp"
#include "brokers/paper/paper_broker_config.hpp"
#include "brokers/paper/paper_ledger.hpp"

namespace tvbot {

// The reject_reason codes the paper venue uses besides rule_violation's.
namespace paper_reason {
inline constexpr std::string_view unknown_symbol = "unknown_symbol";
inline constexpr std::string_view invalid_order = "invalid_order";  // missing price, empty id, ...
inline constexpr std::string_view position_side = "position_side";  // wrong for one-way/hedge mode
inline constexpr std::string_view reduce_only = "reduce_only";      // would increase or flip
inline constexpr std::string_view insufficient_balance = "insufficient_balance";
inline constexpr std::string_view injected = "injected";  // fault injection
inline constexpr std::string_view ioc = "ioc";            // expiry of an ioc remainder
inline constexpr std::string_view fok = "fok";            // a fok that could not fill whole
}  // namespace paper_reason

// One fill as the paper venue's trade history records it.
struct PaperFill {
  std::string client_order_id;
  std::string broker_order_id;
  std::string symbol;
  Side side = Side::buy;
  PositionSide position_side = PositionSide::both;
  BrokerFill fill;
  bool operator==(const PaperFill&) const = default;
};

class PaperExchange {
 public:
  explicit PaperExchange(const PaperBrokerConfig& config);  // config passed validate_config

  // nullptr: no order with this id was ever placed.
  [[nodiscard]] const OrderReport* find(std::string_view client_order_id) const;
  // Places a new order, or returns the existing one's report for a known client order id.
  // reject_injected: fault injection asks to refuse this order.
  [[nodiscard]] OrderReport place(const OrderRequest& request, bool reject_injected);
  [[nodiscard]] Result<OrderReport> cancel(std::string_view symbol,
                                           std::string_view client_order_id);

  [[nodiscard]] std::vector<OrderReport> open_orders(std::optional<std::string_view> symbol) const;
  [[nodiscard]] std::vector<BrokerPosition> positions() const { return ledger_.positions(); }
  [[nodiscard]] std::vector<Balance> balances() const { return ledger_.balances(); }
  [[nodiscard]] const std::vector<PaperFill>& fills() const { return fills_; }
  [[nodiscard]] const PaperInstrument* instrument(std::string_view symbol) const;
  [[nodiscard]] std::optional<Price> last_price(std::string_view symbol) const;

  // Moves the symbol's price and fills what the move reaches; false for an unknown symbol.
  [[nodiscard]] bool apply_tick(const PriceTick& tick);

 private:
  struct Market {
    PaperInstrument instrument;
    Price last_price;
  };
  struct WorkingOrder {
    OrderRequest request;
    OrderReport report;
    std::uint64_t number = 0;  // placement order; 0 for a rejected order
    Notional filled_notional;
    bool triggered = false;  // stop orders: the stop price was reached
    Reservation held;        // what the unfilled rest holds back
  };
  struct FillPlan {
    Price price;
    bool is_maker = false;
  };

  [[nodiscard]] std::optional<Error> refusal(const OrderRequest& request,
                                             bool reject_injected) const;
  [[nodiscard]] bool closes_only(const OrderRequest& request) const;
  [[nodiscard]] Price slipped(const Market& market, Price price, Side side) const;
  [[nodiscard]] Price reference_price(const Market& market, const OrderRequest& request) const;
  [[nodiscard]] std::optional<FillPlan> plan_fill(const Market& market, const WorkingOrder& order,
                                                  bool at_placement) const;
  [[nodiscard]] Quantity step_qty(const WorkingOrder& order) const;
  void trigger_if_reached(WorkingOrder& order, Price price) const;
  void execute(WorkingOrder& order, bool at_placement);
  void record_fill(WorkingOrder& order, const FillPlan& plan, Quantity qty, Money fee);
  void close(WorkingOrder& order, OrderStatus status, std::string_view reason, std::string message);

  PaperBrokerConfig config_;
  std::map<std::string, Market, std::less<>> markets_;
  PaperLedger ledger_;
  std::map<std::string, WorkingOrder, std::less<>> orders_;  // every order ever, by client id
  std::map<std::uint64_t, std::string> open_;                // working orders by number
  std::vector<PaperFill> fills_;
  std::uint64_t last_order_number_ = 0;
  std::uint64_t last_fill_number_ = 0;
};

}  // namespace tvbot
