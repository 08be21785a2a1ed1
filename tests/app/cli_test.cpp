// The `tvbot` audit commands (events, replay, demo) as a user runs them: the real binary,
// real event logs in temporary directories, stdout, stderr and the exit status (0 ok,
// 1 failure, 2 bad input). Every number is computed by hand in the comments next to it.
// Over 300 lines because it is one ctest entry for the whole command line; sections follow
// the commands: demo + replay, events, replay --fills, bad input, damaged logs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>

#include "cli_test_support.hpp"
#include "events/codec.hpp"
#include "events/position_fold.hpp"
#include "storage/event_store.hpp"
#include "storage/keys.hpp"

namespace tvbot::app {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using clitest::after_table;
using clitest::lines_of;
using clitest::Row;
using clitest::Outcome;
using clitest::table_of;
using clitest::TempDir;
using clitest::tvbot;

constexpr int kFailure = 1;
constexpr int kBadInput = 2;

// --- shared logs, written once --------------------------------------------------------------

// `tvbot demo` (the spec's pyramid, partial close, reversal and close) and a log written here
// with two interleaved streams: global 1 alpha/1, 2 beta/1, 3 alpha/2, 4 beta/2, 5 beta/3.
class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dirs_ = new TempDir;
    const Outcome demo = tvbot({"demo", "--data", demo_dir()});
    ASSERT_EQ(demo.exit_code, 0) << demo;
    write_two_streams(two_streams_dir());
  }
  static void TearDownTestSuite() {
    delete dirs_;
    dirs_ = nullptr;
  }

  static std::string demo_dir() { return *dirs_ / "demo"; }
  static std::string two_streams_dir() { return *dirs_ / "two"; }

  static void write_two_streams(const std::string& dir) {
    storage::EventLogOptions options;
    options.log_id = "cli-test";
    auto log = storage::EventLog::open(dir, options);
    ASSERT_TRUE(log.ok()) << log.error().message;
    storage::EventStore store(**log);
    const Timestamp time = parse_timestamp("2026-11-24T12:00:00Z").value();
    const std::pair<const char*, EventPayload> appends[] = {
        {"alpha/BTCUSDT", BotPaused{"a1"}}, {"beta/ETHUSDT", BotPaused{"b1"}},
        {"alpha/BTCUSDT", BotResumed{"a2"}}, {"beta/ETHUSDT", BotResumed{"b2"}},
        {"beta/ETHUSDT", BotPaused{"b3"}}};
    for (const auto& [stream, payload] : appends) {
      auto appended = store.append(stream, (*log)->stream_version(stream), {payload}, time);
      ASSERT_TRUE(appended.ok()) << appended.error().message;
    }
  }

  // A copy of the demo log to damage.
  static std::string copy_of_demo(const TempDir& where) {
    const std::string copy = where / "copy";
    std::filesystem::copy(demo_dir(), copy, std::filesystem::copy_options::recursive);
    return copy;
  }

  static TempDir* dirs_;
};
TempDir* CliTest::dirs_ = nullptr;

std::vector<Event> decoded_lines(const std::string& out) {
  std::vector<Event> events;
  for (const auto& line : lines_of(out)) {
    auto event = decode_event(line);
    EXPECT_TRUE(event.ok()) << line << ": " << event.error().message;
    if (!event.ok()) continue;
    EXPECT_EQ(encode_event(*event), line) << "not the codec's own text";
    events.push_back(std::move(event).value());
  }
  return events;
}

// --- demo, then replay ----------------------------------------------------------------------

TEST_F(CliTest, Demo_reports_the_events_it_wrote_and_how_to_see_them) {
  TempDir dir;
  const Outcome run = tvbot({"demo", "--data", dir / "new/log"});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, StartsWith("wrote 25 events to stream demo/BTCUSDT in " + dir / "new/log"));
  EXPECT_THAT(run.out,
              HasSubstr("tvbot replay --data " + dir / "new/log" + " --stream demo/BTCUSDT"));
  EXPECT_EQ(run.err, "");
}

// Fees are 0.1 % of notional. Entries 0.01 @ 30000, 0.02 @ 31000, 0.03 @ 29500:
//   avg after two   = (300 + 620) / 0.03  = 30666.666.. -> 30666.6666666667 (10 places, half-even)
//   avg after three = (300 + 620 + 885) / 0.06 = 1805 / 0.06 = 30083.333.. -> 30083.3333333333
// close 0.02 @ 31000: (31000 - 30083.3333333333) x 0.02 = 18.333333333334 -> 18.33333333 (8 places)
// sell 0.02 @ 30500 while long 0.04 is one 0.06 order: closes 0.04 for
//   (30500 - 30083.3333333333) x 0.04 = 16.666666666668 -> 16.66666667 (gross 35), opens short 0.02
// close 0.02 @ 30000 from 30500 short: +10 -> gross 45
// fees 0.3 + 0.62 + 0.885 + 0.62 + 1.83 + 0.6 = 4.855; net 45 - 4.855 = 40.145
TEST_F(CliTest, Replay_of_the_demo_shows_the_position_after_every_event) {
  const Outcome run = tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const std::string long1 = "long 0.01 @ 30000", long3 = "long 0.03 @ 30666.6666666667",
                    long6 = "long 0.06 @ 30083.3333333333", long4 = "long 0.04 @ 30083.3333333333",
                    short2 = "short 0.02 @ 30500";
  const std::vector<Row> expected = {
      {"#1 AlertReceived", "flat", "0", "0", "0"},
      {"#2 OrderRequested", "flat", "0", "0", "0"},
      {"#3 OrderFilled", "flat", "0", "0", "0"},
      {"#4 PositionOpened", long1, "0", "0.3", "-0.3"},
      {"#5 AlertReceived", long1, "0", "0.3", "-0.3"},
      {"#6 OrderRequested", long1, "0", "0.3", "-0.3"},
      {"#7 OrderFilled", long1, "0", "0.3", "-0.3"},
      {"#8 PositionIncreased", long3, "0", "0.92", "-0.92"},  // fees 0.3 + 0.62
      {"#9 AlertReceived", long3, "0", "0.92", "-0.92"},
      {"#10 OrderRequested", long3, "0", "0.92", "-0.92"},
      {"#11 OrderFilled", long3, "0", "0.92", "-0.92"},
      {"#12 PositionIncreased", long6, "0", "1.805", "-1.805"},  // + 0.885
      {"#13 AlertReceived", long6, "0", "1.805", "-1.805"},
      {"#14 OrderRequested", long6, "0", "1.805", "-1.805"},
      {"#15 OrderFilled", long6, "0", "1.805", "-1.805"},
      // + 0.62 = 2.425; net 18.33333333 - 2.425
      {"#16 PositionReduced", long4, "18.33333333", "2.425", "15.90833333"},
      {"#17 AlertReceived", long4, "18.33333333", "2.425", "15.90833333"},
      {"#18 OrderRequested", long4, "18.33333333", "2.425", "15.90833333"},
      {"#19 OrderFilled", long4, "18.33333333", "2.425", "15.90833333"},
      // the 1.83 fee splits by quantity: 0.04/0.06 of it (1.22) closes, 0.02/0.06 (0.61) opens
      {"#20 PositionClosed", "flat", "35", "3.645", "31.355"},
      {"#21 PositionOpened", short2, "35", "4.255", "30.745"},
      {"#22 AlertReceived", short2, "35", "4.255", "30.745"},
      {"#23 OrderRequested", short2, "35", "4.255", "30.745"},
      {"#24 OrderFilled", short2, "35", "4.255", "30.745"},
      {"#25 PositionClosed", "flat", "45", "4.855", "40.145"},
  };
  EXPECT_THAT(table_of(run.out), ElementsAreArray(expected));
  EXPECT_THAT(after_table(run.out),
              ElementsAre("final state of demo/BTCUSDT at stream seq 25:",
                          "  position:        flat", "  realized gross:  45",
                          "  fees paid:       4.855", "  realized net:    40.145",
                          "  orders in flight: 0", "  paused:          no"));
  EXPECT_EQ(run.err, "");
}

