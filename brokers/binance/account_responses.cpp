// The account side of the parsers: balances, futures positions, prices, position mode.
#include <algorithm>
#include <map>
#include <tuple>

#include "brokers/binance/responses.hpp"

namespace tvbot::binance {
namespace {

Error invalid(std::string message) { return make_error("invalid_response", std::move(message)); }

PositionSide position_side_of(std::string_view text) {
  if (text == "LONG") return PositionSide::long_side;
  if (text == "SHORT") return PositionSide::short_side;
  return PositionSide::both;
}

}  // namespace

Result<std::vector<Balance>> parse_balances(std::string_view body, Venue venue) {
  auto json = parse_json(body);
  if (!json) return json.error();
  std::map<std::string, Balance> by_asset;
  if (venue == Venue::spot) {
    const JsonNode* balances = json->find("balances");
    if (balances == nullptr || !balances->is_array()) return invalid("account without \"balances\"");
    for (const JsonNode& entry : balances->items) {
      auto asset = string_field(entry, "asset");
      auto free = decimal_field<Money>(entry, "free");
      auto locked = decimal_field<Money>(entry, "locked");
      if (!asset) return asset.error();
      if (!free) return free.error();
      if (!locked) return locked.error();
      if (free->is_zero() && locked->is_zero()) continue;
      by_asset[*asset] = Balance{*asset, *free, *locked};
    }
  } else {
    if (!json->is_array()) return invalid("a futures balance list is not a JSON array");
    for (const JsonNode& entry : json->items) {
      auto asset = string_field(entry, "asset");
      auto balance = decimal_field<Money>(entry, "balance");
      auto available = decimal_field<Money>(entry, "availableBalance");
      if (!asset) return asset.error();
      if (!balance) return balance.error();
      if (!available) return available.error();
      if (balance->is_zero() && available->is_zero()) continue;
      by_asset[*asset] = Balance{*asset, *available, *balance - *available};
    }
  }
  std::vector<Balance> out;
  for (auto& [asset, balance] : by_asset) out.push_back(std::move(balance));
  return out;
}

Result<std::vector<BrokerPosition>> parse_positions(std::string_view body) {
  auto json = parse_json(body);
  if (!json) return json.error();
  if (!json->is_array()) return invalid("positionRisk is not a JSON array");
  std::vector<BrokerPosition> out;
  for (const JsonNode& entry : json->items) {
    auto symbol = string_field(entry, "symbol");
    auto amount = decimal_field<Quantity>(entry, "positionAmt");
    auto entry_price = decimal_field<Price>(entry, "entryPrice");
    if (!symbol) return symbol.error();
    if (!amount) return amount.error();
    if (!entry_price) return entry_price.error();
    if (amount->is_zero()) continue;
    BrokerPosition position;
    position.symbol = *symbol;
    position.position_side = position_side_of(optional_string(entry, "positionSide").value_or("BOTH"));
    position.qty = *amount;  // signed: a SHORT leg's amount is negative already
    position.entry_price = *entry_price;
    out.push_back(std::move(position));
  }
  std::sort(out.begin(), out.end(), [](const BrokerPosition& a, const BrokerPosition& b) {
    return std::tie(a.symbol, a.position_side) < std::tie(b.symbol, b.position_side);
  });
  return out;
}

Result<std::vector<SymbolPrice>> parse_prices(std::string_view body) {
  auto json = parse_json(body);
  if (!json) return json.error();
  std::vector<SymbolPrice> out;
  auto read_one = [&](const JsonNode& entry) -> Status {
    auto symbol = string_field(entry, "symbol");
    auto price = decimal_field<Price>(entry, "price");
    if (!symbol) return symbol.error();
    if (!price) return price.error();
    out.push_back(SymbolPrice{*symbol, *price});
    return {};
  };
  if (json->is_array()) {
    for (const JsonNode& entry : json->items) {
      if (auto status = read_one(entry); !status) return status.error();
    }
  } else if (auto status = read_one(*json); !status) {
    return status.error();
  }
  return out;
}

Result<bool> parse_dual_side(std::string_view body) {
  auto json = parse_json(body);
  if (!json) return json.error();
  const JsonNode* node = json->find("dualSidePosition");
  if (node == nullptr || node->kind != JsonNode::Kind::boolean) {
    return invalid("field \"dualSidePosition\" missing or not a boolean");
  }
  return node->text == "true";
}

}  // namespace tvbot::binance
