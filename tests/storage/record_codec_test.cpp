#include "storage/record_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "storage/keys.hpp"

namespace tvbot::storage {
namespace {

RecordedEvent decode_or_fail(std::string_view bytes) {
  RecordedEvent event;
  const Status decoded = decode_event_record(bytes, event);
  EXPECT_TRUE(decoded.ok()) << decoded.error().message;
  return event;
}

TEST(EventRecord, Round_trips_every_field) {
  std::string bytes;
  const NewEvent event{"OrderFilled", R"({"qty":"1.5"})", -1234567890123};
  encode_event_record(bytes, "bot1/BTCUSDT", 7, 42, event);
  EXPECT_EQ(bytes.size(), event_record_size("bot1/BTCUSDT", event));
  EXPECT_EQ(decode_or_fail(bytes), (RecordedEvent{"bot1/BTCUSDT", 7, 42, -1234567890123, "OrderFilled",
                                                  R"({"qty":"1.5"})"}));
}

TEST(EventRecord, Round_trips_an_empty_payload_and_binary_bytes) {
  std::string bytes;
  encode_event_record(bytes, "s", 1, 1, NewEvent{"T", std::string("\0\xff\x01", 3), 0});
  EXPECT_EQ(decode_or_fail(bytes).payload, std::string("\0\xff\x01", 3));
  encode_event_record(bytes, "s", 1, 1, NewEvent{"T", "", 0});
  EXPECT_EQ(decode_or_fail(bytes).payload, "");
}

TEST(EventRecord, Starts_with_the_format_version_and_big_endian_seqs) {
  std::string bytes;
  encode_event_record(bytes, "s", 0x0102, 0x0304, NewEvent{"T", "p", 0});
  EXPECT_EQ(bytes[0], 1);
  EXPECT_EQ(bytes.substr(1, 8), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(bytes.substr(9, 8), std::string("\0\0\0\0\0\0\x03\x04", 8));
}

TEST(EventRecord, Any_flipped_byte_is_reported_as_corruption) {
  std::string bytes;
  encode_event_record(bytes, "bot/X", 3, 9, NewEvent{"T", "payload", 5});
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x40);
    RecordedEvent event;
    const Status decoded = decode_event_record(damaged, event);
    ASSERT_FALSE(decoded.ok()) << "byte " << i;
    EXPECT_EQ(decoded.error().code, "corruption");
  }
}

TEST(EventRecord, A_truncated_record_is_corruption_not_a_crash) {
  std::string bytes;
  encode_event_record(bytes, "bot/X", 3, 9, NewEvent{"T", "payload", 5});
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    RecordedEvent event;
    const Status decoded = decode_event_record(std::string_view(bytes).substr(0, size), event);
    ASSERT_FALSE(decoded.ok()) << size;
    EXPECT_EQ(decoded.error().code, "corruption");
  }
}

TEST(EventRecord, An_unknown_format_version_is_named_in_the_error) {
  std::string bytes;
  encode_event_record(bytes, "s", 1, 1, NewEvent{"T", "p", 0});
  bytes[0] = 9;
  RecordedEvent event;
  const Status decoded = decode_event_record(bytes, event);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "unknown record format 9");
}

TEST(StreamIndexValue, Round_trips_and_is_bound_to_its_key) {
  const std::string key = keys::stream_index_key("a/b", 4);
  const std::string value = encode_stream_index_value(key, 99);
  const Result<std::uint64_t> decoded = decode_stream_index_value(key, value);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, 99u);
  // The same value under another key fails: an entry cannot silently move.
  EXPECT_FALSE(decode_stream_index_value(keys::stream_index_key("a/b", 5), value).ok());
}

TEST(SnapshotRecord, Round_trips_and_detects_a_flipped_byte) {
  const std::string key = keys::snapshot_key("a/b");
  std::string value = encode_snapshot_record(key, 12, "state bytes");
  const Result<Snapshot> decoded = decode_snapshot_record(key, value);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (Snapshot{12, "state bytes"}));
  value[15] = static_cast<char>(value[15] ^ 1);
  EXPECT_EQ(decode_snapshot_record(key, value).error().code, "corruption");
}

TEST(MetaRecord, Round_trips_the_log_id) {
  const Result<std::string> id = decode_meta_record(encode_meta_record("node-7"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "node-7");
}

TEST(Keys, Sort_event_keys_in_numeric_order) {
  std::vector<std::string> sorted{keys::event_key(1), keys::event_key(255), keys::event_key(256),
                                  keys::event_key(65536), keys::event_key(UINT64_MAX)};
  EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end()));
  EXPECT_EQ(keys::parse_event_key(keys::event_key(258)), 258u);
}

TEST(Keys, Keep_one_streams_index_keys_together_before_a_longer_name) {
  // "a" then "a/b": every key of "a" must sort before any key of "a/b", in seq order.
  std::vector<std::string> sorted{keys::stream_index_key("a", 1), keys::stream_index_key("a", 300),
                                  keys::stream_index_end("a"), keys::stream_index_key("a/b", 1)};
  EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end()));
  EXPECT_LT(keys::stream_index_begin("a"), keys::stream_index_key("a", 0));
}

TEST(Keys, Parse_a_stream_index_key_back_into_stream_and_seq) {
  const std::string key = keys::stream_index_key("bot1/ETHUSDT", 17);
  const auto parsed = keys::parse_stream_index_key(key);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->stream, "bot1/ETHUSDT");
  EXPECT_EQ(parsed->stream_seq, 17u);
  EXPECT_FALSE(keys::parse_stream_index_key("Sx").has_value());
  EXPECT_FALSE(keys::parse_event_key(keys::stream_index_key("a", 1)).has_value());
}

TEST(Keys, Describe_shows_binary_bytes_as_hex) {
  EXPECT_EQ(keys::describe(keys::event_key(258)), "E\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x02");
}

}  // namespace
}  // namespace tvbot::storage