TEST_F(CliTest, Replay_until_a_stream_seq_stops_after_that_event) {
  const Outcome run =
      tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--until", "16"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto rows = table_of(run.out);
  ASSERT_EQ(rows.size(), 16u);
  EXPECT_EQ(rows.back(), (Row{"#16 PositionReduced", "long 0.04 @ 30083.3333333333",
                              "18.33333333", "2.425", "15.90833333"}));
  EXPECT_THAT(after_table(run.out),
              ElementsAre("final state of demo/BTCUSDT at stream seq 16:",
                          "  position:        long 0.04 @ 30083.3333333333",
                          "  realized gross:  18.33333333", "  fees paid:       2.425",
                          "  realized net:    15.90833333", "  orders in flight: 0",
                          "  paused:          no"));
}

TEST_F(CliTest, Replay_until_seq_2_shows_the_first_order_still_in_flight) {
  const Outcome run =
      tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--until", "2"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(table_of(run.out).size(), 2u);
  EXPECT_THAT(after_table(run.out), ::testing::Contains("  orders in flight: 1"));
}

// The demo stamps its first event 09:00 and adds a minute per append; a fill and the position
// event it causes share one append: #11 OrderFilled and #12 PositionIncreased are both 09:08.
TEST_F(CliTest, Replay_until_a_time_includes_every_event_of_that_instant) {
  const Outcome run = tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--until",
                         "2026-11-24T09:08:00Z"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto rows = table_of(run.out);
  ASSERT_EQ(rows.size(), 12u);
  EXPECT_EQ(rows.back(),
            (Row{"#12 PositionIncreased", "long 0.06 @ 30083.3333333333", "0", "1.805", "-1.805"}));
  EXPECT_THAT(after_table(run.out),
              ::testing::Contains("final state of demo/BTCUSDT at stream seq 12:"));
}

// 10:13:59+01:00 is 09:13:59Z: through #18 (the reversal's order, 09:13), which is in flight.
TEST_F(CliTest, Replay_until_a_time_with_an_offset_compares_in_utc) {
  const Outcome run = tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--until",
                         "2026-11-24T10:13:59+01:00"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(table_of(run.out).size(), 18u);
  EXPECT_THAT(after_table(run.out),
              ElementsAre("final state of demo/BTCUSDT at stream seq 18:",
                          "  position:        long 0.04 @ 30083.3333333333",
                          "  realized gross:  18.33333333", "  fees paid:       2.425",
                          "  realized net:    15.90833333", "  orders in flight: 1",
                          "  paused:          no"));
}

