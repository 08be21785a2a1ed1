#pragma once
// tvbot client order id <-> Binance newClientOrderId.
//
// Binance accepts ^[\.A-Z\:/a-z0-9_-]{1,36}$. tvbot's ids are "<stream>:<seq>"
// ("alpha/BTCUSDT:12") and usually fit, so they are sent as they are: the order is then
// recognisable on the venue's own pages. One that does not fit (too long, a character
// outside the set) becomes "tvb-" + the first 32 hex digits of its SHA-256: the same id
// always maps to the same string, so query-by-client-id after a restart finds the order
// placed before it. A mapped id never collides with a sent-as-is one: tvbot ids always
// contain ':', hashed ones never do.
#include <string>
#include <string_view>

namespace tvbot::binance {

inline constexpr std::size_t kMaxClientOrderIdLength = 36;

[[nodiscard]] bool is_valid_client_order_id(std::string_view id);
[[nodiscard]] std::string to_binance_client_order_id(std::string_view tvbot_id);

}  // namespace tvbot::binance
