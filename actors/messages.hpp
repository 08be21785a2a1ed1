#pragma once
// Messages between tvbot's actors. They are local-only (no remoting), so they are allowed
// as "unsafe" message types instead of carrying CAF 0.17 inspectors.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>

#include "brokers/broker.hpp"
#include "events/commands.hpp"
#include "events/event_types.hpp"
#include "events/result.hpp"

namespace tvbot::actors {

// What the webhook server answers; produced by the actors, sent by the HTTP session.
struct AlertOutcome {
  unsigned http_status = 202;
  std::string body;  // JSON
};
using AlertReply = std::function<void(AlertOutcome)>;

// A webhook that passed parsing, authentication and limits.
struct AlertIntake {
  std::string bot_id;
  Signal signal;          // ticker set; symbol filled in by the router
  std::string raw_body;   // secrets already redacted
  std::string source_ip;
  std::string dedupe_key;
  std::string request_id;
  Timestamp received_at = 0;
};

struct AlertMsg {
  AlertIntake intake;
  AlertReply reply;
};

// Position actor -> broker gateway: place (or, after a restart, recover) one order.
struct PlaceOrderMsg {
  OrderRequest request;
  caf::actor reply_to;
  bool recovering = false;  // query by client id first: it may have been placed already
};

// Broker gateway -> position actor: what the venue says about one order.
struct OrderUpdateMsg {
  std::string client_order_id;
  Result<OrderReport> report;
};

// Position actor -> broker gateway: the price (and equity) sizing needs for a signal.
struct MarketQueryMsg {
  std::string symbol;
  std::string quote_asset;
  bool need_equity = false;
  caf::actor reply_to;
};

struct MarketInfoMsg {
  std::optional<Price> price;
  std::optional<Money> equity;
  std::string error;  // empty when the broker answered
};

// Anything else the position actor is told to do (admin pause/resume/close, monitor exits).
struct StreamCommandMsg {
  Command command;
  std::function<void(Status)> done;  // may be empty
};

struct GatewayPollMsg {};
struct RetryCommandMsg {
  Command command;
  std::uint32_t attempt = 0;
};

}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::AlertMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::PlaceOrderMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::OrderUpdateMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::MarketQueryMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::MarketInfoMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::StreamCommandMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::GatewayPollMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::RetryCommandMsg)
