// tvbot's two log formats, written through a real spdlog logger into a string: JSON lines
// that parse and escape anything a message may hold, and text lines with key=value fields.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "app/logging/log_fields.hpp"
#include "app/logging/log_formatter.hpp"

namespace tvbot::logging {
namespace {

// Makes the default logger write to `out` in `format` for the test's duration.
class CapturedLog {
 public:
  explicit CapturedLog(Format format) : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    sink->set_formatter(std::make_unique<StructuredFormatter>(format));
    auto logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST(LogFormat, Json_lines_hold_time_level_message_and_typed_fields) {
  CapturedLog log(Format::json);
  info("alert \"accepted\"\nsecond line {}", {{"request_id", "ab12"}, {"global_seq", std::uint64_t{12}},
                                               {"empty", ""}, {"message", "must not clash"}});
  const std::string line = log.text();
  ASSERT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(line).get(root), simdjson::SUCCESS) << line;
  std::string_view message, level, time, request_id;
  std::uint64_t seq = 0;
  ASSERT_EQ(root["message"].get_string().get(message), simdjson::SUCCESS);
  EXPECT_EQ(message, "alert \"accepted\"\nsecond line {}");
  ASSERT_EQ(root["level"].get_string().get(level), simdjson::SUCCESS);
  EXPECT_EQ(level, "info");
  ASSERT_EQ(root["time"].get_string().get(time), simdjson::SUCCESS);
  EXPECT_EQ(time.size(), 30u) << time;  // 2026-11-24T09:30:01.123456789Z
  ASSERT_EQ(root["request_id"].get_string().get(request_id), simdjson::SUCCESS);
  EXPECT_EQ(request_id, "ab12");
  ASSERT_EQ(root["global_seq"].get_uint64().get(seq), simdjson::SUCCESS);
  EXPECT_EQ(seq, 12u);
  simdjson::dom::element absent;
  EXPECT_NE(root["empty"].get(absent), simdjson::SUCCESS) << "empty fields are left out";
}

TEST(LogFormat, Text_lines_end_with_key_value_fields) {
  CapturedLog log(Format::text);
  warn("order placed", {{"client_order_id", "alpha/BTCUSDT:2"}, {"status", 202}});
  const std::string line = log.text();
  EXPECT_NE(line.find(" warn order placed client_order_id=alpha/BTCUSDT:2 status=202\n"),
            std::string::npos)
      << line;
}

TEST(LogFormat, Plain_spdlog_calls_get_the_format_without_fields) {
  CapturedLog log(Format::json);
  spdlog::error("stream {}: append failed", "alpha/BTCUSDT");
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const std::string line = log.text();
  ASSERT_EQ(parser.parse(line).get(root), simdjson::SUCCESS) << line;
  std::string_view level;
  ASSERT_EQ(root["level"].get_string().get(level), simdjson::SUCCESS);
  EXPECT_EQ(level, "error");
}

}  // namespace
}  // namespace tvbot::logging
