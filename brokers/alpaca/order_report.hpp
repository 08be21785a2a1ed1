#pragma once
// An Alpaca order object as the Broker interface's OrderReport.
//
// Fills: Alpaca's order object carries only the cumulative filled_qty and filled_avg_price,
// not the executions. tvbot books each Alpaca order as ONE fill, reported once the order
// has ended (filled, or canceled/expired after a partial fill), with the Alpaca order id as
// its fill id and filled_avg_price as its price. That is exact and restart-safe: the same
// order always yields the same fill, so a replay or a second query never books it twice.
// The price of it: a partially filled order that is still working shows its filled_qty
// and avg_price in the report but is not in the position until it ends. (Per-execution
// fills would need the account activities API; not done.)
//
// Fee: Alpaca charges no commission on US equities for API accounts, so the fee is 0 USD.
#include <string_view>

#include "brokers/alpaca/alpaca_messages.hpp"
#include "brokers/broker.hpp"

namespace tvbot::alpaca {

inline constexpr std::string_view kFeeAsset = "USD";

// Alpaca's status as tvbot's. Working states (new, accepted, pending_new, held,
// done_for_day, pending_cancel, ...) are new_ or partially_filled by filled_qty;
// canceled and replaced are cancelled. Unknown states count as working (the order is
// polled again) rather than as an end that might be wrong.
[[nodiscard]] OrderStatus map_status(std::string_view alpaca_status, bool something_filled);

// `client_order_id` is tvbot's id for the order (the caller knows it, or decodes it).
// Errors: "invalid_response" when the order is filled but has no filled_avg_price.
[[nodiscard]] Result<OrderReport> to_report(const AlpacaOrder& order,
                                            std::string_view client_order_id);

}  // namespace tvbot::alpaca
