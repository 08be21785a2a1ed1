// Whole requests through the classifier: which status each rejection gets, and what an
// accepted alert carries on to the ingress router.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "http/webhook/webhook_request_handler.hpp"
#include "http/webhook/webhook_response.hpp"

namespace tvbot::webhook {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr Timestamp s = 1'000'000'000;
constexpr Timestamp alert_time = 1'795'499'479 * s;  // 2026-11-24T05:51:19Z
constexpr std::string_view tradingview_ip = "52.89.214.238";

constexpr std::string_view strategy_alert = R"({
  "secret": "s3cr3t-Long-Enough",
  "action": "buy",
  "ticker": "BINANCE:BTCUSDT.P",
  "contracts": "0.015",
  "position_size": "0.015",
  "time": "2026-11-24T05:51:19Z"
})";

class MapBotDirectory : public BotDirectory {
 public:
  std::shared_ptr<const BotAuthConfig> lookup(std::string_view bot_id) const override {
    const auto found = bots.find(std::string(bot_id));
    return found == bots.end() ? nullptr : found->second;
  }
  std::map<std::string, std::shared_ptr<const BotAuthConfig>> bots;
};

class WebhookRequestHandlerTest : public ::testing::Test {
 protected:
  WebhookRequestHandlerTest() {
    BotAuthConfig btc;
    btc.secret = "s3cr3t-Long-Enough";
    btc.path_token = "url-token-123";
    btc.allowlist = *IpAllowlist::parse({"tradingview"});
    btc.rate_limit = RateLimit{100, 60 * s, 10};
    btc.max_lag = 30 * s;
    directory_.bots["btc-trend"] = std::make_shared<const BotAuthConfig>(btc);

    BotAuthConfig limited = btc;
    limited.rate_limit = RateLimit{2, 60 * s, 2};
    directory_.bots["limited"] = std::make_shared<const BotAuthConfig>(limited);

    BotAuthConfig paused = btc;
    paused.paused = true;
    directory_.bots["paused-bot"] = std::make_shared<const BotAuthConfig>(paused);

    BotAuthConfig signed_bot;
    signed_bot.hmac_key = "tv-hmac-key-1";
    directory_.bots["signed"] = std::make_shared<const BotAuthConfig>(signed_bot);

  }

  static WebhookHandlerConfig handler_config() {
    WebhookHandlerConfig config;
    config.trusted_proxies = *IpAllowlist::parse({"10.0.0.0/8"});
    config.max_body_bytes = 1024;
    return config;
  }

  WebhookRequest request(std::string_view target, std::string_view body) const {
    WebhookRequest r;
    r.method = "POST";
    r.target = target;
    r.content_type = "application/json";
    r.body = body;
    r.peer_ip = tradingview_ip;
    r.now = alert_time + 2 * s;
    return r;
  }

  WebhookReject rejected(const WebhookRequest& r) {
    WebhookOutcome outcome = handler_.handle(r);
    EXPECT_TRUE(std::holds_alternative<WebhookReject>(outcome));
    return std::holds_alternative<WebhookReject>(outcome) ? std::get<WebhookReject>(outcome) : WebhookReject{};
  }

  WebhookAccept accepted(const WebhookRequest& r) {
    WebhookOutcome outcome = handler_.handle(r);
    if (auto* reject = std::get_if<WebhookReject>(&outcome)) {
      ADD_FAILURE() << reject->http_status << " " << reject->code << ": " << reject->message;
      return {};
    }
    return std::get<WebhookAccept>(std::move(outcome));
  }

  MapBotDirectory directory_;
  RejectionLog rejections_{16, 256};
  WebhookRequestHandler handler_{handler_config(), directory_, &rejections_};
};

