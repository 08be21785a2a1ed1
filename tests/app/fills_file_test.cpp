// The fills file of `tvbot replay --fills`: CSV and JSON lines, what each accepts, and that
// every refusal names the line it is on. Each test parses a small text and asserts on every
// fill it yields, or on the whole error message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/fills_file.hpp"
#include "events/codec.hpp"

namespace tvbot::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Quantity qty(std::string_view text) { return Quantity::parse_exact(text).value(); }
Price price(std::string_view text) { return Price::parse_exact(text).value(); }
Money money(std::string_view text) { return Money::parse_exact(text).value(); }
Timestamp at(std::string_view text) { return parse_timestamp(text).value(); }

FillsFile csv(std::string_view text) {
  auto parsed = parse_fills_csv(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? std::move(parsed).value() : FillsFile{};
}

FillsFile json_lines(std::string_view text) {
  auto parsed = parse_fills_json_lines(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? std::move(parsed).value() : FillsFile{};
}

std::string csv_error(std::string_view text) {
  auto parsed = parse_fills_csv(text);
  if (parsed.ok()) return "parsed " + std::to_string(parsed->fills.size()) + " fills";
  EXPECT_EQ(parsed.error().code, "invalid_fills");
  return parsed.error().message;
}

std::string json_error(std::string_view text) {
  auto parsed = parse_fills_json_lines(text);
  if (parsed.ok()) return "parsed " + std::to_string(parsed->fills.size()) + " fills";
  EXPECT_EQ(parsed.error().code, "invalid_fills");
  return parsed.error().message;
}

// Every field of one fill at once.
void expect_fill(const FillInput& fill, std::string_view time, Side side, std::string_view q,
                 std::string_view p, std::string_view fee, std::optional<std::string> id,
                 std::optional<PositionSide> position_side = std::nullopt) {
  EXPECT_EQ(fill.time, at(time));
  EXPECT_EQ(fill.side, side);
  EXPECT_EQ(fill.qty, qty(q));
  EXPECT_EQ(fill.price, price(p));
  EXPECT_EQ(fill.fee, money(fee));
  EXPECT_EQ(fill.fill_id, id);
  EXPECT_EQ(fill.position_side, position_side);
}

// A header and one row of well-formed values; tests replace one value to break it.
std::string one_row(std::string_view time = "2026-11-24T10:00:00Z", std::string_view side = "buy",
                    std::string_view q = "0.2", std::string_view p = "100",
                    std::string_view fee = "0.02", std::string_view position_side = "both") {
  return "time,side,qty,price,fee,position_side\n" + std::string(time) + "," + std::string(side) +
         "," + std::string(q) + "," + std::string(p) + "," + std::string(fee) + "," +
         std::string(position_side) + "\n";
}

// --- CSV ------------------------------------------------------------------------------------

TEST(FillsCsv, Columns_may_come_in_any_order_and_any_case) {
  const auto file = csv(
      "Fee,PRICE,Id,Side,Qty,Time\n"
      "0.0101,101,t2,SELL,0.1,2026-11-24T10:01:00Z\n");
  ASSERT_EQ(file.fills.size(), 1u);
  expect_fill(file.fills[0], "2026-11-24T10:01:00Z", Side::sell, "0.1", "101", "0.0101", "t2");
  EXPECT_THAT(file.lines, ElementsAre(2u));
}

TEST(FillsCsv, Reads_every_fill_in_order_with_its_line) {
  const auto file = csv(
      "time,side,qty,price,fee,id\n"
      "2026-11-24T10:00:00Z,buy,0.2,100,0.02,t1\n"
      "2026-11-24T10:01:00.5+01:00,sell,0.00000001,30083.3333333333,-0.00001,t2\n");
  ASSERT_EQ(file.fills.size(), 2u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "0.2", "100", "0.02", "t1");
  // The offset is applied: 10:01:00.5 at +01:00 is 09:01:00.5 UTC. A negative fee is a rebate.
  expect_fill(file.fills[1], "2026-11-24T09:01:00.5Z", Side::sell, "0.00000001",
              "30083.3333333333", "-0.00001", "t2");
  EXPECT_THAT(file.lines, ElementsAre(2u, 3u));
}

TEST(FillsCsv, Without_an_id_column_fills_have_no_id) {
  const auto file = csv("time,side,qty,price,fee\n2026-11-24T10:00:00Z,buy,1,5,0\n");
  ASSERT_EQ(file.fills.size(), 1u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "1", "5", "0", std::nullopt);
}

TEST(FillsCsv, An_empty_id_cell_means_no_id) {
  const auto file = csv("time,side,qty,price,fee,id\n2026-11-24T10:00:00Z,buy,1,5,0,\n");
  ASSERT_EQ(file.fills.size(), 1u);
  EXPECT_EQ(file.fills[0].fill_id, std::nullopt);
}

TEST(FillsCsv, Comments_and_blank_lines_are_skipped_but_counted_in_line_numbers) {
  const auto file = csv(
      "# exported 2026-11-24 from my broker\n"
      "\n"
      "time,side,qty,price,fee\n"
      "   \n"
      "# the pyramid\n"
      "2026-11-24T10:00:00Z,buy,0.2,100,0.02\n"
      "\t\n"
      "2026-11-24T10:01:00Z,buy,0.1,101,0.0101\n");
  ASSERT_EQ(file.fills.size(), 2u);
  EXPECT_THAT(file.lines, ElementsAre(6u, 8u));
  EXPECT_EQ(file.fills[1].price, price("101"));
}

TEST(FillsCsv, Columns_it_does_not_know_are_ignored) {
  const auto file = csv(
      "time,symbol,side,qty,price,quoteQty,fee,commissionAsset,realizedPnl\n"
      "2026-11-24T10:00:00Z,BTCUSDT,buy,0.2,100,20,0.02,USDT,0\n");
  ASSERT_EQ(file.fills.size(), 1u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "0.2", "100", "0.02", std::nullopt);
}

TEST(FillsCsv, Column_names_ignore_separators_so_positionSide_is_position_side) {
  for (std::string_view name :
       {"position_side", "positionSide", "Position Side", "POSITION-SIDE"}) {
    const auto file = csv("time,side,qty,price,fee," + std::string(name) +
                          "\n2026-11-24T10:00:00Z,buy,1,5,0,LONG\n");
    ASSERT_EQ(file.fills.size(), 1u) << name;
    EXPECT_EQ(file.fills[0].position_side, PositionSide::long_side) << name;
  }
}

TEST(FillsCsv, Position_side_accepts_both_long_short_and_the_long_side_spellings) {
  const std::pair<std::string_view, PositionSide> cases[] = {
      {"both", PositionSide::both},           {"BOTH", PositionSide::both},
      {"long", PositionSide::long_side},      {"Short", PositionSide::short_side},
      {"long_side", PositionSide::long_side}, {"SHORT_SIDE", PositionSide::short_side}};
  for (const auto& [text, expected] : cases) {
    const auto file = csv(one_row("2026-11-24T10:00:00Z", "buy", "0.2", "100", "0.02", text));
    ASSERT_EQ(file.fills.size(), 1u) << text;
    EXPECT_EQ(file.fills[0].position_side, expected) << text;
  }
}

TEST(FillsCsv, Windows_line_endings_and_a_byte_order_mark_read_like_plain_csv) {
  const auto file = csv(
      "\xEF\xBB\xBFtime,side,qty,price,fee,id\r\n"
      "2026-11-24T10:00:00Z,buy,0.2,100,0.02,t1\r\n"
      "\r\n"
      "2026-11-24T10:01:00Z,sell,0.2,101,0.0202,t2\r\n");
  ASSERT_EQ(file.fills.size(), 2u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "0.2", "100", "0.02", "t1");
  expect_fill(file.fills[1], "2026-11-24T10:01:00Z", Side::sell, "0.2", "101", "0.0202", "t2");
  EXPECT_THAT(file.lines, ElementsAre(2u, 4u));
}

TEST(FillsCsv, Quoted_fields_may_hold_commas_quotes_and_spaces) {
  const auto file = csv(
      R"("time" , "side","qty","price","fee","id")"
      "\n"
      R"("2026-11-24T10:00:00Z","BUY", "0.2" ,"100","0.02","trade ""7"", part 1")"
      "\n");
  ASSERT_EQ(file.fills.size(), 1u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "0.2", "100", "0.02",
              "trade \"7\", part 1");
}

TEST(FillsCsv, A_quoted_field_that_is_not_closed_names_its_line) {
  EXPECT_EQ(csv_error("time,side,qty,price,fee,id\n2026-11-24T10:00:00Z,buy,1,5,0,\"t1\n"),
            "line 2: a quoted field is not closed");
}

TEST(FillsCsv, Text_after_a_closing_quote_names_its_line) {
  EXPECT_EQ(csv_error("time,side,qty,price,fee,id\n2026-11-24T10:00:00Z,buy,1,5,0,\"t1\"x\n"),
            "line 2: text after the closing quote of a field");
}

TEST(FillsCsv, A_header_without_a_required_column_names_it_and_shows_the_header) {
  // Binance's spot "Trade History" export, unrenamed: no time, qty or fee column by our names.
  EXPECT_EQ(csv_error("Date(UTC),Pair,Side,Price,Executed,Amount,Fee\n"
                      "2026-11-24 10:00:00,BTCUSDT,BUY,30000,0.01BTC,300USDT,0.3USDT\n"),
            "line 1: the header has no time column (it has Date(UTC), Pair, Side, Price, "
            "Executed, Amount, Fee; expected time, side, qty, price, fee and optionally id, "
            "position_side)");
  EXPECT_THAT(csv_error("# export\ntime,side,qty,price,id\n"),
              StartsWith("line 2: the header has no fee column"));
}

TEST(FillsCsv, A_header_naming_a_column_twice_is_refused) {
  EXPECT_EQ(csv_error("time,side,qty,price,fee,Qty\n"), "line 1: two columns name qty");
}

TEST(FillsCsv, A_row_with_another_number_of_cells_than_the_header_names_its_line) {
  EXPECT_EQ(csv_error("time,side,qty,price,fee\n"
                      "2026-11-24T10:00:00Z,buy,1,5,0\n"
                      "2026-11-24T10:01:00Z,buy,1,5\n"),
            "line 3: expected 5 columns as in the header, got 4");
}

TEST(FillsCsv, An_empty_required_cell_names_its_line_and_column) {
  EXPECT_EQ(csv_error(one_row("2026-11-24T10:00:00Z", "buy", "0.2", "100", "")),
            "line 2: missing fee");
  EXPECT_EQ(csv_error(one_row("")), "line 2: missing time");
}

TEST(FillsCsv, Every_bad_value_names_its_line_and_its_column) {
  struct Case {
    std::string text;
    std::string message_start;
  };
  const Case cases[] = {
      {one_row("2026-11-24 10:00:00"), "line 2: time: expected an ISO-8601 time"},
      {one_row("1732442400000"), "line 2: time: expected an ISO-8601 time"},
      {one_row("2026-11-24T10:00:00Z", "long"), "line 2: side: expected buy or sell, got \"long\""},
      {one_row("2026-11-24T10:00:00Z", "buy", "abc"), "line 2: qty: "},
      {one_row("2026-11-24T10:00:00Z", "buy", "0.000000001"), "line 2: qty: "},
      {one_row("2026-11-24T10:00:00Z", "buy", "0"), "line 2: qty: must be above 0, got 0"},
      {one_row("2026-11-24T10:00:00Z", "buy", "-0.2"), "line 2: qty: must be above 0, got -0.2"},
      {one_row("2026-11-24T10:00:00Z", "buy", "0.2", "0"), "line 2: price: must be above 0, got 0"},
      {one_row("2026-11-24T10:00:00Z", "buy", "0.2", "1e99"), "line 2: price: "},
      {one_row("2026-11-24T10:00:00Z", "buy", "0.2", "100", "0.3USDT"), "line 2: fee: "},
      {one_row("2026-11-24T10:00:00Z", "buy", "0.2", "100", "0.02", "hedge"),
       "line 2: position_side: expected both, long or short, got \"hedge\""},
  };
  for (const auto& [text, message_start] : cases) {
    EXPECT_THAT(csv_error(text), StartsWith(message_start)) << text;
  }
}

TEST(FillsCsv, An_unquoted_thousands_separator_makes_one_cell_too_many) {
  EXPECT_EQ(csv_error(one_row("2026-11-24T10:00:00Z", "buy", "0.2", "30,000")),
            "line 2: expected 6 columns as in the header, got 7");
  EXPECT_THAT(csv_error(one_row("2026-11-24T10:00:00Z", "buy", "0.2", "\"30,000\"")),
              StartsWith("line 2: price: "));
}

TEST(FillsCsv, A_header_alone_has_no_fills_and_is_an_error) {
  EXPECT_EQ(csv_error("time,side,qty,price,fee\n# nothing traded\n\n"),
            "no fills: only a header, blank lines or comments");
}

TEST(FillsCsv, Text_without_a_header_line_is_an_error) {
  EXPECT_THAT(csv_error("# only a comment\n\n"), StartsWith("no header line (expected time,"));
}

// --- JSON lines -----------------------------------------------------------------------------

TEST(FillsJsonLines, Decimals_may_be_strings_or_numbers) {
  const auto file = json_lines(
      R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":0.010,"price":"30000","fee":0.3,"id":"a"})"
      "\n"
      R"({"time":"2026-11-24T10:01:00Z","side":"sell","qty":"0.01","price":3.00005e4,"fee":"-0.003","id":17})"
      "\n");
  ASSERT_EQ(file.fills.size(), 2u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "0.01", "30000", "0.3", "a");
  // A numeric id is kept as its text.
  expect_fill(file.fills[1], "2026-11-24T10:01:00Z", Side::sell, "0.01", "30000.5", "-0.003",
              "17");
}

TEST(FillsJsonLines, A_number_is_read_from_its_digits_not_through_a_double) {
  // 18 significant digits: a double would give 12345678.123456789 and lose the last one.
  const auto file = json_lines(
      R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":1,"price":12345678.1234567891,"fee":0})"
      "\n");
  ASSERT_EQ(file.fills.size(), 1u);
  EXPECT_EQ(file.fills[0].price.raw(), 123456781234567891);
}

TEST(FillsJsonLines, Keys_ignore_case_and_separators) {
  const auto file = json_lines(
      R"({"TIME":"2026-11-24T10:00:00Z","Side":"BUY","QTY":"1","Price":"5","Fee":"0","positionSide":"SHORT","ID":"x"})"
      "\n");
  ASSERT_EQ(file.fills.size(), 1u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "1", "5", "0", "x",
              PositionSide::short_side);
}

TEST(FillsJsonLines, Unknown_keys_are_ignored_whatever_their_type) {
  const auto file = json_lines(
      R"({"symbol":"BTCUSDT","buyer":true,"maker":false,"extra":null,"tags":["a",{"b":1}],)"
      R"("time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":"0"})"
      "\n");
  ASSERT_EQ(file.fills.size(), 1u);
  expect_fill(file.fills[0], "2026-11-24T10:00:00Z", Side::buy, "1", "5", "0", std::nullopt);
}

TEST(FillsJsonLines, Comments_and_blank_lines_are_skipped_but_counted) {
  const auto file = json_lines(
      "# fills of 2026-11-24\n"
      "\n"
      R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":"0"})"
      "\r\n"
      "  \n"
      R"(  {"time":"2026-11-24T10:01:00Z","side":"sell","qty":"1","price":"6","fee":"0"}  )"
      "\n");
  ASSERT_EQ(file.fills.size(), 2u);
  EXPECT_THAT(file.lines, ElementsAre(3u, 5u));
  EXPECT_EQ(file.fills[1].price, price("6"));
}

TEST(FillsJsonLines, A_known_key_with_a_value_that_is_no_decimal_names_key_and_line) {
  EXPECT_EQ(json_error(R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":"0"})"
                       "\n"
                       R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":true,"price":"5","fee":"0"})"),
            "line 2: qty: expected a string or a number");
  EXPECT_EQ(json_error(R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":null})"),
            "line 1: fee: expected a string or a number");
}

TEST(FillsJsonLines, A_key_given_twice_is_refused) {
  EXPECT_EQ(json_error(R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","QTY":"2","price":"5","fee":"0"})"),
            "line 1: qty appears twice");
}

TEST(FillsJsonLines, Malformed_json_names_its_line) {
  EXPECT_THAT(json_error("\n"
                         R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1",)"
                         "\n"),
              StartsWith("line 2: malformed JSON"));
  EXPECT_THAT(json_error(R"({"time":"2026-11-24T10:00:00Z" "side":"buy"})"),
              StartsWith("line 1: malformed JSON"));
}

TEST(FillsJsonLines, A_line_that_is_not_an_object_names_its_line) {
  EXPECT_EQ(json_error(R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":"0"})"
                       "\n[1,2]\n"),
            "line 2: not a JSON object");
}

TEST(FillsJsonLines, Text_after_the_object_is_refused) {
  EXPECT_EQ(json_error(R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":"0"} {"qty":"2"})"),
            "line 1: text after the JSON object");
}

TEST(FillsJsonLines, A_missing_required_key_names_it_and_the_line) {
  EXPECT_EQ(json_error(R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5"})"),
            "line 1: missing fee");
}

TEST(FillsJsonLines, Only_comments_is_an_error) {
  EXPECT_EQ(json_error("# nothing\n\n"), "no fills: only a header, blank lines or comments");
}

// --- Broker exports -------------------------------------------------------------------------
// Shapes follow Binance's USDⓈ-M futures GET /fapi/v1/userTrades response (developers.binance.com,
// "Account Trade List"); the values are made up. Binance names the fee "commission" and sends
// time as epoch milliseconds, so a raw line is refused with a message saying what to change;
// with those two keys converted (e.g. by jq) every other key of Binance's can stay.

constexpr std::string_view kBinanceRaw =
    R"({"buyer":false,"commission":"-0.07819010","commissionAsset":"USDT","id":698759,)"
    R"("maker":false,"orderId":25851813,"price":"7819.01","qty":"0.002","quoteQty":"15.63802",)"
    R"("realizedPnl":"-0.91539999","side":"SELL","positionSide":"SHORT","symbol":"BTCUSDT",)"
    R"("time":1569514978020})";

TEST(FillsBrokerExport, A_raw_binance_user_trade_is_refused_naming_the_missing_fee) {
  EXPECT_EQ(json_error(kBinanceRaw), "line 1: missing fee");
}

TEST(FillsBrokerExport, A_binance_user_trade_with_epoch_time_is_refused_naming_the_time_format) {
  std::string line(kBinanceRaw);
  line.replace(line.find("\"commission\""), 12, "\"fee\"");
  EXPECT_THAT(json_error(line), StartsWith("line 1: time: expected an ISO-8601 time like"));
}

TEST(FillsBrokerExport, Binance_user_trades_with_fee_and_iso_time_fold_in_hedge_mode) {
  const auto file = json_lines(
      R"({"buyer":true,"fee":"0.00781901","commissionAsset":"USDT","id":698758,"maker":false,)"
      R"("orderId":25851812,"price":"7819.01","qty":"0.002","quoteQty":"15.63802","realizedPnl":"0",)"
      R"("side":"BUY","positionSide":"LONG","symbol":"BTCUSDT","time":"2019-09-26T16:22:58.020Z"})"
      "\n"
      R"({"buyer":false,"fee":"0.00391","commissionAsset":"USDT","id":698759,"maker":true,)"
      R"("orderId":25851813,"price":"7820","qty":"0.001","quoteQty":"7.82","realizedPnl":"0",)"
      R"("side":"SELL","positionSide":"SHORT","symbol":"BTCUSDT","time":"2019-09-26T16:23:10Z"})"
      "\n");
  ASSERT_EQ(file.fills.size(), 2u);
  expect_fill(file.fills[0], "2019-09-26T16:22:58.020Z", Side::buy, "0.002", "7819.01",
              "0.00781901", "698758", PositionSide::long_side);
  expect_fill(file.fills[1], "2019-09-26T16:23:10Z", Side::sell, "0.001", "7820", "0.00391",
              "698759", PositionSide::short_side);
  auto folded = fold_fills("binance/BTCUSDT", PositionMode::hedge, file.fills);
  ASSERT_TRUE(folded.ok()) << folded.error().message;
  EXPECT_EQ(folded->state.long_side.qty, qty("0.002"));
  EXPECT_EQ(folded->state.short_side.qty, qty("0.001"));
  EXPECT_EQ(folded->state.totals.fees, money("0.01172901"));  // 0.00781901 + 0.00391
}

TEST(FillsBrokerExport, A_spreadsheet_saved_csv_with_quotes_bom_and_crlf_reads_every_fill) {
  // As Excel saves a sheet whose columns were renamed: BOM, CRLF, every cell quoted, the
  // broker's other columns still there.
  const auto file = csv(
      "\xEF\xBB\xBF\"Time\",\"Symbol\",\"Side\",\"Price\",\"Qty\",\"Quote Qty\",\"Fee\","
      "\"Fee Asset\",\"Realized Profit\",\"Id\"\r\n"
      "\"2026-11-24T09:02:00Z\",\"BTCUSDT\",\"BUY\",\"30000\",\"0.01\",\"300\",\"0.3\",\"USDT\","
      "\"0\",\"5001\"\r\n"
      "\"2026-11-24T09:05:00Z\",\"BTCUSDT\",\"BUY\",\"31000\",\"0.02\",\"620\",\"0.62\",\"USDT\","
      "\"0\",\"5002\"\r\n");
  ASSERT_EQ(file.fills.size(), 2u);
  expect_fill(file.fills[0], "2026-11-24T09:02:00Z", Side::buy, "0.01", "30000", "0.3", "5001");
  expect_fill(file.fills[1], "2026-11-24T09:05:00Z", Side::buy, "0.02", "31000", "0.62", "5002");
}

// --- Files ----------------------------------------------------------------------------------

class FillsFileOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tvbot_fills_file_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, std::string_view text) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(FillsFileOnDisk, A_first_brace_means_json_lines_even_after_a_byte_order_mark_and_blanks) {
  const auto path = write("fills.txt",
                          "\xEF\xBB\xBF\n  \n"
                          R"({"time":"2026-11-24T10:00:00Z","side":"buy","qty":"1","price":"5","fee":"0"})"
                          "\n");
  auto file = read_fills_file(path);
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_EQ(file->fills.size(), 1u);
  EXPECT_THAT(file->lines, ElementsAre(3u));
}

TEST_F(FillsFileOnDisk, Anything_else_is_read_as_csv) {
  auto file = read_fills_file(write("fills.json", "time,side,qty,price,fee\n"
                                                  "2026-11-24T10:00:00Z,buy,1,5,0\n"));
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->fills.size(), 1u);
}

