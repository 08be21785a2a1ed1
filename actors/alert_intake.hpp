#pragma once
// What the engine takes from the webhook server and what it answers. No CAF here: the HTTP
// side includes this through engine.hpp.
#include <functional>
#include <string>

#include "events/event_types.hpp"

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

}  // namespace tvbot::actors
