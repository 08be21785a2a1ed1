#include "tests/projections/trading_sim.hpp"

#include <stdexcept>

namespace tvbot::projections::testing {

TradingSim::TradingSim(storage::EventStore& store, PositionConfig config)
    : store_(store), config_(config), now_(sim_start) {}

StreamState& TradingSim::state(const std::string& stream) {
  auto it = states_.find(stream);
  if (it == states_.end()) it = states_.emplace(stream, initial_state(stream)).first;
  return it->second;
}

std::vector<Event> TradingSim::append(const std::string& stream,
                                      const std::vector<EventPayload>& payloads) {
  now_ += 1'000'000'000LL;
  StreamState& st = state(stream);
  auto appended = store_.append(stream, st.version, payloads, now_);
  if (!appended.ok()) throw std::runtime_error("append: " + appended.error().message);
  for (const Event& event : *appended) evolve_in_place(st, event);
  return *appended;
}

std::vector<Event> TradingSim::decide_and_append(const std::string& stream, const Command& command) {
  auto decided = decide(state(stream), command, config_);
  if (!decided.ok()) throw std::runtime_error("decide: " + decided.error().message);
  if (decided->empty()) return {};
  return append(stream, *decided);
}

std::vector<Event> TradingSim::alert(const std::string& stream, Action action,
                                     std::optional<std::string> qty, const std::string& price,
                                     const std::string& raw_body) {
  const std::string symbol = stream.substr(stream.find('/') + 1);
  AlertReceived received;
  received.raw_body = raw_body;
  received.source_ip = "203.0.113.7";
  received.request_id = "req-" + std::to_string(++requests_);
  received.dedupe_key = received.request_id;
  received.signal.action = action;
  received.signal.ticker = "BINANCE:" + symbol + ".P";
  received.signal.symbol = symbol;
  received.signal.alert_id = received.request_id;
  if (qty) received.signal.qty = dec<Quantity>(*qty);
  received.signal.price = dec<Price>(price);
  std::vector<Event> all = append(stream, {received});

  SignalCommand command;
  command.signal = received.signal;
  command.alert_seq = all.back().stream_seq;
  command.now = now_;
  command.mark_price = dec<Price>(price);
  auto decided = decide_and_append(stream, command);
  all.insert(all.end(), decided.begin(), decided.end());

  for (const Event& event : decided) {
    const auto* requested = std::get_if<OrderRequested>(&event.payload);
    if (requested == nullptr) continue;
    OrderAcceptedCommand accepted;
    accepted.accepted = OrderAccepted{requested->client_order_id, "B" + requested->client_order_id};
    accepted.now = now_;
    auto acks = decide_and_append(stream, accepted);
    all.insert(all.end(), acks.begin(), acks.end());

    FillCommand fill;
    fill.fill.client_order_id = requested->client_order_id;
    fill.fill.broker_order_id = "B" + requested->client_order_id;
    fill.fill.fill_id = "f-" + std::to_string(++fills_);
    fill.fill.side = requested->side;
    fill.fill.position_side = requested->position_side;
    fill.fill.qty = requested->qty;
    fill.fill.price = dec<Price>(price);
    fill.fill.fee = dec<Money>("0.5");
    fill.fill.fee_asset = "USDT";
    fill.fill.order_complete = true;
    fill.now = now_;
    auto filled = decide_and_append(stream, fill);
    all.insert(all.end(), filled.begin(), filled.end());
  }
  return all;
}

}  // namespace tvbot::projections::testing
