#include "brokers/alpaca/order_report.hpp"

namespace tvbot::alpaca {

OrderStatus map_status(std::string_view status, bool something_filled) {
  if (status == "filled") return OrderStatus::filled;
  if (status == "canceled" || status == "replaced") return OrderStatus::cancelled;
  if (status == "expired") return OrderStatus::expired;
  if (status == "rejected") return OrderStatus::rejected;
  if (status == "partially_filled") return OrderStatus::partially_filled;
  return something_filled ? OrderStatus::partially_filled : OrderStatus::new_;
}

Result<OrderReport> to_report(const AlpacaOrder& order, std::string_view client_order_id) {
  OrderReport report;
  report.client_order_id = std::string(client_order_id);
  report.broker_order_id = order.id;
  report.symbol = order.symbol;
  report.side = order.side == "sell" ? Side::sell : Side::buy;
  report.position_side = PositionSide::both;
  report.qty = order.qty.value_or(Quantity{});
  report.filled_qty = order.filled_qty;
  const bool filled_some = order.filled_qty.is_positive();
  report.status = map_status(order.status, filled_some);
  if (filled_some) {
    if (!order.filled_avg_price) {
      return make_error("invalid_response",
                        "order " + order.id + " has filled_qty but no filled_avg_price");
    }
    report.avg_price = *order.filled_avg_price;
  }
  if (report.status == OrderStatus::rejected) {
    // The order object says only that it was rejected, not why.
    report.reject_reason = "alpaca_rejected";
    report.reject_message = "Alpaca rejected order " + order.id;
  }
  if (is_terminal(report.status) && filled_some) {
    report.fills.push_back(BrokerFill{order.id, order.filled_qty, report.avg_price, Money{},
                                      std::string(kFeeAsset), false});
  }
  return report;
}

}  // namespace tvbot::alpaca
