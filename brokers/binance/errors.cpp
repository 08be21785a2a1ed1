#include "brokers/binance/errors.hpp"

#include "brokers/broker.hpp"

namespace tvbot::binance {
namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

std::string describe(const ApiError& error) {
  return "Binance " + std::to_string(error.code) + ": " + error.msg;
}

bool is_duplicate_order(const ApiError& error) {
  return error.code == code::kDuplicateClientId ||
         (error.code == code::kNewOrderRejected && contains(error.msg, "Duplicate order"));
}

std::optional<std::string> order_reject_reason(const ApiError& error) {
  switch (error.code) {
    case code::kFilterFailure:
      if (contains(error.msg, "LOT_SIZE")) return "lot_size";
      if (contains(error.msg, "PRICE_FILTER")) return "price_filter";
      if (contains(error.msg, "NOTIONAL")) return "min_notional";  // MIN_NOTIONAL and NOTIONAL
      if (contains(error.msg, "PERCENT_PRICE")) return "price_out_of_range";
      return "filter_failure";
    case code::kNewOrderRejected:
      if (contains(error.msg, "insufficient balance")) return "insufficient_balance";
      return "order_rejected";
    case -1111: return "too_precise";          // precision over the maximum defined for this asset
    case -2019: return "insufficient_margin";  // futures: margin is insufficient
    case -2021: return "would_trigger_immediately";
    case -2022: return "reduce_only_rejected";
    case -4003: return "min_qty";         // quantity less than or equal to zero
    case -4005: return "max_qty";
    case -4014: return "price_filter";    // price not increased by tick size
    case -4023: return "lot_size";        // quantity not increased by step size
    case -4164: return "min_notional";    // order's notional must be no smaller than ...
    case code::kPositionSideMismatch: return "position_side_mismatch";
    case -4059: return "position_side_unchanged";
    case -4131: return "price_out_of_range";  // counterparty best price outside PERCENT_PRICE
    default: return std::nullopt;
  }
}

Error request_error(unsigned http_status, const std::optional<ApiError>& error) {
  const std::string detail = error ? describe(*error) : "HTTP " + std::to_string(http_status);
  // 408 (futures): "a timeout has occurred while waiting for a response from the backend".
  if (http_status >= 500 || http_status == 408 || (error && error->code == code::kBackendTimeout)) {
    // Binance: "the execution status is UNKNOWN and could have been a success".
    return make_error(std::string(broker_error::timeout),
                      "the venue's answer leaves the outcome unknown (" + detail + ")");
  }
  if (http_status == 429 || http_status == 418 || (error && error->code == code::kTooManyRequests)) {
    return make_error(std::string(broker_error::unavailable), "rate limited by the venue (" + detail + ")");
  }
  if (http_status == 403) {  // the venue's web application firewall refused the request
    return make_error(std::string(broker_error::unavailable), "blocked by Binance's WAF (" + detail + ")");
  }
  if (error) {
    switch (error->code) {
      case code::kTimestampOutsideRecvWindow:
        return make_error(std::string(broker_error::unavailable),
                          "clock out of step with the venue (" + detail + ")");
      case code::kUnknown:
      case code::kDisconnected:
        return make_error(std::string(broker_error::unavailable), "venue trouble (" + detail + ")");
      case code::kInvalidSignature:
        return make_error(std::string(broker_error::rejected),
                          "signature refused: check api_secret (" + detail + ")");
      case code::kBadApiKeyFormat:
      case code::kRejectedMbxKey:
        return make_error(std::string(broker_error::rejected),
                          "API key refused: check api_key, its permissions and IP whitelist (" +
                              detail + ")");
      case code::kBadSymbol:
        return make_error(std::string(broker_error::unknown_symbol), detail);
      case code::kNoSuchOrder:
      case code::kCancelRejected:
        return make_error(std::string(broker_error::not_found), detail);
      default: break;
    }
  }
  return make_error(std::string(broker_error::rejected), "the venue refused the request (" + detail + ")");
}

}  // namespace tvbot::binance
