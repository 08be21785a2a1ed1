#pragma once
// Between the aggregate's events and the broker's words: the order a request event asks
// for, and the commands an order report amounts to.
#include <string>
#include <vector>

#include "brokers/broker.hpp"
#include "events/commands.hpp"
#include "events/position_state.hpp"

namespace tvbot::actors {

OrderRequest to_order_request(const OrderRequested& requested, const std::string& symbol);

// The commands a broker report brings: acceptance, new fills (fills already applied are
// left out; the aggregate would ignore them anyway), then rejection or cancellation of the
// rest. The last fill of an order that is done carries order_complete. A rejection keeps the
// venue's reject_reason as the event's reason ("broker_rejected" when the venue gave none).
std::vector<Command> commands_from_report(const StreamState& state, const OrderReport& report,
                                          Timestamp now);

}  // namespace tvbot::actors
