#include "brokers/paper/paper_broker.hpp"

#include <algorithm>
#include <thread>

namespace tvbot {
namespace {

Error broker_failure(std::string_view code, std::string message) {
  return make_error(std::string(code), std::move(message));
}

Error unknown_symbol(std::string_view symbol) {
  return broker_failure(broker_error::unknown_symbol, "unknown symbol " + std::string(symbol));
}

// Counts one use of a fault; true when it fires.
bool consume(std::uint32_t& remaining) {
  if (remaining == 0) return false;
  --remaining;
  return true;
}

}  // namespace

Result<std::unique_ptr<PaperBroker>> PaperBroker::create(PaperBrokerConfig config) {
  if (auto status = validate_config(config); !status) return status.error();
  auto feed = make_price_feed(config);
  if (!feed) return feed.error();
  return create(std::move(config), std::move(*feed));
}

Result<std::unique_ptr<PaperBroker>> PaperBroker::create(PaperBrokerConfig config,
                                                         std::unique_ptr<PriceFeed> feed) {
  if (auto status = validate_config(config); !status) return status.error();
  if (!feed) return make_error("invalid_config", "no price feed");
  return std::unique_ptr<PaperBroker>(new PaperBroker(config, std::move(feed)));
}

PaperBroker::PaperBroker(const PaperBrokerConfig& config, std::unique_ptr<PriceFeed> feed)
    : exchange_(config), feed_(std::move(feed)), faults_(config.faults) {}

std::unique_lock<std::mutex> PaperBroker::enter_call(std::optional<Error>& injected_failure) {
  std::chrono::milliseconds delay{0};
  {
    std::lock_guard lock(mutex_);
    delay = std::clamp(faults_.delay, std::chrono::milliseconds{0}, kMaxInjectedDelay);
  }
  // The delay is the fault being injected (a slow venue), not a wait for another thread.
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
  std::unique_lock lock(mutex_);
  if (consume(faults_.unavailable_calls)) {
    injected_failure = broker_failure(broker_error::unavailable, "paper broker: injected outage");
  }
  return lock;
}

Result<OrderReport> PaperBroker::place_order(const OrderRequest& request) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  const auto timeout = broker_failure(broker_error::timeout, "paper broker: injected timeout");
  if (consume(faults_.timeouts_before_placing)) return timeout;
  // A repeat of a known id is not a new order, so it does not use up an injected rejection.
  const bool reject =
      exchange_.find(request.client_order_id) == nullptr && consume(faults_.rejections);
  auto report = exchange_.place(request, reject);
  if (consume(faults_.timeouts_after_placing)) return timeout;
  return report;
}

Result<OrderReport> PaperBroker::cancel_order(std::string_view symbol,
                                              std::string_view client_order_id) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  return exchange_.cancel(symbol, client_order_id);
}

Result<std::optional<OrderReport>> PaperBroker::query_order(std::string_view symbol,
                                                            std::string_view client_order_id) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  const auto* report = exchange_.find(client_order_id);
  if (report == nullptr || report->symbol != symbol) return std::optional<OrderReport>{};
  return std::optional<OrderReport>{*report};
}

Result<std::vector<OrderReport>> PaperBroker::open_orders(std::optional<std::string_view> symbol) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  return exchange_.open_orders(symbol);
}

Result<std::vector<BrokerPosition>> PaperBroker::positions() {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  return exchange_.positions();
}

Result<std::vector<Balance>> PaperBroker::balances() {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  return exchange_.balances();
}

Result<Price> PaperBroker::last_price(std::string_view symbol) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  const auto price = exchange_.last_price(symbol);
  if (!price) return unknown_symbol(symbol);
  return *price;
}

Result<std::vector<SymbolPrice>> PaperBroker::last_prices(const std::vector<std::string>& symbols) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  std::vector<SymbolPrice> prices;
  for (const auto& symbol : symbols) {
    const auto price = exchange_.last_price(symbol);
    if (!price) return unknown_symbol(symbol);
    prices.push_back(SymbolPrice{symbol, *price});
  }
  return prices;
}

Result<InstrumentRules> PaperBroker::instrument_rules(std::string_view symbol) {
  std::optional<Error> failure;
  const auto lock = enter_call(failure);
  if (failure) return *failure;
  const auto* instrument = exchange_.instrument(symbol);
  if (instrument == nullptr) return unknown_symbol(symbol);
  return instrument->rules;
}

Status PaperBroker::set_price(std::string_view symbol, Price price) {
  if (!price.is_positive())
    return make_error("invalid_price", "price " + price.to_string() + " is not positive");
  std::lock_guard lock(mutex_);
  if (!exchange_.apply_tick(PriceTick{std::string(symbol), price})) return unknown_symbol(symbol);
  return {};
}

bool PaperBroker::advance_feed() {
  std::lock_guard lock(mutex_);
  const auto step = feed_->next_step();
  for (const auto& tick : step) {
    // Skipping is deliberate (see the header): the feed may know symbols we do not trade.
    [[maybe_unused]] const bool traded = exchange_.apply_tick(tick);
  }
  return !step.empty();
}

void PaperBroker::set_faults(const PaperFaults& faults) {
  std::lock_guard lock(mutex_);
  faults_ = faults;
}

PaperFaults PaperBroker::faults() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

std::vector<PaperFill> PaperBroker::fills() const {
  std::lock_guard lock(mutex_);
  return exchange_.fills();
}

}  // namespace tvbot
