#include "brokers/paper/paper_exchange.hpp"

#include <algorithm>

namespace tvbot {
namespace {

constexpr std::int64_t kBasisPointsPerUnit = 10'000;

Error refuse(std::string_view code, std::string message) {
  return make_error(std::string(code), std::move(message));
}

bool is_hedge_closing(const OrderRequest& request) {
  return (request.position_side == PositionSide::long_side && request.side == Side::sell) ||
         (request.position_side == PositionSide::short_side && request.side == Side::buy);
}

// The price a venue values an order at for min_notional: its own price, or the last one.
Price notional_price(Price last_price, const OrderRequest& request) {
  switch (request.type) {
    case OrderType::limit: return *request.limit_price;
    case OrderType::stop: return *request.stop_price;
    case OrderType::market: break;
  }
  return last_price;
}

OrderReport new_report(const OrderRequest& request) {
  OrderReport report;
  report.client_order_id = request.client_order_id;
  report.symbol = request.symbol;
  report.side = request.side;
  report.position_side = request.position_side;
  report.qty = request.qty;
  return report;
}

std::optional<Error> shape_refusal(const OrderRequest& request) {
  if (request.client_order_id.empty()) {
    return refuse(paper_reason::invalid_order, "the client order id is empty");
  }
  if (request.type == OrderType::limit && !request.limit_price) {
    return refuse(paper_reason::invalid_order, "a limit order needs a limit price");
  }
  if (request.type == OrderType::stop && !request.stop_price) {
    return refuse(paper_reason::invalid_order, "a stop order needs a stop price");
  }
  if (request.type == OrderType::stop && request.time_in_force != TimeInForce::gtc) {
    return refuse(paper_reason::invalid_order, "a stop order is good till cancelled");
  }
  return std::nullopt;
}

}  // namespace

PaperExchange::PaperExchange(const PaperBrokerConfig& config) : config_(config), ledger_(config) {
  for (const auto& instrument : config.instruments) {
    markets_.emplace(instrument.symbol, Market{instrument, instrument.start_price});
  }
}

const OrderReport* PaperExchange::find(std::string_view client_order_id) const {
  const auto found = orders_.find(client_order_id);
  return found == orders_.end() ? nullptr : &found->second.report;
}

const PaperInstrument* PaperExchange::instrument(std::string_view symbol) const {
  const auto found = markets_.find(symbol);
  return found == markets_.end() ? nullptr : &found->second.instrument;
}

std::optional<Price> PaperExchange::last_price(std::string_view symbol) const {
  const auto found = markets_.find(symbol);
  if (found == markets_.end()) return std::nullopt;
  return found->second.last_price;
}

bool PaperExchange::closes_only(const OrderRequest& request) const {
  return request.reduce_only || (config_.hedge && is_hedge_closing(request));
}

Price PaperExchange::slipped(const Market& market, Price price, Side side) const {
  // Against the taker, then onto the tick grid, again against the taker: 30000 with 5 bps
  // is 30015 for a buy and 29985 for a sell. Both roundings go the same way, so together
  // they round once.
  const auto rounding = side == Side::buy ? Rounding::ceiling : Rounding::floor;
  const auto bps = side == Side::buy ? config_.slippage_bps : -config_.slippage_bps;
  const auto moved = mul_div<Price>(price, Ratio::from_int(kBasisPointsPerUnit) + bps,
                                    Ratio::from_int(kBasisPointsPerUnit), rounding);
  return round_to_multiple(moved, market.instrument.rules.tick_size, rounding);
}

Price PaperExchange::reference_price(const Market& market, const OrderRequest& request) const {
  switch (request.type) {
    case OrderType::limit: return *request.limit_price;
    case OrderType::stop: return slipped(market, *request.stop_price, request.side);
    case OrderType::market: break;
  }
  return slipped(market, market.last_price, request.side);
}

std::optional<Error> PaperExchange::refusal(const OrderRequest& request,
                                            bool reject_injected) const {
  const auto market = markets_.find(request.symbol);
  if (market == markets_.end()) {
    return refuse(paper_reason::unknown_symbol, "unknown symbol " + request.symbol);
  }
  if (reject_injected) return refuse(paper_reason::injected, "rejected by fault injection");
  if (auto shape = shape_refusal(request)) return shape;
  if (config_.hedge == (request.position_side == PositionSide::both)) {
    return refuse(paper_reason::position_side,
                  config_.hedge ? "hedge mode needs a long or short position side"
                                : "one-way mode takes position side both");
  }
  const auto& rules = market->second.instrument.rules;
  if (request.type != OrderType::market) {
    const auto order_price =
        request.type == OrderType::limit ? *request.limit_price : *request.stop_price;
    if (auto status = check_price(order_price, rules); !status) return status.error();
  }
  if (auto status = check_quantity(request.qty, rules); !status) return status.error();
  if (auto status =
          check_notional(request.qty, notional_price(market->second.last_price, request), rules);
      !status) {
    return status.error();
  }
  if (closes_only(request) && request.qty > ledger_.closable(request)) {
    return refuse(paper_reason::reduce_only, "the order would increase the position");
  }
  return std::nullopt;
}

OrderReport PaperExchange::place(const OrderRequest& request, bool reject_injected) {
  if (const auto* existing = find(request.client_order_id)) return *existing;
  WorkingOrder order;
  order.request = request;
  order.report = new_report(request);
  std::optional<Error> refused;
  try {
    refused = refusal(request, reject_injected);
    if (!refused) {
      const auto& market = markets_.find(request.symbol)->second;
      order.held =
          ledger_.reservation_for(market.instrument, request, reference_price(market, request));
    }
  } catch (const DecimalError& overflow) {
    // Amounts beyond what Money holds (1e18): refused before anything has changed.
    refused = refuse(paper_reason::invalid_order, overflow.what());
  }
  if (!refused && !ledger_.try_lock(order.held)) {
    refused = refuse(paper_reason::insufficient_balance,
                     "the order needs " + order.held.amount.to_string() + " " + order.held.asset);
  }
  if (refused) {
    order.report.status = OrderStatus::rejected;
    order.report.reject_reason = refused->code;
    order.report.reject_message = refused->message;
    return orders_.emplace(request.client_order_id, std::move(order)).first->second.report;
  }
  order.number = ++last_order_number_;
  order.report.broker_order_id = config_.id_prefix + "-" + std::to_string(order.number);
  auto& placed = orders_.emplace(request.client_order_id, std::move(order)).first->second;
  open_.emplace(placed.number, request.client_order_id);

  const auto& market = markets_.find(request.symbol)->second;
  trigger_if_reached(placed, market.last_price);
  if (request.time_in_force == TimeInForce::fok &&
      (!plan_fill(market, placed, true) || step_qty(placed) < request.qty)) {
    close(placed, OrderStatus::expired, paper_reason::fok, "the whole quantity cannot fill now");
    return placed.report;
  }
  execute(placed, true);
  if (request.time_in_force != TimeInForce::gtc && !is_terminal(placed.report.status)) {
    close(placed, OrderStatus::expired, paper_reason::ioc, "the rest could not fill at once");
  }
  return placed.report;
}

Result<OrderReport> PaperExchange::cancel(std::string_view symbol,
                                          std::string_view client_order_id) {
  const auto found = orders_.find(client_order_id);
  if (found == orders_.end() || found->second.request.symbol != symbol) {
    return make_error(std::string(broker_error::not_found),
                      "no order " + std::string(client_order_id) + " for " + std::string(symbol));
  }
  auto& order = found->second;
  if (!is_terminal(order.report.status)) close(order, OrderStatus::cancelled, "", "");
  return order.report;
}

std::vector<OrderReport> PaperExchange::open_orders(std::optional<std::string_view> symbol) const {
  std::vector<OrderReport> result;
  for (const auto& [number, client_order_id] : open_) {
    const auto& order = orders_.find(client_order_id)->second;
    if (!symbol || order.request.symbol == *symbol) result.push_back(order.report);
  }
  return result;
}

bool PaperExchange::apply_tick(const PriceTick& tick) {
  const auto market = markets_.find(tick.symbol);
  if (market == markets_.end()) return false;
  market->second.last_price = tick.price;
  // A copy: filling closes orders, which erases them from open_.
  const auto working = open_;
  for (const auto& [number, client_order_id] : working) {
    auto& order = orders_.find(client_order_id)->second;
    if (order.request.symbol != tick.symbol || is_terminal(order.report.status)) continue;
    trigger_if_reached(order, tick.price);
    execute(order, false);
  }
  return true;
}

void PaperExchange::trigger_if_reached(WorkingOrder& order, Price price) const {
  if (order.request.type != OrderType::stop || order.triggered) return;
  const auto stop = *order.request.stop_price;
  order.triggered = order.request.side == Side::buy ? price >= stop : price <= stop;
}

std::optional<PaperExchange::FillPlan> PaperExchange::plan_fill(const Market& market,
                                                                const WorkingOrder& order,
                                                                bool at_placement) const {
  const auto& request = order.request;
  const auto price = market.last_price;
  if (request.type == OrderType::stop && !order.triggered) return std::nullopt;
  if (request.type != OrderType::limit)
    return FillPlan{slipped(market, price, request.side), false};
  const auto limit = *request.limit_price;
  const bool buy = request.side == Side::buy;
  if (buy ? price > limit : price < limit) return std::nullopt;
  if (!at_placement) return FillPlan{limit, true};
  const auto taker_price = slipped(market, price, request.side);
  return FillPlan{buy ? std::min(limit, taker_price) : std::max(limit, taker_price), false};
}

Quantity PaperExchange::step_qty(const WorkingOrder& order) const {
  const auto remaining = order.request.qty - order.report.filled_qty;
  return config_.liquidity_per_step ? std::min(remaining, *config_.liquidity_per_step) : remaining;
}

void PaperExchange::execute(WorkingOrder& order, bool at_placement) {
  const auto& market = markets_.find(order.request.symbol)->second;
  const auto plan = plan_fill(market, order, at_placement);
  if (!plan) return;
  auto qty = step_qty(order);
  if (closes_only(order.request)) {
    // The position may have shrunk since placement; a closing order never flips it.
    qty = std::min(qty, ledger_.closable(order.request));
    if (qty.is_zero()) {
      close(order, OrderStatus::expired, paper_reason::reduce_only, "no position left to reduce");
      return;
    }
  }
  const FillTerms terms{market.instrument, order.request.side, order.request.position_side, qty,
                        plan->price,       plan->is_maker};
  const auto fee = ledger_.settle(terms, order.held, order.request.qty - order.report.filled_qty);
  if (!fee) {
    close(order, OrderStatus::expired, paper_reason::insufficient_balance,
          "the account cannot pay for the fill at " + plan->price.to_string());
    return;
  }
  record_fill(order, *plan, qty, *fee);
}

void PaperExchange::record_fill(WorkingOrder& order, const FillPlan& plan, Quantity qty,
                                Money fee) {
  const auto& quote = markets_.find(order.request.symbol)->second.instrument.quote_asset;
  BrokerFill fill{config_.id_prefix + "-fill-" + std::to_string(++last_fill_number_),
                  qty,
                  plan.price,
                  fee,
                  quote,
                  plan.is_maker};
  auto& report = order.report;
  order.filled_notional += mul<Notional>(plan.price, qty);
  report.filled_qty += qty;
  report.avg_price = div<Price>(order.filled_notional, report.filled_qty);
  report.fills.push_back(fill);
  fills_.push_back(PaperFill{report.client_order_id, report.broker_order_id, report.symbol,
                             report.side, report.position_side, std::move(fill)});
  if (report.filled_qty == report.qty) {
    close(order, OrderStatus::filled, "", "");
  } else {
    report.status = OrderStatus::partially_filled;
  }
}

void PaperExchange::close(WorkingOrder& order, OrderStatus status, std::string_view reason,
                          std::string message) {
  ledger_.unlock(order.held);
  order.held.amount = Money{};
  open_.erase(order.number);
  order.report.status = status;
  order.report.reject_reason = std::string(reason);
  order.report.reject_message = std::move(message);
}

}  // namespace tvbot
