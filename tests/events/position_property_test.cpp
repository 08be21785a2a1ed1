// Properties over random fills and alerts from a fixed-seed PRNG (integers only):
// folding step by step equals replaying the produced events at once, the quantity is the
// sum of the signed fills, every fee is counted once, net = gross - fees across cycles,
// and the invariants hold after every event.
#include <gtest/gtest.h>

#include <set>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

// SplitMix64: tiny, portable, and the same sequence on every platform and standard library.
class Prng {
 public:
  explicit Prng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::int64_t below(std::uint64_t bound) { return static_cast<std::int64_t>(next() % bound); }
  bool one_in(std::uint64_t n) { return next() % n == 0; }

 private:
  std::uint64_t state_;
};

Quantity random_qty(Prng& rng) { return Quantity::from_raw((rng.below(1000) + 1) * 100'000); }
Price random_price(Prng& rng) {  // 20000.00 .. 39999.99
  return Price::from_raw((2'000'000 + rng.below(2'000'000)) * 100'000'000);
}
Money random_fee(Prng& rng) { return Money::from_raw(rng.below(100'000)); }

// What the fills imply, kept apart from the aggregate's own arithmetic.
struct Ledger {
  Quantity net, long_leg, short_leg;
  Money fees, gross, closed_cycles_net;
};

void book(Ledger& ledger, const std::vector<EventPayload>& events) {
  for (const EventPayload& payload : events) {
    if (const auto* reduced = std::get_if<PositionReduced>(&payload)) {
      ledger.gross += reduced->realized_gross;
    } else if (const auto* closed = std::get_if<PositionClosed>(&payload)) {
      ledger.gross += closed->realized_gross;
      ledger.closed_cycles_net += closed->cycle_realized_net;
    }
  }
}

Money open_cycles_net(const StreamState& state) {
  Money net;
  for (const SidePosition* side : {&state.net, &state.long_side, &state.short_side}) {
    if (!side->is_flat()) net += side->cycle_realized_net();
  }
  return net;
}

void expect_books_balance(const Scenario& scenario, const Ledger& ledger) {
  const StreamState& state = scenario.state();
  EXPECT_EQ(state.totals.fees, ledger.fees) << "every fee once, shares summing exactly";
  EXPECT_EQ(state.totals.realized_gross, ledger.gross);
  EXPECT_EQ(state.totals.realized_net(), ledger.closed_cycles_net + open_cycles_net(state))
      << "net = gross - fees, cycle by cycle";
}

void expect_replay_equals_fold(const Scenario& scenario) {
  StreamState replayed = initial_state(scenario.state().stream);
  fold_events(replayed, scenario.history());
  EXPECT_EQ(replayed, scenario.state());
}

TEST(PositionProperty, One_way_random_fills_fold_like_a_replay_and_balance_their_books) {
  Prng rng(20240601);
  Scenario scenario(one_way(1000));
  Ledger ledger;
  std::vector<OrderFilled> sent;
  for (int step = 0; step < 3000; ++step) {
    if (!sent.empty() && rng.one_in(10)) {  // a redelivered fill changes nothing
      const auto repeat = events_of(scenario.when_fill(sent[rng.below(sent.size())]));
      EXPECT_TRUE(repeat.empty());
      continue;
    }
    OrderFilled next = fill("f" + std::to_string(step), rng.one_in(2) ? Side::buy : Side::sell,
                            "1", "1");
    next.qty = random_qty(rng);
    if (!scenario.state().net.is_flat() && rng.one_in(6)) {  // an exact close now and then
      next.qty = scenario.state().net.qty;
      next.side = scenario.state().net.direction == Direction::long_ ? Side::sell : Side::buy;
    }
    next.price = random_price(rng);
    next.fee = random_fee(rng);
    const auto events = events_of(scenario.when_fill(next));
    ASSERT_FALSE(events.empty());
    sent.push_back(next);
    ledger.net += next.side == Side::buy ? next.qty : -next.qty;
    ledger.fees += next.fee;
    book(ledger, events);

    EXPECT_EQ(scenario.state().net.signed_qty(), ledger.net) << "step " << step;
    expect_books_balance(scenario, ledger);
  }
  EXPECT_GT(scenario.state().net.cycle, 100u) << "the walk should cross flat often";
  expect_replay_equals_fold(scenario);
}

TEST(PositionProperty, Hedge_random_fills_keep_each_leg_the_sum_of_its_fills) {
  Prng rng(77);
  Scenario scenario(hedge(1000));
  Ledger ledger;
  for (int step = 0; step < 3000; ++step) {
    const bool long_leg = rng.one_in(2);
    const PositionSide leg = long_leg ? PositionSide::long_side : PositionSide::short_side;
    const SidePosition& position = position_of(scenario.state(), leg);
    const bool closing = !position.is_flat() && rng.one_in(2);
    OrderFilled next = fill("h" + std::to_string(step), Side::buy, "1", "1", "0", leg);
    next.side = (long_leg != closing) ? Side::buy : Side::sell;
    next.qty = closing && rng.one_in(3) ? position.qty : random_qty(rng);
    if (closing && next.qty > position.qty) next.qty = position.qty;
    next.price = random_price(rng);
    next.fee = random_fee(rng);

    const auto events = events_of(scenario.when_fill(next));
    Quantity& expected = long_leg ? ledger.long_leg : ledger.short_leg;
    expected += closing ? -next.qty : next.qty;
    ledger.fees += next.fee;
    book(ledger, events);

    EXPECT_EQ(scenario.state().long_side.qty, ledger.long_leg) << "step " << step;
    EXPECT_EQ(scenario.state().short_side.qty, ledger.short_leg) << "step " << step;
    EXPECT_TRUE(scenario.state().net.is_flat());
    expect_books_balance(scenario, ledger);
  }
  expect_replay_equals_fold(scenario);
}

// Alerts and the broker interleave: orders are requested, partly filled, rejected; fills
// arrive late and twice. No client order id is ever used twice and the books still balance.
TEST(PositionProperty, Random_alerts_and_partial_fills_never_reuse_an_order_id) {
  Prng rng(5);
  Scenario scenario(one_way(3));
  scenario.config.max_position = qty("5");
  Ledger ledger;
  std::set<std::string> order_ids;
  int fill_number = 0;
  for (int step = 0; step < 2000; ++step) {
    const auto& pending = scenario.state().pending;
    const auto roll = rng.below(10);
    std::vector<EventPayload> events;
    if (pending.empty() || roll < 3) {
      Signal alert = rng.one_in(4) ? target(rng.one_in(2) ? "1.5" : "-0.7")
                                   : signal(static_cast<Action>(rng.below(7)), "0.4");
      events = events_of(scenario.when_signal(alert));
    } else if (roll == 3) {
      const OrderRejected rejected{pending[0].client_order_id, "risk", ""};
      events = events_of(scenario.when(OrderRejectedCommand{rejected, 0}));
    } else {
      const PendingOrder order = pending[rng.below(pending.size())];
      const bool partial = rng.one_in(2) && order.remaining() > qty("0.00000001");
      const Quantity part =
          partial ? Quantity::from_raw(order.remaining().raw() / 2) : order.remaining();
      OrderFilled next = for_order(fill("p" + std::to_string(++fill_number), order.side, "1", "1"),
                                   order.client_order_id, !partial);
      next.qty = part;
      next.price = random_price(rng);
      next.fee = random_fee(rng);
      events = events_of(scenario.when_fill(next));
      ledger.net += order.side == Side::buy ? part : -part;
      ledger.fees += next.fee;
    }
    for (const EventPayload& payload : events) {
      if (const auto* order = std::get_if<OrderRequested>(&payload)) {
        EXPECT_TRUE(order_ids.insert(order->client_order_id).second) << order->client_order_id;
      }
    }
    book(ledger, events);
    EXPECT_EQ(scenario.state().net.signed_qty(), ledger.net) << "step " << step;
    expect_books_balance(scenario, ledger);
  }
  EXPECT_GT(order_ids.size(), 100u);
  expect_replay_equals_fold(scenario);
}

}  // namespace
}  // namespace tvbot::testing
