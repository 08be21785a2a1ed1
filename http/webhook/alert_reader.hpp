#pragma once
// Step 1 of reading an alert (see alert_fields.hpp): body bytes -> AlertFields, syntax only.
//
// Error codes (all mean HTTP 400 except the first):
//   "unsupported_media_type"  content type is neither JSON nor plain text (415)
//   "empty_body"              nothing but whitespace
//   "malformed_json"          not one complete JSON object (the message says what is wrong)
//   "too_deep"                objects/arrays nested deeper than AlertLimits::max_depth
//   "too_many_fields"         more than AlertLimits::max_fields fields and array elements
//   "duplicate_field"         one field given twice, also under two spellings ("qty", "contracts")
//   "malformed_text"          a token of the text form that is not key=value (named in the message)
#include <cstddef>
#include <optional>
#include <string_view>

#include "events/result.hpp"
#include "http/webhook/alert_fields.hpp"

namespace tvbot::webhook {

struct AlertLimits {
  // The top-level object is depth 1; 3Commas' {"order": {"amount": ...}} needs 2. A little
  // room beyond that for senders that nest metadata; deep nesting has no use in an alert.
  std::size_t max_depth = 4;
  // Fields at every level plus array elements. Real templates have 5 to 20.
  std::size_t max_fields = 64;
};

enum class MediaType : std::uint8_t { json, text };

// "application/json" -> json; "text/plain" and a missing content type -> text (its body may
// still be JSON: TradingView sends text/plain for JSON written in its message box).
// Parameters (";charset=utf-8") and case are ignored. nullopt for anything else.
std::optional<MediaType> classify_content_type(std::string_view content_type);

// JSON when the media type is JSON or the text starts with '{', else the compact text form.
[[nodiscard]] Result<AlertFields> read_alert_fields(std::string_view body,
                                                    std::string_view content_type,
                                                    const AlertLimits& limits = {});

[[nodiscard]] Result<AlertFields> read_json_alert_fields(std::string_view body,
                                                         const AlertLimits& limits = {});
// The compact text form, for alerts typed by hand into TradingView's message box:
//
//   buy BTCUSDT qty=0.01 sl=2% tp=4% secret=s3cr3t
//   close BINANCE:ETHUSDT.P comment="manual exit" id=42
//
//   alert  = [ action [ symbol ] ] { pair }     tokens are separated by whitespace
//   action = a token without '='                 buy, sell, long, close_short, ... (any Action spelling)
//   symbol = a token without '='                 BTCUSDT, BINANCE:BTCUSDT.P
//   pair   = key "=" value                       key: any field spelling (qty, contracts, sl, tp,
//                                                trail, price, id, time, bot, secret, passphrase, ...)
//   value  = token | '"' { any character but '"' } '"'
//
// Keys are case-insensitive; unknown keys land in ParsedAlert::unknown_fields like unknown JSON
// fields. "action=" and "symbol=" pairs may replace the leading tokens. Errors name the bad
// token, with secret values masked: malformed_text "token 4 'qty' is not key=value".
[[nodiscard]] Result<AlertFields> read_text_alert_fields(std::string_view body,
                                                         const AlertLimits& limits = {});

}  // namespace tvbot::webhook
