#include "brokers/alpaca/alpaca_broker.hpp"

#include <algorithm>

#include "brokers/alpaca/client_order_id.hpp"
#include "brokers/alpaca/json_fields.hpp"
#include "brokers/alpaca/order_report.hpp"

namespace tvbot::alpaca {
namespace {

OrderReport refusal(const OrderRequest& request, std::string reason, std::string message) {
  OrderReport report;
  report.client_order_id = request.client_order_id;
  report.symbol = request.symbol;
  report.side = request.side;
  report.position_side = request.position_side;
  report.qty = request.qty;
  report.status = OrderStatus::rejected;
  report.reject_reason = std::move(reason);
  report.reject_message = std::move(message);
  return report;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// A 403 or 422 to a placement: Alpaca did not take the order, and says why in words.
OrderReport refused_by_alpaca(const OrderRequest& request, const http::WebResponse& response) {
  const auto error = parse_error(response.body);
  std::string reason = "invalid_order";
  if (response.status == 403) {
    reason = contains(error.message, "buying power") ? "insufficient_buying_power"
             : contains(error.message, "qty")        ? "insufficient_qty"
                                                     : "forbidden";
  }
  return refusal(request, std::move(reason),
                 "Alpaca: HTTP " + std::to_string(response.status) + ": " + error.message);
}

std::string_view time_in_force(const OrderRequest& request) {
  // Market orders: "day", the one Alpaca accepts for fractional shares and the one it
  // queues for the next open when the market is closed. ioc/fok are passed on as asked.
  if (request.time_in_force == TimeInForce::ioc) return "ioc";
  if (request.time_in_force == TimeInForce::fok) return "fok";
  return request.type == OrderType::market ? "day" : "gtc";
}

bool ok_status(unsigned status) { return status >= 200 && status < 300; }

}  // namespace

std::string order_body(const OrderRequest& request) {
  std::string body = "{\"symbol\":";
  append_json_string(body, request.symbol);
  body += ",\"qty\":\"" + request.qty.to_string() + "\"";
  body += request.side == Side::sell ? ",\"side\":\"sell\"" : ",\"side\":\"buy\"";
  body += request.type == OrderType::limit ? ",\"type\":\"limit\"" : ",\"type\":\"market\"";
  body += ",\"time_in_force\":\"" + std::string(time_in_force(request)) + "\"";
  if (request.type == OrderType::limit && request.limit_price) {
    body += ",\"limit_price\":\"" + request.limit_price->to_string() + "\"";
  }
  body += ",\"client_order_id\":";
  append_json_string(body, to_alpaca_client_id(request.client_order_id));
  body += '}';
  return body;
}

Result<std::unique_ptr<AlpacaBroker>> AlpacaBroker::create(AlpacaOptions options) {
  auto transport = AlpacaTransport::create(options);
  if (!transport.ok()) return transport.error();
  return std::unique_ptr<AlpacaBroker>(
      new AlpacaBroker(std::move(options), std::move(transport).value()));
}

AlpacaBroker::AlpacaBroker(AlpacaOptions options, std::unique_ptr<AlpacaTransport> transport)
    : options_(std::move(options)), transport_(std::move(transport)) {}

std::optional<OrderReport> AlpacaBroker::refuse_locally(const OrderRequest& request) {
  if (request.type != OrderType::market && request.type != OrderType::limit) {
    return refusal(request, "unsupported_order_type",
                   "the Alpaca adapter places market and limit orders only");
  }
  if (request.position_side != PositionSide::both) {
    return refusal(request, "unsupported_position_side", "Alpaca accounts are one-way");
  }
  if (!request.qty.is_positive()) return refusal(request, "invalid_qty", "qty must be positive");
  if (request.type == OrderType::limit && (!request.limit_price || !request.limit_price->is_positive())) {
    return refusal(request, "invalid_price", "a limit order needs a positive limit price");
  }
  return std::nullopt;
}

Result<OrderReport> AlpacaBroker::place_order(const OrderRequest& request) {
  if (auto refused = refuse_locally(request)) return *refused;
  if (options_.outside_market_hours == OutsideMarketHours::reject) {
    auto now = clock();
    // Nothing was placed yet, so whatever went wrong, the placement may be retried.
    if (!now.ok()) return make_error(std::string(broker_error::unavailable), now.error().message);
    if (!now->is_open) {
      return refusal(request, "market_closed",
                     "the market is closed (next open " + now->next_open +
                         "); outside_market_hours = reject");
    }
  }
  auto response = transport_->call(Api::trading, "POST", "/v2/orders", order_body(request));
  if (!response.ok()) return response.error();
  if (ok_status(response->status)) {
    auto order = parse_order(response->body);
    // Alpaca answered 2xx, so it has the order, but we cannot read it: unknown, query it.
    if (!order.ok()) return make_error(std::string(broker_error::timeout), order.error().message);
    auto report = to_report(*order, request.client_order_id);
    if (!report.ok()) return make_error(std::string(broker_error::timeout), report.error().message);
    return report;
  }
  if (response->status == 422 && contains(parse_error(response->body).message, "client_order_id")) {
    // "client_order_id must be unique": Alpaca has this order already (an earlier attempt
    // landed). Placing is idempotent, so its report is the answer.
    auto found = query_order(request.symbol, request.client_order_id);
    if (!found.ok()) return found.error();
    if (*found) return std::move(**found);
    return refused_by_alpaca(request, *response);
  }
  if (response->status == 403 || response->status == 422 || response->status == 400) {
    return refused_by_alpaca(request, *response);
  }
  return status_error(*response, "POST /v2/orders");
}

Result<std::optional<OrderReport>> AlpacaBroker::query_order(std::string_view,
                                                             std::string_view client_order_id) {
  const std::string target = "/v2/orders:by_client_order_id?client_order_id=" +
                             url_encode(to_alpaca_client_id(client_order_id));
  auto response = transport_->call(Api::trading, "GET", target);
  if (!response.ok()) return response.error();
  if (response->status == 404) return std::optional<OrderReport>();
  if (!ok_status(response->status)) return status_error(*response, "GET order by client id");
  auto order = parse_order(response->body);
  if (!order.ok()) return order.error();
  auto report = to_report(*order, client_order_id);
  if (!report.ok()) return report.error();
  return std::optional<OrderReport>(std::move(report).value());
}

Result<OrderReport> AlpacaBroker::cancel_order(std::string_view symbol,
                                               std::string_view client_order_id) {
  auto found = query_order(symbol, client_order_id);
  if (!found.ok()) return found.error();
  if (!*found) {
    return make_error(std::string(broker_error::not_found),
                      "alpaca: no order with client id " + std::string(client_order_id));
  }
  if (is_terminal((*found)->status)) return std::move(**found);
  auto response =
      transport_->call(Api::trading, "DELETE", "/v2/orders/" + url_encode((*found)->broker_order_id));
  if (!response.ok()) return response.error();
  // 422: no longer cancelable (it filled meanwhile); the query below shows how it ended.
  if (!ok_status(response->status) && response->status != 422) {
    return status_error(*response, "DELETE order");
  }
  auto after = query_order(symbol, client_order_id);
  if (!after.ok()) return after.error();
  if (!*after) return make_error(std::string(broker_error::not_found), "alpaca: order vanished");
  return std::move(**after);
}

Result<std::vector<OrderReport>> AlpacaBroker::open_orders(std::optional<std::string_view> symbol) {
  std::string target = "/v2/orders?status=open&direction=asc&limit=500";
  if (symbol) target += "&symbols=" + url_encode(*symbol);
  auto response = transport_->call(Api::trading, "GET", target);
  if (!response.ok()) return response.error();
  if (!ok_status(response->status)) return status_error(*response, "GET /v2/orders");
  auto orders = parse_orders(response->body);
  if (!orders.ok()) return orders.error();
  std::vector<OrderReport> reports;
  for (const auto& order : *orders) {
    // Orders tvbot did not make (or hashed ids) keep Alpaca's client id.
    const auto id = from_alpaca_client_id(order.client_order_id).value_or(order.client_order_id);
    auto report = to_report(order, id);
    if (!report.ok()) return report.error();
    reports.push_back(std::move(report).value());
  }
  return reports;
}

Result<std::vector<BrokerPosition>> AlpacaBroker::positions() {
  auto response = transport_->call(Api::trading, "GET", "/v2/positions");
  if (!response.ok()) return response.error();
  if (!ok_status(response->status)) return status_error(*response, "GET /v2/positions");
  auto positions = parse_positions(response->body);
  if (!positions.ok()) return positions.error();
  std::vector<BrokerPosition> result;
  for (const auto& p : *positions) {
    if (p.qty.is_zero()) continue;
    // Short positions: Alpaca's qty is negative already; the side decides either way.
    const Quantity size = p.qty.abs();
    result.push_back(BrokerPosition{p.symbol, PositionSide::both, p.side == "short" ? -size : size,
                                    p.avg_entry_price});
  }
  std::sort(result.begin(), result.end(),
            [](const auto& a, const auto& b) { return a.symbol < b.symbol; });
  return result;
}

Result<AlpacaAccount> AlpacaBroker::account() {
  auto response = transport_->call(Api::trading, "GET", "/v2/account");
  if (!response.ok()) return response.error();
  if (!ok_status(response->status)) return status_error(*response, "GET /v2/account");
  return parse_account(response->body);
}

Result<std::vector<Balance>> AlpacaBroker::balances() {
  auto now = account();
  if (!now.ok()) return now.error();
  // Cash only: shares are positions, not balances, in the Broker interface.
  return std::vector<Balance>{Balance{now->currency, now->cash, Money{}}};
}

Result<AlpacaClock> AlpacaBroker::clock() {
  auto response = transport_->call(Api::trading, "GET", "/v2/clock");
  if (!response.ok()) return response.error();
  if (!ok_status(response->status)) return status_error(*response, "GET /v2/clock");
  return parse_clock(response->body);
}

Result<Price> AlpacaBroker::last_price(std::string_view symbol) {
  auto response = transport_->call(Api::market_data, "GET",
                                   "/v2/stocks/" + url_encode(symbol) + "/trades/latest");
  if (!response.ok()) return response.error();
  if (response->status == 404 || response->status == 400 || response->status == 422) {
    return make_error(std::string(broker_error::unknown_symbol),
                      "alpaca: no latest trade for " + std::string(symbol));
  }
  if (!ok_status(response->status)) return status_error(*response, "GET latest trade");
  return parse_latest_trade(response->body);
}

Result<std::vector<SymbolPrice>> AlpacaBroker::last_prices(const std::vector<std::string>& symbols) {
  if (symbols.empty()) return std::vector<SymbolPrice>{};
  std::string list;
  for (const auto& symbol : symbols) {
    if (!list.empty()) list += ',';
    list += symbol;
  }
  auto response = transport_->call(Api::market_data, "GET",
                                   "/v2/stocks/trades/latest?symbols=" + url_encode(list));
  if (!response.ok()) return response.error();
  if (!ok_status(response->status)) return status_error(*response, "GET latest trades");
  auto prices = parse_latest_trades(response->body);
  if (!prices.ok()) return prices.error();
  std::vector<SymbolPrice> result;
  for (const auto& symbol : symbols) {
    auto it = prices->find(symbol);
    if (it == prices->end()) {
      return make_error(std::string(broker_error::unknown_symbol),
                        "alpaca: no latest trade for " + symbol);
    }
    result.push_back(SymbolPrice{symbol, it->second});
  }
  return result;
}

Result<InstrumentRules> AlpacaBroker::instrument_rules(std::string_view symbol) {
  auto response = transport_->call(Api::trading, "GET", "/v2/assets/" + url_encode(symbol));
  if (!response.ok()) return response.error();
  if (response->status == 404) {
    return make_error(std::string(broker_error::unknown_symbol),
                      "alpaca: no asset " + std::string(symbol));
  }
  if (!ok_status(response->status)) return status_error(*response, "GET /v2/assets");
  auto asset = parse_asset(response->body);
  if (!asset.ok()) return asset.error();
  if (!asset->tradable || asset->status != "active") {
    return make_error(std::string(broker_error::rejected),
                      "alpaca: " + std::string(symbol) + " is not tradable at Alpaca");
  }
  InstrumentRules rules;
  // Equities: Alpaca documents no tick or size fields (its sub-penny rule depends on the
  // price, which a fixed rule cannot express), so only the share step is set: whole shares
  // unless the asset is fractionable. Crypto assets carry the three fields.
  rules.tick_size = asset->price_increment.value_or(Price{});
  const Quantity one_share = Quantity::from_int(1);
  rules.lot_step = asset->min_trade_increment.value_or(asset->fractionable ? Quantity{} : one_share);
  rules.min_qty = asset->min_order_size.value_or(asset->fractionable ? Quantity{} : one_share);
  // Equity orders under $1 are refused with 403 "cost basis must be >= minimal amount of
  // order 1" (Alpaca staff on forum.alpaca.markets; see test_data/SOURCES).
  if (asset->asset_class == "us_equity") rules.min_notional = Money::from_int(1);
  return rules;
}

}  // namespace tvbot::alpaca
