// `tvbot verify` on real logs: a healthy one passes with its summary; a record whose own
// CRC fails, or a stream index entry that is missing, is reported (exit 1) with the first
// problem's position. The damage is written through RocksDB, so RocksDB's own block
// checksums pass and only tvbot's checks can find it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include "storage/keys.hpp"
#include "tests/app/cli_test_support.hpp"

namespace tvbot::ops_test {
namespace {

using ::testing::HasSubstr;
using app::clitest::TempDir;
using app::clitest::tvbot;

// The demo stream (tvbot demo): 11 events on demo/BTCUSDT.
std::string demo_log(const TempDir& where) {
  const std::string data = where / "data";
  const auto made = tvbot({"demo", "--data", data});
  EXPECT_EQ(made.exit_code, 0) << made;
  return data;
}

void damage(const std::string& log_dir, const std::function<void(rocksdb::DB&)>& change) {
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options{}, log_dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  change(*db);
  ASSERT_TRUE(db->Close().ok());
}

std::string log_dir_of(const std::string& data) {
  return std::filesystem::exists(data + "/events/CURRENT") ? data + "/events" : data;
}

TEST(VerifyCli, A_healthy_log_passes_with_its_summary) {
  TempDir where;
  const std::string data = demo_log(where);
  const auto run = tvbot({"verify", "--data", data});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.out, ::testing::MatchesRegex(
                           "tvbot verify: .*: ok: [0-9]+ events, 1 streams, last global seq [0-9]+, log id .*\n"));
  EXPECT_EQ(run.err, "");
}

TEST(VerifyCli, A_record_with_a_bad_checksum_is_named_by_its_global_seq) {
  TempDir where;
  const std::string data = demo_log(where);
  damage(log_dir_of(data), [](rocksdb::DB& db) {
    std::string value;
    ASSERT_TRUE(db.Get(rocksdb::ReadOptions{}, storage::keys::event_key(3), &value).ok());
    value[value.size() - 5] = static_cast<char>(value[value.size() - 5] ^ 0x01);
    ASSERT_TRUE(db.Put(rocksdb::WriteOptions{}, storage::keys::event_key(3), value).ok());
  });
  const auto run = tvbot({"verify", "--data", data});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, ::testing::StartsWith("tvbot verify: "));
  EXPECT_THAT(run.err, HasSubstr("global seq 3"));
  EXPECT_EQ(run.out, "");
}

TEST(VerifyCli, A_missing_stream_index_entry_is_reported) {
  TempDir where;
  const std::string data = demo_log(where);
  damage(log_dir_of(data), [](rocksdb::DB& db) {
    ASSERT_TRUE(db.Delete(rocksdb::WriteOptions{}, storage::keys::stream_index_key("demo/BTCUSDT", 2)).ok());
  });
  const auto run = tvbot({"verify", "--data", data});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("demo/BTCUSDT"));
}

}  // namespace
}  // namespace tvbot::ops_test