TEST_F(FillsFileOnDisk, A_missing_file_an_empty_file_and_a_directory_are_named) {
  auto missing = read_fills_file(dir_ / "nope.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "cannot read " + (dir_ / "nope.csv").string());
  auto empty = read_fills_file(write("empty.csv", " \n\r\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "the file is empty");
  auto directory = read_fills_file(dir_);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().message, dir_.string() + " is a directory, not a fills file");
}

// --- Fold errors ----------------------------------------------------------------------------

TEST(FillsFoldError, A_fill_number_becomes_its_line) {
  FillsFile file;
  file.fills.resize(2);
  file.lines = {4, 9};
  EXPECT_EQ(locate_fold_error(file, "fill 2: hedge mode needs a position side"),
            "line 9 (fill 2): hedge mode needs a position side");
  EXPECT_EQ(locate_fold_error(file, "fill 1: x"), "line 4 (fill 1): x");
}

TEST(FillsFoldError, Messages_of_another_form_are_left_as_they_are) {
  FillsFile file;
  file.fills.resize(1);
  file.lines = {2};
  for (std::string message : {"fill 2: beyond the list", "fill 0: none", "fill x: what",
                              "fill 1 no colon", "decimal_overflow", ""}) {
    EXPECT_EQ(locate_fold_error(file, message), message);
  }
}

TEST(FillsFoldError, A_hedge_fold_without_position_side_is_located_on_its_line) {
  const auto file = csv(
      "time,side,qty,price,fee,position_side\n"
      "2026-11-24T10:00:00Z,buy,1,5,0,long\n"
      "# the next one forgot its side\n"
      "2026-11-24T10:01:00Z,sell,1,5,0,\n");
  auto folded = fold_fills("x/Y", PositionMode::hedge, file.fills);
  ASSERT_FALSE(folded.ok());
  EXPECT_EQ(locate_fold_error(file, folded.error().message),
            "line 4 (fill 2): hedge mode needs a position side");
}

}  // namespace
}  // namespace tvbot::app
