// The configuration file: loading, defaults, validation messages, secrets, ticker mapping.
// One file because it is one ctest entry (tests/app/CMakeLists.txt); the sections below
// follow the order of app/config/. Each test loads a small TOML text and asserts on the
// resulting Config or on the full list of messages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/config/load.hpp"

namespace tvbot::config {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr std::string_view kAlphaSecret = "alpha-secret-0123456789";

// A broker and a bot: the smallest file that loads. Tests append to it.
constexpr std::string_view kMinimal = R"(
[[brokers]]
name = "paper"
kind = "paper"

[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"

[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BINANCE:BTCUSDT.P"]
)";

using Environment = std::map<std::string, std::string>;

LoadOptions with_environment(Environment variables) {
  LoadOptions options;
  options.environment = [variables = std::move(variables)](const std::string& name) {
    const auto it = variables.find(name);
    return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  return options;
}

ConfigResult load(std::string_view text,
                  Environment variables = {{"TVBOT_ALPHA_SECRET", std::string(kAlphaSecret)}}) {
  return load_config_from_string(text, with_environment(std::move(variables)));
}

ConfigResult load_minimal_with(std::string_view extra) {
  return load(std::string(kMinimal) + std::string(extra));
}

std::vector<std::string> messages(const ConfigResult& result) {
  std::vector<std::string> lines;
  for (const auto& error : result.errors()) lines.push_back(error.message);
  return lines;
}

std::vector<std::string> warning_messages(const ConfigResult& result) {
  std::vector<std::string> lines;
  for (const auto& warning : result.warnings()) lines.push_back(warning.message);
  return lines;
}

const BotConfig& first_bot(const ConfigResult& result) { return result.value().bots.at(0); }

std::string source_path(std::string_view relative) {
  const char* root = std::getenv("TVBOT_SOURCE_DIR");
  return std::string(root ? root : ".") + "/" + std::string(relative);
}

std::filesystem::path write_temp_file(std::string_view name, std::string_view content) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("tvbot_config_test_" + std::to_string(::getpid()) + "_" + std::string(name));
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// --- the shipped examples -------------------------------------------------------------

TEST(ConfigExamples, Example_config_loads_two_paper_bots_on_btc_and_eth) {
  const auto result = load_config_from_file(
      source_path("deploy/tvbot.example.toml"),
      with_environment({{"TVBOT_ALPHA_SECRET", "a-secret"}, {"TVBOT_BETA_SECRET", "b-secret"}}));
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_THAT(result.warnings(), IsEmpty());
  const Config& config = result.value();
  ASSERT_THAT(config.bots, SizeIs(2));
  EXPECT_EQ(config.broker("paper")->kind, BrokerKind::paper);
  EXPECT_EQ(config.bot("alpha")->instruments.size(), 2u);
  EXPECT_EQ(config.bot("alpha")->instrument_for_ticker("BINANCE:ETHUSDT.P")->symbol, "ETHUSDT");
  EXPECT_EQ(config.bot("beta")->mode, PositionMode::hedge);
  EXPECT_EQ(config.postgres.mode, PostgresMode::local);
  EXPECT_EQ(config.postgres.local_data_dir, "./data/pg");
}

TEST(ConfigExamples, Full_reference_loads_when_its_variables_and_files_exist) {
  std::ifstream file(source_path("deploy/tvbot.full-reference.toml"));
  std::stringstream text;
  text << file.rdbuf();
  std::string toml = text.str();
  ASSERT_FALSE(toml.empty());
  // The reference names /run/secrets/...; point those at files this test writes.
  const std::string secrets_dir = (std::filesystem::temp_directory_path() /
                                   ("tvbot_config_test_secrets_" + std::to_string(::getpid())))
                                      .string();
  std::filesystem::create_directories(secrets_dir);
  for (const char* name : {"binance_secret", "tvbot_paper_test"}) {
    std::ofstream(secrets_dir + "/" + name) << "file-secret-" << name << "\n";
  }
  for (std::size_t at = toml.find("/run/secrets"); at != std::string::npos;
       at = toml.find("/run/secrets", at)) {
    toml.replace(at, std::string("/run/secrets").size(), secrets_dir);
  }
  Environment environment;
  for (const char* name : {"TVBOT_ADMIN_TOKEN", "TVBOT_TELEGRAM_TOKEN", "TVBOT_BINANCE_KEY",
                           "TVBOT_ALPACA_KEY", "TVBOT_ALPACA_SECRET", "TVBOT_ALPHA_SECRET",
                           "TVBOT_ALPHA_PATH_TOKEN", "TVBOT_ALPHA_HMAC"}) {
    environment[name] = std::string("value-of-") + name;
  }
  const auto result = load(toml, environment);
  ASSERT_TRUE(result.ok()) << result.error_report();
  const Config& config = result.value();
  EXPECT_EQ(config.storage.log_id, "node-1");
  EXPECT_EQ(config.telegram.chat_id, "-1001234567890");
  EXPECT_EQ(config.broker("binance-futures")->api_secret->reveal(), "file-secret-binance_secret");
  EXPECT_EQ(config.broker("paper")->paper.price_feed.kind, PriceFeedKind::random_walk);
  EXPECT_EQ(config.bot("alpha")->ip_allowlist.size(), 5u);  // 4 TradingView addresses + 1
  EXPECT_EQ(config.bot("alpha")->instruments[0].rules.max_entries, 3u);
  std::filesystem::remove_all(secrets_dir);
}

// --- defaults -------------------------------------------------------------------------

TEST(ConfigDefaults, A_minimal_file_gets_the_documented_defaults) {
  const auto result = load(kMinimal);
  ASSERT_TRUE(result.ok()) << result.error_report();
  const Config& config = result.value();
  EXPECT_EQ(config.server.listen_address, "127.0.0.1");
  EXPECT_EQ(config.server.port, 8080);
  EXPECT_EQ(config.server.max_body_bytes, 65536u);
  EXPECT_EQ(config.storage.log_id, "main");
  EXPECT_TRUE(config.storage.sync);
  EXPECT_EQ(config.postgres.mode, PostgresMode::local);
  EXPECT_EQ(config.postgres.local_data_dir, "data/pg");
  EXPECT_FALSE(config.admin.enabled);
  EXPECT_FALSE(config.telegram.enabled);
  EXPECT_EQ(config.telegram.api_base_url, "https://api.telegram.org");
  const PaperBrokerConfig& paper = config.brokers[0].paper;
  EXPECT_THAT(paper.initial_balances,
              ElementsAre(AssetBalance{"USDT", Money::parse("10000").value()}));
  EXPECT_EQ(paper.taker_fee_bps, Ratio::parse("5").value());
  const BotConfig& bot = first_bot(result);
  EXPECT_EQ(bot.mode, PositionMode::one_way);
  EXPECT_EQ(bot.dedupe_window, std::chrono::seconds(300));
  EXPECT_EQ(bot.instruments[0].rules, TradingRules{});
  EXPECT_TRUE(std::holds_alternative<QuantityFromAlert>(bot.defaults.sizing));
}

TEST(ConfigDefaults, Instrument_override_beats_bot_default_which_beats_built_in_default) {
  const auto result = load(R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
[bots.defaults]
sizing = { kind = "quote", amount = "100" }
stop_loss = "2%"
max_position = "1"
[[bots.instruments]]
symbol = "BTCUSDT"
sizing = { kind = "fixed", qty = "0.01" }
stop_loss = "none"
trailing = 300
[[bots.instruments]]
symbol = "ETHUSDT"
)");
  ASSERT_TRUE(result.ok()) << result.error_report();
  const auto& btc = first_bot(result).instruments[0].rules;
  const auto& eth = first_bot(result).instruments[1].rules;
  EXPECT_EQ(btc.sizing, Sizing(FixedQuantity{Quantity::parse("0.01").value()}));
  EXPECT_EQ(btc.stop_loss, std::nullopt);  // "none" removed the bot's default
  EXPECT_EQ(btc.trailing, (PriceLevel{false, Price::parse("300").value()}));
  EXPECT_EQ(btc.max_position, Quantity::parse("1").value());  // inherited
  EXPECT_EQ(btc.max_entries, 1u);                             // built in
  EXPECT_EQ(eth.sizing, Sizing(QuoteAmount{Money::parse("100").value()}));
  EXPECT_EQ(eth.stop_loss, (PriceLevel{true, Price::parse("2").value()}));
}

TEST(ConfigDefaults, A_written_section_is_on_unless_disabled) {
  const auto result = load_minimal_with(R"(
[telegram]
token_env = "TG"
chat_id = "@alerts"
[admin]
enabled = false
token_env = "UNSET_BECAUSE_DISABLED"
)");
  // Disabled sections do not resolve their secrets, so the unset variable is no error.
  const auto with_token = load(std::string(kMinimal) + R"(
[telegram]
token_env = "TG"
chat_id = "@alerts"
[admin]
enabled = false
token_env = "UNSET_BECAUSE_DISABLED"
)",
                               {{"TVBOT_ALPHA_SECRET", "x"}, {"TG", "123:abc"}});
  ASSERT_TRUE(with_token.ok()) << with_token.error_report();
  EXPECT_TRUE(with_token->telegram.enabled);
  EXPECT_EQ(with_token->telegram.bot_token->reveal(), "123:abc");
  EXPECT_FALSE(with_token->admin.enabled);
  EXPECT_THAT(messages(result),
              ElementsAre("telegram.token_env: environment variable TG is not set"));
}

TEST(ConfigDefaults, Postgres_is_local_external_or_disabled) {
  EXPECT_EQ(load_minimal_with("[postgres]\ndsn = \"auto\"\n")->postgres.mode, PostgresMode::local);
  EXPECT_EQ(load_minimal_with("[postgres]\nenabled = false\n")->postgres.mode,
            PostgresMode::disabled);
  const auto external = load(std::string(kMinimal) + "[postgres]\ndsn_env = \"PG\"\n",
                             {{"TVBOT_ALPHA_SECRET", "x"}, {"PG", "postgresql://u:pw@db/tvbot"}});
  ASSERT_TRUE(external.ok()) << external.error_report();
  EXPECT_EQ(external->postgres.mode, PostgresMode::external);
  EXPECT_EQ(external->postgres.dsn->reveal(), "postgresql://u:pw@db/tvbot");
  EXPECT_EQ(external->postgres.local_data_dir, "");
  // A DSN without a password may be plain text; with one it earns a warning.
  EXPECT_THAT(load_minimal_with("[postgres]\ndsn = \"host=/run/pg dbname=t\"\n").warnings(),
              IsEmpty());
  EXPECT_THAT(warning_messages(load_minimal_with("[postgres]\ndsn = \"host=db password=pw\"\n")),
              ElementsAre(HasSubstr("postgres.dsn: written in plain text")));
}

TEST(ConfigDefaults, Real_broker_gets_the_venue_url_for_its_testnet_flag) {
  const auto result = load(std::string(kMinimal) + R"(
[[brokers]]
name = "bf"
kind = "binance-futures"
testnet = true
api_key_env = "K"
api_secret_env = "S"
)",
                           {{"TVBOT_ALPHA_SECRET", "x"}, {"K", "key"}, {"S", "secret"}});
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_EQ(result->broker("bf")->base_url, "https://testnet.binancefuture.com");
  EXPECT_EQ(result->broker("bf")->api_key->origin(), "env K");
}

TEST(ConfigDefaults, Alpaca_defaults_to_paper_url_market_data_host_and_reject_when_closed) {
  const auto result = load(std::string(kMinimal) + R"(
[[brokers]]
name = "alp"
kind = "alpaca"
testnet = true
api_key_env = "K"
api_secret_env = "S"
)",
                           {{"TVBOT_ALPHA_SECRET", "x"}, {"K", "key"}, {"S", "secret"}});
  ASSERT_TRUE(result.ok()) << result.error_report();
  const BrokerConfig* alpaca = result->broker("alp");
  EXPECT_EQ(alpaca->base_url, "https://paper-api.alpaca.markets");
  EXPECT_EQ(alpaca->alpaca.data_base_url, "https://data.alpaca.markets");
  EXPECT_EQ(alpaca->alpaca.outside_market_hours, OutsideMarketHours::reject);
}

