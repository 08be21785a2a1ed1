// Which events become messages and what they say; the daily summary's arithmetic.
#include "actors/notify/event_messages.hpp"

#include <gtest/gtest.h>

#include "actors/notify/daily_summary.hpp"
#include "events/codec.hpp"

namespace tvbot::notify {
namespace {

Price price(const char* text) { return Price::parse(text).value(); }
Quantity qty(const char* text) { return Quantity::parse(text).value(); }
Money money(const char* text) { return Money::parse(text).value(); }

Event event_of(EventPayload payload, std::string stream = "alpha/BTCUSDT", std::uint64_t seq = 7) {
  Event event;
  event.stream = std::move(stream);
  event.stream_seq = seq;
  event.global_seq = seq;
  event.time = parse_timestamp("2026-11-24T10:00:00Z").value();
  event.payload = std::move(payload);
  return event;
}

PositionClosed a_close(OrderReason reason) {
  PositionClosed closed;
  closed.direction = Direction::long_;
  closed.qty = qty("0.02");
  closed.price = price("62000.5");
  closed.fee = money("0.62");
  closed.avg_entry = price("60500");
  closed.realized_gross = money("30.01");
  closed.cycle_realized_gross = money("30.01");
  closed.cycle_fees = money("1.22");
  closed.cycle_realized_net = money("28.79");
  closed.exit_reason = reason;
  return closed;
}

TEST(EventMessages, Opened_names_bot_instrument_side_quantity_price_and_fee) {
  EventMessages messages;
  PositionOpened opened;
  opened.direction = Direction::short_;
  opened.qty = qty("0.01");
  opened.price = price("60000");
  opened.fee = money("0.3");
  const auto n = messages.on_event(event_of(opened, "my_bot/BTC-PERP", 12));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->global_seq, 12u);
  EXPECT_EQ(n->kind, "position_opened");
  EXPECT_EQ(
      n->text.render(ParseMode::html),
      "\xF0\x9F\x9F\xA2 <b>Position opened</b> \xC2\xB7 my_bot \xC2\xB7 <code>BTC-PERP</code>\n"
      "<b>SHORT</b> 0.01 @ 60000\nFee 0.3");
  EXPECT_EQ(n->text.render(ParseMode::markdown_v2),
            "\xF0\x9F\x9F\xA2 *Position opened* \xC2\xB7 my\\_bot \xC2\xB7 `BTC-PERP`\n"
            "*SHORT* 0\\.01 @ 60000\nFee 0\\.3");
}

TEST(EventMessages, Close_by_signal_reports_net_gross_fees_and_exit_reason) {
  EventMessages messages;
  const auto n = messages.on_event(event_of(a_close(OrderReason::signal)));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, "position_closed");
  EXPECT_EQ(n->text.raw(),
            "\xE2\x9C\x85 Position closed \xC2\xB7 alpha \xC2\xB7 BTCUSDT\n"
            "LONG 0.02 closed @ 62000.5 (avg entry 60500)\n"
            "P&L +28.79 net (gross +30.01, fees 1.22)\nExit: signal");
}

TEST(EventMessages, Stop_loss_and_take_profit_hits_have_their_own_words) {
  EventMessages messages;
  auto loss = a_close(OrderReason::stop_loss);
  loss.cycle_realized_net = money("-12.5");
  const auto stop = messages.on_event(event_of(loss));
  const auto take = messages.on_event(event_of(a_close(OrderReason::take_profit)));
  const auto trail = messages.on_event(event_of(a_close(OrderReason::trailing)));
  ASSERT_TRUE(stop && take && trail);
  EXPECT_EQ(stop->kind, "stop_loss_hit");
  EXPECT_EQ(take->kind, "take_profit_hit");
  EXPECT_EQ(trail->kind, "trailing_stop_hit");
  EXPECT_EQ(stop->text.raw().rfind("\xF0\x9F\x9B\x91 Stop-loss hit \xC2\xB7 alpha", 0), 0u);
  EXPECT_NE(stop->text.raw().find("P&L -12.5 net"), std::string::npos);
  EXPECT_NE(stop->text.render(ParseMode::markdown_v2).find("*\\-12\\.5*"), std::string::npos);
  EXPECT_NE(take->text.raw().find("Take-profit hit"), std::string::npos);
}

