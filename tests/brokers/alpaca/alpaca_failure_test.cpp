// What the adapter says when Alpaca or the network fails, and that an order whose answer
// was lost is found by its client id and never placed twice.
#include <ctime>

#include "tests/brokers/alpaca/alpaca_test_support.hpp"

namespace tvbot::alpaca::testing {
namespace {

using AlpacaFailures = AlpacaFixture;

// The gateway's rule, played out by hand: outcome unknown -> query by client id; place
// again only when Alpaca never saw it.
Result<OrderReport> place_like_the_gateway(AlpacaBroker& broker, const OrderRequest& request) {
  auto placed = broker.place_order(request);
  if (placed.ok() || !outcome_unknown(placed.error())) return placed;
  auto found = broker.query_order(request.symbol, request.client_order_id);
  if (!found.ok()) return found.error();
  if (*found) return std::move(**found);
  return broker.place_order(request);
}

TEST_F(AlpacaFailures, A_500_after_the_order_was_placed_is_outcome_unknown_and_the_query_finds_it) {
  auto broker = make();
  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 500).after_handling());
  auto placed = broker->place_order(market("bot1/AAPL:2", Side::buy, "2"));
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().code, broker_error::timeout);
  EXPECT_TRUE(outcome_unknown(placed.error()));

  auto settled = place_like_the_gateway(*broker, market("bot1/AAPL:2", Side::buy, "2"));
  ASSERT_TRUE(settled.ok()) << settled.error().message;
  EXPECT_EQ(settled->status, OrderStatus::filled);
  EXPECT_EQ(emulator_.orders().size(), 1u);  // exactly one order
  EXPECT_EQ(emulator_.position_qty("AAPL"), qty("2"));
}

TEST_F(AlpacaFailures, A_500_before_anything_was_placed_is_found_absent_and_placed_once) {
  auto broker = make();
  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 503));
  auto settled = place_like_the_gateway(*broker, market("bot1/AAPL:2", Side::buy, "2"));
  ASSERT_TRUE(settled.ok()) << settled.error().message;
  EXPECT_EQ(emulator_.count_requests("POST", "/v2/orders"), 2u);
  EXPECT_EQ(emulator_.count_requests("GET", "/v2/orders:by_client_order_id"), 1u);
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

TEST_F(AlpacaFailures, A_read_timeout_after_the_order_landed_is_outcome_unknown_and_found) {
  auto options = options_for(emulator_);
  options.http.read_timeout = std::chrono::milliseconds(300);
  auto broker = make(options);
  // Alpaca places the order but its answer comes after the client stopped waiting.
  emulator_.inject(
      EmulatorFault::on("POST", "/v2/orders").real_answer_after(std::chrono::milliseconds(1500)));
  auto placed = broker->place_order(market("bot1/AAPL:2", Side::buy, "1.25"));
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().code, broker_error::timeout);

  auto found = broker->query_order("AAPL", "bot1/AAPL:2");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->status, OrderStatus::filled);
  EXPECT_EQ((*found)->filled_qty, qty("1.25"));
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

TEST_F(AlpacaFailures, A_429_is_unavailable_and_holds_further_requests_until_the_reset) {
  auto broker = make();
  const auto reset = std::to_string(static_cast<long long>(std::time(nullptr)) + 1);
  emulator_.inject(EmulatorFault::on("GET", "/v2/positions", 429)
                       .with_body(R"({"message":"too many requests."})")
                       .with_headers({{"X-Ratelimit-Limit", "200"},
                                      {"X-Ratelimit-Remaining", "0"},
                                      {"X-Ratelimit-Reset", reset}}));
  auto limited = broker->positions();
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, broker_error::unavailable);
  EXPECT_FALSE(outcome_unknown(limited.error()));
  // Held back locally: nothing more reaches Alpaca before the reset.
  const auto sent = emulator_.requests().size();
  auto held = broker->place_order(market("bot1/AAPL:2", Side::buy, "1"));
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().code, broker_error::unavailable);
  EXPECT_EQ(emulator_.requests().size(), sent);
  EXPECT_TRUE(emulator_.orders().empty());
  // After the reset, requests flow again.
  EXPECT_TRUE(eventually([&] { return broker->positions().ok(); }, std::chrono::seconds(5)));
}