TEST_F(CliTest, Replay_reads_a_data_dir_that_keeps_the_log_in_its_events_folder) {
  TempDir dir;
  ASSERT_EQ(tvbot({"demo", "--data", dir / "events"}).exit_code, 0);
  const Outcome run = tvbot({"replay", "--data", dir.path().string(), "--stream", "demo/BTCUSDT"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(table_of(run.out).size(), 25u);
}

TEST_F(CliTest, Replay_shows_a_paused_stream_as_paused) {
  const Outcome run = tvbot({"replay", "--data", two_streams_dir(), "--stream", "beta/ETHUSDT"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(table_of(run.out),
              ElementsAre(Row{"#1 BotPaused", "flat", "0", "0", "0"},
                          Row{"#2 BotResumed", "flat", "0", "0", "0"},
                          Row{"#3 BotPaused", "flat", "0", "0", "0"}));
  EXPECT_THAT(after_table(run.out), ::testing::Contains("  paused:          yes"));
}

// --- events ---------------------------------------------------------------------------------

TEST_F(CliTest, Events_prints_every_event_as_one_json_line_in_global_order) {
  const Outcome run = tvbot({"events", "--data", demo_dir()});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto events = decoded_lines(run.out);
  ASSERT_EQ(events.size(), 25u);
  std::vector<std::string> types;
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].global_seq, i + 1);
    EXPECT_EQ(events[i].stream_seq, i + 1);
    EXPECT_EQ(events[i].stream, "demo/BTCUSDT");
    types.emplace_back(event_type_name(events[i].payload));
  }
  // Each alert: the alert, its order, the fill, what the fill did to the position.
  EXPECT_THAT(types,
              ElementsAre("AlertReceived", "OrderRequested", "OrderFilled", "PositionOpened",
                          "AlertReceived", "OrderRequested", "OrderFilled", "PositionIncreased",
                          "AlertReceived", "OrderRequested", "OrderFilled", "PositionIncreased",
                          "AlertReceived", "OrderRequested", "OrderFilled", "PositionReduced",
                          "AlertReceived", "OrderRequested", "OrderFilled", "PositionClosed",
                          "PositionOpened",  // the reversal: one fill, two position events
                          "AlertReceived", "OrderRequested", "OrderFilled", "PositionClosed"));
  EXPECT_EQ(events[0].time, parse_timestamp("2026-11-24T09:00:00Z").value());
}

TEST_F(CliTest, Events_show_the_reversal_fee_split_between_the_close_and_the_open) {
  const Outcome run = tvbot({"events", "--data", demo_dir(), "--from", "18"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto events = decoded_lines(run.out);
  ASSERT_EQ(events.size(), 8u);
  EXPECT_EQ(events[0].global_seq, 18u);
  const auto& order = std::get<OrderRequested>(events[0].payload);
  EXPECT_EQ(order.qty.to_string(), "0.06");  // closes 0.04, opens 0.02
  const auto& closed = std::get<PositionClosed>(events[2].payload);
  EXPECT_EQ(closed.qty.to_string(), "0.04");
  EXPECT_EQ(closed.fee.to_string(), "1.22");  // 1.83 x 0.04 / 0.06
  EXPECT_EQ(closed.realized_gross.to_string(), "16.66666667");
  EXPECT_EQ(closed.cycle_realized_gross.to_string(), "35");
  EXPECT_EQ(closed.cycle_fees.to_string(), "3.645");  // 0.3 + 0.62 + 0.885 + 0.62 + 1.22
  EXPECT_EQ(closed.cycle_realized_net.to_string(), "31.355");
  const auto& opened = std::get<PositionOpened>(events[3].payload);
  EXPECT_EQ(opened.direction, Direction::short_);
  EXPECT_EQ(opened.qty.to_string(), "0.02");
  EXPECT_EQ(opened.fee.to_string(), "0.61");  // 1.83 x 0.02 / 0.06
  EXPECT_EQ(opened.cycle, 2u);
  const auto& last = std::get<PositionClosed>(events[7].payload);
  EXPECT_EQ(last.cycle_fees.to_string(), "1.21");  // 0.61 + 0.6
  EXPECT_EQ(last.cycle_realized_net.to_string(), "8.79");
}

TEST_F(CliTest, Events_of_one_stream_keep_their_global_seqs) {
  const Outcome run = tvbot({"events", "--data", two_streams_dir(), "--stream", "beta/ETHUSDT"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto events = decoded_lines(run.out);
  ASSERT_EQ(events.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(events[i].stream, "beta/ETHUSDT");
    EXPECT_EQ(events[i].stream_seq, i + 1);
  }
  EXPECT_EQ(events[0].global_seq, 2u);
  EXPECT_EQ(events[1].global_seq, 4u);
  EXPECT_EQ(events[2].global_seq, 5u);
  EXPECT_EQ(std::get<BotPaused>(events[2].payload).reason, "b3");
}

TEST_F(CliTest, Events_from_counts_stream_seqs_with_a_stream_and_global_seqs_without) {
  const Outcome in_stream =
      tvbot({"events", "--data", two_streams_dir(), "--stream", "beta/ETHUSDT", "--from", "2"});
  ASSERT_EQ(in_stream.exit_code, 0) << in_stream;
  const auto stream_events = decoded_lines(in_stream.out);
  ASSERT_EQ(stream_events.size(), 2u);
  EXPECT_EQ(stream_events[0].global_seq, 4u);
  EXPECT_EQ(stream_events[1].global_seq, 5u);

  const Outcome global = tvbot({"events", "--data", two_streams_dir(), "--from", "3"});
  ASSERT_EQ(global.exit_code, 0) << global;
  const auto all = decoded_lines(global.out);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].stream, "alpha/BTCUSDT");
  EXPECT_EQ(all[0].global_seq, 3u);
  EXPECT_EQ(all[2].global_seq, 5u);
}

TEST_F(CliTest, Events_from_past_the_end_prints_nothing_and_succeeds) {
  const Outcome run = tvbot({"events", "--data", two_streams_dir(), "--from", "6"});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out, "");
}

TEST_F(CliTest, Events_that_cannot_be_written_fail_instead_of_looking_complete) {
  const Outcome run = tvbot({"events", "--data", demo_dir()}, "/dev/full");
  EXPECT_EQ(run.exit_code, kFailure) << run;
  EXPECT_THAT(run.err, StartsWith("tvbot events: writing the output failed"));
}

// --- replay --fills -------------------------------------------------------------------------

// One-way, hand-computed (prices have 10 places, money 8, half-even):
//  1 buy 0.2 @ 100 fee 0.02     long 0.2 @ 100
//  2 buy 0.1 @ 101 fee 0.0101   long 0.3 @ (20 + 10.1) / 0.3 = 100.3333333333
//  3 sell 0.1 @ 102 fee 0.0102  (102 - 100.3333333333) x 0.1 = 0.16666666667 -> 0.16666667
//  4 sell 0.5 @ 99 fee 0.0495   flips: closes 0.2 for (99 - 100.3333333333) x 0.2 = -0.26666667
//                               (gross -0.1), opens short 0.3 @ 99
//  5 buy 0.3 @ 98 fee 0.0294    closes: (99 - 98) x 0.3 = 0.3 -> gross 0.2
//  fees 0.02 + 0.0101 + 0.0102 + 0.0495 + 0.0294 = 0.1192; net 0.2 - 0.1192 = 0.0808
constexpr std::string_view kOneWayCsv =
    "# my broker's export, columns renamed\n"
    "id,time,side,price,qty,fee,symbol\n"
    "t1,2026-11-24T10:00:00Z,buy,100,0.2,0.02,XYZ\n"
    "t2,2026-11-24T10:01:00Z,BUY,101,0.1,0.0101,XYZ\n"
    "\n"
    "t3,2026-11-24T10:02:00Z,sell,102,0.1,0.0102,XYZ\n"
    "t4,2026-11-24T10:03:00Z,sell,99,0.5,0.0495,XYZ\n"
    "t5,2026-11-24T10:04:00Z,buy,98,0.3,0.0294,XYZ\n";

constexpr std::string_view kOneWayJsonl =
    R"({"id":"t1","time":"2026-11-24T10:00:00Z","side":"buy","qty":0.2,"price":100,"fee":0.02})" "\n"
    R"({"id":"t2","time":"2026-11-24T10:01:00Z","side":"buy","qty":"0.1","price":"101","fee":"0.0101"})" "\n"
    "# a comment\n"
    R"({"id":"t3","time":"2026-11-24T10:02:00Z","side":"sell","qty":0.1,"price":102,"fee":0.0102})" "\n"
    R"({"id":"t4","time":"2026-11-24T10:03:00Z","side":"sell","qty":"0.5","price":99,"fee":"0.0495"})" "\n"
    R"({"id":"t5","time":"2026-11-24T10:04:00Z","side":"buy","qty":0.3,"price":"98","fee":0.0294})" "\n";

const std::vector<Row> kOneWayTable = {
    {"fill 1 buy 0.2@100", "long 0.2 @ 100", "0", "0.02", "-0.02"},
    {"fill 2 buy 0.1@101", "long 0.3 @ 100.3333333333", "0", "0.0301", "-0.0301"},
    {"fill 3 sell 0.1@102", "long 0.2 @ 100.3333333333", "0.16666667", "0.0403", "0.12636667"},
    {"fill 4 sell 0.5@99", "short 0.3 @ 99", "-0.1", "0.0898", "-0.1898"},
    {"fill 5 buy 0.3@98", "flat", "0.2", "0.1192", "0.0808"},
};

TEST_F(CliTest, Replay_fills_from_csv_shows_the_hand_computed_table) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv", kOneWayCsv);
  const Outcome run = tvbot({"replay", "--fills", dir / "fills.csv"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(table_of(run.out), ElementsAreArray(kOneWayTable));
  EXPECT_EQ(lines_of(run.out).size(), 6u);  // header + 5 rows, no mark line
  EXPECT_EQ(run.err, "");
}

TEST_F(CliTest, Replay_fills_from_json_lines_prints_the_same_table_as_from_csv) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv", kOneWayCsv);
  clitest::write_text(dir / "fills.jsonl", kOneWayJsonl);
  const Outcome csv = tvbot({"replay", "--fills", dir / "fills.csv"});
  const Outcome jsonl = tvbot({"replay", "--fills", dir / "fills.jsonl"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl;
  EXPECT_THAT(table_of(jsonl.out), ElementsAreArray(kOneWayTable));
  EXPECT_EQ(jsonl.out, csv.out);
}

// Unrealized at 97: fill 1 (97 - 100) x 0.2 = -0.6; fill 2 (97 - 100.3333333333) x 0.3 =
// -0.99999999999 -> -1; fill 3 x 0.2 = -0.66666666666 -> -0.66666667; fill 4 short 0.3 from 99:
// (97 - 99) x 0.3 x -1 = 0.6; fill 5 flat: 0.
TEST_F(CliTest, Replay_fills_json_prints_one_object_per_fill_with_unrealized_at_the_mark) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv", kOneWayCsv);
  const Outcome run = tvbot({"replay", "--fills", dir / "fills.csv", "--json", "--mark", "97"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(
      lines_of(run.out),
      ElementsAre(
          R"({"step":1,"fill_id":"t1","time":"2026-11-24T10:00:00.000000000Z","side":"long","qty":"0.2","avg_entry":"100","realized_gross":"0","fees":"0.02","realized_net":"-0.02","unrealized":"-0.6"})",
          R"({"step":2,"fill_id":"t2","time":"2026-11-24T10:01:00.000000000Z","side":"long","qty":"0.3","avg_entry":"100.3333333333","realized_gross":"0","fees":"0.0301","realized_net":"-0.0301","unrealized":"-1"})",
          R"({"step":3,"fill_id":"t3","time":"2026-11-24T10:02:00.000000000Z","side":"long","qty":"0.2","avg_entry":"100.3333333333","realized_gross":"0.16666667","fees":"0.0403","realized_net":"0.12636667","unrealized":"-0.66666667"})",
          R"({"step":4,"fill_id":"t4","time":"2026-11-24T10:03:00.000000000Z","side":"short","qty":"0.3","avg_entry":"99","realized_gross":"-0.1","fees":"0.0898","realized_net":"-0.1898","unrealized":"0.6"})",
          R"({"step":5,"fill_id":"t5","time":"2026-11-24T10:04:00.000000000Z","side":"flat","qty":"0","avg_entry":"0","realized_gross":"0.2","fees":"0.1192","realized_net":"0.0808","unrealized":"0"})"));
}

TEST_F(CliTest, Replay_fills_json_without_a_mark_has_no_unrealized_and_names_fills_without_id) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv",
                      "time,side,qty,price,fee\n2026-11-24T10:00:00Z,sell,0.5,99,0.0495\n");
  const Outcome run = tvbot({"replay", "--fills", dir / "fills.csv", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(
      lines_of(run.out),
      ElementsAre(
          R"({"step":1,"fill_id":"fill-1","time":"2026-11-24T10:00:00.000000000Z","side":"short","qty":"0.5","avg_entry":"99","realized_gross":"0","fees":"0.0495","realized_net":"-0.0495"})"));
}

TEST_F(CliTest, Replay_fills_text_with_a_mark_ends_with_the_unrealized_pnl) {
  TempDir dir;
  // The first four fills: short 0.3 @ 99 at the end; at 97 that is (97 - 99) x 0.3 x -1 = 0.6.
  const auto lines = lines_of(std::string(kOneWayJsonl));
  clitest::write_text(dir / "fills.jsonl",
                      lines[0] + "\n" + lines[1] + "\n" + lines[3] + "\n" + lines[4] + "\n");
  const Outcome run = tvbot({"replay", "--fills", dir / "fills.jsonl", "--mark", "97"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(table_of(run.out).size(), 4u);
  EXPECT_EQ(lines_of(run.out).back(), "unrealized at 97: 0.6");
}

// Hedge, hand-computed: the legs never net against each other.
//  1 buy 0.2 @ 100 long    fee 0.02    L long 0.2 @ 100
//  2 sell 0.1 @ 102 short  fee 0.0102  S short 0.1 @ 102
//  3 sell 0.2 @ 105 long   fee 0.021   L closes: (105 - 100) x 0.2 = 1
//  4 buy 0.1 @ 101 short   fee 0.0101  S closes: (102 - 101) x 0.1 = 0.1 -> gross 1.1
//  fees 0.0613; net 1.0387. Long leg: fees 0.041, net 0.959; short leg: 0.0203, 0.0797.
constexpr std::string_view kHedgeCsv =
    "time,side,qty,price,fee,id,positionSide\n"
    "2026-11-24T10:00:00Z,buy,0.2,100,0.02,h1,LONG\n"
    "2026-11-24T10:01:00Z,sell,0.1,102,0.0102,h2,SHORT\n"
    "2026-11-24T10:02:00Z,sell,0.2,105,0.021,h3,long_side\n"
    "2026-11-24T10:03:00Z,buy,0.1,101,0.0101,h4,short_side\n";

TEST_F(CliTest, Replay_fills_in_hedge_mode_shows_both_legs) {
  TempDir dir;
  clitest::write_text(dir / "hedge.csv", kHedgeCsv);
  const Outcome run = tvbot({"replay", "--fills", dir / "hedge.csv", "--mode", "hedge"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(
      table_of(run.out),
      ElementsAre(Row{"fill 1 buy 0.2@100", "L long 0.2 @ 100 | S flat", "0", "0.02", "-0.02"},
                  Row{"fill 2 sell 0.1@102", "L long 0.2 @ 100 | S short 0.1 @ 102", "0", "0.0302",
                      "-0.0302"},
                  Row{"fill 3 sell 0.2@105", "L flat | S short 0.1 @ 102", "1", "0.0512", "0.9488"},
                  Row{"fill 4 buy 0.1@101", "L flat | S flat", "1.1", "0.0613", "1.0387"}));
}

// At 101: long leg (101 - 100) x 0.2 = 0.2; short leg (101 - 102) x 0.1 x -1 = 0.1.
TEST_F(CliTest, Replay_fills_json_in_hedge_mode_reports_each_leg_with_its_own_totals) {
  TempDir dir;
  clitest::write_text(dir / "hedge.csv", kHedgeCsv);
  const Outcome run =
      tvbot({"replay", "--fills", dir / "hedge.csv", "--mode", "hedge", "--json", "--mark", "101"});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1],
            R"({"step":2,"fill_id":"h2","time":"2026-11-24T10:01:00.000000000Z",)"
            R"("long":{"side":"long","qty":"0.2","avg_entry":"100","realized_gross":"0","fees":"0.02","realized_net":"-0.02","unrealized":"0.2"},)"
            R"("short":{"side":"short","qty":"0.1","avg_entry":"102","realized_gross":"0","fees":"0.0102","realized_net":"-0.0102","unrealized":"0.1"},)"
            R"("realized_net":"-0.0302"})");
  EXPECT_EQ(lines[3],
            R"({"step":4,"fill_id":"h4","time":"2026-11-24T10:03:00.000000000Z",)"
            R"("long":{"side":"flat","qty":"0","avg_entry":"0","realized_gross":"1","fees":"0.041","realized_net":"0.959","unrealized":"0"},)"
            R"("short":{"side":"flat","qty":"0","avg_entry":"0","realized_gross":"0.1","fees":"0.0203","realized_net":"0.0797","unrealized":"0"},)"
            R"("realized_net":"1.0387"})");
}

TEST_F(CliTest, Replay_fills_marks_a_repeated_fill_id_and_leaves_the_position_unchanged) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv",
                      "time,side,qty,price,fee,id\n"
                      "2026-11-24T10:00:00Z,buy,0.2,100,0.02,t1\n"
                      "2026-11-24T10:00:00Z,buy,0.2,100,0.02,t1\n");
  const Outcome text = tvbot({"replay", "--fills", dir / "fills.csv"});
  ASSERT_EQ(text.exit_code, 0) << text;
  EXPECT_THAT(
      table_of(text.out),
      ElementsAre(Row{"fill 1 buy 0.2@100", "long 0.2 @ 100", "0", "0.02", "-0.02"},
                  Row{"fill 2 buy 0.2@100 (repeat)", "long 0.2 @ 100", "0", "0.02", "-0.02"}));
  const Outcome json = tvbot({"replay", "--fills", dir / "fills.csv", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_THAT(lines_of(json.out)[1], StartsWith(R"({"step":2,"fill_id":"t1","time":"2026-11-24T10:00:00.000000000Z","repeat":true,"side":"long","qty":"0.2")"));
}

TEST_F(CliTest, Replay_fills_keeps_two_spaces_between_a_long_label_and_the_position) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv",
                      "time,side,qty,price,fee\n"
                      "2026-11-24T10:00:00Z,buy,0.00012345,30123.4567891234,0\n");
  const Outcome run = tvbot({"replay", "--fills", dir / "fills.csv"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(
      lines_of(run.out).at(1),
      StartsWith("fill 1 buy 0.00012345@30123.4567891234  long 0.00012345 @ 30123.4567891234  "));
  EXPECT_EQ(table_of(run.out).at(0), (Row{"fill 1 buy 0.00012345@30123.4567891234",
                                          "long 0.00012345 @ 30123.4567891234", "0", "0", "0"}));
}

// --- bad input: a message naming the problem and a non-zero exit ----------------------------

TEST_F(CliTest, A_missing_data_dir_says_there_is_no_event_log_there) {
  TempDir dir;
  const Outcome replay = tvbot({"replay", "--data", dir / "nothing", "--stream", "demo/BTCUSDT"});
  EXPECT_EQ(replay.exit_code, kFailure) << replay;
  EXPECT_EQ(replay.err, "tvbot replay: no event log at " + dir / "nothing" + "\n");
  EXPECT_EQ(replay.out, "");
  const Outcome events = tvbot({"events", "--data", dir / "nothing"});
  EXPECT_EQ(events.exit_code, kFailure) << events;
  EXPECT_EQ(events.err, "tvbot events: no event log at " + dir / "nothing" + "\n");
}

TEST_F(CliTest, A_directory_that_is_not_an_event_log_says_so) {
  TempDir dir;
  clitest::write_text(dir / "notes.txt", "hello");
  const Outcome run = tvbot({"events", "--data", dir.path().string()});
  EXPECT_EQ(run.exit_code, kFailure) << run;
  EXPECT_EQ(run.err, "tvbot events: no event log at " + dir.path().string() + "\n");
}

TEST_F(CliTest, A_stream_that_is_not_in_the_log_is_named) {
  const Outcome replay = tvbot({"replay", "--data", demo_dir(), "--stream", "demo/ETHUSDT"});
  EXPECT_EQ(replay.exit_code, kFailure) << replay;
  EXPECT_THAT(replay.err, StartsWith("tvbot replay: no stream \"demo/ETHUSDT\" in " + demo_dir()));
  EXPECT_EQ(replay.out, "");
  const Outcome events = tvbot({"events", "--data", demo_dir(), "--stream", "demo/ETHUSDT"});
  EXPECT_EQ(events.exit_code, kFailure) << events;
  EXPECT_THAT(events.err, StartsWith("tvbot events: no stream \"demo/ETHUSDT\" in " + demo_dir()));
}

TEST_F(CliTest, An_unknown_command_is_named_with_the_known_ones) {
  const Outcome run = tvbot({"replya", "--data", demo_dir()});
  EXPECT_EQ(run.exit_code, kBadInput) << run;
  EXPECT_EQ(run.err,
            "tvbot: unknown command \"replya\"; expected events, replay, demo, serve, backup or verify (tvbot --help)\n");
}

TEST_F(CliTest, No_command_at_all_is_bad_input) {
  const Outcome run = tvbot({});
  EXPECT_EQ(run.exit_code, kBadInput) << run;
  EXPECT_THAT(run.err, HasSubstr("A subcommand is required"));
}

TEST_F(CliTest, A_bad_mode_is_named) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv", kOneWayCsv);
  const Outcome run = tvbot({"replay", "--fills", dir / "fills.csv", "--mode", "netting"});
  EXPECT_EQ(run.exit_code, kBadInput) << run;
  EXPECT_EQ(run.err, "tvbot replay: --mode: expected one-way or hedge, got \"netting\"\n");
  EXPECT_EQ(run.out, "");
}

TEST_F(CliTest, A_bad_mark_is_named) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv", kOneWayCsv);
  for (const char* mark : {"abc", "97.00000000001", "0", "-5"}) {
    const Outcome run = tvbot({"replay", "--fills", dir / "fills.csv", "--mark", mark});
    EXPECT_EQ(run.exit_code, kBadInput) << mark << "\n" << run;
    EXPECT_THAT(run.err, StartsWith("tvbot replay: --mark: ")) << mark;
    EXPECT_EQ(run.out, "") << mark;
  }
}

TEST_F(CliTest, A_mark_whose_unrealized_pnl_overflows_is_an_error_not_a_crash) {
  TempDir dir;
  // 90000000000 x (900000000 - 1) is far beyond Money's 10^18.
  clitest::write_text(dir / "fills.csv",
                      "time,side,qty,price,fee\n2026-11-24T10:00:00Z,buy,90000000000,1,0\n");
  for (const char* json : {"--json", ""}) {
    std::vector<std::string> args{"replay", "--fills", dir / "fills.csv", "--mark", "900000000"};
    if (*json != '\0') args.emplace_back(json);
    const Outcome run = tvbot(args);
    EXPECT_EQ(run.exit_code, kFailure) << run;
    EXPECT_THAT(run.err, StartsWith("tvbot replay: ")) << run;
    EXPECT_THAT(run.err, HasSubstr("decimal_overflow"));
  }
}

TEST_F(CliTest, A_bad_until_is_named) {
  for (const char* until : {"yesterday", "2026-11-24", "-3", "12abc"}) {
    const Outcome run =
        tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--until", until});
    EXPECT_EQ(run.exit_code, kBadInput) << until << "\n" << run;
    EXPECT_EQ(run.err, std::string("tvbot replay: --until: expected a stream seq or an ISO-8601 "
                                   "time like 2026-11-24T09:08:00Z, got \"") +
                           until + "\"\n");
    EXPECT_EQ(run.out, "");
  }
  const Outcome huge = tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--until",
                          "99999999999999999999999"});
  EXPECT_EQ(huge.exit_code, kBadInput) << huge;
  EXPECT_EQ(huge.err,
            "tvbot replay: --until: stream seq 99999999999999999999999 is out of range\n");
}

TEST_F(CliTest, A_bad_from_is_named) {
  const Outcome run = tvbot({"events", "--data", demo_dir(), "--from", "0"});
  EXPECT_EQ(run.exit_code, kBadInput) << run;
  EXPECT_THAT(run.err, StartsWith("--from: expected a sequence number of 1 or more, got \"0\""));
}

TEST_F(CliTest, Options_of_the_other_replay_form_are_refused_not_ignored) {
  TempDir dir;
  clitest::write_text(dir / "fills.csv", kOneWayCsv);
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--json"},
       "--json requires --fills"},
      {{"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--mark", "1"},
       "--mark requires --fills"},
      {{"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT", "--mode", "hedge"},
       "--mode requires --fills"},
      {{"replay", "--fills", dir / "fills.csv", "--until", "3"}, "--until requires --stream"},
      {{"replay", "--fills", dir / "fills.csv", "--data", demo_dir(), "--stream", "demo/BTCUSDT"},
       "--data excludes --fills"},
      {{"replay", "--data", demo_dir()}, "--data requires --stream"},
  };
  for (const auto& [args, message] : cases) {
    const Outcome run = tvbot(args);
    EXPECT_EQ(run.exit_code, kBadInput) << message << "\n" << run;
    EXPECT_THAT(run.err, StartsWith(message));
    EXPECT_EQ(run.out, "");
  }
}

TEST_F(CliTest, Replay_without_a_stream_or_fills_says_what_to_give) {
  const Outcome run = tvbot({"replay"});
  EXPECT_EQ(run.exit_code, kBadInput) << run;
  EXPECT_THAT(run.err,
              StartsWith("tvbot replay: give --data DIR --stream BOT/SYMBOL, or --fills FILE\n"));
}

TEST_F(CliTest, A_malformed_fills_file_is_named_with_its_line) {
  TempDir dir;
  const std::pair<std::string, std::string> cases[] = {
      {"time,side,qty,price,fee\n2026-11-24T10:00:00Z,buy,0.2,100,0.02\n\n"
       "2026-11-24T10:01:00Z,buy,zero,100,0.02\n",
       "line 4: qty: "},
      {"time,side,qty,price\n2026-11-24T10:00:00Z,buy,0.2,100\n",
       "line 1: the header has no fee column"},
      {R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"0.2","price":"100","fee":"0.02"})"
       "\n{\"time\":\n",
       "line 2: malformed JSON"},
      {"time,side,qty,price,fee\n", "no fills: only a header, blank lines or comments"},
      {"", "the file is empty"},
  };
  for (const auto& [text, message] : cases) {
    clitest::write_text(dir / "fills.txt", text);
    const Outcome run = tvbot({"replay", "--fills", dir / "fills.txt"});
    EXPECT_EQ(run.exit_code, kBadInput) << text << "\n" << run;
    EXPECT_THAT(run.err, StartsWith("tvbot replay: " + dir / "fills.txt" + ": " + message));
    EXPECT_EQ(run.out, "");
  }
  const Outcome missing = tvbot({"replay", "--fills", dir / "nope.csv"});
  EXPECT_EQ(missing.exit_code, kBadInput) << missing;
  EXPECT_EQ(missing.err,
            "tvbot replay: " + dir / "nope.csv" + ": cannot read " + dir / "nope.csv" + "\n");
}

