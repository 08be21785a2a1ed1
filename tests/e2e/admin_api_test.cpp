// The admin API over real HTTP against the real `tvbot serve` binary: bots, positions, trades
// and a stream's events read back from the log; pause, resume, a manual close and the kill
// switch recorded through the engine; authentication and error answers.
// Prices (e2e_support.hpp): BTC buys fill at 60060, sells at 59940; the mark stays 60000.
#include <gtest/gtest.h>

#include "tests/e2e/admin_fixture.hpp"

namespace tvbot::e2e {
namespace {

std::string text(const simdjson::dom::element& element, std::string_view pointer) {
  std::string_view out;
  if (element.at_pointer(pointer).get_string().get(out)) return "<missing " + std::string(pointer) + ">";
  return std::string(out);
}

std::int64_t integer(const simdjson::dom::element& element, std::string_view pointer) {
  std::int64_t out = -1;
  if (element.at_pointer(pointer).get_int64().get(out)) return -1;
  return out;
}

bool boolean(const simdjson::dom::element& element, std::string_view pointer) {
  bool out = false;
  EXPECT_EQ(element.at_pointer(pointer).get_bool().get(out), simdjson::SUCCESS) << pointer;
  return out;
}

std::size_t array_size(const simdjson::dom::element& element, std::string_view pointer) {
  simdjson::dom::array array;
  if (element.at_pointer(pointer).get_array().get(array)) return 9999;
  return array.size();
}

std::string alert(std::string_view body) {
  return std::string(body) + " secret=" + std::string(kAlphaSecret);
}

class AdminApi : public AdminFixture {};

TEST_F(AdminApi, Round_trip_reads_pauses_resumes_closes_and_kills) {
  ServerDir dir = admin_dir();
  ASSERT_NO_FATAL_FAILURE(start_admin(dir));

  // Bots as configured, nothing paused yet.
  auto bots = admin_get_json("/admin/bots");
  EXPECT_EQ(array_size(bots->root, "/bots"), 2u);
  EXPECT_EQ(text(bots->root, "/bots/0/id"), "alpha");
  EXPECT_EQ(text(bots->root, "/bots/0/mode"), "one-way");
  EXPECT_FALSE(boolean(bots->root, "/bots/0/paused"));
  EXPECT_FALSE(boolean(bots->root, "/bots/0/config_paused"));
  EXPECT_EQ(text(bots->root, "/bots/0/streams/0/stream"), "alpha/BTCUSDT");

  // Open 0.02, then reduce by 0.01: a trade with realized (59940 - 60060) * 0.01 = -1.2.
  auto opened = post_alert("alpha", alert("buy BTCUSDT qty=0.02 id=r1"), "e2e-open-1");
  ASSERT_EQ(opened.status, 202u) << opened.body;
  EXPECT_EQ(opened.header("X-Request-Id").value_or(""), "e2e-open-1");
  auto opened_json = parse_json(opened.body);
  EXPECT_EQ(text(opened_json->root, "/request_id"), "e2e-open-1") << opened.body;
  EXPECT_EQ(integer(opened_json->root, "/stream_seq"), 1) << opened.body;
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 1));
  auto reduced = post_alert("alpha", alert("close BTCUSDT qty=0.01 id=r2"), "e2e-reduce-2");
  ASSERT_EQ(reduced.status, 202u) << reduced.body;
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 2));

  auto positions = admin_get_json("/admin/positions?bot=alpha");
  ASSERT_EQ(array_size(positions->root, "/positions"), 1u);
  const auto& p = positions->root;
  EXPECT_EQ(text(p, "/positions/0/stream"), "alpha/BTCUSDT");
  EXPECT_EQ(text(p, "/positions/0/open/0/direction"), "long");
  EXPECT_EQ(text(p, "/positions/0/open/0/qty"), "0.01");
  EXPECT_EQ(text(p, "/positions/0/open/0/avg_entry"), "60060");
  EXPECT_EQ(text(p, "/positions/0/open/0/mark_price"), "60000");
  EXPECT_EQ(text(p, "/positions/0/open/0/unrealized_pnl"), "-0.6");  // (60000-60060)*0.01
  EXPECT_EQ(text(p, "/positions/0/realized_gross"), "-1.2");
  EXPECT_EQ(integer(p, "/positions/0/orders_in_flight"), 0);

  auto trades = admin_get_json("/admin/trades?bot=alpha&limit=10");
  ASSERT_EQ(array_size(trades->root, "/trades"), 1u);
  EXPECT_EQ(text(trades->root, "/trades/0/kind"), "reduced");
  EXPECT_EQ(text(trades->root, "/trades/0/qty"), "0.01");
  EXPECT_EQ(text(trades->root, "/trades/0/exit_price"), "59940");
  EXPECT_EQ(text(trades->root, "/trades/0/realized_gross"), "-1.2");
  EXPECT_EQ(text(trades->root, "/trades/0/exit_reason"), "signal");

  // Events, paged: the alert carries the request id it came with.
  auto page = admin_get_json("/admin/streams/alpha/BTCUSDT/events?from=1&limit=2");
  ASSERT_EQ(array_size(page->root, "/events"), 2u);
  EXPECT_EQ(text(page->root, "/events/0/type"), "AlertReceived");
  EXPECT_EQ(text(page->root, "/events/0/payload/request_id"), "e2e-open-1");
  EXPECT_EQ(integer(page->root, "/events/0/stream_seq"), 1);
  {
    // Configuration events (config/<bot>) come first in the global order.
    auto logged = read_log(dir.data_dir());
    ASSERT_TRUE(logged.ok()) << logged.error().message;
    const auto stream_events = events_of(*logged, "alpha/BTCUSDT");
    ASSERT_FALSE(stream_events.empty());
    EXPECT_EQ(integer(page->root, "/events/0/global_seq"),
              static_cast<std::int64_t>(stream_events.front().global_seq));
  }
  EXPECT_EQ(text(page->root, "/events/1/type"), "OrderRequested");
  EXPECT_EQ(integer(page->root, "/next_from"), 3);
  auto rest = admin_get_json("/admin/streams/alpha/BTCUSDT/events?from=3&limit=1000");
  EXPECT_EQ(integer(rest->root, "/events/0/stream_seq"), 3);
  EXPECT_EQ(integer(rest->root, "/next_from"), -1) << "no next_from on the last page";
  bool second_alert_seen = false;
  simdjson::dom::array rest_events;
  ASSERT_EQ(rest->root["events"].get_array().get(rest_events), simdjson::SUCCESS);
  for (auto event : rest_events) {
    if (text(event, "/type") == "AlertReceived") {
      EXPECT_EQ(text(event, "/payload/request_id"), "e2e-reduce-2");
      second_alert_seen = true;
    }
  }
  EXPECT_TRUE(second_alert_seen);

  // Pause: a new entry is recorded, then rejected with reason bot_paused.
  auto paused = admin("POST", "/admin/bots/alpha/pause", R"({"reason":"e2e maintenance"})");
  ASSERT_EQ(paused.status, 200u) << paused.body;
  auto paused_json = parse_json(paused.body);
  EXPECT_TRUE(boolean(paused_json->root, "/paused"));
  EXPECT_EQ(array_size(paused_json->root, "/streams"), 2u);
  bots = admin_get_json("/admin/bots");
  EXPECT_TRUE(boolean(bots->root, "/bots/0/paused"));
  EXPECT_FALSE(boolean(bots->root, "/bots/1/paused")) << "bot slow was not paused";
  auto refused = post_alert("alpha", alert("buy BTCUSDT qty=0.01 id=r3"), "e2e-paused-3");
  ASSERT_EQ(refused.status, 202u) << refused.body;  // recorded, then decided: paused
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 3));
  auto tail = admin_get_json("/admin/streams/alpha/BTCUSDT/events?from=1&limit=1000");
  const auto count = array_size(tail->root, "/events");
  const std::string last = "/events/" + std::to_string(count - 1);
  EXPECT_EQ(text(tail->root, last + "/type"), "AlertRejected");
  EXPECT_EQ(text(tail->root, last + "/payload/reason"), "bot_paused");
  bool pause_event = false;
  simdjson::dom::array all_events;
  ASSERT_EQ(tail->root["events"].get_array().get(all_events), simdjson::SUCCESS);
  for (auto event : all_events) {
    if (text(event, "/type") == "BotPaused") {
      EXPECT_EQ(text(event, "/payload/reason"), "e2e maintenance");
      pause_event = true;
    }
  }
  EXPECT_TRUE(pause_event) << "no BotPaused event in the stream";

  auto resumed = admin("POST", "/admin/bots/alpha/resume");
  ASSERT_EQ(resumed.status, 200u) << resumed.body;
  bots = admin_get_json("/admin/bots");
  EXPECT_FALSE(boolean(bots->root, "/bots/0/paused"));

  // Manual close: the trade's exit reason is manual; a second close finds nothing open.
  auto closing = admin("POST", "/admin/streams/alpha/BTCUSDT/close", R"({"position_side":"both"})");
  ASSERT_EQ(closing.status, 202u) << closing.body;
  ASSERT_TRUE(wait_until_flat("alpha/BTCUSDT")) << server_->log_tail();
  trades = admin_get_json("/admin/trades?bot=alpha");
  ASSERT_EQ(array_size(trades->root, "/trades"), 2u);
  EXPECT_EQ(text(trades->root, "/trades/0/kind"), "closed");  // newest first
  EXPECT_EQ(text(trades->root, "/trades/0/exit_reason"), "manual");
  EXPECT_EQ(text(trades->root, "/trades/0/qty"), "0.01");
  auto nothing = admin("POST", "/admin/streams/alpha/BTCUSDT/close");
  EXPECT_EQ(nothing.status, 409u) << nothing.body;

  // Kill switch: two open positions, then everything flat and paused; again: nothing to do.
  ASSERT_EQ(post_alert("alpha", alert("buy BTCUSDT qty=0.01 id=r4"), "e2e-4").status, 202u);
  ASSERT_EQ(post_alert("alpha", alert("buy ETHUSDT id=r5"), "e2e-5").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 4));
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/ETHUSDT", 1));
  auto killed = admin("POST", "/admin/kill-switch");
  ASSERT_EQ(killed.status, 200u) << killed.body;
  auto killed_json = parse_json(killed.body);
  EXPECT_EQ(array_size(killed_json->root, "/paused_streams"), 3u) << killed.body;
  EXPECT_EQ(array_size(killed_json->root, "/close_requested"), 2u) << killed.body;
  EXPECT_EQ(text(killed_json->root, "/close_requested/0"), "alpha/BTCUSDT");
  EXPECT_EQ(text(killed_json->root, "/close_requested/1"), "alpha/ETHUSDT");
  EXPECT_TRUE(wait_until_flat("alpha/BTCUSDT")) << server_->log_tail();
  EXPECT_TRUE(wait_until_flat("alpha/ETHUSDT")) << server_->log_tail();
  bots = admin_get_json("/admin/bots");
  EXPECT_TRUE(boolean(bots->root, "/bots/0/paused"));
  EXPECT_TRUE(boolean(bots->root, "/bots/1/paused"));
  auto again = admin("POST", "/admin/kill-switch");
  ASSERT_EQ(again.status, 200u) << again.body;
  auto again_json = parse_json(again.body);
  EXPECT_EQ(array_size(again_json->root, "/close_requested"), 0u) << again.body;
  EXPECT_EQ(array_size(again_json->root, "/already_closing"), 0u) << again.body;
  trades = admin_get_json("/admin/trades?bot=alpha&limit=2");
  ASSERT_EQ(array_size(trades->root, "/trades"), 2u);
  EXPECT_EQ(text(trades->root, "/trades/0/exit_reason"), "manual");
  EXPECT_EQ(text(trades->root, "/trades/1/exit_reason"), "manual");
  ASSERT_NO_FATAL_FAILURE(stop());
}

