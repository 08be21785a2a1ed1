// The request id's trail without a server: how it is added to a webhook answer, and how the
// event journal attributes an alert's decision (its orders) to the request that brought it.
#include <gtest/gtest.h>

#include "app/serve/event_journal.hpp"
#include "app/serve/response_request_id.hpp"

namespace tvbot::app {
namespace {

TEST(WithRequestId, Goes_first_in_an_object_and_leaves_other_bodies_alone) {
  EXPECT_EQ(with_request_id(R"({"event_id":1,"stream_seq":1})", "ab12"),
            R"({"request_id":"ab12","event_id":1,"stream_seq":1})");
  EXPECT_EQ(with_request_id("{}", "ab12"), R"({"request_id":"ab12"})");
  EXPECT_EQ(with_request_id("{ }", "ab12"), R"({"request_id":"ab12" })");
  EXPECT_EQ(with_request_id("not json", "ab12"), "not json");
  EXPECT_EQ(with_request_id("[1]", "ab12"), "[1]");
  EXPECT_EQ(with_request_id(R"({"a":1})", ""), R"({"a":1})");
  EXPECT_EQ(with_request_id(R"({"a":1})", "q\"x"), R"({"request_id":"q\"x","a":1})");
}

Event event(std::uint64_t seq, Timestamp time, EventPayload payload) {
  return Event{"bot/BTCUSDT", seq, seq, time, std::move(payload)};
}

AlertReceived alert(std::string request_id) {
  AlertReceived received;
  received.request_id = std::move(request_id);
  return received;
}

OrderRequested order(OrderReason reason) {
  OrderRequested requested;
  requested.reason = reason;
  return requested;
}

TEST(EventJournal, Decisions_are_attributed_to_their_alert_in_arrival_order) {
  EventJournal journal;
  journal.record(event(1, 100, alert("req-a")));
  EXPECT_EQ(journal.last_request_id(), "req-a");
  journal.record(event(2, 110, alert("req-b")));  // queued behind req-a
  // req-a's decision: two orders in one append (same time), then a fill of no alert.
  journal.record(event(3, 120, order(OrderReason::signal)));
  EXPECT_EQ(journal.last_request_id(), "req-a");
  journal.record(event(4, 120, order(OrderReason::signal)));
  EXPECT_EQ(journal.last_request_id(), "req-a");
  journal.record(event(5, 130, OrderFilled{}));
  EXPECT_EQ(journal.last_request_id(), "");
  // A manual close belongs to no alert and consumes none.
  journal.record(event(6, 140, order(OrderReason::manual)));
  EXPECT_EQ(journal.last_request_id(), "");
  // req-b's decision.
  journal.record(event(7, 150, order(OrderReason::sync)));
  EXPECT_EQ(journal.last_request_id(), "req-b");
}

TEST(EventJournal, A_rejection_names_its_alert_by_seq) {
  EventJournal journal;
  journal.record(event(1, 100, alert("req-a")));
  journal.record(event(2, 110, alert("req-b")));
  journal.record(event(3, 120, AlertRejected{2, "bot_paused", "paused"}));
  EXPECT_EQ(journal.last_request_id(), "req-b");
  journal.record(event(4, 130, order(OrderReason::signal)));
  EXPECT_EQ(journal.last_request_id(), "req-a");
  journal.record(event(5, 140, order(OrderReason::signal)));
  EXPECT_EQ(journal.last_request_id(), "") << "no alert left undecided";
}

}  // namespace
}  // namespace tvbot::app
