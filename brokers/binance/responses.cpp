#include "brokers/binance/responses.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace tvbot::binance {
namespace {

Error invalid(std::string message) { return make_error("invalid_response", std::move(message)); }

OrderStatus status_of(std::string_view text) {
  if (text == "NEW" || text == "PENDING_CANCEL" || text == "PENDING_NEW") return OrderStatus::new_;
  if (text == "PARTIALLY_FILLED") return OrderStatus::partially_filled;
  if (text == "FILLED") return OrderStatus::filled;
  if (text == "CANCELED") return OrderStatus::cancelled;
  if (text == "REJECTED") return OrderStatus::rejected;
  return OrderStatus::expired;  // EXPIRED, EXPIRED_IN_MATCH (self-trade prevention)
}

PositionSide position_side_of(std::string_view text) {
  if (text == "LONG") return PositionSide::long_side;
  if (text == "SHORT") return PositionSide::short_side;
  return PositionSide::both;
}

// Sum(qty * price) / Sum(qty), rounded once.
Price average_price(const std::vector<BrokerFill>& fills) {
  Notional total;
  Quantity qty;
  for (const auto& fill : fills) {
    total += mul<Notional>(fill.price, fill.qty);
    qty += fill.qty;
  }
  if (!qty.is_positive()) return Price{};
  return div<Price>(total, qty);
}

Result<std::vector<BrokerFill>> spot_fills(const JsonNode& order, const SymbolInfo& info,
                                           std::string_view order_id) {
  std::vector<BrokerFill> fills;
  const JsonNode* array = order.find("fills");
  if (array == nullptr || !array->is_array()) return fills;
  for (std::size_t i = 0; i < array->items.size(); ++i) {
    const JsonNode& fill = array->items[i];
    auto qty = decimal_field<Quantity>(fill, "qty");
    auto price = decimal_field<Price>(fill, "price");
    auto commission = decimal_field<Money>(fill, "commission");
    auto asset = string_field(fill, "commissionAsset");
    if (!qty) return qty.error();
    if (!price) return price.error();
    if (!commission) return commission.error();
    if (!asset) return asset.error();
    // tradeId is in every current answer; the oldest published example lacks it, and then the
    // order id and the fill's place in the array identify it just as stably.
    auto trade_id = integer_field(fill, "tradeId");
    std::string fill_id = trade_id ? std::to_string(*trade_id)
                                   : std::string(order_id) + "-" + std::to_string(i);
    // A FULL answer says nothing of maker or taker; an order's immediate fills take liquidity.
    fills.push_back(make_fill(std::move(fill_id), *qty, *price, *commission, *asset, false, info));
  }
  return fills;
}

}  // namespace

Result<std::int64_t> parse_server_time(std::string_view body) {
  auto json = parse_json(body);
  if (!json) return json.error();
  return integer_field(*json, "serverTime");
}

Result<SymbolInfo> parse_exchange_info(std::string_view body, std::string_view symbol) {
  auto json = parse_json(body);
  if (!json) return json.error();
  const JsonNode* symbols = json->find("symbols");
  if (symbols == nullptr || !symbols->is_array()) return invalid("exchangeInfo without \"symbols\"");
  for (const JsonNode& entry : symbols->items) {
    if (optional_string(entry, "symbol") != symbol) continue;
    SymbolInfo info;
    info.symbol = std::string(symbol);
    info.status = optional_string(entry, "status").value_or("");
    info.base_asset = optional_string(entry, "baseAsset").value_or("");
    info.quote_asset = optional_string(entry, "quoteAsset").value_or("");
    const JsonNode* filters = entry.find("filters");
    if (filters != nullptr && filters->is_array()) {
      for (const JsonNode& filter : filters->items) {
        const std::string type = optional_string(filter, "filterType").value_or("");
        if (type == "PRICE_FILTER") {
          auto tick = decimal_field<Price>(filter, "tickSize");
          if (!tick) return tick.error();
          info.rules.tick_size = *tick;
        } else if (type == "LOT_SIZE") {
          auto step = decimal_field<Quantity>(filter, "stepSize");
          auto min_qty = decimal_field<Quantity>(filter, "minQty");
          auto max_qty = decimal_field<Quantity>(filter, "maxQty");
          if (!step) return step.error();
          if (!min_qty) return min_qty.error();
          if (!max_qty) return max_qty.error();
          info.rules.lot_step = *step;
          info.rules.min_qty = *min_qty;
          info.rules.max_qty = *max_qty;
        } else if (type == "MIN_NOTIONAL" || type == "NOTIONAL") {
          // Spot names the field minNotional in both filters; futures' MIN_NOTIONAL says notional.
          const bool spot_field = filter.find("minNotional") != nullptr;
          auto min = decimal_field<Money>(filter, spot_field ? "minNotional" : "notional");
          if (!min) return min.error();
          if (*min > info.rules.min_notional) info.rules.min_notional = *min;
        }
      }
    }
    return info;
  }
  return make_error(std::string(broker_error::unknown_symbol),
                    "the venue does not list symbol " + std::string(symbol));
}

