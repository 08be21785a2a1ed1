#pragma once
// An in-process venue for paper trading and for tests: real order rules, fees, slippage,
// partial fills and account state, prices from a feed, deterministic from its seed, and
// faults that tests switch on at runtime. See paper_exchange.hpp for the matching rules and
// paper_ledger.hpp for how fills move balances and positions.
//
// Thread-safety: one mutex around everything. Every call reads or changes the one account
// (balances, positions, orders) and must see it whole; calls are few (each one stands for a
// network round trip), so contention does not matter and one lock keeps it obviously right.
#include <memory>
#include <mutex>

#include "brokers/broker.hpp"
#include "brokers/paper/paper_broker_config.hpp"
#include "brokers/paper/paper_exchange.hpp"
#include "brokers/paper/price_feed.hpp"

namespace tvbot {

class PaperBroker final : public Broker {
 public:
  // The feed the config chooses. Errors: "invalid_config", or the CSV feed's "io" / "csv".
  [[nodiscard]] static Result<std::unique_ptr<PaperBroker>> create(PaperBrokerConfig config);
  // With a feed of the caller's (a scripted feed in a test).
  [[nodiscard]] static Result<std::unique_ptr<PaperBroker>> create(PaperBrokerConfig config,
                                                                   std::unique_ptr<PriceFeed> feed);

  // Fault injection: timeouts, "unavailable" and "injected" rejections apply as documented in
  // PaperFaults; place_order's timeouts come before or after the order is placed.
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

  // Controls for an admin endpoint and for tests; not part of Broker and never faulty.
  // Sets the price now and fills what it reaches. Errors: unknown_symbol, "invalid_price".
  [[nodiscard]] Status set_price(std::string_view symbol, Price price);
  // Applies the feed's next step; false when the feed has no more. Ticks for symbols the
  // paper broker does not trade are skipped (a CSV file may hold more than it trades).
  [[nodiscard]] bool advance_feed();
  void set_faults(const PaperFaults& faults);
  [[nodiscard]] PaperFaults faults() const;
  // The trade history, oldest first.
  [[nodiscard]] std::vector<PaperFill> fills() const;

 private:
  PaperBroker(const PaperBrokerConfig& config, std::unique_ptr<PriceFeed> feed);

  // Waits out the injected delay (outside the lock, so a slow call does not stall others),
  // then takes the lock and consumes an injected "unavailable" if one is due.
  [[nodiscard]] std::unique_lock<std::mutex> enter_call(std::optional<Error>& injected_failure);

  mutable std::mutex mutex_;
  PaperExchange exchange_;
  std::unique_ptr<PriceFeed> feed_;
  PaperFaults faults_;
};

}  // namespace tvbot
