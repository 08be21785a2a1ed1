#pragma once
// Shared by the actor tests: a real event log in a temporary directory, a real paper broker
// (behind a counting decorator, so a test can tell a placement from a query), a real CAF
// engine, and bounded waits. Waits poll the log or wait on a reply's future with a
// deadline: a bug shows as a failed test, never as a hang or a lucky sleep.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "actors/engine.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "storage/event_log.hpp"
#include "storage/event_store.hpp"

#include "tests/support/scratch_dir.hpp"

namespace tvbot::actors::testing {

inline constexpr auto kDeadline = std::chrono::seconds(15);

inline Price px(const char* text) { return Price::parse_exact(text).value(); }
inline Quantity qty(const char* text) { return Quantity::parse_exact(text).value(); }
inline Money money(const char* text) { return Money::parse_exact(text).value(); }
inline Ratio bps(const char* text) { return Ratio::parse_exact(text).value(); }

class TempDir : public test_support::ScratchDir {
 public:
  TempDir() : ScratchDir("actors") {}
};

// Spot BTCUSDT at 30000: tick 0.01, lot 0.001; taker fee 10 bps, maker 2 bps, slippage 5 bps;
// 100000 USDT. A market buy at 30000 fills at 30015, a sell at 29985.
inline PaperBrokerConfig paper_config() {
  PaperBrokerConfig config;
  config.seed = 7;
  config.fees = PaperFees{bps("2"), bps("10")};
  config.slippage_bps = bps("5");
  config.initial_balances = {{"USDT", money("100000")}};
  config.instruments = {PaperInstrument{
      "BTCUSDT", "BTC", "USDT",
      InstrumentRules{px("0.01"), qty("0.001"), qty("0.001"), qty("100"), money("10")},
      px("30000")}};
  return config;
}

// Forwards to one PaperBroker and counts the calls, so a test can say "queried, never
// placed again". Several engines in a row may wrap the same PaperBroker.
class CountingBroker final : public Broker {
 public:
  explicit CountingBroker(std::shared_ptr<PaperBroker> paper) : paper_(std::move(paper)) {}

  Result<OrderReport> place_order(const OrderRequest& request) override {
    count(places_, request.client_order_id);
    return paper_->place_order(request);
  }
  Result<OrderReport> cancel_order(std::string_view symbol, std::string_view id) override {
    return paper_->cancel_order(symbol, id);
  }
  Result<std::optional<OrderReport>> query_order(std::string_view symbol,
                                                 std::string_view id) override {
    count(queries_, std::string(id));
    return paper_->query_order(symbol, id);
  }
  Result<std::vector<OrderReport>> open_orders(std::optional<std::string_view> symbol) override {
    return paper_->open_orders(symbol);
  }
  Result<std::vector<BrokerPosition>> positions() override { return paper_->positions(); }
  Result<std::vector<Balance>> balances() override { return paper_->balances(); }
  Result<Price> last_price(std::string_view symbol) override {
    count(prices_, std::string(symbol));
    return paper_->last_price(symbol);
  }
  Result<std::vector<SymbolPrice>> last_prices(const std::vector<std::string>& symbols) override {
    return paper_->last_prices(symbols);
  }
  Result<InstrumentRules> instrument_rules(std::string_view symbol) override {
    return paper_->instrument_rules(symbol);
  }

  int places(const std::string& id) const { return read(places_, id); }
  int queries(const std::string& id) const { return read(queries_, id); }
  int price_queries() const { return read(prices_, "BTCUSDT"); }

 private:
  void count(std::map<std::string, int>& counts, const std::string& key) {
    std::lock_guard lock(mutex_);
    ++counts[key];
  }
  int read(const std::map<std::string, int>& counts, const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = counts.find(key);
    return it == counts.end() ? 0 : it->second;
  }

  std::shared_ptr<PaperBroker> paper_;
  mutable std::mutex mutex_;
  std::map<std::string, int> places_, queries_, prices_;
};

// Polls `done` until it holds or the deadline passes.
inline bool wait_until(const std::function<bool()>& done,
                       std::chrono::milliseconds deadline = kDeadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // polling interval, not a sync
  }
  return true;
}

template <class Payload>
std::vector<Payload> all_of(const std::vector<Event>& events) {
  std::vector<Payload> found;
  for (const auto& event : events) {
    if (const auto* payload = std::get_if<Payload>(&event.payload)) found.push_back(*payload);
  }
  return found;
}

// Event type names in stream order, for asserting a whole sequence at once.
inline std::vector<std::string> type_names(const std::vector<Event>& events) {
  std::vector<std::string> names;
  for (const auto& event : events) names.emplace_back(event_type_name(event.payload));
  return names;
}