TEST_F(CliTest, A_fill_the_aggregate_refuses_is_named_with_its_line) {
  TempDir dir;
  clitest::write_text(dir / "hedge.csv",
                      "time,side,qty,price,fee,position_side\n"
                      "2026-11-24T10:00:00Z,buy,0.2,100,0.02,long\n"
                      "# forgot the side of the next one\n"
                      "2026-11-24T10:01:00Z,sell,0.1,102,0.0102,\n");
  const Outcome run = tvbot({"replay", "--fills", dir / "hedge.csv", "--mode", "hedge"});
  EXPECT_EQ(run.exit_code, kBadInput) << run;
  EXPECT_EQ(run.err, "tvbot replay: " + dir / "hedge.csv" +
                         ": line 4 (fill 2): hedge mode needs a position side\n");
  EXPECT_EQ(run.out, "");
}

// --- demo refuses to write over anything ----------------------------------------------------

TEST_F(CliTest, Demo_into_a_directory_that_is_not_empty_refuses_and_leaves_it_alone) {
  TempDir dir;
  clitest::write_text(dir / "keep.txt", "mine");
  const Outcome run = tvbot({"demo", "--data", dir.path().string()});
  EXPECT_EQ(run.exit_code, kFailure) << run;
  EXPECT_EQ(run.err,
            "tvbot demo: " + dir.path().string() + " is not empty; give a new directory\n");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(names, ElementsAre("keep.txt"));
}

