#pragma once
// The codec's schema: the JSON name and order of every field of every event type.
// One function per type serves both directions (the encoder visits const members, the
// decoder mutable ones), so a field cannot be written under one name and read under another.
// Adding a member to an event struct means adding it here, and bumping its schema version
// (codec.hpp) with an upcaster (json_upcast.hpp).
//
// A visitor provides `field(name, member)` for every member type, and `field.time(name, member)`
// for timestamps: Timestamp is a bare int64, so its ISO-8601 form is asked for by name rather
// than guessed from the type.
#include <concepts>
#include <type_traits>

#include "events/event_types.hpp"

namespace tvbot::json {

// S is T or const T.
template <class S, class T>
concept struct_of = std::same_as<std::remove_const_t<S>, T>;

template <struct_of<Signal> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("action", e.action);
  field("ticker", e.ticker);
  field("symbol", e.symbol);
  field("qty", e.qty);
  field("price", e.price);
  field("target_position", e.target_position);
  field("market_position", e.market_position);
  field("prev_market_position", e.prev_market_position);
  field("order_id", e.order_id);
  field("comment", e.comment);
  field("alert_id", e.alert_id);
  field("stop_loss", e.stop_loss);
  field("take_profit", e.take_profit);
  field("trailing", e.trailing);
  field.time("alert_time", e.alert_time);
}

template <struct_of<TakeProfitLevel> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("level", e.level);
  field("fraction", e.fraction);
}

template <struct_of<AlertReceived> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("raw_body", e.raw_body);
  field("source_ip", e.source_ip);
  field("dedupe_key", e.dedupe_key);
  field("request_id", e.request_id);
  field("signal", e.signal);
}

template <struct_of<AlertRejected> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("alert_seq", e.alert_seq);
  field("reason", e.reason);
  field("message", e.message);
}

template <struct_of<OrderRequested> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("client_order_id", e.client_order_id);
  field("side", e.side);
  field("qty", e.qty);
  field("type", e.type);
  field("limit_price", e.limit_price);
  field("stop_price", e.stop_price);
  field("reason", e.reason);
  field("position_side", e.position_side);
  field("reduce_only", e.reduce_only);
}

template <struct_of<OrderAccepted> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("client_order_id", e.client_order_id);
  field("broker_order_id", e.broker_order_id);
}

template <struct_of<OrderFilled> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("client_order_id", e.client_order_id);
  field("broker_order_id", e.broker_order_id);
  field("fill_id", e.fill_id);
  field("side", e.side);
  field("position_side", e.position_side);
  field("qty", e.qty);
  field("price", e.price);
  field("fee", e.fee);
  field("fee_asset", e.fee_asset);
  field("order_complete", e.order_complete);
}

template <struct_of<OrderRejected> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("client_order_id", e.client_order_id);
  field("reason", e.reason);
  field("message", e.message);
}

template <struct_of<OrderCancelled> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("client_order_id", e.client_order_id);
  field("reason", e.reason);
}

template <struct_of<PositionOpened> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("position_side", e.position_side);
  field("direction", e.direction);
  field("fill_id", e.fill_id);
  field("qty", e.qty);
  field("price", e.price);
  field("fee", e.fee);
  field("cycle", e.cycle);
}

template <struct_of<PositionIncreased> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("position_side", e.position_side);
  field("direction", e.direction);
  field("fill_id", e.fill_id);
  field("qty", e.qty);
  field("price", e.price);
  field("fee", e.fee);
  field("new_qty", e.new_qty);
  field("new_avg_entry", e.new_avg_entry);
  field("entries", e.entries);
}

template <struct_of<PositionReduced> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("position_side", e.position_side);
  field("direction", e.direction);
  field("fill_id", e.fill_id);
  field("qty", e.qty);
  field("price", e.price);
  field("fee", e.fee);
  field("avg_entry", e.avg_entry);
  field("realized_gross", e.realized_gross);
  field("remaining_qty", e.remaining_qty);
  field("reason", e.reason);
}

template <struct_of<PositionClosed> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("position_side", e.position_side);
  field("direction", e.direction);
  field("fill_id", e.fill_id);
  field("qty", e.qty);
  field("price", e.price);
  field("fee", e.fee);
  field("avg_entry", e.avg_entry);
  field("realized_gross", e.realized_gross);
  field("cycle_realized_gross", e.cycle_realized_gross);
  field("cycle_fees", e.cycle_fees);
  field("cycle_realized_net", e.cycle_realized_net);
  field("exit_reason", e.exit_reason);
}

template <struct_of<ProtectionSet> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("position_side", e.position_side);
  field("stop_loss", e.stop_loss);
  field("take_profits", e.take_profits);
  field("trailing", e.trailing);
  field("trailing_activation", e.trailing_activation);
  field("break_even_after_first_tp", e.break_even_after_first_tp);
}

template <struct_of<BotPaused> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("reason", e.reason);
}

template <struct_of<BotResumed> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("reason", e.reason);
}

template <struct_of<PriceObserved> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("position_side", e.position_side);
  field("price", e.price);
  field("trigger", e.trigger);
}

template <struct_of<ReconciliationDrift> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("broker", e.broker);
  field("kind", e.kind);
  field("symbol", e.symbol);
  field("position_side", e.position_side);
  field("client_order_id", e.client_order_id);
  field("expected_qty", e.expected_qty);
  field("actual_qty", e.actual_qty);
  field("detail", e.detail);
}

template <struct_of<ReconciliationResolved> S, class Visitor>
void visit_fields(S& e, Visitor& field) {
  field("broker", e.broker);
  field("kind", e.kind);
  field("symbol", e.symbol);
  field("position_side", e.position_side);
  field("client_order_id", e.client_order_id);
  field("detail", e.detail);
}

}  // namespace tvbot::json
