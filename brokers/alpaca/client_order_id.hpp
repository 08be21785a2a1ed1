#pragma once
// tvbot's client order id ("<bot>/<symbol>:<seq>", e.g. "alpha/AAPL:12") as Alpaca's
// client_order_id, and back.
//
// Alpaca documents the field only as a string of at most 128 characters (48 in its older
// API v2 pages and SDKs) and says nothing of its alphabet, while tvbot's ids hold '/' and
// ':'. So the id is mapped, deterministically (a restart or a retry maps it the same way,
// and GET /v2/orders:by_client_order_id finds the same order), to letters, digits, '.' and
// '-', with '_' as an escape:
//   '_' -> "__"   '/' -> "_s"   ':' -> "_c"   any other byte -> "_x" + 2 hex digits
//   "alpha/AAPL:12" -> "alpha_sAAPL_c12"
// The escape is reversible. An escaped id longer than 48 characters (the lower of the two
// documented limits) becomes "_h" + the first 40 hex digits of its SHA-256 instead: still
// deterministic and unique in practice, but not reversible, and "_h" never begins an
// escaped id ('_' is always followed by '_', 's', 'c' or 'x' there).
#include <optional>
#include <string>
#include <string_view>

namespace tvbot::alpaca {

inline constexpr std::size_t kMaxClientOrderIdLength = 48;

[[nodiscard]] std::string to_alpaca_client_id(std::string_view tvbot_id);
// tvbot's id, or nullopt for a hashed id or one tvbot did not make.
[[nodiscard]] std::optional<std::string> from_alpaca_client_id(std::string_view alpaca_id);

}  // namespace tvbot::alpaca