TEST_F(CliTest, Demo_over_an_existing_log_refuses) {
  const Outcome run = tvbot({"demo", "--data", demo_dir()});
  EXPECT_EQ(run.exit_code, kFailure) << run;
  EXPECT_THAT(run.err, HasSubstr("is not empty"));
  const Outcome replay = tvbot({"replay", "--data", demo_dir(), "--stream", "demo/BTCUSDT"});
  EXPECT_EQ(table_of(replay.out).size(), 25u);  // still the one demo stream
}

TEST_F(CliTest, Demo_onto_a_file_refuses) {
  TempDir dir;
  clitest::write_text(dir / "file", "");
  const Outcome run = tvbot({"demo", "--data", dir / "file"});
  EXPECT_EQ(run.exit_code, kFailure) << run;
  EXPECT_EQ(run.err, "tvbot demo: " + dir / "file" + " is a file; give a new directory\n");
}

// --- damaged logs: a clear error and a non-zero exit, never a crash --------------------------

std::filesystem::path only_file_ending(const std::string& dir, std::string_view suffix) {
  std::vector<std::filesystem::path> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().string().ends_with(suffix)) found.push_back(entry.path());
  }
  EXPECT_EQ(found.size(), 1u) << "files ending " << suffix << " in " << dir;
  return found.empty() ? std::filesystem::path{} : found[0];
}

