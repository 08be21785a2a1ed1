// The three price feeds, and the paper broker driven by them: deterministic from the seed.
#include <fstream>
#include <set>

#include "brokers/paper/csv_price_feed.hpp"
#include "brokers/paper/random_walk_feed.hpp"
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

std::vector<std::vector<PriceTick>> run_walk(std::uint64_t seed, RandomWalkConfig config,
                                             int steps) {
  RandomWalkFeed feed(seed, config,
                      {{"BTCUSDT", px("30000"), px("0.01")}, {"ETHUSDT", px("2000"), px("0.01")}});
  std::vector<std::vector<PriceTick>> path;
  for (int i = 0; i < steps; ++i) path.push_back(feed.next_step());
  return path;
}

std::filesystem::path write_temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path) << text;
  return path;
}

TEST(SeededRandom, Uniform_draws_stay_in_range_and_reach_every_value) {
  SeededRandom random(1);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto draw = random.uniform(-2, 2);
    ASSERT_GE(draw, -2);
    ASSERT_LE(draw, 2);
    seen.insert(draw);
  }
  EXPECT_EQ(seen, (std::set<std::int64_t>{-2, -1, 0, 1, 2}));
}

TEST(RandomWalkFeed, The_same_seed_walks_the_same_path_and_another_seed_does_not) {
  const RandomWalkConfig config{10, 2000};
  EXPECT_EQ(run_walk(7, config, 200), run_walk(7, config, 200));
  EXPECT_NE(run_walk(7, config, 200), run_walk(8, config, 200));
}

