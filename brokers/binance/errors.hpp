#pragma once
// Binance error codes ({"code":-1013,"msg":"Filter failure: LOT_SIZE"}) mapped to what tvbot
// does with them. Two kinds:
//  - a refusal of the order itself (filters, balance, position side): a fact about that
//    client order id, reported as an OrderReport with status rejected and reject_reason;
//  - a failure of the request (signature, key, clock, rate limit, venue trouble): an Error
//    whose code is one of broker_error, telling the caller whether to retry or query.
// The table is in README ("Binance": error mapping).
#include <optional>
#include <string>

#include "brokers/binance/responses.hpp"
#include "events/result.hpp"

namespace tvbot::binance {

namespace code {
inline constexpr int kUnknown = -1000;
inline constexpr int kDisconnected = -1001;
inline constexpr int kTooManyRequests = -1003;
inline constexpr int kBackendTimeout = -1007;  // "execution status unknown"
inline constexpr int kTimestampOutsideRecvWindow = -1021;
inline constexpr int kInvalidSignature = -1022;
inline constexpr int kBadSymbol = -1121;
inline constexpr int kFilterFailure = -1013;
inline constexpr int kNewOrderRejected = -2010;
inline constexpr int kCancelRejected = -2011;
inline constexpr int kNoSuchOrder = -2013;
inline constexpr int kBadApiKeyFormat = -2014;
inline constexpr int kRejectedMbxKey = -2015;
inline constexpr int kPositionSideMismatch = -4061;
inline constexpr int kDuplicateClientId = -4116;  // futures
}  // namespace code

// Why the venue refused this order, as a short machine code ("lot_size", "min_notional",
// "insufficient_balance", "position_side_mismatch", ...); nullopt when the code is not a
// refusal of the order but a failure of the request.
[[nodiscard]] std::optional<std::string> order_reject_reason(const ApiError& error);

// Whether the answer says an order with this client id already exists (a repeat).
[[nodiscard]] bool is_duplicate_order(const ApiError& error);

// A failed request as an Error for the Broker's caller. `http_status` decides first: 5xx is
// broker_error::timeout (the venue may have acted), 429/418 unavailable; then the code.
[[nodiscard]] Error request_error(unsigned http_status, const std::optional<ApiError>& error);

// "Binance -1013: Filter failure: LOT_SIZE" (the venue's message never holds our secrets).
[[nodiscard]] std::string describe(const ApiError& error);

}  // namespace tvbot::binance
