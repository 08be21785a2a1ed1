#pragma once
// One log line per recorded event that matters to an operator, carrying the ids that tie a
// webhook to what it caused: the request id (X-Request-Id) of the alert, the event's global
// and stream seq, and the client order id of an order.
//
// The request id of an alert's decision (OrderRequested for a signal, AlertRejected,
// ProtectionSet) is found by decision order: a stream decides its alerts strictly in arrival
// order, each decision is one append whose events share one timestamp, and every decision
// of a signal records at least one event. AlertRejected names its alert's seq outright.
// Alerts recorded before this process started have no request id here (the log has it in
// their AlertReceived).
#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include "events/event_types.hpp"

namespace tvbot::app {

class EventJournal {
 public:
  void record(const Event& event);

  // The request id `record` attributed to the last event it saw (empty: none). For tests.
  [[nodiscard]] const std::string& last_request_id() const { return last_request_id_; }

 private:
  struct Pending {
    std::uint64_t alert_seq = 0;
    std::string request_id;
  };
  struct StreamTrack {
    std::deque<Pending> undecided;
    Timestamp decision_time = -1;  // time of the decision being read now
    std::string decision_request_id;
  };

  std::string attribute(StreamTrack& track, const Event& event);

  std::map<std::string, StreamTrack, std::less<>> streams_;
  std::string last_request_id_;
};

}  // namespace tvbot::app
