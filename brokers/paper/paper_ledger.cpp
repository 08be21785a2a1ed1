#include "brokers/paper/paper_ledger.hpp"

#include <algorithm>

namespace tvbot {
namespace {

constexpr std::int64_t kBasisPointsPerUnit = 10'000;

Quantity signed_qty(Side side, Quantity qty) {
  return side == Side::buy ? qty : -qty;
}

Money as_money(Quantity qty) {
  return rescale<Money>(qty);
}  // same scale: exact

}  // namespace

PaperLedger::PaperLedger(const PaperBrokerConfig& config)
    : mode_(config.mode),
      leverage_(config.leverage),
      fees_(config.fees),
      balances_(config.initial_balances) {
  // Positions carried over (validate_config has checked them): booked like a fill without a
  // fee, each bringing the margin it holds.
  for (const auto& position : config.initial_positions) {
    const auto instrument =
        std::find_if(config.instruments.begin(), config.instruments.end(),
                     [&](const PaperInstrument& i) { return i.symbol == position.symbol; });
    if (instrument == config.instruments.end()) continue;
    const auto& quote = instrument->quote_asset;
    const auto opening = positions_.split(position.symbol, position.position_side, position.qty).opening;
    const auto margin = margin_for(position.entry_price, opening);
    balances_.add_free(quote, margin);
    balances_.lock(Reservation{quote, margin});
    const auto change = positions_.apply(position.symbol, position.position_side, position.qty,
                                         position.entry_price, margin);
    balances_.unlock(Reservation{quote, change.released_margin});
    balances_.add_free(quote, change.realized_pnl);
  }
}

Money PaperLedger::fee(Price price, Quantity qty, bool is_maker) const {
  const auto rate_bps = is_maker ? fees_.maker_bps : fees_.taker_bps;
  return mul_div<Money>(mul<Notional>(price, qty), rate_bps, Ratio::from_int(kBasisPointsPerUnit));
}

Money PaperLedger::margin_for(Price price, Quantity qty) const {
  return div<Money>(mul<Notional>(price, qty), Ratio::from_int(leverage_));
}

Reservation PaperLedger::reservation_for(const PaperInstrument& instrument,
                                         const OrderRequest& request, Price reference_price) const {
  const auto worst_fee =
      std::max(fee(reference_price, request.qty, true), fee(reference_price, request.qty, false));
  if (mode_ == PaperMode::futures) {
    const auto opening =
        positions_
            .split(instrument.symbol, request.position_side, signed_qty(request.side, request.qty))
            .opening;
    return Reservation{instrument.quote_asset, margin_for(reference_price, opening) + worst_fee};
  }
  if (request.side == Side::sell) return Reservation{instrument.base_asset, as_money(request.qty)};
  return Reservation{instrument.quote_asset, mul<Money>(reference_price, request.qty) + worst_fee};
}

Quantity PaperLedger::closable(const OrderRequest& request) const {
  const auto held = positions_.get(request.symbol, request.position_side).qty;
  const bool closes = request.side == Side::buy ? held.is_negative() : held.is_positive();
  return closes ? held.abs() : Quantity{};
}

std::optional<Money> PaperLedger::settle(const FillTerms& terms, Reservation& held,
                                         Quantity remaining_qty) {
  const auto fill_fee = fee(terms.price, terms.qty, terms.is_maker);
  const auto share = terms.qty == remaining_qty
                         ? held.amount
                         : mul_div<Money>(held.amount, terms.qty, remaining_qty);
  const Reservation released{held.asset, share};
  const bool paid = mode_ == PaperMode::futures ? settle_futures(terms, fill_fee, released)
                                                : settle_spot(terms, fill_fee, released);
  if (!paid) return std::nullopt;
  held.amount -= share;
  return fill_fee;
}

bool PaperLedger::settle_spot(const FillTerms& terms, Money fill_fee, Reservation share) {
  const auto& instrument = terms.instrument;
  const auto quote_amount = mul<Money>(terms.price, terms.qty);
  if (terms.side == Side::buy) {
    const auto cost = quote_amount + fill_fee;
    if (balances_.free(instrument.quote_asset) + share.amount < cost) return false;
    balances_.unlock(share);
    balances_.add_free(instrument.quote_asset, -cost);
    balances_.add_free(instrument.base_asset, as_money(terms.qty));
  } else {
    if (balances_.free(instrument.base_asset) + share.amount < as_money(terms.qty)) return false;
    balances_.unlock(share);
    balances_.add_free(instrument.base_asset, -as_money(terms.qty));
    balances_.add_free(instrument.quote_asset, quote_amount - fill_fee);
  }
  // Spot has no positions at the venue; this is the net of the fills, for reconciliation.
  positions_.apply(instrument.symbol, terms.position_side, signed_qty(terms.side, terms.qty),
                   terms.price, Money{});
  return true;
}

bool PaperLedger::settle_futures(const FillTerms& terms, Money fill_fee, Reservation share) {
  const auto& symbol = terms.instrument.symbol;
  const auto& quote = terms.instrument.quote_asset;
  const auto signed_fill = signed_qty(terms.side, terms.qty);
  const auto opening = positions_.split(symbol, terms.position_side, signed_fill).opening;
  const auto margin = margin_for(terms.price, opening);
  if (balances_.free(quote) + share.amount < margin + fill_fee) return false;
  balances_.unlock(share);
  balances_.lock(Reservation{quote, margin});
  const auto change =
      positions_.apply(symbol, terms.position_side, signed_fill, terms.price, margin);
  balances_.unlock(Reservation{quote, change.released_margin});
  balances_.add_free(quote, change.realized_pnl - fill_fee);
  return true;
}

}  // namespace tvbot
