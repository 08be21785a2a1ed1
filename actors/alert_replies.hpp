#pragma once
// The JSON bodies the engine answers a webhook with.
#include <cstdint>
#include <string>
#include <string_view>

namespace tvbot::actors {

// {"event_id":G,"stream":"bot/instrument","stream_seq":S}, with "duplicate":true first for
// a repeat: event_id is the AlertReceived's global seq, of the first acceptance for a repeat.
std::string accepted_body(std::string_view stream, std::uint64_t global_seq,
                          std::uint64_t stream_seq, bool duplicate);

// {"error":"code","message":"..."}
std::string error_body(std::string_view code, std::string_view message);

}  // namespace tvbot::actors
