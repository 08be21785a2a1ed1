#include "actors/broker_gateway.hpp"

#include <map>
#include <thread>

#include <caf/all.hpp>

#include "actors/messages.hpp"
#include "actors/work_pool.hpp"

namespace tvbot::actors {
namespace {

using Clock = std::chrono::steady_clock;

struct TrackOrderMsg {
  OrderRequest request;
  caf::actor reply_to;
  Clock::time_point requested_at;
};
struct PollDoneMsg {
  std::string client_order_id;
  bool finished = false;  // terminal, or given up
};

}  // namespace
}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::TrackOrderMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::PollDoneMsg)

namespace tvbot::actors {
namespace {

bool worth_tracking(const Result<OrderReport>& report) {
  if (!report.ok()) return outcome_unknown(report.error()) ||
                           report.error().code == broker_error::unavailable;
  return !is_terminal(report->status);
}

// Places the order, or finds it placed. A timeout or an unavailable venue is retried a few
// times with backoff, always querying by client id first, so a request that did reach the
// venue is never placed a second time.
Result<OrderReport> place_or_find(Broker& broker, const OrderRequest& request,
                                  const GatewayOptions& options, bool query_first) {
  std::optional<Error> last_error;
  auto backoff = options.first_backoff;
  for (std::uint32_t attempt = 0; attempt < options.max_place_attempts; ++attempt) {
    if (query_first || attempt > 0) {
      auto found = broker.query_order(request.symbol, request.client_order_id);
      if (found.ok() && found->has_value()) return std::move(**found);
      if (!found.ok()) {
        last_error = found.error();
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
        continue;  // unknown whether it exists: never place blind
      }
    }
    auto placed = broker.place_order(request);
    if (placed.ok()) return placed;
    last_error = placed.error();
    if (!outcome_unknown(placed.error()) && placed.error().code != broker_error::unavailable) {
      return placed;  // refused outright; a retry would be refused too
    }
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
  return *last_error;
}

struct Tracked {
  OrderRequest request;
  caf::actor reply_to;
  Clock::time_point requested_at;
  bool query_in_flight = false;
};

struct GatewayState {
  std::shared_ptr<Broker> broker;
  GatewayOptions options;
  std::map<std::string, Tracked> tracked;  // by client order id
  // Last member: destroyed first, so its threads are joined before anything they use goes.
  std::unique_ptr<WorkPool> pool;
  static inline const char* name = "broker_gateway";
};

void poll_one(caf::stateful_actor<GatewayState>* self, Tracked& order) {
  order.query_in_flight = true;
  auto me = caf::actor_cast<caf::actor>(self);
  auto broker = self->state.broker;
  auto options = self->state.options;
  auto request = order.request;
  auto reply_to = order.reply_to;
  bool may_replace = Clock::now() - order.requested_at < options.replace_window;
  self->state.pool->submit([me, broker, options, request, reply_to, may_replace] {
    auto found = broker->query_order(request.symbol, request.client_order_id);
    if (!found.ok()) {
      caf::anon_send(me, PollDoneMsg{request.client_order_id, false});
      return;
    }
    if (found->has_value()) {
      bool finished = is_terminal((*found)->status);
      caf::anon_send(reply_to, OrderUpdateMsg{request.client_order_id, std::move(**found)});
      caf::anon_send(me, PollDoneMsg{request.client_order_id, finished});
      return;
    }
    if (!may_replace) {
      OrderReport given_up;
      given_up.client_order_id = request.client_order_id;
      given_up.symbol = request.symbol;
      given_up.side = request.side;
      given_up.position_side = request.position_side;
      given_up.qty = request.qty;
      given_up.status = OrderStatus::rejected;
      given_up.reject_reason = "not_placed: the broker could not be reached in time";
      caf::anon_send(reply_to, OrderUpdateMsg{request.client_order_id, std::move(given_up)});
      caf::anon_send(me, PollDoneMsg{request.client_order_id, true});
      return;
    }
    auto placed = place_or_find(*broker, request, options, false);
    bool finished = !worth_tracking(placed);
    caf::anon_send(reply_to, OrderUpdateMsg{request.client_order_id, std::move(placed)});
    caf::anon_send(me, PollDoneMsg{request.client_order_id, finished});
  });
}

caf::behavior broker_gateway(caf::stateful_actor<GatewayState>* self,
                             std::shared_ptr<Broker> broker, GatewayOptions options) {
  self->state.broker = std::move(broker);
  self->state.options = options;
  self->state.pool = std::make_unique<WorkPool>(options.worker_threads);
  self->delayed_send(self, options.poll_interval, GatewayPollMsg{});
  return {
      [=](const PlaceOrderMsg& msg) {
        auto me = caf::actor_cast<caf::actor>(self);
        auto broker = self->state.broker;
        auto opts = self->state.options;
        auto requested_at = Clock::now();
        self->state.pool->submit([me, broker, opts, msg, requested_at] {
          auto report = place_or_find(*broker, msg.request, opts, msg.recovering);
          if (worth_tracking(report)) {
            caf::anon_send(me, TrackOrderMsg{msg.request, msg.reply_to, requested_at});
          }
          caf::anon_send(msg.reply_to,
                         OrderUpdateMsg{msg.request.client_order_id, std::move(report)});
        });
      },
      [=](const TrackOrderMsg& msg) {
        self->state.tracked.insert_or_assign(
            msg.request.client_order_id,
            Tracked{msg.request, msg.reply_to, msg.requested_at, false});
      },
      [=](const PollDoneMsg& msg) {
        auto it = self->state.tracked.find(msg.client_order_id);
        if (it == self->state.tracked.end()) return;
        if (msg.finished) {
          self->state.tracked.erase(it);
        } else {
          it->second.query_in_flight = false;
        }
      },
      [=](GatewayPollMsg) {
        for (auto& [id, order] : self->state.tracked) {
          if (!order.query_in_flight) poll_one(self, order);
        }
        self->delayed_send(self, self->state.options.poll_interval, GatewayPollMsg{});
      },
      [=](const MarketQueryMsg& msg) {
        auto broker = self->state.broker;
        self->state.pool->submit([broker, msg] {
          MarketInfoMsg info;
          auto price = broker->last_price(msg.symbol);
          if (price.ok()) {
            info.price = *price;
          } else {
            info.error = price.error().message;
          }
          if (msg.need_equity) {
            auto balances = broker->balances();
            if (balances.ok()) {
              for (const auto& balance : *balances) {
                if (balance.asset == msg.quote_asset) info.equity = balance.free + balance.locked;
              }
            } else if (info.error.empty()) {
              info.error = balances.error().message;
            }
          }
          caf::anon_send(msg.reply_to, std::move(info));
        });
      },
  };
}

}  // namespace

caf::actor spawn_broker_gateway(caf::actor_system& system, std::shared_ptr<Broker> broker,
                                GatewayOptions options) {
  return system.spawn(broker_gateway, std::move(broker), options);
}

}  // namespace tvbot::actors
