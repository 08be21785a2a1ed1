#include "brokers/binance/order_params.hpp"

#include "brokers/binance/client_id.hpp"

namespace tvbot::binance {

OrderReport rejected_report(const OrderRequest& request, std::string reason, std::string message) {
  OrderReport report;
  report.client_order_id = request.client_order_id;
  report.symbol = request.symbol;
  report.side = request.side;
  report.position_side = request.position_side;
  report.qty = request.qty;
  report.status = OrderStatus::rejected;
  report.reject_reason = std::move(reason);
  report.reject_message = std::move(message);
  return report;
}

std::variant<OrderParams, OrderReport> prepare_order(const OrderRequest& request,
                                                     const SymbolInfo& info, Venue venue,
                                                     std::optional<Price> reference_price) {
  const InstrumentRules& rules = info.rules;
  auto refuse = [&](const Error& error, std::string_view filter) {
    return rejected_report(request, error.code,
                           "not sent to Binance: " + error.message + " (" + std::string(filter) +
                               " of " + request.symbol + ")");
  };
  if (!info.status.empty() && info.status != "TRADING") {
    return rejected_report(request, "symbol_not_trading",
                           "not sent to Binance: " + request.symbol + " is " + info.status +
                               ", not TRADING");
  }
  OrderParams out;
  out.qty = round_to_multiple(request.qty, rules.lot_step, Rounding::floor);
  if (auto status = check_quantity(out.qty, rules); !status) {
    Error error = status.error();
    if (out.qty != request.qty) error.message += " after rounding " + request.qty.to_string() + " down to the lot step";
    return refuse(error, "LOT_SIZE");
  }
  const bool is_limit = request.type == OrderType::limit ||
                        (request.type == OrderType::stop && request.limit_price.has_value());
  if (is_limit) {
    if (!request.limit_price) {
      return rejected_report(request, "invalid_order", "a limit order needs a limit price");
    }
    const Rounding toward_better = request.side == Side::buy ? Rounding::floor : Rounding::ceiling;
    out.price = round_to_multiple(*request.limit_price, rules.tick_size, toward_better);
    if (auto status = check_price(*out.price, rules); !status) return refuse(status.error(), "PRICE_FILTER");
  }
  if (request.type == OrderType::stop) {
    if (!request.stop_price) {
      return rejected_report(request, "invalid_order", "a stop order needs a stop price");
    }
    out.stop_price = round_to_multiple(*request.stop_price, rules.tick_size, Rounding::half_even);
    if (auto status = check_price(*out.stop_price, rules); !status) return refuse(status.error(), "PRICE_FILTER");
  }
  // The price the venue will value the order at: its limit, else its trigger, else the market.
  std::optional<Price> notional_price = out.price ? out.price : out.stop_price;
  if (!notional_price) notional_price = reference_price;
  if (notional_price) {
    if (auto status = check_notional(out.qty, *notional_price, rules); !status) {
      return refuse(status.error(), "MIN_NOTIONAL");
    }
  }

  QueryBuilder& p = out.params;
  p.add("symbol", request.symbol);
  p.add("side", request.side == Side::buy ? "BUY" : "SELL");
  if (venue == Venue::usdm_futures && request.position_side != PositionSide::both) {
    p.add("positionSide", request.position_side == PositionSide::long_side ? "LONG" : "SHORT");
  }
  std::string_view type = "MARKET";
  if (request.type == OrderType::limit) {
    type = "LIMIT";
  } else if (request.type == OrderType::stop) {
    if (venue == Venue::spot) {
      type = is_limit ? "STOP_LOSS_LIMIT" : "STOP_LOSS";
    } else {
      type = is_limit ? "STOP" : "STOP_MARKET";
    }
  }
  p.add("type", type);
  if (is_limit) {
    std::string_view tif = "GTC";
    if (request.time_in_force == TimeInForce::ioc) tif = "IOC";
    if (request.time_in_force == TimeInForce::fok) tif = "FOK";
    p.add("timeInForce", tif);
  }
  p.add("quantity", out.qty.to_string());
  if (out.price) p.add("price", out.price->to_string());
  if (out.stop_price) p.add("stopPrice", out.stop_price->to_string());
  // Futures in hedge mode refuse reduceOnly: there the position side already says "close".
  if (venue == Venue::usdm_futures && request.reduce_only &&
      request.position_side == PositionSide::both) {
    p.add("reduceOnly", "true");
  }
  p.add("newClientOrderId", to_binance_client_order_id(request.client_order_id));
  // Spot FULL carries the fills (price, qty, commission); futures RESULT the final state of a
  // market order (its fills come from userTrades).
  p.add("newOrderRespType", venue == Venue::spot ? "FULL" : "RESULT");
  return out;
}

}  // namespace tvbot::binance