TEST(EventMessages, Partial_take_profit_is_a_reduction_with_take_profit_words) {
  EventMessages messages;
  PositionReduced reduced;
  reduced.direction = Direction::long_;
  reduced.qty = qty("0.01");
  reduced.price = price("63000");
  reduced.fee = money("0.31");
  reduced.avg_entry = price("60500");
  reduced.realized_gross = money("25");
  reduced.remaining_qty = qty("0.01");
  reduced.reason = OrderReason::take_profit;
  const auto n = messages.on_event(event_of(reduced));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, "take_profit_hit");
  EXPECT_EQ(n->text.raw(),
            "\xF0\x9F\x8E\xAF Take-profit hit (partial) \xC2\xB7 alpha \xC2\xB7 BTCUSDT\n"
            "LONG -0.01 @ 63000 (avg entry 60500), remaining 0.01\n"
            "Realized +25 gross, fee 0.31\nReason: take_profit");
}

TEST(EventMessages, Increase_reports_the_new_quantity_and_average_entry) {
  EventMessages messages;
  PositionIncreased increased;
  increased.qty = qty("0.01");
  increased.price = price("61000");
  increased.fee = money("0.3");
  increased.new_qty = qty("0.02");
  increased.new_avg_entry = price("60500");
  increased.entries = 2;
  const auto n = messages.on_event(event_of(increased));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, "position_increased");
  EXPECT_NE(
      n->text.raw().find("LONG +0.01 @ 61000 \xE2\x86\x92 qty 0.02, avg entry 60500 (2 entries)"),
      std::string::npos);
}

TEST(EventMessages, Order_rejection_recalls_the_requested_order_and_gives_the_reason) {
  EventMessages messages;
  OrderRequested requested;
  requested.client_order_id = "alpha/BTCUSDT:3";
  requested.side = Side::sell;
  requested.qty = qty("0.5");
  EXPECT_FALSE(messages.on_event(event_of(requested)).has_value());
  OrderRejected rejected{"alpha/BTCUSDT:3", "insufficient_balance", "needs 30000 USDT <b>"};
  const auto n = messages.on_event(event_of(rejected));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, "order_rejected");
  EXPECT_EQ(n->text.render(ParseMode::html),
            "\xE2\x9A\xA0\xEF\xB8\x8F <b>Order rejected</b> \xC2\xB7 alpha \xC2\xB7 "
            "<code>BTCUSDT</code>\n"
            "<b>SELL</b> 0.5 market (signal)\nOrder <code>alpha/BTCUSDT:3</code>\n"
            "Reason: <code>insufficient_balance</code> \xE2\x80\x94 needs 30000 USDT &lt;b&gt;");
  // Forgotten once rejected: a second rejection has no side to recall.
  const auto again = messages.on_event(event_of(rejected));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->text.raw().find("SELL"), std::string::npos);
}

TEST(EventMessages, Alert_rejection_is_reported_with_its_reason) {
  EventMessages messages;
  const auto n = messages.on_event(event_of(AlertRejected{1, "max_entries", "3 entries open"}));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, "alert_rejected");
  EXPECT_NE(n->text.raw().find("Reason: max_entries \xE2\x80\x94 3 entries open"),
            std::string::npos);
}

TEST(EventMessages, Other_event_types_are_ignored) {
  EventMessages messages;
  EXPECT_FALSE(messages.on_event(event_of(AlertReceived{})));
  EXPECT_FALSE(messages.on_event(event_of(OrderAccepted{"c", "b"})));
  EXPECT_FALSE(messages.on_event(event_of(OrderFilled{})));
  EXPECT_FALSE(messages.on_event(event_of(OrderCancelled{"c", "r"})));
  EXPECT_FALSE(messages.on_event(event_of(ProtectionSet{})));
  EXPECT_FALSE(messages.on_event(event_of(BotPaused{"x"})));
  EXPECT_FALSE(messages.on_event(event_of(BotResumed{"x"})));
  EXPECT_FALSE(messages.on_event(event_of(PriceObserved{})));
}

