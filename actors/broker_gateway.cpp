// Over 300 lines because the order state machine (place, query, poll, give up, keep a
// stream's orders in sequence) and its deadlines only make sense read together.
#include "actors/broker_gateway.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/messages.hpp"
#include "actors/stream_recovery.hpp"
#include "actors/wall_clock.hpp"
#include "actors/work_pool.hpp"

namespace tvbot::actors {
namespace {

// The next broker call an order needs: place it (the venue is known not to have it) or
// query it (the venue may have it; or it is working and being polled).
enum class Step : std::uint8_t { place, query };

// Worker -> gateway: one call's answer. A placement's report arrives as a found report.
struct OrderCallDone {
  std::string client_order_id;
  std::uint64_t call = 0;
  Step step = Step::place;
  Result<std::optional<OrderReport>> result;
};
struct OrderCallTimeout {
  std::string client_order_id;
  std::uint64_t call = 0;
};
struct OrderStepDue {
  std::string client_order_id;
};
struct MarketCallDone {
  std::uint64_t call = 0;
  MarketInfoMsg info;
};
struct MarketCallTimeout {
  std::uint64_t call = 0;
};

}  // namespace
}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::OrderCallDone)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::OrderCallTimeout)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::OrderStepDue)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::MarketCallDone)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::MarketCallTimeout)