// Fast retries so failure paths finish within a test.
inline EngineOptions fast_options() {
  EngineOptions options;
  options.scheduler_threads = 2;
  options.gateway.worker_threads = 2;
  options.gateway.call_timeout = std::chrono::milliseconds(2000);
  options.gateway.first_backoff = std::chrono::milliseconds(5);
  options.gateway.max_backoff = std::chrono::milliseconds(50);
  options.gateway.poll_interval = std::chrono::milliseconds(10);
  return options;
}

// One bot ("bot1") trading BTCUSDT on broker "paper", a log, a paper broker and the engine.
// Restart tests stop the engine and start a new one on the same log and PaperBroker.
class EngineFixture : public ::testing::Test {
 protected:
  static constexpr const char* kStream = "bot1/BTCUSDT";

  EngineFixture() {
    auto log = storage::EventLog::open(dir_.path() / "log", storage::EventLogOptions{});
    if (!log.ok()) throw std::runtime_error(log.error().message);
    log_ = std::move(log).value();
    store_ = std::make_unique<storage::EventStore>(*log_);
    auto paper = PaperBroker::create(paper_config());
    if (!paper.ok()) throw std::runtime_error(paper.error().message);
    paper_ = std::shared_ptr<PaperBroker>(std::move(paper).value());
    settings_.bot_id = "bot1";
    settings_.symbol = "BTCUSDT";
    settings_.quote_asset = "USDT";
    settings_.position.max_entries = 3;
    settings_.position.lot_step = qty("0.001");
  }
  ~EngineFixture() override { stop(); }

  // A new engine, with a new counting decorator around the same PaperBroker.
  void start(EngineOptions options = fast_options()) {
    counting_ = std::make_shared<CountingBroker>(paper_);
    auto resolver = [this](std::string_view bot, std::string_view ticker)
        -> std::optional<InstrumentRoute> {
      if (bot != "bot1") return std::nullopt;
      if (ticker != "BINANCE:BTCUSDT" && ticker != "BTCUSDT") return std::nullopt;
      return InstrumentRoute{settings_, "paper"};
    };
    auto engine = Engine::start(options, *store_, {{"paper", counting_}}, resolver);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(engine).value();
  }
  void stop() {
    if (engine_) engine_->shutdown();
    engine_.reset();
  }

  AlertIntake alert(Action action, const char* quantity = nullptr, std::string dedupe_key = "") {
    AlertIntake intake;
    intake.bot_id = "bot1";
    intake.signal.action = action;
    intake.signal.ticker = "BINANCE:BTCUSDT";
    if (quantity != nullptr) intake.signal.qty = qty(quantity);
    intake.raw_body = R"({"action":")" + std::string(to_string(action)) + "\"}";
    intake.source_ip = "52.89.214.238";
    intake.dedupe_key = dedupe_key.empty() ? "key-" + std::to_string(++alerts_sent_) : dedupe_key;
    intake.request_id = "req-" + std::to_string(alerts_sent_);
    return intake;
  }

  // Submits and waits for the reply; a missing reply fails the test.
  AlertOutcome send(AlertIntake intake) {
    if (!engine_) {
      ADD_FAILURE() << "no engine";
      return AlertOutcome{0, ""};
    }
    auto reply = std::make_shared<std::promise<AlertOutcome>>();
    auto answered = reply->get_future();
    engine_->submit_alert(std::move(intake), [reply](AlertOutcome outcome) {
      reply->set_value(std::move(outcome));
    });
    if (answered.wait_for(kDeadline) != std::future_status::ready) {
      ADD_FAILURE() << "no reply to an alert";
      return AlertOutcome{0, ""};
    }
    return answered.get();
  }

  std::vector<Event> events() const {
    auto events = store_->read_stream(kStream);
    EXPECT_TRUE(events.ok()) << events.error().message;
    return events.ok() ? std::move(events).value() : std::vector<Event>{};
  }

  template <class Payload>
  std::size_t count_of() const {
    return all_of<Payload>(events()).size();
  }

  // Waits until the stream holds at least `n` events of the type.
  template <class Payload>
  [[nodiscard]] bool wait_for(std::size_t n = 1) const {
    return wait_until([&] { return count_of<Payload>() >= n; });
  }

  StreamState state() const {
    auto loaded = store_->load_state(kStream);
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? loaded->state : StreamState{};
  }

  void set_price(const char* price) {
    auto status = paper_->set_price("BTCUSDT", px(price));
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<storage::EventStore> store_;
  std::shared_ptr<PaperBroker> paper_;
  std::shared_ptr<CountingBroker> counting_;
  StreamSettings settings_;
  std::unique_ptr<Engine> engine_;
  int alerts_sent_ = 0;
};

}  // namespace tvbot::actors::testing
