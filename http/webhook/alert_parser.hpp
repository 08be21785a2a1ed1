#pragma once
// A webhook body -> what the alert asks for. Step 2 of alert_fields.hpp, plus both steps in one.
//
// Values: numbers may be JSON numbers or strings ("0.01"), as TradingView placeholders
// produce either, and are read exactly from their text (Quantity/Price::parse_exact, never
// double). Empty strings and null count as absent, so a template may leave an optional
// placeholder empty. sl/tp/trail are "2%" (percent of the reference price) or an absolute
// number. time is ISO-8601 as {{timenow}} writes it ("2026-11-24T05:51:19Z") or integer
// Unix milliseconds. symbol/ticker is kept as sent: mapping it to a broker symbol is the
// router's job, so Signal::symbol stays empty. tv_exchange + tv_instrument (3Commas) become
// "EXCHANGE:INSTRUMENT".
//
// Error codes (HTTP 422), each message naming the field:
//   "missing_action", "unknown_action", "missing_symbol", "invalid_number",
//   "unresolved_placeholder" (a "{{...}}" TradingView did not fill in), "invalid_field"
//   (wrong type, out of range, too long, bad time, bad market_position).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_types.hpp"
#include "events/result.hpp"
#include "http/webhook/alert_fields.hpp"
#include "http/webhook/alert_reader.hpp"

namespace tvbot::webhook {

struct ParsedAlert {
  Signal signal;                     // symbol empty, ticker set
  std::optional<std::string> bot;    // "bot", "bot_id" or "bot_uuid" in the body
  std::optional<std::string> secret; // "secret", "passphrase" or "key"; never log or record it
  std::vector<std::string> unknown_fields;  // spellings tvbot ignored, nested as "order.x"
  BodyFormat format = BodyFormat::json;
};

[[nodiscard]] Result<ParsedAlert> interpret_alert_fields(const AlertFields& fields);

// read_alert_fields then interpret_alert_fields.
[[nodiscard]] Result<ParsedAlert> parse_alert(std::string_view body, std::string_view content_type,
                                              const AlertLimits& limits = {});

}  // namespace tvbot::webhook
