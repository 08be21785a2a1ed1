#pragma once
// JSON for events: the payload alone (what the event log stores next to its type name and
// schema version) and the whole event as one line (`tvbot events`, projections, admin API).
//
// Payload format, e.g. OrderFilled v1:
//   {"client_order_id":"bot1/BTCUSDT:7","broker_order_id":"881","fill_id":"t-19","side":"buy",
//    "position_side":"both","qty":"0.015","price":"27123.5","fee":"0.0162741","fee_asset":"USDT",
//    "order_complete":true}
// - field names are the struct members' names, written in declaration order;
// - decimals are JSON strings holding their exact to_string() text ("0.015", "-12.5");
// - enums are their to_string() text ("buy", "stop_loss");
// - std::optional fields are omitted when absent; every other field is always written;
// - Signal is a nested object under "signal", vectors are arrays;
// - a PriceLevel is one compact string, the way traders write it: "2%" is a percentage of the
//   reference price, "27000.5" an absolute price or distance;
// - timestamps inside payloads (Signal::alert_time) are ISO-8601 text like the envelope's "time".
//
// Decoding is lenient only where it cannot change meaning: fields may come in any order,
// unknown fields are ignored, null counts as absent for optional fields, and decimals may also
// be JSON numbers (1e-8, 27123.5), read exactly from the number's text, never through double.
// Decimal text with more digits than the type holds is refused, never rounded. The value of an
// unknown field is skipped without being fully validated (On-Demand parses lazily).
//
// Error codes: "invalid_json" (malformed or truncated input), "invalid_event" (missing field,
// wrong type, bad decimal, duplicate field; the message names type and field, e.g.
// "OrderFilled.qty: expected a decimal, got true"), "unknown_event_type",
// "unsupported_event_version" (newer than this build, or older without an upcaster).
#include <array>
#include <string>
#include <string_view>
#include <variant>

#include "events/event_types.hpp"
#include "events/result.hpp"

namespace tvbot {

struct EventSchema {
  std::string_view type;
  int version;
};

// The schema version this build writes for each type, in EventPayload's alternative order.
// Bump a version only together with an upcaster from the previous one (json_upcast.hpp).
inline constexpr std::array<EventSchema, std::variant_size_v<EventPayload>> event_schemas{{
    {"AlertReceived", 1},
    {"AlertRejected", 1},
    {"OrderRequested", 1},
    {"OrderAccepted", 1},
    {"OrderFilled", 1},
    {"OrderRejected", 1},
    {"OrderCancelled", 1},
    {"PositionOpened", 1},
    {"PositionIncreased", 1},
    {"PositionReduced", 1},
    {"PositionClosed", 1},
    {"ProtectionSet", 1},
    {"BotPaused", 1},
    {"BotResumed", 1},
    {"PriceObserved", 1},
    {"ReconciliationDrift", 1},
    {"ReconciliationResolved", 1},
}};

// 0 for a type this build does not know.
inline constexpr int current_schema_version(std::string_view type) {
  for (const auto& schema : event_schemas) {
    if (schema.type == type) return schema.version;
  }
  return 0;
}

// The version encode_payload writes for this payload.
[[nodiscard]] int schema_version_of(const EventPayload& payload);

// {"field":...}: the payload alone, at schema_version_of(payload).
[[nodiscard]] std::string encode_payload(const EventPayload& payload);
// Reads a payload stored as (type, version, json); older versions are upcast first.
[[nodiscard]] Result<EventPayload> decode_payload(std::string_view type, int version,
                                                  std::string_view json);

// One line: {"global_seq":12,"stream":"bot1/BTCUSDT","stream_seq":3,
//   "time":"2026-11-24T05:51:19.123456789Z","type":"OrderFilled","v":1,"data":{...}}
[[nodiscard]] std::string encode_event(const Event& event);
[[nodiscard]] Result<Event> decode_event(std::string_view json_line);

// "2026-11-24T05:51:19.123456789Z": always UTC, always nine fractional digits, so the text is
// fixed-width and sorts like the time it names.
[[nodiscard]] std::string format_timestamp(Timestamp time);
// Accepts RFC 3339 / ISO-8601 date-times: "YYYY-MM-DDTHH:MM:SS", 'T' or 't' or ' ' between
// date and time, 0 to 9 fractional digits after '.', then 'Z', 'z', "+hh:mm", "-hh:mm" or
// "+hhmm". Leap seconds (":60") and times outside Timestamp's range (1677..2262) are refused.
// Plain integer epoch values are refused on purpose: 1700000000 and 1700000000000 are both
// plausible and only the sender knows whether it meant seconds or milliseconds; code that
// receives epoch numbers knows its unit and converts itself. Error code: "invalid_timestamp".
[[nodiscard]] Result<Timestamp> parse_timestamp(std::string_view text);

// Appends text as a JSON string literal with its quotes (RFC 8259): '"' and '\' are
// backslash-escaped, control characters become \u00XX, valid UTF-8 is copied unchanged and
// each byte of invalid UTF-8 becomes U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace tvbot