TEST(RandomWalkFeed, Every_step_is_at_most_max_step_bps_on_the_tick_and_inside_the_band) {
  // Band 1% around 30000: [29700, 30300]. A step is at most 10 bps, plus half a tick.
  const auto path = run_walk(3, RandomWalkConfig{10, 100}, 2000);
  Price previous = px("30000");
  for (const auto& step : path) {
    ASSERT_EQ(step.size(), 2u);
    ASSERT_EQ(step[0].symbol, "BTCUSDT");  // sorted by symbol
    const auto price = step[0].price;
    ASSERT_GE(price, px("29700"));
    ASSERT_LE(price, px("30300"));
    ASSERT_EQ(price.raw() % px("0.01").raw(), 0);
    const auto limit =
        mul_div<Price>(previous, Ratio::from_int(10), Ratio::from_int(10'000)) + px("0.005");
    ASSERT_LE((price - previous).abs(), limit);
    previous = price;
  }
}

TEST(RandomWalkFeed, Steps_larger_than_the_band_are_clamped_to_its_edges) {
  // Steps up to 1% in a band of 0.5%: [29850, 30150]; the walk must sit on an edge sometimes.
  const auto path = run_walk(5, RandomWalkConfig{100, 50}, 200);
  bool touched_edge = false;
  for (const auto& step : path) {
    ASSERT_GE(step[0].price, px("29850"));
    ASSERT_LE(step[0].price, px("30150"));
    touched_edge = touched_edge || step[0].price == px("29850") || step[0].price == px("30150");
  }
  EXPECT_TRUE(touched_edge);
}

TEST(CsvPriceFeed, Rows_with_the_same_time_form_one_step) {
  const auto path = write_temp_file(
      "prices_all.csv",
      "time,symbol,price\n1,BTCUSDT,30000.5\n1,ETHUSDT,2000\n\n2,BTCUSDT,30010\r\n");
  auto feed = CsvPriceFeed::load({CsvPriceSource{path, std::nullopt}});
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_EQ((*feed)->next_step(),
            (std::vector<PriceTick>{{"BTCUSDT", px("30000.5")}, {"ETHUSDT", px("2000")}}));
  EXPECT_EQ((*feed)->next_step(), (std::vector<PriceTick>{{"BTCUSDT", px("30010")}}));
  EXPECT_TRUE((*feed)->next_step().empty());
}

TEST(CsvPriceFeed, Per_symbol_files_are_merged_by_time) {
  const auto btc = write_temp_file("btc.csv", "1,100\n3,102\n");
  const auto eth = write_temp_file("eth.csv", "time,price\n2,10\n3,11\n");
  auto feed = CsvPriceFeed::load({CsvPriceSource{btc, "BTCUSDT"}, CsvPriceSource{eth, "ETHUSDT"}});
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_EQ((*feed)->next_step(), (std::vector<PriceTick>{{"BTCUSDT", px("100")}}));
  EXPECT_EQ((*feed)->next_step(), (std::vector<PriceTick>{{"ETHUSDT", px("10")}}));
  EXPECT_EQ((*feed)->next_step(),
            (std::vector<PriceTick>{{"BTCUSDT", px("102")}, {"ETHUSDT", px("11")}}));
}

TEST(CsvPriceFeed, Bad_files_fail_at_load_with_the_line_that_is_wrong) {
  const auto bad_price = write_temp_file("bad_price.csv", "1,BTCUSDT,100\n2,BTCUSDT,1O1\n");
  const auto backwards = write_temp_file("backwards.csv", "2,BTCUSDT,100\n1,BTCUSDT,101\n");
  const auto short_row = write_temp_file("short_row.csv", "1,100\n");

  const auto price_error = CsvPriceFeed::load({CsvPriceSource{bad_price, std::nullopt}});
  ASSERT_FALSE(price_error.ok());
  EXPECT_EQ(price_error.error().code, "csv");
  EXPECT_NE(price_error.error().message.find("bad_price.csv:2:"), std::string::npos);
  EXPECT_EQ(CsvPriceFeed::load({CsvPriceSource{backwards, std::nullopt}}).error().code, "csv");
  EXPECT_EQ(CsvPriceFeed::load({CsvPriceSource{short_row, std::nullopt}}).error().code, "csv");
  EXPECT_EQ(
      CsvPriceFeed::load({CsvPriceSource{"/nonexistent/prices.csv", std::nullopt}}).error().code,
      "io");
}

TEST(PaperBrokerFeed, A_csv_feed_moves_prices_and_fills_resting_orders_until_it_runs_out) {
  const auto path =
      write_temp_file("replay.csv", "1,BTCUSDT,29950\n1,DOGEUSDT,0.1\n2,BTCUSDT,29890\n");
  auto config = spot_config();
  config.feed = CsvFeedConfig{{CsvPriceSource{path, std::nullopt}}};
  auto broker = make_broker(config);
  (void)place(*broker, limit_order("l", Side::buy, qty("1"), px("29900")));

  EXPECT_TRUE(broker->advance_feed());  // DOGEUSDT is not traded: skipped
  EXPECT_EQ(*broker->last_price("BTCUSDT"), px("29950"));
  EXPECT_TRUE(broker->fills().empty());
  EXPECT_TRUE(broker->advance_feed());
  EXPECT_EQ(broker->query_order("BTCUSDT", "l")->value().status, OrderStatus::filled);
  EXPECT_FALSE(broker->advance_feed());
}

std::vector<PaperFill> trade_on_random_walk(std::uint64_t seed) {
  auto config = spot_config();
  config.seed = seed;
  config.feed = RandomWalkConfig{20, 500};
  config.liquidity_per_step = qty("0.2");
  auto broker = make_broker(config);
  (void)place(*broker, limit_order("dip", Side::buy, qty("1"), px("29950")));
  (void)place(*broker, stop_order("breakout", Side::buy, qty("0.5"), px("30050")));
  for (int i = 0; i < 300; ++i) {
    if (!broker->advance_feed()) ADD_FAILURE() << "a random walk never runs out";
    if (i == 100) (void)place(*broker, market_order("m", Side::buy, qty("0.7")));
  }
  return broker->fills();
}

TEST(PaperBrokerFeed, The_same_seed_gives_the_same_fills_and_another_seed_other_fills) {
  const auto first = trade_on_random_walk(11);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, trade_on_random_walk(11));
  EXPECT_NE(first, trade_on_random_walk(12));
}

}  // namespace
}  // namespace tvbot::testing
