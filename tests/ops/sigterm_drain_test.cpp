// SIGTERM under load: the real `tvbot serve` takes alerts from client threads, gets
// SIGTERM mid-stream, and must exit 0 within its shutdown deadline (default 10 s) with
// every alert it answered 202 in the log, at the position it acknowledged; a restart on
// the same data directory serves again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>

#include "events/codec.hpp"
#include "tests/app/cli_test_support.hpp"
#include "tests/e2e/serve_process.hpp"
#include "tests/ops/alert_load.hpp"
#include "tests/ops/ops_support.hpp"

namespace tvbot::ops_test {
namespace {

using namespace std::chrono_literals;

TEST(SigtermDrain, Nothing_acknowledged_is_lost_and_the_exit_is_0_within_the_deadline) {
  e2e::TempDir temp;
  LoadServerDir dir(temp.path());
  auto server = e2e::ServeProcess::start(dir.launch());
  ASSERT_TRUE(server.ok()) << server.error().message;

  std::vector<Acknowledged> acked;
  {
    AlertLoad load((*server)->port(), std::string(e2e::kAlphaSecret), 6);
    ASSERT_TRUE(load.wait_for_acks(150, 60000)) << (*server)->log_tail();
    // SIGTERM with requests in flight on every connection; the clients keep sending until
    // the server refuses connections.
    const auto signalled = std::chrono::steady_clock::now();
    auto exit_code = (*server)->terminate(20s);
    const auto took = std::chrono::steady_clock::now() - signalled;
    ASSERT_TRUE(exit_code.ok()) << exit_code.error().message << "\n" << (*server)->log_tail();
    EXPECT_EQ(*exit_code, 0) << (*server)->log_tail();
    EXPECT_LT(took, 10s) << "the default shutdown deadline is 10 s";
    load.stop();
    acked = load.acknowledged();
    EXPECT_THAT(load.unexpected(), ::testing::IsEmpty());
    EXPECT_GT(load.transport_failures(), 0u) << "the clients were still sending at the stop";
  }
  ASSERT_GE(acked.size(), 150u);

  auto log = read_log_dir(dir.data_dir() / "events");
  ASSERT_TRUE(log.ok()) << log.error().message;
  std::set<std::string> ids_seen;
  for (const auto& ack : acked) {
    SCOPED_TRACE(ack.alert_id);
    ASSERT_GE(log->size(), ack.event_id);
    const Event& event = (*log)[ack.event_id - 1];
    EXPECT_EQ(event.global_seq, ack.event_id);
    EXPECT_EQ(event.stream, ack.stream);
    EXPECT_EQ(event.stream_seq, ack.stream_seq);
    const auto* alert = std::get_if<AlertReceived>(&event.payload);
    ASSERT_NE(alert, nullptr) << "event " << ack.event_id << " is " << encode_event(event);
    EXPECT_THAT(alert->raw_body, ::testing::HasSubstr("\"id\":\"" + ack.alert_id + "\""));
    EXPECT_TRUE(ids_seen.insert(ack.alert_id).second) << "acknowledged twice";
  }
  const auto verified = app::clitest::tvbot({"verify", "--data", dir.data_dir().string()});
  EXPECT_EQ(verified.exit_code, 0) << verified;

  // The same data directory serves again and continues the log.
  auto again = e2e::ServeProcess::start(dir.launch());
  ASSERT_TRUE(again.ok()) << again.error().message;
  http::HttpClient client("127.0.0.1", (*again)->port());
  auto answer = client.post("/webhook/alpha", R"({"action":"close","ticker":"ETHUSDT","id":"after-restart","secret":")" +
                                                  std::string(e2e::kAlphaSecret) + "\"}");
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer->status, 202u) << answer->body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(answer->body, match, std::regex(R"("event_id":(\d+))")));
  EXPECT_GT(std::stoull(match[1]), log->size());
  auto stopped = (*again)->terminate();
  ASSERT_TRUE(stopped.ok()) << stopped.error().message;
  EXPECT_EQ(*stopped, 0) << (*again)->log_tail();
}

}  // namespace
}  // namespace tvbot::ops_test
