#include "brokers/binance/binance_broker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "brokers/binance/client_id.hpp"
#include "brokers/binance/errors.hpp"
#include "brokers/binance/order_params.hpp"

namespace tvbot::binance {
namespace {

Error answer_error(const http::WebResponse& response) {
  return request_error(response.status, parse_api_error(response.body));
}

}  // namespace

BinanceBroker::BinanceBroker(BinanceOptions options, Transport transport)
    : options_(std::move(options)),
      paths_(endpoints_of(options_.rest.venue)),
      rest_(options_.rest, std::move(transport)) {}

Result<SymbolInfo> BinanceBroker::symbol_info(std::string_view symbol) {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = symbols_.find(symbol); it != symbols_.end()) return it->second;
  }
  auto response = rest_.get(paths_.exchange_info, QueryBuilder().add("symbol", symbol));
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  auto info = parse_exchange_info(response->body, symbol);
  if (!info) return info.error();
  std::lock_guard lock(cache_mutex_);
  symbols_.insert_or_assign(std::string(symbol), *info);
  return info;
}

Result<InstrumentRules> BinanceBroker::instrument_rules(std::string_view symbol) {
  auto info = symbol_info(symbol);
  if (!info) return info.error();
  return info->rules;
}

Result<OrderReport> BinanceBroker::with_fills(OrderReport report, const SymbolInfo& info) {
  if (!report.filled_qty.is_positive() || !report.fills.empty()) return report;
  auto response = rest_.signed_request("GET", paths_.trades,
                                       QueryBuilder()
                                           .add("symbol", report.symbol)
                                           .add("orderId", report.broker_order_id));
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  auto fills = parse_trades(response->body, options_.rest.venue, info);
  if (!fills) return fills.error();
  attach_trades(report, std::move(*fills));
  return report;
}

Result<OrderReport> BinanceBroker::read_order_answer(const http::WebResponse& response,
                                                     const SymbolInfo& info,
                                                     std::string_view client_order_id) {
  auto report = parse_order(response.body, options_.rest.venue, info, client_order_id);
  if (!report) return report.error();
  return with_fills(std::move(*report), info);
}

Result<OrderReport> BinanceBroker::place_order(const OrderRequest& request) {
  auto info = symbol_info(request.symbol);
  if (!info) return info.error();
  std::optional<Price> reference;
  if (request.type == OrderType::market && info->rules.min_notional.is_positive()) {
    auto price = last_price(request.symbol);
    if (!price) return price.error();
    reference = *price;
  }
  auto prepared = prepare_order(request, *info, options_.rest.venue, reference);
  if (auto* refused = std::get_if<OrderReport>(&prepared)) {
    spdlog::info("binance: order {} not sent: {}", request.client_order_id, refused->reject_message);
    return std::move(*refused);
  }
  const OrderParams& params = std::get<OrderParams>(prepared);
  auto response = rest_.signed_request("POST", paths_.order, params.params);
  if (!response) {
    if (outcome_unknown(response.error())) return resolve_unknown(request, response.error());
    return response.error();
  }
  if (response->status == 200) return read_order_answer(*response, *info, request.client_order_id);
  const auto error = parse_api_error(response->body);
  if (response->status >= 500 || response->status == 408 ||
      (error && error->code == code::kBackendTimeout)) {
    return resolve_unknown(request, request_error(response->status, error));
  }
  if (error && is_duplicate_order(*error)) {
    // Placed before (a retry after a lost answer): the existing order is the answer.
    auto existing = query_order(request.symbol, request.client_order_id);
    if (!existing) return existing.error();
    if (*existing) return std::move(**existing);
    return make_error(std::string(broker_error::timeout),
                      "the venue reports the client order id as a duplicate but cannot find it yet");
  }
  if (error && response->status < 500 && response->status != 429 && response->status != 418) {
    if (auto reason = order_reject_reason(*error)) {
      if (error->code == code::kFilterFailure) {
        // The venue's filters changed since they were cached: read them again next time.
        std::lock_guard lock(cache_mutex_);
        symbols_.erase(request.symbol);
      }
      return rejected_report(request, *reason, describe(*error));
    }
  }
  return request_error(response->status, error);
}

Result<OrderReport> BinanceBroker::resolve_unknown(const OrderRequest& request, Error why) {
  spdlog::warn("binance: placement of {} has an unknown outcome ({}); looking it up by client id",
               request.client_order_id, why.message);
  for (int attempt = 0; attempt < options_.unknown_outcome_queries; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(options_.unknown_outcome_delay);
    auto found = query_order(request.symbol, request.client_order_id);
    if (found && *found) return std::move(**found);
  }
  why.code = std::string(broker_error::timeout);
  why.message += "; the order is not (yet) visible by its client order id";
  return why;
}

