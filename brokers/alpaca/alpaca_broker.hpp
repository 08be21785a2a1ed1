#pragma once
// Alpaca (US equities, Trading API v2) behind the Broker interface.
//
//   place_order   POST /v2/orders, client_order_id = to_alpaca_client_id(tvbot's id);
//                 qty as a decimal string (fractional shares allowed), market or limit.
//                 Market orders go as time_in_force "day" (the only one Alpaca takes for
//                 fractional quantities); limit orders as gtc/ioc/fok as asked.
//   query_order   GET /v2/orders:by_client_order_id?client_order_id=...   (404: nullopt)
//   cancel_order  that query, then DELETE /v2/orders/{id}, then the query again
//   open_orders   GET /v2/orders?status=open&direction=asc
//   positions     GET /v2/positions          balances  GET /v2/account (cash in USD)
//   last_price    GET {data}/v2/stocks/{symbol}/trades/latest
//   instrument_rules  GET /v2/assets/{symbol}
//
// Answers: 403 (insufficient buying power or qty) and 422 (invalid order) to a placement are
// rejected reports, because Alpaca did not take the order; 422 "client_order_id must be
// unique" means Alpaca has it, and its report comes back. 5xx and transport failures after
// sending are broker_error::timeout (outcome unknown: the gateway queries by client id
// before anything else); 429 and failures before sending are unavailable.
// Thread-safe: no state but the transport's, which locks its own.
#include <memory>

#include "brokers/alpaca/alpaca_messages.hpp"
#include "brokers/alpaca/alpaca_options.hpp"
#include "brokers/alpaca/alpaca_transport.hpp"
#include "brokers/broker.hpp"

namespace tvbot::alpaca {

class AlpacaBroker final : public Broker {
 public:
  // Errors: "invalid_config" (no keys), "invalid_url", "tls_setup_failed". Sends nothing.
  [[nodiscard]] static Result<std::unique_ptr<AlpacaBroker>> create(AlpacaOptions options);

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

  // Not part of Broker: the whole account (cash, buying power, equity) and the clock.
  [[nodiscard]] Result<AlpacaAccount> account();
  [[nodiscard]] Result<AlpacaClock> clock();

 private:
  AlpacaBroker(AlpacaOptions options, std::unique_ptr<AlpacaTransport> transport);
  // Why tvbot refuses the request before asking Alpaca; nullopt when it may go.
  [[nodiscard]] std::optional<OrderReport> refuse_locally(const OrderRequest& request);

  AlpacaOptions options_;
  std::unique_ptr<AlpacaTransport> transport_;
};

// The JSON body of POST /v2/orders for a request (exposed for tests).
[[nodiscard]] std::string order_body(const OrderRequest& request);

}  // namespace tvbot::alpaca