TEST_F(WebhookRequestHandlerTest, Strategy_alert_from_tradingview_is_accepted_without_its_secret) {
  const WebhookAccept accept = accepted(request("/webhook/btc-trend", strategy_alert));
  EXPECT_EQ(accept.bot_id, "btc-trend");
  EXPECT_EQ(accept.source_ip, tradingview_ip);
  EXPECT_EQ(accept.alert.signal.action, Action::buy);
  EXPECT_EQ(accept.alert.signal.qty, Quantity::from_raw(1'500'000));
  EXPECT_FALSE(accept.alert.secret.has_value());
  EXPECT_THAT(accept.redacted_body, HasSubstr(R"("secret": "***")"));
  EXPECT_THAT(accept.redacted_body, Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(accept.dedupe_key, testing::StartsWith("btc-trend/sha256/"));
}

TEST_F(WebhookRequestHandlerTest, Url_token_authenticates_a_text_alert_without_a_body_secret) {
  WebhookRequest r = request("/webhook/btc-trend/url-token-123", "sell BTCUSDT qty=0.01 id=exit-1");
  r.content_type = "text/plain; charset=utf-8";
  const WebhookAccept accept = accepted(r);
  EXPECT_EQ(accept.alert.signal.action, Action::sell);
  EXPECT_EQ(accept.dedupe_key, "btc-trend/id/exit-1");
}

TEST_F(WebhookRequestHandlerTest, Bot_named_only_in_the_body_is_looked_up_from_there) {
  const std::string body = R"({"bot":"btc-trend","secret":"s3cr3t-Long-Enough","action":"flat","symbol":"BTCUSDT"})";
  EXPECT_EQ(accepted(request("/webhook", body)).bot_id, "btc-trend");
}

TEST_F(WebhookRequestHandlerTest, Transport_level_rejections_get_405_404_413_415_and_400) {
  WebhookRequest get = request("/webhook/btc-trend", strategy_alert);
  get.method = "GET";
  EXPECT_EQ(rejected(get).http_status, 405);
  EXPECT_EQ(rejected(request("/admin", strategy_alert)).http_status, 404);
  EXPECT_EQ(rejected(request("/webhook/btc-trend/a/b", strategy_alert)).code, "not_found");
  const std::string huge = R"({"action":"buy","symbol":"X","comment":")" + std::string(1100, 'a') + "\"}";
  EXPECT_EQ(rejected(request("/webhook/btc-trend", huge)).http_status, 413);
  WebhookRequest form = request("/webhook/btc-trend", "action=buy");
  form.content_type = "application/x-www-form-urlencoded";
  EXPECT_EQ(rejected(form).http_status, 415);
  const WebhookReject malformed = rejected(request("/webhook/btc-trend", R"({"action":"buy",)"));
  EXPECT_EQ(malformed.http_status, 400);
  EXPECT_EQ(malformed.code, "malformed_json");
}

TEST_F(WebhookRequestHandlerTest, Unknown_or_missing_bot_is_404_and_its_name_is_not_echoed) {
  const WebhookReject unknown = rejected(request("/webhook/my-secret-token", strategy_alert));
  EXPECT_EQ(unknown.http_status, 404);
  EXPECT_EQ(unknown.code, "unknown_bot");
  EXPECT_THAT(unknown.message, Not(HasSubstr("my-secret-token")));
  EXPECT_EQ(rejected(request("/webhook", strategy_alert)).code, "missing_bot");
}

TEST_F(WebhookRequestHandlerTest, Address_outside_the_allowlist_is_403) {
  WebhookRequest r = request("/webhook/btc-trend", strategy_alert);
  r.peer_ip = "203.0.113.9";
  const WebhookReject reject = rejected(r);
  EXPECT_EQ(reject.http_status, 403);
  EXPECT_EQ(reject.code, "ip_not_allowed");
}

TEST_F(WebhookRequestHandlerTest, Forwarded_for_counts_only_through_a_trusted_proxy) {
  WebhookRequest via_proxy = request("/webhook/btc-trend", strategy_alert);
  via_proxy.peer_ip = "10.0.0.2";
  via_proxy.forwarded_for = "6.6.6.6, 52.89.214.238";
  EXPECT_EQ(accepted(via_proxy).source_ip, "52.89.214.238");
  WebhookRequest spoofed = request("/webhook/btc-trend", strategy_alert);
  spoofed.peer_ip = "203.0.113.9";
  spoofed.forwarded_for = "52.89.214.238";
  EXPECT_EQ(rejected(spoofed).code, "ip_not_allowed");
}

TEST_F(WebhookRequestHandlerTest, Wrong_secret_is_401_even_when_the_alert_is_also_invalid) {
  const WebhookReject reject = rejected(
      request("/webhook/btc-trend", R"({"secret":"guess","action":"buy_the_dip","symbol":"X"})"));
  EXPECT_EQ(reject.http_status, 401);
  EXPECT_EQ(reject.code, "invalid_secret");
  EXPECT_EQ(rejected(request("/webhook/btc-trend/wrong-token", strategy_alert)).code, "invalid_token");
  EXPECT_EQ(rejected(request("/webhook/btc-trend", R"({"action":"buy","symbol":"X"})")).code, "missing_credentials");
}

