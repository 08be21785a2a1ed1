// Backup under load, verify, restore: `tvbot backup` run against the real `tvbot serve`
// while client threads keep posting alerts gives a copy that (a) `tvbot verify` passes,
// (b) holds exactly the source log's first G events (G = the copy's last global seq), so
// `tvbot replay` shows the same positions as the source replayed up to the backup point,
// and (c) restored into a data directory, serves again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "events/codec.hpp"
#include "tests/app/cli_test_support.hpp"
#include "tests/e2e/serve_process.hpp"
#include "tests/ops/alert_load.hpp"
#include "tests/ops/ops_support.hpp"

namespace tvbot::ops_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using app::clitest::tvbot;

constexpr int kAckTimeoutMs = 60000;

std::uint64_t last_global_seq_in(const std::string& summary) {
  std::smatch match;
  static const std::regex kSeq(R"(last global seq (\d+))");
  if (!std::regex_search(summary, match, kSeq)) return 0;
  return std::stoull(match[1]);
}

TEST(BackupRestore, A_backup_under_load_verifies_and_replays_to_the_source_positions_at_its_point) {
  e2e::TempDir temp;
  LoadServerDir source(temp.path() / "source");
  auto server = e2e::ServeProcess::start(source.launch());
  ASSERT_TRUE(server.ok()) << server.error().message;

  const auto backup = temp.path() / "backup";
  std::uint64_t acked_before_backup = 0;
  {
    AlertLoad load((*server)->port(), std::string(e2e::kAlphaSecret), 4);
    ASSERT_TRUE(load.wait_for_acks(100, kAckTimeoutMs)) << (*server)->log_tail();
    acked_before_backup = load.acks();
    const auto run = tvbot({"backup", "--data", source.data_dir().string(), "--to", backup.string()});
    ASSERT_EQ(run.exit_code, 0) << run;
    EXPECT_THAT(run.out, HasSubstr("taken by the running server, verified"));
    // Appends go on after the checkpoint: the backup was taken under load, not at a pause.
    ASSERT_TRUE(load.wait_for_acks(load.acks() + 100, kAckTimeoutMs)) << (*server)->log_tail();
    load.stop();
    EXPECT_THAT(load.unexpected(), ::testing::IsEmpty());
  }
  auto stopped = (*server)->terminate();
  ASSERT_TRUE(stopped.ok()) << stopped.error().message;
  ASSERT_EQ(*stopped, 0) << (*server)->log_tail();

  const auto verified = tvbot({"verify", "--data", backup.string()});
  ASSERT_EQ(verified.exit_code, 0) << verified;
  EXPECT_THAT(verified.out, StartsWith("tvbot verify: " + backup.string() + ": ok: "));
  const std::uint64_t point = last_global_seq_in(verified.out);
  ASSERT_GE(point, acked_before_backup) << "every alert acknowledged before the backup is in it";

  auto copied = read_log_dir(backup);
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  auto original = read_log_dir(source.data_dir() / "events");
  ASSERT_TRUE(original.ok()) << original.error().message;
  ASSERT_EQ(copied->size(), point);
  ASSERT_GT(original->size(), point) << "the source went on after the backup point";
  for (std::size_t i = 0; i < point; ++i) {
    ASSERT_EQ(encode_event((*copied)[i]), encode_event((*original)[i])) << "global seq " << i + 1;
  }

  // Positions: the backup replayed in full equals the source replayed up to the stream
  // version each stream had at the backup point.
  std::map<std::string, std::uint64_t> versions;
  for (const auto& event : *copied) {
    // config/<bot> and webhooks/rejected hold no positions.
    if (event.stream.starts_with("alpha/")) versions[event.stream] = event.stream_seq;
  }
  ASSERT_EQ(versions.size(), 2u) << "alerts went to both of alpha's streams";
  for (const auto& [stream, version] : versions) {
    SCOPED_TRACE(stream);
    const auto from_backup = tvbot({"replay", "--data", backup.string(), "--stream", stream});
    const auto from_source = tvbot({"replay", "--data", source.data_dir().string(), "--stream",
                                    stream, "--until", std::to_string(version)});
    ASSERT_EQ(from_backup.exit_code, 0) << from_backup;
    ASSERT_EQ(from_source.exit_code, 0) << from_source;
    EXPECT_THAT(from_backup.out, HasSubstr("final state of"));
    EXPECT_EQ(from_backup.out, from_source.out);
  }

  // Restore: the backup becomes the event log of a new data directory, and serves.
  LoadServerDir restored(temp.path() / "restored");
  copy_tree(backup, restored.data_dir() / "events");
  auto again = e2e::ServeProcess::start(restored.launch());
  ASSERT_TRUE(again.ok()) << again.error().message;
  http::HttpClient client("127.0.0.1", (*again)->port());
  auto answer = client.post("/webhook/alpha", R"({"action":"close","ticker":"ETHUSDT","id":"after-restore","secret":")" +
                                                  std::string(e2e::kAlphaSecret) + "\"}");
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer->status, 202u) << answer->body;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(answer->body, match, std::regex(R"("event_id":(\d+))")));
  EXPECT_GT(std::stoull(match[1]), point) << "the restored log continues after the backup point";
  auto restopped = (*again)->terminate();
  ASSERT_TRUE(restopped.ok()) << restopped.error().message;
  EXPECT_EQ(*restopped, 0) << (*again)->log_tail();
  const auto verify_restored = tvbot({"verify", "--data", restored.data_dir().string()});
  EXPECT_EQ(verify_restored.exit_code, 0) << verify_restored;
}

