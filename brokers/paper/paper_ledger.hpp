#pragma once
// The paper account's money rules: what an order holds back while it works, and how a fill
// moves balances and positions, in spot or futures mode.
//
// spot:    a buy pays price * qty + fee in the quote asset and receives qty of the base;
//          a sell gives qty of the base and receives price * qty - fee in the quote.
// futures: everything is in the quote asset (the margin asset). Opening holds
//          price * qty / leverage as the position's margin; closing releases its share of
//          the margin and books the realized P&L; every fill pays its fee.
// Unrealized P&L and liquidation are not modelled: keep it simple, but keep it real.
#include <optional>

#include "brokers/broker.hpp"
#include "brokers/paper/paper_balances.hpp"
#include "brokers/paper/paper_broker_config.hpp"
#include "brokers/paper/paper_positions.hpp"

namespace tvbot {

struct FillTerms {
  const PaperInstrument& instrument;
  Side side;
  PositionSide position_side;
  Quantity qty;
  Price price;
  bool is_maker;
};

class PaperLedger {
 public:
  explicit PaperLedger(const PaperBrokerConfig& config);

  // Fee in bps of price * qty, rounded once, half-to-even.
  [[nodiscard]] Money fee(Price price, Quantity qty, bool is_maker) const;

  // What a new order holds back while it works, valued at reference_price and at the higher
  // of the two fee rates (a limit order can fill as taker when it is placed).
  [[nodiscard]] Reservation reservation_for(const PaperInstrument& instrument,
                                            const OrderRequest& request,
                                            Price reference_price) const;
  [[nodiscard]] bool try_lock(const Reservation& reservation) {
    return balances_.try_lock(reservation);
  }
  void unlock(const Reservation& reservation) { balances_.unlock(reservation); }

  // How much an order that only closes may still fill: the position it closes, or zero
  // when its side would increase the position.
  [[nodiscard]] Quantity closable(const OrderRequest& request) const;

  // Books one fill of an order. The order's reservation `held` pays first: the share of
  // terms.qty in remaining_qty (all of it on the last fill); free balance covers the rest.
  // Returns the fee, or nullopt when the account cannot pay (then nothing has changed).
  [[nodiscard]] std::optional<Money> settle(const FillTerms& terms, Reservation& held,
                                            Quantity remaining_qty);

  [[nodiscard]] std::vector<Balance> balances() const { return balances_.all(); }
  [[nodiscard]] std::vector<BrokerPosition> positions() const { return positions_.non_flat(); }

 private:
  [[nodiscard]] Money margin_for(Price price, Quantity qty) const;
  [[nodiscard]] bool settle_spot(const FillTerms& terms, Money fee, Reservation share);
  [[nodiscard]] bool settle_futures(const FillTerms& terms, Money fee, Reservation share);

  PaperMode mode_;
  std::int64_t leverage_;
  PaperFees fees_;
  PaperBalances balances_;
  PaperPositions positions_;
};

}  // namespace tvbot
