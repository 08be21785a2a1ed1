#pragma once
// What the event log says about one broker account: the open quantity per symbol and
// position side summed over every stream that trades there, and the orders in flight.
// Read from the position aggregate's state (load_state), exactly as the actors see it.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "events/decimal.hpp"
#include "events/event_types.hpp"
#include "events/result.hpp"
#include "storage/event_store.hpp"

namespace tvbot::reconcile {

// The bots that trade on one broker, each with the broker symbols it is configured for.
struct BrokerScope {
  std::string broker;
  std::map<std::string, std::set<std::string>, std::less<>> bots;  // bot id -> symbols
};

using PositionKey = std::pair<std::string, PositionSide>;  // (symbol, position side)

struct LogAccountView {
  // Signed (short < 0) and summed over bots: several bots may share one account and symbol,
  // and the venue holds one position for all of them.
  std::map<PositionKey, Quantity> positions;
  std::set<std::string> symbols;                  // configured on this broker, or held in the log
  std::map<std::string, std::string> in_flight;  // client order id -> symbol
  std::set<std::string> busy_symbols;             // symbols with an order in flight
  std::map<std::string, std::uint64_t> versions;  // stream -> version when read
};

// Reads every "bot/symbol" stream whose bot is in `scope`. A stream that cannot be read is
// an Error: a partial view would report the unread positions as drift.
[[nodiscard]] Result<LogAccountView> read_log_view(const storage::EventStore& store,
                                                   const BrokerScope& scope);

// True when `client_order_id` ("<stream>:<seq>") names an event of a stream in `view` that
// the log already held when the view was read: tvbot requested that order and, if it is
// not in flight, recorded it as ended.
[[nodiscard]] bool requested_by_log(const LogAccountView& view, std::string_view client_order_id);

}  // namespace tvbot::reconcile