TEST_F(AdminApi, Refuses_without_token_and_answers_errors_as_json) {
  ServerDir dir = admin_dir();
  ASSERT_NO_FATAL_FAILURE(start_admin(dir));
  auto is_error = [](const http::ClientResponse& response, std::string_view code) {
    auto json = parse_json(response.body);
    return json->ok && text(json->root, "/error") == code;
  };
  auto no_token = admin("GET", "/admin/bots", {}, "");
  EXPECT_EQ(no_token.status, 401u);
  EXPECT_TRUE(is_error(no_token, "unauthorized")) << no_token.body;
  auto wrong = admin("GET", "/admin/positions", {}, "Bearer admin-e2e-token-5d2X");
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_EQ(wrong.body.find(kAdminToken), std::string::npos) << "the token was echoed";
  auto basic = admin("POST", "/admin/kill-switch", {}, "Basic " + std::string(kAdminToken));
  EXPECT_EQ(basic.status, 401u) << "only a bearer token counts";

  auto unknown_bot = admin("POST", "/admin/bots/nobody/pause");
  EXPECT_EQ(unknown_bot.status, 404u);
  EXPECT_TRUE(is_error(unknown_bot, "unknown_bot")) << unknown_bot.body;
  auto unknown_stream = admin("GET", "/admin/streams/alpha/DOGEUSDT/events");
  EXPECT_EQ(unknown_stream.status, 404u);
  EXPECT_TRUE(is_error(unknown_stream, "unknown_stream")) << unknown_stream.body;
  auto unknown_close = admin("POST", "/admin/streams/alpha/DOGEUSDT/close");
  EXPECT_EQ(unknown_close.status, 404u) << unknown_close.body;
  EXPECT_EQ(admin("GET", "/admin/trades?bot=nobody").status, 404u);
  EXPECT_EQ(admin("GET", "/admin/nothing").status, 404u);

  auto bad_json = admin("POST", "/admin/bots/alpha/pause", R"({"reason":)");
  EXPECT_EQ(bad_json.status, 400u);
  EXPECT_TRUE(is_error(bad_json, "malformed_json")) << bad_json.body;
  auto not_object = admin("POST", "/admin/bots/alpha/pause", R"(["x"])");
  EXPECT_EQ(not_object.status, 400u) << not_object.body;
  auto bad_side = admin("POST", "/admin/streams/alpha/BTCUSDT/close", R"({"position_side":"up"})");
  EXPECT_EQ(bad_side.status, 404u) << "the stream does not exist yet: " << bad_side.body;
  auto bad_limit = admin("GET", "/admin/trades?limit=0");
  EXPECT_EQ(bad_limit.status, 400u);
  EXPECT_TRUE(is_error(bad_limit, "invalid_parameter")) << bad_limit.body;
  EXPECT_EQ(admin("GET", "/admin/trades?limit=abc").status, 400u);
  EXPECT_EQ(admin("GET", "/admin/kill-switch").status, 405u);
  EXPECT_EQ(admin("POST", "/admin/bots").status, 405u);

  // Nothing above may have paused anything or left an event.
  auto events = read_log(dir.data_dir());
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_TRUE(trading_streams(*events).empty()) << describe(*events);
  ASSERT_NO_FATAL_FAILURE(stop());
}

}  // namespace
}  // namespace tvbot::e2e
