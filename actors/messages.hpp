#pragma once
// Messages between tvbot's actors. They are local-only (no remoting), so they are allowed
// as "unsafe" message types instead of carrying CAF 0.17 inspectors.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include "actors/alert_intake.hpp"
#include "brokers/broker.hpp"
#include "events/commands.hpp"
#include "events/event_types.hpp"
#include "events/result.hpp"

namespace tvbot::actors {

// Calls its callback exactly once: with the value it is given, or, when the last message
// carrying it is destroyed unanswered (an actor stopped or failed with it in its mailbox),
// with `fallback`. A caller waiting on an HTTP response must never be left hanging.
// Shared by pointer between copies of one message; only its current holder calls it.
template <class T>
class ReplyOnce {
 public:
  ReplyOnce(std::function<void(T)> callback, T fallback)
      : callback_(std::move(callback)), fallback_(std::move(fallback)) {}
  ~ReplyOnce() {
    if (callback_) callback_(std::move(fallback_));
  }
  ReplyOnce(const ReplyOnce&) = delete;
  ReplyOnce& operator=(const ReplyOnce&) = delete;

  void operator()(T value) {
    if (auto callback = std::exchange(callback_, nullptr)) callback(std::move(value));
  }

 private:
  std::function<void(T)> callback_;
  T fallback_;
};

struct AlertMsg {
  AlertIntake intake;
  std::shared_ptr<ReplyOnce<AlertOutcome>> reply;
};

// Position actor -> broker gateway: place (or, after a restart, recover) one order.
struct PlaceOrderMsg {
  OrderRequest request;
  caf::actor reply_to;
  Timestamp requested_at = 0;  // when its OrderRequested was recorded: a stale order is not placed
  bool recovering = false;     // query by client id first: it may have been placed already
};

// Broker gateway -> position actor: what the venue says about one order. Outcomes the
// gateway could not learn (timeouts, outages) never come here: it keeps asking instead. An
// order that definitely was not placed comes as a report with status rejected.
struct OrderUpdateMsg {
  OrderReport report;
};

// Position actor -> broker gateway: the price (and equity) sizing needs for a signal.
// Answered with exactly one MarketInfoMsg, within the gateway's call timeout.
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
  std::shared_ptr<ReplyOnce<Status>> done;  // may be null
};

// Engine -> router -> position actors, as a request: answered once every alert handed over
// before it has been decided (orders may still be at the broker; a restart resumes them).
// From then on the router refuses new alerts.
using drain_atom = caf::atom_constant<caf::atom("drain")>;

}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::AlertMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::PlaceOrderMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::OrderUpdateMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::MarketQueryMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::MarketInfoMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::StreamCommandMsg)