TEST(ConfigValidation, Alpaca_market_hours_policy_and_data_url_are_checked) {
  const auto queued = load(std::string(kMinimal) + R"(
[[brokers]]
name = "alp"
kind = "alpaca"
api_key_env = "K"
api_secret_env = "S"
outside_market_hours = "queue"
data_base_url = "http://127.0.0.1:9000"
)",
                           {{"TVBOT_ALPHA_SECRET", "x"}, {"K", "key"}, {"S", "secret"}});
  ASSERT_TRUE(queued.ok()) << queued.error_report();
  EXPECT_EQ(queued->broker("alp")->base_url, "https://api.alpaca.markets");
  EXPECT_EQ(queued->broker("alp")->alpaca.outside_market_hours, OutsideMarketHours::queue);
  EXPECT_EQ(queued->broker("alp")->alpaca.data_base_url, "http://127.0.0.1:9000");

  const auto wrong = load(std::string(kMinimal) + R"(
[[brokers]]
name = "alp"
kind = "alpaca"
api_key_env = "K"
api_secret_env = "S"
outside_market_hours = "wait"
)",
                          {{"TVBOT_ALPHA_SECRET", "x"}, {"K", "key"}, {"S", "secret"}});
  EXPECT_THAT(messages(wrong),
              ElementsAre(R"(brokers[1].outside_market_hours: expected "reject" or "queue", got "wait")"));

  const auto not_alpaca = load_minimal_with(R"(
[[brokers]]
name = "spot"
kind = "binance-spot"
api_key = "k"
api_secret = "s"
outside_market_hours = "queue"
)");
  EXPECT_THAT(messages(not_alpaca), ElementsAre("unknown key brokers[1].outside_market_hours"));
}