TEST(EventMessages, Remembers_a_bounded_number_of_orders) {
  EventMessages messages(2);
  for (const char* id : {"s:1", "s:2", "s:3"}) {
    OrderRequested requested;
    requested.client_order_id = id;
    (void)messages.on_event(event_of(requested));
  }
  const auto oldest = messages.on_event(event_of(OrderRejected{"s:1", "r", ""}));
  const auto newest = messages.on_event(event_of(OrderRejected{"s:3", "r", ""}));
  ASSERT_TRUE(oldest && newest);
  EXPECT_EQ(oldest->text.raw().find("BUY"), std::string::npos);
  EXPECT_NE(newest->text.raw().find("BUY"), std::string::npos);
}

TEST(DailySummary, Time_of_day_parses_strictly) {
  EXPECT_EQ(parse_summary_time("20:05"), (DailySummaryTime{20, 5}));
  EXPECT_EQ(parse_summary_time("00:00"), (DailySummaryTime{0, 0}));
  EXPECT_FALSE(parse_summary_time("24:00"));
  EXPECT_FALSE(parse_summary_time("7:00"));
  EXPECT_FALSE(parse_summary_time("07:60"));
  EXPECT_FALSE(parse_summary_time("07-00"));
}

TEST(DailySummary, Next_time_is_later_today_or_tomorrow) {
  const Timestamp morning = parse_timestamp("2026-11-24T08:00:00Z").value();
  EXPECT_EQ(next_summary_at({20, 0}, morning), parse_timestamp("2026-11-24T20:00:00Z").value());
  EXPECT_EQ(next_summary_at({6, 30}, morning), parse_timestamp("2026-11-25T06:30:00Z").value());
  const Timestamp exactly = parse_timestamp("2026-11-24T20:00:00Z").value();
  EXPECT_EQ(next_summary_at({20, 0}, exactly), parse_timestamp("2026-11-25T20:00:00Z").value());
  DailySummaryClock clock({20, 0}, morning);
  EXPECT_FALSE(clock.due(morning));
  EXPECT_TRUE(clock.due(exactly));
  clock.advance(exactly + kNanosPerDay * 2);  // asleep for two days: no backlog of summaries
  EXPECT_EQ(clock.window_end(), parse_timestamp("2026-11-27T20:00:00Z").value());
}

TEST(DailySummary, Sums_realized_pnl_and_fees_per_bot_within_the_window) {
  const Timestamp end = parse_timestamp("2026-11-24T20:00:00Z").value();
  DaySummary day(end - kNanosPerDay, end);
  PositionOpened opened;
  opened.fee = money("0.5");
  auto inside = event_of(opened, "alpha/BTCUSDT");
  day.add(inside);
  day.add(event_of(a_close(OrderReason::stop_loss), "alpha/ETHUSDT"));  // gross 30.01, fee 0.62
  auto before = event_of(a_close(OrderReason::signal), "beta/BTCUSDT");
  before.time = end - kNanosPerDay - 1;
  day.add(before);
  auto after = before;
  after.time = end;
  day.add(after);
  EXPECT_EQ(day.render().raw(),
            "\xF0\x9F\x93\x8A Daily summary \xC2\xB7 24 h to 2026-11-24 20:00 UTC\n"
            "alpha: net +28.89 (realized +30.01, fees 1.12), 2 fills, 1 closed");
  EXPECT_EQ(DaySummary(0, 1).render().raw().substr(DaySummary(0, 1).render().raw().find('\n') + 1),
            "No fills.");
}

}  // namespace
}  // namespace tvbot::notify
