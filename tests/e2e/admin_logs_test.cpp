// logging.format = "json" with a small rotation size on the real binary: every line of every
// file is one JSON object with time, level and message; the files rotate; the request id
// ties a webhook to its AlertReceived and to the order it caused; no secret is logged.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/e2e/admin_fixture.hpp"

namespace tvbot::e2e {
namespace {

class AdminLogs : public AdminFixture {};

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

TEST_F(AdminLogs, Json_lines_parse_rotate_and_carry_request_ids) {
  ServerDir dir = admin_dir(4096);
  ASSERT_NO_FATAL_FAILURE(start_admin(dir));
  const std::string secret(kAlphaSecret);
  // Each alert logs about five lines of 200-300 bytes: twelve of them rotate a 4 KiB file.
  for (int i = 1; i <= 12; ++i) {
    const std::string id = "log-" + std::to_string(i);
    const std::string action = i % 2 == 1 ? "buy BTCUSDT qty=0.01" : "close BTCUSDT";
    ASSERT_EQ(post_alert("alpha", action + " id=" + id + " secret=" + secret, id).status, 202u);
    ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", static_cast<std::size_t>(i)));
  }
  ASSERT_EQ(post_alert("alpha", "buy BTCUSDT qty=0.01 id=bad secret=wrong-one", "log-bad").status, 401u);
  ASSERT_NO_FATAL_FAILURE(stop());  // every line is written through before exit

  const auto log_dir = dir.root() / "log";
  ASSERT_TRUE(std::filesystem::exists(log_dir / "tvbot.log"));
  ASSERT_TRUE(std::filesystem::exists(log_dir / "tvbot.1.log")) << "the log did not rotate";
  EXPECT_FALSE(std::filesystem::exists(log_dir / "tvbot.4.log")) << "max_files = 3";
  std::size_t parsed = 0;
  bool accepted_line = false, order_line = false, refused_line = false;
  for (const auto& entry : std::filesystem::directory_iterator(log_dir)) {
    EXPECT_LE(std::filesystem::file_size(entry.path()), 4096u + 4096u) << entry.path();
    for (const auto& line : lines_of(entry.path())) {
      EXPECT_EQ(line.find(secret), std::string::npos) << "secret logged: " << line;
      EXPECT_EQ(line.find("wrong-one"), std::string::npos) << "refused secret logged: " << line;
      auto json = parse_json(line);
      ASSERT_TRUE(json->ok) << entry.path() << ": not JSON: " << line;
      std::string_view time, level, message, request_id, type, client_order_id;
      ASSERT_EQ(json->root["time"].get_string().get(time), simdjson::SUCCESS) << line;
      ASSERT_EQ(json->root["level"].get_string().get(level), simdjson::SUCCESS) << line;
      ASSERT_EQ(json->root["message"].get_string().get(message), simdjson::SUCCESS) << line;
      EXPECT_TRUE(time.ends_with("Z") && time.size() == 30) << time;
      ++parsed;
      if (json->root["request_id"].get_string().get(request_id)) continue;
      if (request_id == "log-11" && message == "alert accepted") {
        std::uint64_t global_seq = 0, stream_seq = 0;
        EXPECT_EQ(json->root["global_seq"].get_uint64().get(global_seq), simdjson::SUCCESS);
        EXPECT_EQ(json->root["stream_seq"].get_uint64().get(stream_seq), simdjson::SUCCESS);
        EXPECT_GT(stream_seq, 0u);
        accepted_line = true;
      }
      if (request_id == "log-11" && message == "event recorded" &&
          json->root["type"].get_string().get(type) == simdjson::SUCCESS && type == "OrderRequested") {
        ASSERT_EQ(json->root["client_order_id"].get_string().get(client_order_id), simdjson::SUCCESS);
        EXPECT_TRUE(client_order_id.starts_with("alpha/BTCUSDT:")) << client_order_id;
        order_line = true;
      }
      if (request_id == "log-bad" && message == "webhook refused") refused_line = true;
    }
  }
  EXPECT_GT(parsed, 20u);
  EXPECT_TRUE(accepted_line) << "no 'alert accepted' line with request_id log-11";
  EXPECT_TRUE(order_line) << "no OrderRequested line with request_id log-11";
  EXPECT_TRUE(refused_line) << "no 'webhook refused' line with request_id log-bad";
}

}  // namespace
}  // namespace tvbot::e2e