Result<std::optional<OrderReport>> BinanceBroker::query_order(std::string_view symbol,
                                                              std::string_view client_order_id) {
  auto info = symbol_info(symbol);
  if (!info) return info.error();
  auto response = rest_.signed_request(
      "GET", paths_.order,
      QueryBuilder().add("symbol", symbol).add("origClientOrderId",
                                               to_binance_client_order_id(client_order_id)));
  if (!response) return response.error();
  if (response->status != 200) {
    auto error = parse_api_error(response->body);
    if (error && error->code == code::kNoSuchOrder) return std::optional<OrderReport>{};
    return request_error(response->status, error);
  }
  auto report = read_order_answer(*response, *info, client_order_id);
  if (!report) return report.error();
  return std::optional<OrderReport>(std::move(*report));
}

Result<OrderReport> BinanceBroker::cancel_order(std::string_view symbol,
                                                std::string_view client_order_id) {
  auto info = symbol_info(symbol);
  if (!info) return info.error();
  auto response = rest_.signed_request(
      "DELETE", paths_.order,
      QueryBuilder().add("symbol", symbol).add("origClientOrderId",
                                               to_binance_client_order_id(client_order_id)));
  if (!response) return response.error();
  if (response->status == 200) return read_order_answer(*response, *info, client_order_id);
  auto error = parse_api_error(response->body);
  if (error && (error->code == code::kCancelRejected || error->code == code::kNoSuchOrder)) {
    // Already ended (filled, cancelled) or never seen: the query tells which.
    auto found = query_order(symbol, client_order_id);
    if (!found) return found.error();
    if (*found) return std::move(**found);
    return make_error(std::string(broker_error::not_found),
                      "Binance has no order with client id " + std::string(client_order_id));
  }
  return request_error(response->status, error);
}

Result<std::vector<OrderReport>> BinanceBroker::open_orders(std::optional<std::string_view> symbol) {
  QueryBuilder params;
  if (symbol) params.add("symbol", *symbol);
  auto response = rest_.signed_request("GET", paths_.open_orders, params);
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  auto json = parse_json(response->body);
  if (!json) return json.error();
  std::vector<OrderReport> out;
  for (const JsonNode& order : json->items) {
    auto order_symbol = string_field(order, "symbol");
    if (!order_symbol) return order_symbol.error();
    auto info = symbol_info(*order_symbol);
    if (!info) return info.error();
    // The venue knows the mapped id only; a hashed one cannot be turned back, so it is shown
    // as the venue has it.
    auto report = parse_order(order, options_.rest.venue, *info,
                              optional_string(order, "clientOrderId").value_or(""));
    if (!report) return report.error();
    out.push_back(std::move(*report));
  }
  return out;
}

Result<std::vector<BrokerPosition>> BinanceBroker::positions() {
  if (options_.rest.venue == Venue::spot) return std::vector<BrokerPosition>{};
  auto response = rest_.signed_request("GET", paths_.positions, QueryBuilder());
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  return parse_positions(response->body);
}

Result<std::vector<Balance>> BinanceBroker::balances() {
  auto response = rest_.signed_request("GET", paths_.account, QueryBuilder());
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  return parse_balances(response->body, options_.rest.venue);
}

Result<Price> BinanceBroker::last_price(std::string_view symbol) {
  auto response = rest_.get(paths_.ticker_price, QueryBuilder().add("symbol", symbol));
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  auto prices = parse_prices(response->body);
  if (!prices) return prices.error();
  for (const auto& price : *prices) {
    if (price.symbol == symbol) return price.price;
  }
  return make_error(std::string(broker_error::unknown_symbol),
                    "no price for symbol " + std::string(symbol));
}

Result<std::vector<SymbolPrice>> BinanceBroker::last_prices(const std::vector<std::string>& symbols) {
  // All symbols in one call (weight 2 on spot and futures) rather than one call each.
  auto response = rest_.get(paths_.ticker_price, QueryBuilder());
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  auto prices = parse_prices(response->body);
  if (!prices) return prices.error();
  std::vector<SymbolPrice> out;
  for (const auto& symbol : symbols) {
    auto it = std::find_if(prices->begin(), prices->end(),
                           [&](const SymbolPrice& price) { return price.symbol == symbol; });
    if (it == prices->end()) {
      return make_error(std::string(broker_error::unknown_symbol), "no price for symbol " + symbol);
    }
    out.push_back(*it);
  }
  return out;
}

Result<bool> BinanceBroker::hedge_mode() {
  if (options_.rest.venue == Venue::spot) return false;
  auto response = rest_.signed_request("GET", paths_.position_mode, QueryBuilder());
  if (!response) return response.error();
  if (response->status != 200) return answer_error(*response);
  return parse_dual_side(response->body);
}

}  // namespace tvbot::binance