namespace tvbot::actors {
namespace {

// One order whose outcome is not final yet.
struct OrderJob {
  OrderRequest request;
  std::string stream;     // the client id before its last ':'
  std::uint64_t seq = 0;  // the requesting event's seq in that stream
  bool at_venue = false;  // a report of it came back: the venue has it
  caf::actor reply_to;
  Timestamp requested_at = 0;
  Step next = Step::place;
  // Calls started and not yet answered, timed-out ones included: they may still land.
  std::uint32_t running_places = 0;
  std::uint32_t running_queries = 0;
  std::uint64_t awaited = 0;  // the call whose answer (or deadline) moves the order on; 0: none
  Step awaited_step = Step::place;
  bool step_scheduled = false;  // an OrderStepDue is on its way
  std::chrono::milliseconds backoff{0};
};

struct GatewayState {
  std::shared_ptr<Broker> broker;
  GatewayOptions options;
  WorkPool* workers = nullptr;
  std::map<std::string, OrderJob> orders;               // by client order id
  std::map<std::uint64_t, caf::actor> market_queries;  // unanswered, by call
  std::uint64_t last_call = 0;
  static inline const char* name = "broker_gateway";
};

using Self = caf::stateful_actor<GatewayState>;

Result<std::optional<OrderReport>> call_broker(Broker& broker, const OrderRequest& request,
                                               Step step) {
  if (step == Step::query) return broker.query_order(request.symbol, request.client_order_id);
  auto placed = broker.place_order(request);
  if (!placed.ok()) return placed.error();
  return std::optional<OrderReport>(std::move(placed).value());
}

OrderReport rejected_report(const OrderRequest& request, std::string reason, std::string message) {
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

void schedule_step(Self* self, OrderJob& job, std::chrono::milliseconds after) {
  if (job.step_scheduled) return;
  job.step_scheduled = true;
  self->delayed_send(self, after, OrderStepDue{job.request.client_order_id});
}

// 100, 200, 400 ms ... up to max_backoff: quick after a blip, gentle on a venue that is down.
void retry_later(Self* self, OrderJob& job) {
  const auto& options = self->state.options;
  job.backoff = job.backoff.count() == 0 ? options.first_backoff
                                          : std::min(job.backoff * 2, options.max_backoff);
  schedule_step(self, job, job.backoff);
}

void step(Self* self, OrderJob& job);

// Orders of one stream reach the venue in the order they were requested: a close requested
// after an entry must not overtake it (on spot it would find nothing to sell). So an order
// is placed only once every earlier order of its stream is at the venue or has ended.
bool waits_for_earlier(const Self* self, const OrderJob& job) {
  for (const auto& [id, other] : self->state.orders) {
    if (other.stream == job.stream && other.seq < job.seq && !other.at_venue) return true;
  }
  return false;
}

// Something changed for the stream's orders: let those that may move, move.
void wake_stream(Self* self, const std::string& stream) {
  std::vector<std::string> ids;  // collected first: step may end (erase) an order
  for (const auto& [id, other] : self->state.orders) {
    if (other.stream == stream) ids.push_back(id);
  }
  for (const auto& id : ids) {
    auto it = self->state.orders.find(id);
    if (it != self->state.orders.end()) step(self, it->second);
  }
}

// The order is final for the gateway: tell the position actor and forget it.
void finish(Self* self, const std::string& client_order_id, OrderReport report) {
  auto it = self->state.orders.find(client_order_id);
  if (it == self->state.orders.end()) return;
  const std::string stream = it->second.stream;
  self->send(it->second.reply_to, OrderUpdateMsg{std::move(report)});
  self->state.orders.erase(it);
  wake_stream(self, stream);
}

void start_call(Self* self, OrderJob& job, Step step) {
  auto& st = self->state;
  const auto call = ++st.last_call;
  job.awaited = call;
  job.awaited_step = step;
  ++(step == Step::place ? job.running_places : job.running_queries);
  st.workers->submit([me = caf::actor_cast<caf::actor>(self), broker = st.broker,
                      request = job.request, call, step] {
    auto result = call_broker(*broker, request, step);
    caf::anon_send(me, OrderCallDone{request.client_order_id, call, step, std::move(result)});
  });
  self->delayed_send(self, st.options.call_timeout,
                     OrderCallTimeout{job.request.client_order_id, call});
}

bool is_stale(const GatewayOptions& options, const OrderJob& job) {
  const auto age = std::chrono::nanoseconds(wall_clock_now() - job.requested_at);
  return age > options.replace_window;
}

// Starts the order's next call, unless an answer or a timer is already due to do it.
void step(Self* self, OrderJob& job) {
  if (job.awaited != 0 || job.step_scheduled) return;
  if (job.next == Step::query) {
    // One query at a time: against a hung venue, queries would otherwise pile up.
    if (job.running_queries == 0) start_call(self, job, Step::query);
    return;
  }
  // A call that timed out may still place the order: wait for its answer before placing.
  if (job.running_places > 0 || job.running_queries > 0) return;
  if (waits_for_earlier(self, job)) return;
  if (is_stale(self->state.options, job)) {
    spdlog::warn("order {}: not at the broker and requested too long ago; given up",
                 job.request.client_order_id);
    finish(self, job.request.client_order_id,
           rejected_report(job.request, "not_placed",
                           "the broker could not be reached before the order went stale"));
    return;
  }
  start_call(self, job, Step::place);
}

void on_call_done(Self* self, OrderCallDone& done) {
  auto it = self->state.orders.find(done.client_order_id);
  // Ended while this call ran late: a final report never changes, so nothing is lost.
  if (it == self->state.orders.end()) return;
  OrderJob& job = it->second;
  --(done.step == Step::place ? job.running_places : job.running_queries);
  if (job.awaited == done.call) job.awaited = 0;
  // A late answer moves the order on only when nothing else is about to.
  const bool decides = job.awaited == 0 && !job.step_scheduled;

  if (!done.result.ok()) {
    const Error& error = done.result.error();
    spdlog::warn("order {}: {} failed: {} ({})", done.client_order_id,
                 done.step == Step::place ? "placement" : "query", error.message, error.code);
    if (done.step == Step::place) {
      if (outcome_unknown(error)) {
        job.next = Step::query;
      } else if (error.code != broker_error::unavailable) {
        // Refused outright (malformed, unknown symbol): nothing was placed, and a repeat
        // would be refused too.
        finish(self, done.client_order_id,
               rejected_report(job.request, error.code, error.message));
        return;
      }
    }
    if (decides) retry_later(self, job);
    return;
  }
  if (auto& found = *done.result) {
    job.backoff = std::chrono::milliseconds{0};
    if (is_terminal(found->status)) {
      finish(self, done.client_order_id, std::move(*found));
      return;
    }
    self->send(job.reply_to, OrderUpdateMsg{std::move(*found)});
    job.next = Step::query;
    if (decides) schedule_step(self, job, self->state.options.poll_interval);
    if (!job.at_venue) {
      job.at_venue = true;
      wake_stream(self, job.stream);  // may not touch `job` after this
    }
    return;
  }
  // The venue never saw it: placing is safe (step waits for any call still running).
  job.next = Step::place;
  if (decides) step(self, job);
}

void on_call_timeout(Self* self, const OrderCallTimeout& timeout) {
  auto it = self->state.orders.find(timeout.client_order_id);
  if (it == self->state.orders.end() || it->second.awaited != timeout.call) return;
  OrderJob& job = it->second;
  job.awaited = 0;
  spdlog::warn("order {}: no answer from the broker within {} ms; outcome unknown",
               timeout.client_order_id, self->state.options.call_timeout.count());
  job.next = Step::query;
  retry_later(self, job);
}

void on_place(Self* self, const PlaceOrderMsg& msg) {
  auto& orders = self->state.orders;
  auto it = orders.find(msg.request.client_order_id);
  if (it != orders.end()) {
    // Asked again (a position actor reloaded): the answers go to the new asker.
    it->second.reply_to = msg.reply_to;
    step(self, it->second);
    return;
  }
  OrderJob job;
  job.request = msg.request;
  const auto& id = msg.request.client_order_id;
  const auto colon = id.rfind(':');
  job.stream = id.substr(0, colon == std::string::npos ? 0 : colon);
  // An id without a seq sorts first and so never waits for the others.
  job.seq = requesting_seq(id).value_or(0);
  job.reply_to = msg.reply_to;
  job.requested_at = msg.requested_at;
  job.next = msg.recovering ? Step::query : Step::place;
  auto& inserted = orders.emplace(msg.request.client_order_id, std::move(job)).first->second;
  step(self, inserted);
}

MarketInfoMsg market_info(Broker& broker, const MarketQueryMsg& query) {
  MarketInfoMsg info;
  auto price = broker.last_price(query.symbol);
  if (price.ok()) {
    info.price = *price;
  } else {
    info.error = price.error().message;
  }
  if (query.need_equity) {
    auto balances = broker.balances();
    if (balances.ok()) {
      for (const auto& balance : *balances) {
        if (balance.asset == query.quote_asset) info.equity = balance.free + balance.locked;
      }
    } else if (info.error.empty()) {
      info.error = balances.error().message;
    }
  }
  return info;
}

void on_market_query(Self* self, const MarketQueryMsg& query) {
  auto& st = self->state;
  const auto call = ++st.last_call;
  st.market_queries.emplace(call, query.reply_to);
  st.workers->submit([me = caf::actor_cast<caf::actor>(self), broker = st.broker, query, call] {
    caf::anon_send(me, MarketCallDone{call, market_info(*broker, query)});
  });
  self->delayed_send(self, st.options.call_timeout, MarketCallTimeout{call});
}

// Whichever comes first, the answer or the deadline, is the one answer the asker gets.
void answer_market_query(Self* self, std::uint64_t call, MarketInfoMsg info) {
  auto it = self->state.market_queries.find(call);
  if (it == self->state.market_queries.end()) return;
  self->send(it->second, std::move(info));
  self->state.market_queries.erase(it);
}

caf::behavior broker_gateway(Self* self, std::shared_ptr<Broker> broker, GatewayOptions options,
                             WorkPool* workers) {
  self->state.broker = std::move(broker);
  self->state.options = options;
  self->state.workers = workers;
  return {
      [=](const PlaceOrderMsg& msg) { on_place(self, msg); },
      [=](const MarketQueryMsg& msg) { on_market_query(self, msg); },
      [=](OrderCallDone& done) { on_call_done(self, done); },
      [=](const OrderCallTimeout& timeout) { on_call_timeout(self, timeout); },
      [=](const OrderStepDue& due) {
        auto it = self->state.orders.find(due.client_order_id);
        if (it == self->state.orders.end()) return;
        it->second.step_scheduled = false;
        step(self, it->second);
      },
      [=](MarketCallDone& done) { answer_market_query(self, done.call, std::move(done.info)); },
      [=](const MarketCallTimeout& timeout) {
        MarketInfoMsg info;
        info.error = "timeout: no answer from the broker within " +
                     std::to_string(self->state.options.call_timeout.count()) + " ms";
        answer_market_query(self, timeout.call, std::move(info));
      },
  };
}

}  // namespace

caf::actor spawn_broker_gateway(caf::actor_system& system, std::shared_ptr<Broker> broker,
                                GatewayOptions options, WorkPool& workers) {
  return system.spawn(broker_gateway, std::move(broker), options, &workers);
}

}  // namespace tvbot::actors
