// Requests tvbot must refuse, each with its status, over real HTTP: a wrong secret, an
// oversized body, malformed JSON, an unknown bot, an instrument the bot does not trade and
// a bot over its rate limit. None of them may leave a trace in the event log.
#include <gtest/gtest.h>

#include <charconv>

#include "tests/e2e/serve_fixture.hpp"

namespace tvbot::e2e {
namespace {

bool has(const http::ClientResponse& response, std::string_view text) {
  return response.body.find(text) != std::string::npos;
}

class ServeRejections : public ServeFixture {};

TEST_F(ServeRejections, Health_endpoints_answer_200_once_listening) {
  ServerDir dir(temp_.path() / "server");
  ASSERT_NO_FATAL_FAILURE(start(dir));
  auto health = get("/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  auto ready = get("/readyz");
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(ready.body, R"({"status":"ready"})");
  EXPECT_EQ(get("/nothing-here").status, 404u);
  ASSERT_NO_FATAL_FAILURE(stop());
}

TEST_F(ServeRejections, Refused_requests_get_their_status_and_leave_no_event) {
  ServerDir dir(temp_.path() / "server");
  ASSERT_NO_FATAL_FAILURE(start(dir));
  const std::string secret(kAlphaSecret);

  auto wrong_secret = post("alpha", "buy BTCUSDT qty=0.01 id=w1 secret=not-the-secret", "text/plain");
  EXPECT_EQ(wrong_secret.status, 401u) << wrong_secret.body;
  EXPECT_FALSE(has(wrong_secret, "not-the-secret")) << wrong_secret.body;

  auto no_secret = post("alpha", R"({"action":"buy","ticker":"BTCUSDT","qty":"0.01"})");
  EXPECT_EQ(no_secret.status, 401u) << no_secret.body;

  // max_body_bytes is 1024.
  auto oversized = post("alpha", "buy BTCUSDT qty=0.01 secret=" + secret + " comment=\"" +
                                     std::string(1100, 'x') + "\"",
                        "text/plain");
  EXPECT_EQ(oversized.status, 413u) << oversized.body;

  auto malformed = post("alpha", R"({"action":"buy","ticker":"BTCUSDT","qty":)");
  EXPECT_EQ(malformed.status, 400u) << malformed.body;
  EXPECT_TRUE(has(malformed, "malformed_json")) << malformed.body;

  auto unknown_bot = post("nobody", "buy BTCUSDT qty=0.01 secret=" + secret, "text/plain");
  EXPECT_EQ(unknown_bot.status, 404u) << unknown_bot.body;

  auto unknown_action = post("alpha", "hodl BTCUSDT qty=0.01 secret=" + secret, "text/plain");
  EXPECT_EQ(unknown_action.status, 422u) << unknown_action.body;

  auto unknown_ticker = post("alpha", "buy DOGEUSDT qty=5 id=d1 secret=" + secret, "text/plain");
  EXPECT_EQ(unknown_ticker.status, 422u) << unknown_ticker.body;
  EXPECT_TRUE(has(unknown_ticker, "unknown_instrument")) << unknown_ticker.body;

  // Bot "slow" may send 2 at once, then one per 100 s.
  const std::string slow_secret(kSlowSecret);
  auto first = post("slow", "buy ETHUSDT qty=0.1 id=s1 secret=" + slow_secret, "text/plain");
  EXPECT_EQ(first.status, 202u) << first.body;
  auto first_settled = wait_until_settled(dir.data_dir(), "slow/ETHUSDT", 1);
  ASSERT_TRUE(first_settled.ok()) << first_settled.error().message;
  auto second = post("slow", "close ETHUSDT id=s2 secret=" + slow_secret, "text/plain");
  EXPECT_EQ(second.status, 202u) << second.body;
  auto limited = post("slow", "buy ETHUSDT qty=0.1 id=s3 secret=" + slow_secret, "text/plain");
  EXPECT_EQ(limited.status, 429u) << limited.body;
  auto retry_after = limited.header("Retry-After");
  ASSERT_TRUE(retry_after.has_value()) << "429 without Retry-After";
  int seconds = 0;
  auto [end, parse_error] =
      std::from_chars(retry_after->data(), retry_after->data() + retry_after->size(), seconds);
  EXPECT_TRUE(parse_error == std::errc{} && end == retry_after->data() + retry_after->size())
      << *retry_after;
  EXPECT_GE(seconds, 1);
  EXPECT_LE(seconds, 100);
  // The limit is the bot's: another bot from the same address still gets through.
  auto other_bot = post("alpha", "buy ETHUSDT id=e1 secret=" + secret, "text/plain");
  EXPECT_EQ(other_bot.status, 202u) << other_bot.body;

  // A wrong secret does not use up the bot's budget, and is still refused while limited.
  auto limited_wrong_secret = post("slow", "buy ETHUSDT qty=0.1 secret=nope", "text/plain");
  EXPECT_EQ(limited_wrong_secret.status, 401u) << limited_wrong_secret.body;

  auto slow_events = wait_until_settled(dir.data_dir(), "slow/ETHUSDT", 2);
  ASSERT_TRUE(slow_events.ok()) << slow_events.error().message;
  auto alpha_events = wait_until_settled(dir.data_dir(), "alpha/ETHUSDT", 1);
  ASSERT_TRUE(alpha_events.ok()) << alpha_events.error().message;
  ASSERT_NO_FATAL_FAILURE(stop());

  // Only the three accepted alerts are in the trading streams; the refused requests are
  // recorded apart, for the SQL webhook_logs.
  auto all = read_log(dir.data_dir());
  ASSERT_TRUE(all.ok()) << all.error().message;
  const auto streams = trading_streams(*all);
  ASSERT_EQ(streams.size(), 2u) << describe(*all);
  const auto refused = by_stream(*all)["webhooks/rejected"];
  EXPECT_FALSE(refused.empty());
  for (const auto& event : refused) EXPECT_TRUE(std::holds_alternative<WebhookRejected>(event.payload));
  const auto& slow = streams.at("slow/ETHUSDT");
  EXPECT_EQ(type_names(slow),
            (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                      "OrderFilled", "PositionOpened", "AlertReceived",
                                      "OrderRequested", "OrderAccepted", "OrderFilled",
                                      "PositionClosed"}))
      << describe(slow);
  const auto slow_state = fold("slow/ETHUSDT", slow);
  EXPECT_TRUE(slow_state.net.is_flat());
  // Bought 0.1 at 3003, sold at 2997: gross -0.6, fees 0.15015 + 0.14985.
  EXPECT_EQ(slow_state.totals.realized_gross, money("-0.6"));
  EXPECT_EQ(slow_state.totals.fees, money("0.3"));

  const auto& alpha_eth = streams.at("alpha/ETHUSDT");
  EXPECT_EQ(type_names(alpha_eth),
            (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                      "OrderFilled", "PositionOpened"}))
      << describe(alpha_eth);
  // A fixed 0.5 ETH at 3003.
  const auto eth_state = fold("alpha/ETHUSDT", alpha_eth);
  EXPECT_EQ(eth_state.net.signed_qty(), qty("0.5"));
  EXPECT_EQ(eth_state.net.avg_entry, price("3003"));
  EXPECT_EQ(eth_state.totals.fees, money("0.75075"));
}

}  // namespace
}  // namespace tvbot::e2e