BrokerFill make_fill(std::string fill_id, Quantity qty, Price price, Money commission,
                     const std::string& commission_asset, bool is_maker, const SymbolInfo& info) {
  BrokerFill fill;
  fill.fill_id = std::move(fill_id);
  fill.qty = qty;
  fill.price = price;
  fill.is_maker = is_maker;
  if (!info.base_asset.empty() && commission_asset == info.base_asset &&
      commission_asset != info.quote_asset) {
    // Spot buys pay their fee in the asset bought: worth commission * price in the quote.
    fill.fee = mul<Money>(commission, price);
    fill.fee_asset = info.quote_asset;
  } else {
    fill.fee = commission;
    fill.fee_asset = commission_asset;
  }
  return fill;
}

Result<OrderReport> parse_order(const JsonNode& order, Venue venue, const SymbolInfo& info,
                                std::string_view client_order_id) {
  if (!order.is_object()) return invalid("an order answer is not a JSON object");
  OrderReport report;
  report.client_order_id = std::string(client_order_id);
  auto order_id = integer_field(order, "orderId");
  auto symbol = string_field(order, "symbol");
  auto side = string_field(order, "side");
  auto status = string_field(order, "status");
  auto qty = decimal_field<Quantity>(order, "origQty");
  auto executed = decimal_field<Quantity>(order, "executedQty");
  if (!order_id) return order_id.error();
  if (!symbol) return symbol.error();
  if (!side) return side.error();
  if (!status) return status.error();
  if (!qty) return qty.error();
  if (!executed) return executed.error();
  report.broker_order_id = std::to_string(*order_id);
  report.symbol = *symbol;
  report.side = *side == "SELL" ? Side::sell : Side::buy;
  report.status = status_of(*status);
  report.qty = *qty;
  report.filled_qty = *executed;
  if (auto position_side = optional_string(order, "positionSide")) {
    report.position_side = position_side_of(*position_side);
  }
  if (venue == Venue::spot) {
    auto fills = spot_fills(order, info, report.broker_order_id);
    if (!fills) return fills.error();
    report.fills = std::move(*fills);
    if (!report.fills.empty()) {
      report.avg_price = average_price(report.fills);
    } else if (report.filled_qty.is_positive()) {
      // GET /order has no fills: the average is the quote amount spent over the quantity.
      auto quote = decimal_field<Money>(order, "cummulativeQuoteQty");
      if (quote && !quote->is_negative()) report.avg_price = div<Price>(*quote, report.filled_qty);
    }
  } else {
    auto avg = decimal_field<Price>(order, "avgPrice");
    if (avg) report.avg_price = *avg;
  }
  if (report.status == OrderStatus::expired || report.status == OrderStatus::rejected) {
    report.reject_reason = "expired";
    report.reject_message = "the venue ended the order with status " + *status;
  }
  return report;
}

Result<OrderReport> parse_order(std::string_view body, Venue venue, const SymbolInfo& info,
                                std::string_view client_order_id) {
  auto json = parse_json(body);
  if (!json) return json.error();
  return parse_order(*json, venue, info, client_order_id);
}

Result<std::vector<BrokerFill>> parse_trades(std::string_view body, Venue venue,
                                             const SymbolInfo& info) {
  auto json = parse_json(body);
  if (!json) return json.error();
  if (!json->is_array()) return invalid("a trade list is not a JSON array");
  std::vector<BrokerFill> fills;
  for (const JsonNode& trade : json->items) {
    auto id = integer_field(trade, "id");
    auto qty = decimal_field<Quantity>(trade, "qty");
    auto price = decimal_field<Price>(trade, "price");
    auto commission = decimal_field<Money>(trade, "commission");
    auto asset = string_field(trade, "commissionAsset");
    if (!id) return id.error();
    if (!qty) return qty.error();
    if (!price) return price.error();
    if (!commission) return commission.error();
    if (!asset) return asset.error();
    const bool maker = bool_field(trade, venue == Venue::spot ? "isMaker" : "maker", false);
    fills.push_back(make_fill(std::to_string(*id), *qty, *price, *commission, *asset, maker, info));
  }
  return fills;
}

void attach_trades(OrderReport& report, std::vector<BrokerFill> fills) {
  Quantity found;
  for (const auto& fill : fills) found += fill.qty;
  report.fills = std::move(fills);
  if (!report.fills.empty()) report.avg_price = average_price(report.fills);
  if (found < report.filled_qty && report.status == OrderStatus::filled) {
    report.status = OrderStatus::partially_filled;
  }
}

std::optional<ApiError> parse_api_error(std::string_view body) {
  auto json = parse_json(body);
  if (!json || !json->is_object()) return std::nullopt;
  auto code = integer_field(*json, "code");
  if (!code) return std::nullopt;
  return ApiError{static_cast<int>(*code), optional_string(*json, "msg").value_or("")};
}

}  // namespace tvbot::binance