// Without a running server, backup opens the log itself; the copy is the whole log.
TEST(BackupRestore, A_stopped_server_is_backed_up_offline_in_full) {
  e2e::TempDir temp;
  LoadServerDir source(temp.path() / "source");
  {
    auto server = e2e::ServeProcess::start(source.launch());
    ASSERT_TRUE(server.ok()) << server.error().message;
    AlertLoad load((*server)->port(), std::string(e2e::kAlphaSecret), 2);
    ASSERT_TRUE(load.wait_for_acks(20, kAckTimeoutMs));
    load.stop();
    auto stopped = (*server)->terminate();
    ASSERT_TRUE(stopped.ok() && *stopped == 0) << (*server)->log_tail();
  }
  const auto backup = temp.path() / "offline";
  const auto run = tvbot({"backup", "--data", source.data_dir().string(), "--to", backup.string()});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, HasSubstr("taken by this process (no server was running)"));
  auto copied = read_log_dir(backup);
  auto original = read_log_dir(source.data_dir() / "events");
  ASSERT_TRUE(copied.ok() && original.ok());
  EXPECT_EQ(*copied, *original);
  EXPECT_GE(copied->size(), 20u);
}

// A server that holds the log but whose control socket is gone: backup must refuse rather
// than copy files the server may be compacting away.
TEST(BackupRestore, A_running_server_without_its_control_socket_is_not_copied_behind_its_back) {
  e2e::TempDir temp;
  LoadServerDir source(temp.path() / "source");
  auto server = e2e::ServeProcess::start(source.launch());
  ASSERT_TRUE(server.ok()) << server.error().message;
  const auto socket = source.data_dir() / "control.sock";
  ASSERT_TRUE(std::filesystem::exists(socket));
  EXPECT_EQ(std::filesystem::status(socket).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::remove(socket);
  const auto backup = temp.path() / "refused";
  const auto run = tvbot({"backup", "--data", source.data_dir().string(), "--to", backup.string()});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("lock"));
  EXPECT_THAT(run.err, HasSubstr("control socket did not answer"));
  auto stopped = (*server)->terminate();
  ASSERT_TRUE(stopped.ok() && *stopped == 0) << (*server)->log_tail();
}

TEST(BackupRestore, Bad_arguments_get_a_clear_message_and_a_non_zero_exit) {
  e2e::TempDir temp;
  const auto missing = tvbot({"backup", "--data", (temp.path() / "nothing").string(), "--to",
                              (temp.path() / "b").string()});
  EXPECT_EQ(missing.exit_code, 1) << missing;
  EXPECT_THAT(missing.err, StartsWith("tvbot backup: no event log at "));
  const auto no_to = tvbot({"backup", "--data", temp.path().string()});
  EXPECT_EQ(no_to.exit_code, 2) << no_to;
  EXPECT_THAT(no_to.err, HasSubstr("--to is required"));

  const auto demo = temp.path() / "demo";
  ASSERT_EQ(tvbot({"demo", "--data", demo.string()}).exit_code, 0);
  const auto exists = tvbot({"backup", "--data", demo.string(), "--to", temp.path().string()});
  EXPECT_EQ(exists.exit_code, 2) << exists;
  EXPECT_THAT(exists.err, HasSubstr("exists; a backup is written to a new directory"));
  const auto orphan = tvbot({"backup", "--data", demo.string(), "--to",
                             (temp.path() / "no" / "such" / "parent").string()});
  EXPECT_EQ(orphan.exit_code, 2) << orphan;
  EXPECT_THAT(orphan.err, HasSubstr("is not a directory"));
  const auto verify_missing = tvbot({"verify", "--data", (temp.path() / "nothing").string()});
  EXPECT_EQ(verify_missing.exit_code, 1) << verify_missing;
  EXPECT_THAT(verify_missing.err, StartsWith("tvbot verify: no event log at "));
}

}  // namespace
}  // namespace tvbot::ops_test