TEST_F(WebhookRequestHandlerTest, Signed_bot_accepts_a_valid_hmac_and_refuses_a_missing_one) {
  constexpr std::string_view body = R"({"action":"buy","symbol":"BTCUSDT","qty":"0.01"})";
  WebhookRequest r = request("/webhook/signed", body);
  EXPECT_EQ(rejected(r).code, "missing_signature");
  // printf '%s' "$body" | openssl dgst -sha256 -hmac 'tv-hmac-key-1'
  r.signature = "sha256=64cbeab47bca7636e67b42276e4345ae8be46902a7f05dc6cb7adc604eb16594";
  EXPECT_EQ(accepted(r).bot_id, "signed");
}

TEST_F(WebhookRequestHandlerTest, Authenticated_but_invalid_alerts_are_422) {
  EXPECT_EQ(rejected(request("/webhook/btc-trend/url-token-123", R"({"action":"buy_the_dip","symbol":"X"})")).http_status, 422);
  EXPECT_EQ(rejected(request("/webhook/btc-trend/url-token-123", R"({"symbol":"X"})")).code, "missing_action");
  EXPECT_EQ(rejected(request("/webhook/btc-trend/url-token-123", R"({"action":"buy","symbol":"X","bot":"other"})")).code,
            "bot_mismatch");
  EXPECT_EQ(rejected(request("/webhook/paused-bot/url-token-123", R"({"action":"buy","symbol":"X"})")).code, "bot_paused");
}

TEST_F(WebhookRequestHandlerTest, Alert_older_than_max_lag_is_stale_422) {
  WebhookRequest r = request("/webhook/btc-trend", strategy_alert);
  r.now = alert_time + 31 * s;
  const WebhookReject reject = rejected(r);
  EXPECT_EQ(reject.http_status, 422);
  EXPECT_EQ(reject.code, "stale_alert");
  EXPECT_EQ(reject.message, "alert is 31 s old (max_lag 30 s)");
}

TEST_F(WebhookRequestHandlerTest, Third_alert_within_the_bot_rate_is_429_with_retry_after) {
  EXPECT_EQ(accepted(request("/webhook/limited", strategy_alert)).bot_id, "limited");
  EXPECT_EQ(accepted(request("/webhook/limited", strategy_alert)).bot_id, "limited");
  const WebhookReject reject = rejected(request("/webhook/limited", strategy_alert));
  EXPECT_EQ(reject.http_status, 429);
  EXPECT_EQ(reject.code, "rate_limited");
  EXPECT_EQ(reject.retry_after_seconds, 30);  // 2 per minute: the next token in 30 s
}

TEST_F(WebhookRequestHandlerTest, Rejections_are_logged_redacted_and_429s_only_counted) {
  EXPECT_EQ(rejected(request("/webhook/limited", R"({"secret":"hunter2","action":"buy","symbol":"X"})")).code,
            "invalid_secret");
  for (int i = 0; i < 3; ++i) (void)handler_.handle(request("/webhook/limited", strategy_alert));
  const std::vector<RejectionRecord> records = rejections_.snapshot();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].bot, "limited");
  EXPECT_EQ(records[0].source_ip, tradingview_ip);
  EXPECT_EQ(records[0].body, R"({"secret":"***","action":"buy","symbol":"X"})");
  EXPECT_EQ(rejections_.totals_by_code(),
            (std::map<std::string, std::uint64_t>{{"invalid_secret", 1}, {"rate_limited", 1}}));
}

TEST(WebhookResponse, Error_body_is_escaped_json_and_statuses_never_reach_5xx) {
  EXPECT_EQ(format_error_body("unknown_action", "unknown action 'a\"b\\c'\n"),
            R"({"error":"unknown_action","message":"unknown action 'a\"b\\c'\u000a"})");
  EXPECT_EQ(http_status_for("invalid_signature"), 401);
  EXPECT_EQ(http_status_for("unsupported_media_type"), 415);
  EXPECT_EQ(http_status_for("something_new"), 400);
}

}  // namespace
}  // namespace tvbot::webhook