TEST_F(AlpacaFailures, The_local_budget_refuses_requests_beyond_the_configured_rate) {
  auto options = options_for(emulator_);
  options.max_requests_per_minute = 3;
  auto broker = make(options);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(broker->positions().ok()) << i;
  auto fourth = broker->positions();
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.error().code, broker_error::unavailable);
  EXPECT_EQ(emulator_.requests().size(), 3u);
}

TEST_F(AlpacaFailures, Injected_403_and_422_answers_are_rejected_reports_and_nothing_is_placed) {
  auto broker = make();
  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 403)
                       .with_body(R"({"code":40310000,"message":"insufficient buying power"})"));
  auto poor = broker->place_order(market("bot1/AAPL:2", Side::buy, "1"));
  ASSERT_TRUE(poor.ok()) << poor.error().message;
  EXPECT_EQ(poor->status, OrderStatus::rejected);
  EXPECT_EQ(poor->reject_reason, "insufficient_buying_power");

  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 422)
                       .with_body(R"({"code":40010001,"message":"qty must be > 0"})"));
  auto invalid = broker->place_order(market("bot1/AAPL:3", Side::buy, "1"));
  ASSERT_TRUE(invalid.ok());
  EXPECT_EQ(invalid->reject_reason, "invalid_order");
  EXPECT_NE(invalid->reject_message.find("qty must be > 0"), std::string::npos);
  EXPECT_TRUE(emulator_.orders().empty());
}

TEST_F(AlpacaFailures, Queries_failing_with_5xx_or_an_unreadable_body_are_errors_not_answers) {
  auto broker = make();
  emulator_.inject(EmulatorFault::on("GET", "/v2/orders:by_client_order_id", 502)
                       .with_body("<html>bad gateway</html>"));
  auto failed = broker->query_order("AAPL", "bot1/AAPL:2");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("502"), std::string::npos);
  emulator_.inject(EmulatorFault::on("GET", "/v2/account", 200).with_body("{\"cash\":"));
  auto garbled = broker->balances();
  ASSERT_FALSE(garbled.ok());
  EXPECT_EQ(garbled.error().code, "invalid_response");
  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 200).with_body("{}").after_handling());
  auto unreadable = broker->place_order(market("bot1/AAPL:3", Side::buy, "1"));
  ASSERT_FALSE(unreadable.ok());
  EXPECT_EQ(unreadable.error().code, broker_error::timeout);  // it may be placed: query it
}

TEST_F(AlpacaFailures, Nothing_listening_is_unavailable_because_nothing_was_sent) {
  auto options = options_for(emulator_);
  options.base_url = "http://127.0.0.1:1";  // reserved port, connection refused
  auto broker = make(options);
  auto placed = broker->place_order(market("bot1/AAPL:2", Side::buy, "1"));
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().code, broker_error::unavailable);
}

TEST_F(AlpacaFailures, No_error_message_carries_the_key_id_or_the_secret) {
  auto broker = make();
  std::vector<Error> errors;
  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 500).after_handling());
  errors.push_back(broker->place_order(market("bot1/AAPL:2", Side::buy, "1")).error());
  emulator_.inject(
      EmulatorFault::on("GET", "/v2/positions", 401).with_body(R"({"message": "unauthorized"})"));
  errors.push_back(broker->positions().error());
  auto options = options_for(emulator_);
  options.base_url = "http://127.0.0.1:1";
  errors.push_back(make(options)->positions().error());
  for (const auto& error : errors) {
    EXPECT_EQ(error.message.find(kKeyId), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find(kSecretKey), std::string::npos) << error.message;
    EXPECT_FALSE(error.message.empty());
  }
}

}  // namespace
}  // namespace tvbot::alpaca::testing
