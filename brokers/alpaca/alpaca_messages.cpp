#include "brokers/alpaca/alpaca_messages.hpp"

#include "brokers/alpaca/json_fields.hpp"

namespace tvbot::alpaca {
namespace {

// Copies a Result's value into `out`, or keeps its error in `failed`.
template <class T>
bool take(Result<T> result, T& out, std::optional<Error>& failed) {
  if (!result.ok()) {
    if (!failed) failed = result.error();
    return false;
  }
  out = std::move(result).value();
  return true;
}

Result<AlpacaOrder> order_from(const JsonFields& f) {
  AlpacaOrder order;
  std::optional<Error> failed;
  take(text_field(f, "id"), order.id, failed);
  take(text_field(f, "client_order_id"), order.client_order_id, failed);
  take(text_field(f, "symbol"), order.symbol, failed);
  take(text_field(f, "side"), order.side, failed);
  take(text_field(f, "type"), order.type, failed);
  take(text_field(f, "time_in_force"), order.time_in_force, failed);
  take(text_field(f, "status"), order.status, failed);
  take(optional_decimal<Quantity>(f, "qty"), order.qty, failed);
  take(decimal_field<Quantity>(f, "filled_qty"), order.filled_qty, failed);
  take(optional_decimal<Price>(f, "filled_avg_price"), order.filled_avg_price, failed);
  take(optional_decimal<Price>(f, "limit_price"), order.limit_price, failed);
  if (failed) return *failed;
  return order;
}

Result<Price> trade_price(std::string_view trade_json) {
  auto trade = read_object(trade_json);
  if (!trade.ok()) return trade.error();
  return decimal_field<Price>(*trade, "p");
}

}  // namespace

Result<AlpacaOrder> parse_order(std::string_view json) {
  auto fields = read_object(json);
  if (!fields.ok()) return fields.error();
  return order_from(*fields);
}

Result<std::vector<AlpacaOrder>> parse_orders(std::string_view json) {
  auto items = read_array_of_objects(json);
  if (!items.ok()) return items.error();
  std::vector<AlpacaOrder> orders;
  for (const auto& item : *items) {
    auto order = order_from(item);
    if (!order.ok()) return order.error();
    orders.push_back(std::move(order).value());
  }
  return orders;
}

Result<std::vector<AlpacaPosition>> parse_positions(std::string_view json) {
  auto items = read_array_of_objects(json);
  if (!items.ok()) return items.error();
  std::vector<AlpacaPosition> positions;
  for (const auto& f : *items) {
    AlpacaPosition position;
    std::optional<Error> failed;
    take(text_field(f, "symbol"), position.symbol, failed);
    take(text_field(f, "side"), position.side, failed);
    take(decimal_field<Quantity>(f, "qty"), position.qty, failed);
    take(decimal_field<Price>(f, "avg_entry_price"), position.avg_entry_price, failed);
    if (failed) return *failed;
    positions.push_back(std::move(position));
  }
  return positions;
}

Result<AlpacaAccount> parse_account(std::string_view json) {
  auto fields = read_object(json);
  if (!fields.ok()) return fields.error();
  const auto& f = *fields;
  AlpacaAccount account;
  std::optional<Error> failed;
  take(text_field(f, "status"), account.status, failed);
  take(text_field(f, "currency"), account.currency, failed);
  take(decimal_field<Money>(f, "cash"), account.cash, failed);
  take(decimal_field<Money>(f, "buying_power"), account.buying_power, failed);
  take(decimal_field<Money>(f, "equity"), account.equity, failed);
  if (f.contains("trading_blocked")) take(bool_field(f, "trading_blocked"), account.trading_blocked, failed);
  if (failed) return *failed;
  return account;
}

Result<AlpacaAsset> parse_asset(std::string_view json) {
  auto fields = read_object(json);
  if (!fields.ok()) return fields.error();
  const auto& f = *fields;
  AlpacaAsset asset;
  std::optional<Error> failed;
  take(text_field(f, "symbol"), asset.symbol, failed);
  take(text_field(f, "class"), asset.asset_class, failed);
  take(text_field(f, "status"), asset.status, failed);
  take(bool_field(f, "tradable"), asset.tradable, failed);
  take(bool_field(f, "fractionable"), asset.fractionable, failed);
  take(optional_decimal<Quantity>(f, "min_order_size"), asset.min_order_size, failed);
  take(optional_decimal<Quantity>(f, "min_trade_increment"), asset.min_trade_increment, failed);
  take(optional_decimal<Price>(f, "price_increment"), asset.price_increment, failed);
  if (failed) return *failed;
  return asset;
}

Result<AlpacaClock> parse_clock(std::string_view json) {
  auto fields = read_object(json);
  if (!fields.ok()) return fields.error();
  const auto& f = *fields;
  AlpacaClock clock;
  std::optional<Error> failed;
  take(bool_field(f, "is_open"), clock.is_open, failed);
  take(text_field(f, "timestamp"), clock.timestamp, failed);
  take(text_field(f, "next_open"), clock.next_open, failed);
  take(text_field(f, "next_close"), clock.next_close, failed);
  if (failed) return *failed;
  return clock;
}

Result<Price> parse_latest_trade(std::string_view json) {
  auto fields = read_object(json);
  if (!fields.ok()) return fields.error();
  auto it = fields->find("trade");
  if (it == fields->end() || it->second.kind != JsonKind::object) {
    return make_error("invalid_response", "missing trade object");
  }
  return trade_price(it->second.text);
}

Result<std::map<std::string, Price>> parse_latest_trades(std::string_view json) {
  auto fields = read_object(json);
  if (!fields.ok()) return fields.error();
  auto it = fields->find("trades");
  if (it == fields->end() || it->second.kind != JsonKind::object) {
    return make_error("invalid_response", "missing trades object");
  }
  auto trades = read_object(it->second.text);
  if (!trades.ok()) return trades.error();
  std::map<std::string, Price> prices;
  for (const auto& [symbol, trade] : *trades) {
    if (trade.kind != JsonKind::object) return make_error("invalid_response", "trade of " + symbol);
    auto price = trade_price(trade.text);
    if (!price.ok()) return price.error();
    prices.emplace(symbol, *price);
  }
  return prices;
}

AlpacaError parse_error(std::string_view json) {
  AlpacaError error;
  auto fields = read_object(json);
  if (fields.ok()) {
    error.message = optional_text(*fields, "message");
    auto code = fields->find("code");
    if (code != fields->end() &&
        (code->second.kind == JsonKind::number || code->second.kind == JsonKind::string)) {
      error.code = code->second.text;
    }
    if (!error.message.empty()) return error;
  }
  error.message = std::string(json.substr(0, 200));
  return error;
}

}  // namespace tvbot::alpaca