void flip_byte(const std::filesystem::path& file, std::uintmax_t offset) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  const char byte = static_cast<char>(f.get());
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(byte ^ 0x5a));
}

void expect_clear_failure(const std::string& dir, const std::string& what) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"events", "--data", dir},
        std::vector<std::string>{"replay", "--data", dir, "--stream", "demo/BTCUSDT"}}) {
    const Outcome run = tvbot(args);
    EXPECT_EQ(run.exit_code, kFailure) << what << ": " << args[0] << "\n" << run;
    EXPECT_THAT(run.err, StartsWith("tvbot " + args[0] + ": ")) << what;
    EXPECT_THAT(run.err, HasSubstr("Corruption")) << what;
  }
}

// The demo's table file holds every record; bytes within its data and index blocks are
// covered by block checksums. (A byte of the footer's padding is not, and changes nothing.)
TEST_F(CliTest, A_flipped_byte_in_the_table_file_is_reported_not_crashed_on) {
  for (const int percent : {1, 20, 40, 60, 75}) {
    TempDir where;
    const std::string copy = copy_of_demo(where);
    const auto sst = only_file_ending(copy, ".sst");
    flip_byte(sst, std::filesystem::file_size(sst) * static_cast<unsigned>(percent) / 100);
    expect_clear_failure(copy, "byte at " + std::to_string(percent) + "%");
  }
}