// --- validation messages --------------------------------------------------------------

TEST(ConfigValidation, A_wrong_choice_names_the_key_the_choices_and_the_value) {
  const auto result = load(std::string(kMinimal) + R"(
[[bots]]
id = "beta"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
mode = "hedged"
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(messages(result),
              ElementsAre(R"(bots[1].mode: expected "one-way" or "hedge", got "hedged")"));
  EXPECT_EQ(result.errors()[0].key, "bots[1].mode");
  EXPECT_EQ(result.errors()[0].line, 19u);
  EXPECT_THAT(result.error_report(), HasSubstr("line 19: bots[1].mode"));
}

TEST(ConfigValidation, All_errors_are_reported_together) {
  const auto result = load(R"(
[server]
port = 0
threads = "two"
[[brokers]]
name = "paper"
kind = "papr"
[[bots]]
id = "has space"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
[bots.defaults]
max_entries = 0
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(
          "server.port: must be between 1 and 65535, got 0",
          "server.threads: expected an integer, got a string",
          R"(brokers[0].kind: expected "paper", "binance-spot", "binance-futures" or "alpaca", got "papr")",
          R"(bots[0].id: expected 1 to 64 of A-Z a-z 0-9 _ -, got "has space")",
          "bots[0].defaults.max_entries: must be between 1 and 100, got 0"));
}

TEST(ConfigValidation, A_misspelt_key_is_an_unknown_key_with_a_suggestion) {
  const auto typo = load(R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
[bots.defaults]
max_entires = 3
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(
      messages(typo),
      ElementsAre(R"(unknown key bots[0].defaults.max_entires (did you mean "max_entries"?))"));
  EXPECT_EQ(typo.errors()[0].key, "bots[0].defaults.max_entires");
}

TEST(ConfigValidation, Unknown_sections_and_keys_of_another_broker_kind_are_errors) {
  const auto result = load_minimal_with(R"(
[tracing]
level = "debug"
[[brokers]]
name = "spot"
kind = "binance-spot"
api_key = "k"
api_secret = "s"
seed = 3
)");
  EXPECT_THAT(messages(result), ElementsAre("unknown key brokers[1].seed", "unknown key tracing"));
}

TEST(ConfigValidation, Logging_section_sets_format_file_rotation_and_level) {
  const auto result = load_minimal_with(R"(
[logging]
format = "json"
file = "/var/log/tvbot/tvbot.log"
max_size_mb = 20
max_files = 7
level = "debug"
)");
  ASSERT_TRUE(result.ok()) << result.error_report();
  const auto& logging = result.value().logging;
  EXPECT_EQ(logging.format, LogFormat::json);
  EXPECT_EQ(logging.file, "/var/log/tvbot/tvbot.log");
  EXPECT_EQ(logging.max_size_bytes, 20u * 1024 * 1024);
  EXPECT_EQ(logging.max_files, 7u);
  EXPECT_EQ(logging.level, "debug");

  const auto bad = load_minimal_with(R"(
[logging]
format = "xml"
max_files = 0
)");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors().size(), 2u) << bad.error_report();
}

TEST(ConfigValidation, Names_must_be_unique_and_bots_must_name_a_defined_broker) {
  const auto result = load(std::string(kMinimal) + R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "ALPHA"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "papr"
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(
          R"(brokers[1].name: "paper" is already the name of brokers[0])",
          R"(bots[1].id: "ALPHA" is already the id of bots[0] (ids are compared ignoring case))",
          R"(bots[1].broker: no broker named "papr" (defined: "paper", "paper"))"));
}

TEST(ConfigValidation, Bot_ids_that_name_tvbots_own_streams_are_refused) {
  const auto result = load(std::string(kMinimal) + R"(
[[bots]]
id = "Config"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(messages(result),
              ElementsAre(R"(bots[1].id: "Config" is reserved for tvbot's own streams; pick another id)"));
}

TEST(ConfigValidation, Hedge_mode_needs_a_broker_that_can_hold_both_sides) {
  const auto result = load(R"(
[[brokers]]
name = "spot"
kind = "binance-spot"
api_key_env = "TVBOT_ALPHA_SECRET"
api_secret_env = "TVBOT_ALPHA_SECRET"
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "spot"
mode = "hedge"
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(messages(result), ElementsAre(HasSubstr(R"(bots[0].mode: "hedge" needs a broker)")));
}

TEST(ConfigValidation, Numbers_must_be_in_range) {
  EXPECT_THAT(messages(load_minimal_with("[server]\nport = 70000\n")),
              ElementsAre("server.port: must be between 1 and 65535, got 70000"));
  EXPECT_THAT(messages(load_minimal_with("[server]\nport = \"8080\"\n")),
              ElementsAre("server.port: expected an integer, got a string"));
  EXPECT_THAT(messages(load_minimal_with("[server]\nlisten_address = \"localhost\"\n")),
              ElementsAre(HasSubstr("server.listen_address: expected an IP address")));
}

TEST(ConfigValidation, Admin_may_not_share_the_webhook_port) {
  const auto result = load(std::string(kMinimal) +
                               "[server]\nlisten_address = \"0.0.0.0\"\n"
                               "[admin]\nport = 8080\ntoken_env = \"T\"\n",
                           {{"TVBOT_ALPHA_SECRET", "x"}, {"T", "t"}});
  EXPECT_THAT(messages(result), ElementsAre("admin.port: 8080 is also server.port; pick another"));
}

TEST(ConfigValidation, Networks_must_parse_and_have_no_host_bits) {
  const auto result = load_minimal_with(R"(
[server]
trusted_proxies = ["10.0.0.0/8", "10.0.0/8", "10.1.2.3/8", "::1/129", "fd00::/8"]
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(
          HasSubstr(R"(server.trusted_proxies[1]: expected an IP address or network)"),
          R"(server.trusted_proxies[2]: host bits are set; did you mean "10.0.0.0/8"? (got "10.1.2.3/8"))",
          R"(server.trusted_proxies[3]: prefix length must be 0..128 (got "::1/129"))"));
}

TEST(ConfigValidation, A_syntax_error_reports_its_line) {
  const auto result = load("[server]\nport = 80 80\n");
  ASSERT_FALSE(result.ok());
  ASSERT_THAT(result.errors(), SizeIs(1));
  EXPECT_EQ(result.errors()[0].line, 2u);
  EXPECT_THAT(result.errors()[0].message, HasSubstr("syntax error"));
}

TEST(ConfigValidation, A_file_without_bots_or_that_cannot_be_read_is_an_error) {
  EXPECT_THAT(messages(load("")), ElementsAre("bots: missing; define at least one [[bots]] entry"));
  const auto missing = load_config_from_file("/nonexistent/tvbot.toml");
  EXPECT_THAT(messages(missing),
              ElementsAre(HasSubstr("cannot read config file /nonexistent/tvbot.toml")));
  EXPECT_EQ(missing.to_error().code, "invalid_config");
}

TEST(ConfigValidation, A_bot_needs_at_least_one_instrument_with_a_symbol) {
  const auto result = load(R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
instruments = [{ tradingview_tickers = ["X"] }, { symbol = "BTC/USD" }]
[[bots]]
id = "beta"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(HasSubstr("bots[0].instruments[0].symbol: missing"),
                  HasSubstr(R"(bots[0].instruments[1].symbol: expected the broker's symbol)"),
                  HasSubstr("bots[1].instruments: list at least one instrument")));
}

TEST(ConfigValidation, Sizing_needs_the_key_its_kind_uses) {
  EXPECT_THAT(messages(load_minimal_with("[bots.defaults]\nsizing = { kind = \"fixed\" }\n")),
              ElementsAre(R"(bots[0].defaults.sizing.qty: missing; kind = "fixed" needs qty)"));
  EXPECT_THAT(messages(load_minimal_with(
                  "[bots.defaults]\nsizing = { kind = \"fixed\", amount = \"1\", qty = \"1\" }\n")),
              ElementsAre("unknown key bots[0].defaults.sizing.amount"));
  EXPECT_THAT(messages(load_minimal_with("[bots.defaults]\nsizing = { qty = \"1\" }\n")),
              ElementsAre(HasSubstr("bots[0].defaults.sizing.kind: missing")));
}

// --- decimals -------------------------------------------------------------------------

TEST(ConfigDecimals, Decimals_written_as_strings_are_exact) {
  const auto result = load_minimal_with(R"(
[bots.defaults]
sizing = { kind = "fixed", qty = "0.00000001" }
max_position = "12345678.12345678"
stop_loss = "0.1%"
take_profit = "27000.5"
)");
  ASSERT_TRUE(result.ok()) << result.error_report();
  const TradingRules& rules = first_bot(result).defaults;
  EXPECT_EQ(std::get<FixedQuantity>(rules.sizing).qty.raw(), 1);
  EXPECT_EQ(rules.max_position->raw(), 1234567812345678);
  EXPECT_EQ(rules.stop_loss, (PriceLevel{true, Price::from_raw(1'000'000'000)}));
  EXPECT_EQ(rules.take_profit->value.to_string(), "27000.5");
}

TEST(ConfigDecimals, A_float_is_refused_with_the_exact_text_to_write_instead) {
  const auto result = load_minimal_with(R"(
[bots.defaults]
sizing = { kind = "fixed", qty = 0.015 }
stop_loss = 2.5
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(
          R"(bots[0].defaults.sizing.qty: write decimals as strings, e.g. "0.015", so no precision is lost)",
          R"(bots[0].defaults.stop_loss: write decimals as strings, e.g. "2.5", so no precision is lost)"));
}

TEST(ConfigDecimals, Integers_are_exact_decimals_too) {
  const auto result =
      load_minimal_with("[bots.defaults]\nsizing = { kind = \"quote\", amount = 100 }\n");
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_EQ(first_bot(result).defaults.sizing, Sizing(QuoteAmount{Money::parse("100").value()}));
}

TEST(ConfigDecimals, Zero_negative_too_precise_and_malformed_decimals_are_refused) {
  const auto result = load_minimal_with(R"(
[bots.defaults]
sizing = { kind = "fixed", qty = "0.000000001" }
max_position = "0"
take_profit = "-5%"
stop_loss = "abc"
[[brokers]]
name = "p2"
kind = "paper"
slippage_bps = "-1"
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(R"(brokers[1].slippage_bps: must not be negative)",
                  R"(bots[0].defaults.sizing.qty: "0.000000001" has more than 8 decimal places)",
                  "bots[0].defaults.max_position: must be greater than zero",
                  HasSubstr(R"(bots[0].defaults.stop_loss: expected a percentage such as "2%")"),
                  "bots[0].defaults.take_profit: must be greater than zero"));
}

TEST(ConfigDecimals, Percentages_stay_in_their_range) {
  EXPECT_THAT(
      messages(load_minimal_with(
          "[bots.defaults]\nsizing = { kind = \"equity_percent\", percent = \"100.5\" }\n")),
      ElementsAre(R"(bots[0].defaults.sizing.percent: must be at most 100, got "100.5")"));
  EXPECT_THAT(messages(load_minimal_with("[bots.defaults]\nstop_loss = \"100%\"\n")),
              ElementsAre("bots[0].defaults.stop_loss: a percentage here must be below 100%"));
  const auto full = load_minimal_with(
      "[bots.defaults]\nsizing = { kind = \"equity_percent\", percent = \"100\" }\n");
  ASSERT_TRUE(full.ok()) << full.error_report();
  EXPECT_EQ(first_bot(full).defaults.sizing, Sizing(EquityPercent{Ratio::parse("100").value()}));
}

// --- secrets --------------------------------------------------------------------------

TEST(ConfigSecrets, A_secret_comes_from_the_named_environment_variable) {
  const auto result = load(kMinimal);
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_EQ(first_bot(result).secret.reveal(), kAlphaSecret);
  EXPECT_EQ(first_bot(result).secret.origin(), "env TVBOT_ALPHA_SECRET");
}

TEST(ConfigSecrets, The_process_environment_is_used_by_default) {
  ::setenv("TVBOT_CONFIG_TEST_SECRET", "from-the-process", 1);
  std::string text(kMinimal);
  text.replace(text.find("TVBOT_ALPHA_SECRET"), 18, "TVBOT_CONFIG_TEST_SECRET");
  const auto result = load_config_from_string(text);
  ::unsetenv("TVBOT_CONFIG_TEST_SECRET");
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_EQ(first_bot(result).secret.reveal(), "from-the-process");
}

TEST(ConfigSecrets, A_missing_or_empty_variable_is_named_without_any_value) {
  EXPECT_THAT(
      messages(load(kMinimal, {})),
      ElementsAre("bots[0].secret_env: environment variable TVBOT_ALPHA_SECRET is not set"));
  EXPECT_THAT(messages(load(kMinimal, {{"TVBOT_ALPHA_SECRET", ""}})),
              ElementsAre("bots[0].secret_env: environment variable TVBOT_ALPHA_SECRET is empty"));
}

TEST(ConfigSecrets, A_secret_file_is_read_without_its_trailing_newline) {
  const auto path = write_temp_file("secret", "from-a-file\n");
  const auto result = load(R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret_file = ")" + path.string() +
                           R"("
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  std::filesystem::remove(path);
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_EQ(first_bot(result).secret.reveal(), "from-a-file");
  EXPECT_EQ(first_bot(result).secret.origin(), "file " + path.string());
}

TEST(ConfigSecrets, A_missing_secret_file_is_named) {
  std::string text(kMinimal);
  text.replace(text.find("secret_env = \"TVBOT_ALPHA_SECRET\""), 33,
               "secret_file = \"/nonexistent/x\"");
  EXPECT_THAT(
      messages(load(text)),
      ElementsAre(
          R"(bots[0].secret_file: cannot read "/nonexistent/x": No such file or directory)"));
}

TEST(ConfigSecrets, Exactly_one_source_and_plain_text_only_with_a_warning) {
  std::string both(kMinimal);
  both.insert(both.find("broker = \"paper\"\n\n[[bots.instruments]]"), "secret = \"abc\"\n");
  EXPECT_THAT(messages(load(both)),
              ElementsAre("bots[0].secret: set only one of secret, secret_env, secret_file"));
  std::string plain(kMinimal);
  plain.replace(plain.find("secret_env = \"TVBOT_ALPHA_SECRET\""), 33, "secret = \"plain-1234\"");
  const auto result = load(plain);
  ASSERT_TRUE(result.ok()) << result.error_report();
  EXPECT_EQ(first_bot(result).secret.origin(), "plain text in the config file");
  EXPECT_THAT(warning_messages(result),
              ElementsAre(HasSubstr("bots[0].secret: written in plain text")));
  std::string none(kMinimal);
  none.erase(none.find("secret_env = \"TVBOT_ALPHA_SECRET\""), 33);
  EXPECT_THAT(messages(load(none)),
              ElementsAre(HasSubstr("bots[0].secret: missing; set secret_env")));
}

TEST(ConfigSecrets, A_secret_is_never_printed) {
  const Secret secret("hunter2", "env X");
  std::ostringstream out;
  out << secret;
  EXPECT_EQ(out.str(), "***");
  EXPECT_EQ(::testing::PrintToString(secret), "***");
  EXPECT_TRUE(secret.matches("hunter2"));
  EXPECT_FALSE(secret.matches("hunter"));
  EXPECT_FALSE(secret.matches("hunter22"));
  EXPECT_FALSE(Secret().matches(""));
}

TEST(ConfigSecrets, Messages_and_the_summary_never_contain_a_secret_value) {
  const std::string leaked = "plain-secret-value-42";
  const auto bad = load(R"(
[telegram]
token = ")" + leaked + R"("
chat_id = 1.5
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret = 4242424242
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"
)");
  EXPECT_THAT(messages(bad), ElementsAre(HasSubstr("telegram.chat_id"),
                                         "bots[0].secret: expected a string, got an integer"));
  EXPECT_THAT(bad.error_report(), AllOf(Not(HasSubstr(leaked)), Not(HasSubstr("4242424242"))));
  EXPECT_THAT(warning_messages(bad), Not(Contains(HasSubstr(leaked))));

  const auto good =
      load(std::string(kMinimal) + "[telegram]\ntoken = \"" + leaked + "\"\nchat_id = 7\n");
  ASSERT_TRUE(good.ok()) << good.error_report();
  const std::string summary = good->redacted_summary();
  EXPECT_THAT(summary, AllOf(Not(HasSubstr(leaked)), Not(HasSubstr(kAlphaSecret)),
                             HasSubstr("secret from env TVBOT_ALPHA_SECRET"),
                             HasSubstr("token from plain text in the config file"),
                             HasSubstr("bot alpha: broker paper, one-way")));
}

TEST(ConfigSecrets, A_url_with_credentials_is_refused_without_quoting_it) {
  const auto result = load(std::string(kMinimal) + R"(
[telegram]
token_env = "TVBOT_ALPHA_SECRET"
chat_id = 1
api_base_url = "https://api.telegram.org/bot123:SECRET/"
[[brokers]]
name = "spot"
kind = "binance-spot"
base_url = "https://user:SECRET@api.binance.com"
api_key_env = "TVBOT_ALPHA_SECRET"
api_secret_env = "TVBOT_ALPHA_SECRET"
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(
          "telegram.api_base_url: must not contain credentials or a bot token; use the *_env keys",
          "brokers[1].base_url: must not contain credentials or a bot token; use the *_env keys"));
}

// --- networks and tickers -------------------------------------------------------------

TEST(ConfigNetworks, Cidr_contains_its_addresses_including_ipv4_mapped_ones) {
  const Cidr network = Cidr::parse("10.0.0.0/8").value();
  EXPECT_TRUE(network.contains("10.255.0.1"));
  EXPECT_TRUE(network.contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(network.contains("11.0.0.1"));
  EXPECT_FALSE(network.contains("not an address"));
  EXPECT_TRUE(Cidr::parse("2001:db8::/32")->contains("2001:db8::1"));
  EXPECT_EQ(Cidr::parse("192.168.1.7")->to_string(), "192.168.1.7/32");
  EXPECT_TRUE(is_loopback_address("::1"));
}

TEST(ConfigNetworks, The_tradingview_preset_lists_its_webhook_addresses) {
  std::string text(kMinimal);
  text.insert(text.find("[[bots.instruments]]"), "ip_allowlist = [\"tradingview\"]\n");
  const auto result = load(text);
  ASSERT_TRUE(result.ok()) << result.error_report();
  const auto& allowlist = first_bot(result).ip_allowlist;
  ASSERT_THAT(allowlist, SizeIs(4));
  EXPECT_TRUE(allowlist[0].contains("52.89.214.238"));
}

ConfigResult bot_with_two_instruments(bool strict) {
  return load(std::string(R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
strict_tickers = )") +
              (strict ? "true" : "false") + R"(
[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BINANCE:BTCUSDT.P", "XBTUSD"]
[[bots.instruments]]
symbol = "ETHUSDT"
)");
}

TEST(ConfigTickers, Listed_tickers_and_the_bare_symbol_map_ignoring_case) {
  const auto result = bot_with_two_instruments(false);
  ASSERT_TRUE(result.ok()) << result.error_report();
  const BotConfig& bot = first_bot(result);
  EXPECT_EQ(bot.instrument_for_ticker("BINANCE:BTCUSDT.P")->symbol, "BTCUSDT");
  EXPECT_EQ(bot.instrument_for_ticker("binance:btcusdt.p")->symbol, "BTCUSDT");
  EXPECT_EQ(bot.instrument_for_ticker("xbtusd")->symbol, "BTCUSDT");
  EXPECT_EQ(bot.instrument_for_ticker("ETHUSDT")->symbol, "ETHUSDT");
  EXPECT_EQ(bot.instrument_for_ticker("SOLUSDT"), nullptr);
  EXPECT_EQ(bot.instrument_for_ticker(""), nullptr);
}

TEST(ConfigTickers, Unlisted_tickers_lose_exchange_prefix_and_perpetual_suffix_unless_strict) {
  const auto lenient = bot_with_two_instruments(false);
  ASSERT_TRUE(lenient.ok()) << lenient.error_report();
  EXPECT_EQ(first_bot(lenient).instrument_for_ticker("BYBIT:ETHUSDT.P")->symbol, "ETHUSDT");
  EXPECT_EQ(first_bot(lenient).instrument_for_ticker("COINBASE:ethusdt")->symbol, "ETHUSDT");
  EXPECT_EQ(first_bot(lenient).instrument_for_ticker("BYBIT:XBTUSD")->symbol, "BTCUSDT");
  EXPECT_EQ(first_bot(lenient).instrument_for_ticker("BYBIT:"), nullptr);
  const auto strict = bot_with_two_instruments(true);
  ASSERT_TRUE(strict.ok()) << strict.error_report();
  EXPECT_EQ(first_bot(strict).instrument_for_ticker("BYBIT:ETHUSDT.P"), nullptr);
  EXPECT_EQ(first_bot(strict).instrument_for_ticker("ethusdt")->symbol, "ETHUSDT");
}

TEST(ConfigTickers, A_name_that_leads_to_two_instruments_is_an_error) {
  const auto result = load(R"(
[[brokers]]
name = "paper"
kind = "paper"
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BTCUSDT.P", "BTCUSDT"]
[[bots.instruments]]
symbol = "BTCUSD"
tradingview_tickers = ["btcusdt.p"]
[[bots.instruments]]
symbol = "btcusdt"
)");
  EXPECT_THAT(
      messages(result),
      ElementsAre(
          R"(bots[0].instruments[1].tradingview_tickers[0]: "btcusdt.p" already leads to "BTCUSDT" (bots[0].instruments[0].tradingview_tickers[0]); a ticker must map to one symbol)",
          HasSubstr(R"(bots[0].instruments[2].symbol: "btcusdt" already leads to "BTCUSDT")")));
}

// --- telegram delivery (read_telegram.cpp) ---------------------------------------------

TEST(ConfigTelegram, Delivery_keys_default_to_telegrams_limits_and_are_validated) {
  const auto defaults = load(std::string(kMinimal) + "[telegram]\ntoken_env = \"TG\"\nchat_id = 7\n",
                             {{"TVBOT_ALPHA_SECRET", "x"}, {"TG", "1:a"}});
  ASSERT_TRUE(defaults.ok()) << defaults.error_report();
  EXPECT_EQ(defaults->telegram.queue_size, 1000u);
  EXPECT_EQ(defaults->telegram.messages_per_second, 30u);
  EXPECT_EQ(defaults->telegram.group_messages_per_minute, 20u);
  EXPECT_EQ(defaults->telegram.chat_burst, 3u);
  EXPECT_EQ(defaults->telegram.daily_summary, "");
  EXPECT_EQ(defaults->telegram.ca_file, "");

  const std::string ca = source_path("CMakeLists.txt");  // any readable file
  const auto set = load(std::string(kMinimal) + "[telegram]\ntoken_env = \"TG\"\nchat_id = 7\n" +
                            "ca_file = \"" + ca + "\"\nqueue_size = 50\ndaily_summary = \"20:05\"\n" +
                            "messages_per_second = 10\ngroup_messages_per_minute = 5\nchat_burst = 1\n",
                        {{"TVBOT_ALPHA_SECRET", "x"}, {"TG", "1:a"}});
  ASSERT_TRUE(set.ok()) << set.error_report();
  EXPECT_EQ(set->telegram.ca_file, ca);
  EXPECT_EQ(set->telegram.queue_size, 50u);
  EXPECT_EQ(set->telegram.daily_summary, "20:05");
  EXPECT_EQ(set->telegram.messages_per_second, 10u);
  EXPECT_EQ(set->telegram.group_messages_per_minute, 5u);
  EXPECT_EQ(set->telegram.chat_burst, 1u);

  const auto bad = load(std::string(kMinimal) + R"([telegram]
token_env = "TG"
chat_id = 7
ca_file = "/nonexistent/ca.pem"
queue_size = 0
daily_summary = "25:00"
messages_per_second = 31
)",
                        {{"TVBOT_ALPHA_SECRET", "x"}, {"TG", "1:a"}});
  EXPECT_THAT(messages(bad), ElementsAre(HasSubstr("telegram.ca_file"), HasSubstr("telegram.queue_size"),
                                         HasSubstr("telegram.daily_summary"),
                                         HasSubstr("telegram.messages_per_second")));
}

TEST(ConfigTelegram, Token_and_chat_id_may_come_from_the_environment) {
  const auto from_env = load(std::string(kMinimal) + "[telegram]\n",
                             {{"TVBOT_ALPHA_SECRET", "x"},
                              {"TVBOT_TELEGRAM_BOT_TOKEN", "123:env"},
                              {"TVBOT_TELEGRAM_CHAT_ID", "-100777"}});
  ASSERT_TRUE(from_env.ok()) << from_env.error_report();
  EXPECT_EQ(from_env->telegram.bot_token->reveal(), "123:env");
  EXPECT_EQ(from_env->telegram.bot_token->origin(), "env TVBOT_TELEGRAM_BOT_TOKEN");
  EXPECT_EQ(from_env->telegram.chat_id, "-100777");

  // What the file says wins over the environment.
  const auto from_file = load(std::string(kMinimal) + "[telegram]\ntoken_env = \"TG\"\nchat_id = 5\n",
                              {{"TVBOT_ALPHA_SECRET", "x"},
                               {"TG", "1:file"},
                               {"TVBOT_TELEGRAM_BOT_TOKEN", "123:env"},
                               {"TVBOT_TELEGRAM_CHAT_ID", "-100777"}});
  ASSERT_TRUE(from_file.ok()) << from_file.error_report();
  EXPECT_EQ(from_file->telegram.bot_token->reveal(), "1:file");
  EXPECT_EQ(from_file->telegram.chat_id, "5");

  const auto neither = load(std::string(kMinimal) + "[telegram]\n");
  EXPECT_THAT(messages(neither),
              ElementsAre(HasSubstr("TVBOT_TELEGRAM_BOT_TOKEN"), HasSubstr("TVBOT_TELEGRAM_CHAT_ID")));
  // A disabled section needs neither.
  EXPECT_TRUE(load(std::string(kMinimal) + "[telegram]\nenabled = false\n").ok());
}

}  // namespace
}  // namespace tvbot::config
