#include "actors/order_translation.hpp"

namespace tvbot::actors {

OrderRequest to_order_request(const OrderRequested& requested, const std::string& symbol) {
  OrderRequest request;
  request.client_order_id = requested.client_order_id;
  request.symbol = symbol;
  request.side = requested.side;
  request.position_side = requested.position_side;
  request.type = requested.type;
  request.qty = requested.qty;
  request.limit_price = requested.limit_price;
  request.stop_price = requested.stop_price;
  request.reduce_only = requested.reduce_only;
  return request;
}

std::vector<Command> commands_from_report(const StreamState& state, const OrderReport& report,
                                          Timestamp now) {
  std::vector<Command> commands;
  const PendingOrder* pending = find_pending(state, report.client_order_id);
  if (report.status == OrderStatus::rejected) {
    if (pending != nullptr) {
      // The venue's own code ("insufficient_balance", "min_notional") is what an operator
      // needs to fix the bot; a venue that gives none still says who refused.
      std::string reason = report.reject_reason.empty() ? "broker_rejected" : report.reject_reason;
      std::string message = report.reject_message.empty() ? reason : report.reject_message;
      commands.push_back(OrderRejectedCommand{
          OrderRejected{report.client_order_id, std::move(reason), std::move(message)}, now});
    }
    return commands;
  }
  if (pending != nullptr && pending->broker_order_id.empty() && !report.broker_order_id.empty()) {
    commands.push_back(
        OrderAcceptedCommand{OrderAccepted{report.client_order_id, report.broker_order_id}, now});
  }
  std::vector<const BrokerFill*> new_fills;
  for (const auto& fill : report.fills) {
    if (!state.seen_fill_ids.contains(fill.fill_id)) new_fills.push_back(&fill);
  }
  bool order_done = report.status == OrderStatus::filled;
  for (std::size_t i = 0; i < new_fills.size(); ++i) {
    const BrokerFill& fill = *new_fills[i];
    OrderFilled filled;
    filled.client_order_id = report.client_order_id;
    filled.broker_order_id = report.broker_order_id;
    filled.fill_id = fill.fill_id;
    filled.side = report.side;
    filled.position_side = report.position_side;
    filled.qty = fill.qty;
    filled.price = fill.price;
    filled.fee = fill.fee;
    filled.fee_asset = fill.fee_asset;
    filled.order_complete = order_done && i + 1 == new_fills.size();
    commands.push_back(FillCommand{std::move(filled), now});
  }
  bool ended_unfilled = report.status == OrderStatus::cancelled ||
                        report.status == OrderStatus::expired;
  if (ended_unfilled && pending != nullptr) {
    commands.push_back(OrderCancelledCommand{
        OrderCancelled{report.client_order_id,
                       report.reject_reason.empty() ? std::string(to_string(report.status))
                                                    : report.reject_reason},
        now});
  }
  return commands;
}

}  // namespace tvbot::actors