// Every 37th byte (a block index entry or a key is longer than that, so each block and its
// trailer is hit): tvbot either reports the damage (exit 1) or, for bytes no block covers
// (the footer's padding), prints exactly the intact history. It never dies on a signal.
TEST_F(CliTest, No_flipped_byte_in_the_table_file_crashes_tvbot_or_changes_the_history) {
  const Outcome intact = tvbot({"events", "--data", demo_dir()});
  ASSERT_EQ(intact.exit_code, 0) << intact;
  TempDir where;
  const std::string copy = copy_of_demo(where);
  const auto sst = only_file_ending(copy, ".sst");
  const std::string original = clitest::read_text(sst);
  int reported = 0;
  for (std::size_t offset = 0; offset < original.size(); offset += 37) {
    std::string damaged = original;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x5a);
    clitest::write_text(sst, damaged);
    const Outcome run = tvbot({"events", "--data", copy});
    if (run.exit_code == kFailure) {
      ++reported;
      EXPECT_THAT(run.err, StartsWith("tvbot events: ")) << "offset " << offset;
    } else {
      EXPECT_EQ(run.exit_code, 0) << "offset " << offset << "\n" << run;
      EXPECT_EQ(run.out, intact.out) << "offset " << offset;
    }
  }
  EXPECT_GT(reported, static_cast<int>(original.size() / 37) * 9 / 10);
}

TEST_F(CliTest, A_truncated_table_file_is_reported) {
  TempDir where;
  const std::string copy = copy_of_demo(where);
  const auto sst = only_file_ending(copy, ".sst");
  std::filesystem::resize_file(sst, std::filesystem::file_size(sst) / 2);
  expect_clear_failure(copy, "half a table file");
}

