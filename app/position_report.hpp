#pragma once
// How `tvbot replay` shows a position: one aligned text row, or one JSON object, per step.
#include <optional>
#include <string>

#include "events/position_state.hpp"

namespace tvbot::app {

// "long 0.06 @ 30083.3333333333", "flat"; in hedge mode both legs: "L 0.02 @ 30000 | S flat".
std::string describe_positions(const SidePosition& net, const SidePosition& long_side,
                               const SidePosition& short_side, bool hedge);

std::string text_header();
// One row: label (e.g. "#12 OrderFilled"), positions, realized gross, fees, realized net.
std::string text_row(const std::string& label, const SidePosition& net,
                     const SidePosition& long_side, const SidePosition& short_side,
                     const PnlTotals& totals, bool hedge);

// {"side":"long","qty":"0.06","avg_entry":"...","realized_gross":"...","fees":"...",
//  "realized_net":"...","unrealized":"..."} for one position (net or a hedge leg), with the
// stream-wide totals; unrealized only with a mark price.
std::string json_fields(const SidePosition& position, const PnlTotals& totals,
                        const std::optional<Price>& mark);

}  // namespace tvbot::app
