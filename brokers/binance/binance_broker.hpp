#pragma once
// Broker for Binance spot (/api/v3) and USD-M futures (/fapi), over REST.
//
// - Client order ids: tvbot's id, mapped by to_binance_client_order_id, is the order's
//   newClientOrderId, and every query and cancel goes by it: after a restart the same id
//   finds the same order.
// - Filters from exchangeInfo (cached per symbol) are applied before sending; an order that
//   cannot meet them comes back rejected and never reaches the venue.
// - A placement whose fate is unknown (HTTP 5xx, -1007, a timeout after the request left)
//   is looked up by client order id before anything else: found, its report is the answer;
//   still not found after a few looks, the Error is broker_error::timeout and the broker
//   gateway keeps querying before it would ever place again. So a 5xx after the venue
//   placed the order yields exactly one order.
// - Fills: spot from the FULL answer's fills array, futures (whose answer has none) and any
//   later query from the account's trades of that order, so the fee is the venue's commission.
// - Positions: futures only (one-way: BOTH; hedge: LONG and SHORT); spot has none.
// Thread-safe: calls may run concurrently (the symbol cache and the rate gate are locked).
#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "brokers/binance/responses.hpp"
#include "brokers/binance/rest_client.hpp"
#include "brokers/broker.hpp"

namespace tvbot::binance {

struct BinanceOptions {
  RestOptions rest;
  // After an unknown outcome: how often and how far apart the order is looked for.
  int unknown_outcome_queries = 3;
  std::chrono::milliseconds unknown_outcome_delay{300};
};

class BinanceBroker final : public Broker {
 public:
  BinanceBroker(BinanceOptions options, Transport transport);

  [[nodiscard]] Result<OrderReport> place_order(const OrderRequest& request) override;
  [[nodiscard]] Result<OrderReport> cancel_order(std::string_view symbol,
                                                 std::string_view client_order_id) override;
  [[nodiscard]] Result<std::optional<OrderReport>> query_order(
      std::string_view symbol, std::string_view client_order_id) override;
  [[nodiscard]] Result<std::vector<OrderReport>> open_orders(
      std::optional<std::string_view> symbol) override;
  [[nodiscard]] Result<std::vector<BrokerPosition>> positions() override;
  [[nodiscard]] Result<std::vector<Balance>> balances() override;
  [[nodiscard]] Result<Price> last_price(std::string_view symbol) override;
  [[nodiscard]] Result<std::vector<SymbolPrice>> last_prices(
      const std::vector<std::string>& symbols) override;
  [[nodiscard]] Result<InstrumentRules> instrument_rules(std::string_view symbol) override;

  // Futures: true in hedge mode (dualSidePosition). Spot: false.
  [[nodiscard]] Result<bool> hedge_mode();
  [[nodiscard]] Venue venue() const { return options_.rest.venue; }

 private:
  [[nodiscard]] Result<SymbolInfo> symbol_info(std::string_view symbol);
  // Adds the account's trades of the order when it executed something and has no fills yet.
  [[nodiscard]] Result<OrderReport> with_fills(OrderReport report, const SymbolInfo& info);
  [[nodiscard]] Result<OrderReport> resolve_unknown(const OrderRequest& request, Error why);
  [[nodiscard]] Result<OrderReport> read_order_answer(const http::WebResponse& response,
                                                      const SymbolInfo& info,
                                                      std::string_view client_order_id);

  BinanceOptions options_;
  Endpoints paths_;
  RestClient rest_;
  std::mutex cache_mutex_;
  std::map<std::string, SymbolInfo, std::less<>> symbols_;
};

}  // namespace tvbot::binance