TEST_F(CliTest, A_truncated_manifest_is_reported) {
  TempDir where;
  const std::string copy = copy_of_demo(where);
  std::filesystem::path manifest;
  for (const auto& entry : std::filesystem::directory_iterator(copy)) {
    if (entry.path().filename().string().starts_with("MANIFEST-")) manifest = entry.path();
  }
  ASSERT_FALSE(manifest.empty());
  std::filesystem::resize_file(manifest, std::filesystem::file_size(manifest) / 2);
  for (const char* command : {"events", "replay"}) {
    std::vector<std::string> args{command, "--data", copy};
    if (std::string_view(command) == "replay") {
      args.insert(args.end(), {"--stream", "demo/BTCUSDT"});
    }
    const Outcome run = tvbot(args);
    EXPECT_EQ(run.exit_code, kFailure) << run;
    // RocksDB reads what is left of the MANIFEST: a database that no longer lists the table
    // file, so it looks empty.
    EXPECT_EQ(run.err, std::string("tvbot ") + command + ": " + copy +
                           " holds a RocksDB database without an event log meta record (not an "
                           "event log, or one whose files are damaged)\n");
  }
}

TEST_F(CliTest, A_garbled_current_file_is_reported) {
  TempDir where;
  const std::string copy = copy_of_demo(where);
  clitest::write_text(std::filesystem::path(copy) / "CURRENT", "MANIFEST-999999\n");
  const Outcome run = tvbot({"events", "--data", copy});
  EXPECT_EQ(run.exit_code, kFailure) << run;
  EXPECT_THAT(run.err, StartsWith("tvbot events: opening the event log at " + copy));
}

// A record whose own CRC fails (written through RocksDB, so RocksDB's checksums pass):
// events prints what comes before it, then names it; replay refuses the stream.
TEST_F(CliTest, A_damaged_event_record_is_named_by_its_global_seq) {
  TempDir where;
  const std::string copy = copy_of_demo(where);
  {
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options{}, copy, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    std::string value;
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions{}, storage::keys::event_key(3), &value).ok());
    value[value.size() - 5] = static_cast<char>(value[value.size() - 5] ^ 0x01);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions{}, storage::keys::event_key(3), value).ok());
    ASSERT_TRUE(db->Close().ok());
  }
  const Outcome events = tvbot({"events", "--data", copy});
  EXPECT_EQ(events.exit_code, kFailure) << events;
  EXPECT_EQ(decoded_lines(events.out).size(), 2u);
  EXPECT_THAT(events.err, StartsWith("tvbot events: "));
  EXPECT_THAT(events.err, HasSubstr("global seq 3"));
  const Outcome replay = tvbot({"replay", "--data", copy, "--stream", "demo/BTCUSDT"});
  EXPECT_EQ(replay.exit_code, kFailure) << replay;
  EXPECT_THAT(replay.err, HasSubstr("global seq 3"));
  EXPECT_EQ(replay.out, "");
}

// What a crash leaves: 20 appended events still only in the write-ahead log (the copy is taken
// while the log is open, before RocksDB flushes anything to a table file).
std::string crash_image(const TempDir& where) {
  const std::string live = where / "live";
  const std::string image = where / "image";
  storage::EventLogOptions options;
  options.log_id = "cli-test";
  auto log = storage::EventLog::open(live, options);
  EXPECT_TRUE(log.ok()) << log.error().message;
  if (!log.ok()) return image;
  storage::EventStore store(**log);
  for (int i = 1; i <= 20; ++i) {
    auto appended = store.append("wal/BTCUSDT", (*log)->stream_version("wal/BTCUSDT"),
                                 {BotPaused{"pause number " + std::to_string(i)}}, 0);
    EXPECT_TRUE(appended.ok()) << appended.error().message;
  }
  std::filesystem::create_directories(image);
  for (const auto& entry : std::filesystem::directory_iterator(live)) {
    if (entry.path().filename() == "LOCK") continue;
    std::filesystem::copy(entry.path(), std::filesystem::path(image) / entry.path().filename());
  }
  return image;
}

TEST_F(CliTest, A_crash_image_reads_every_event_from_its_write_ahead_log) {
  TempDir where;
  const std::string image = crash_image(where);
  for (const auto& entry : std::filesystem::directory_iterator(image)) {
    EXPECT_NE(entry.path().extension(), ".sst") << "the events must be only in the WAL";
  }
  const Outcome run = tvbot({"events", "--data", image});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(decoded_lines(run.out).size(), 20u);
}

// RocksDB's default recovery would stop at the damaged record and open without a word, and
// `events` would print the first few events as if they were all.
TEST_F(CliTest, A_flipped_byte_in_the_write_ahead_log_is_reported_not_shortened) {
  TempDir where;
  const std::string image = crash_image(where);
  const auto size = std::filesystem::file_size(only_file_ending(image, ".log"));
  for (const unsigned percent : {10u, 30u, 50u, 70u, 90u}) {
    TempDir copy_dir;
    const std::string copy = copy_dir / "copy";
    std::filesystem::copy(image, copy);
    flip_byte(only_file_ending(copy, ".log"), size * percent / 100);
    const Outcome run = tvbot({"events", "--data", copy});
    EXPECT_EQ(run.exit_code, kFailure) << percent << "%\n" << run;
    EXPECT_EQ(run.out, "") << percent << "%";
    EXPECT_EQ(run.err, "tvbot events: opening the event log at " + copy +
                           ": Corruption: checksum mismatch\n")
        << percent << "%";
  }
}

// A WAL cut inside a record is what a crash during an append leaves; that append was never
// acknowledged, so the events before it are the log. (A cut between records cannot be told
// from a log with fewer appends.)
TEST_F(CliTest, A_write_ahead_log_cut_inside_a_record_reads_as_the_crash_it_looks_like) {
  TempDir where;
  const std::string image = crash_image(where);
  const auto wal = only_file_ending(image, ".log");
  std::filesystem::resize_file(wal, std::filesystem::file_size(wal) - 3);
  const Outcome run = tvbot({"events", "--data", image});
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto events = decoded_lines(run.out);
  ASSERT_EQ(events.size(), 19u);  // the 20th append is the torn one
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].global_seq, i + 1);
}

}  // namespace
}  // namespace tvbot::app
