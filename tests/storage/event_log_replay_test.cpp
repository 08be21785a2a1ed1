// A million events written in big batches, then replayed in order. Sanitizer builds run
// about 10x slower, so they default to fewer events; TVBOT_REPLAY_EVENTS overrides either.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <vector>

#include "storage/event_log.hpp"
#include "storage_test_support.hpp"

namespace tvbot::storage {
namespace {

using testing::open_or_fail;
using testing::TempDir;

#if defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t default_event_count = 200'000;
#else
constexpr std::uint64_t default_event_count = 1'000'000;
#endif

std::uint64_t event_count() {
  const char* configured = std::getenv("TVBOT_REPLAY_EVENTS");
  return configured != nullptr ? std::strtoull(configured, nullptr, 10) : default_event_count;
}

TEST(Replay, Every_event_of_a_large_log_comes_back_once_and_in_order_after_reopening) {
  constexpr std::uint64_t streams = 100;
  constexpr std::uint64_t events_per_append = 1000;  // big batches: this tests reading, not fsync
  const std::uint64_t total = event_count() / events_per_append * events_per_append;
  TempDir dir;
  const auto writing = std::chrono::steady_clock::now();
  auto closing = writing;
  {
    auto log = open_or_fail(dir.log_dir(), EventLogOptions{.sync = false});
    std::vector<std::uint64_t> versions(streams, 0);
    for (std::uint64_t written = 0, append = 0; written < total; written += events_per_append, ++append) {
      const std::uint64_t s = append % streams;
      std::vector<NewEvent> events(events_per_append);
      for (std::uint64_t n = 0; n < events_per_append; ++n) {
        events[n] = NewEvent{"Tick", std::to_string(written + n + 1), static_cast<Timestamp>(written + n)};
      }
      const auto appended = log->append("bot/" + std::to_string(s), versions[s], std::move(events));
      ASSERT_TRUE(appended.ok()) << appended.error().message;
      versions[s] = appended->last_stream_seq;
    }
    closing = std::chrono::steady_clock::now();
  }

  const auto opening = std::chrono::steady_clock::now();
  auto log = open_or_fail(dir.log_dir());
  const auto opened = std::chrono::steady_clock::now();
  ASSERT_EQ(log->last_global_seq(), total);
  ASSERT_EQ(log->list_streams().size(), std::min(streams, total / events_per_append));

  std::uint64_t seen = 0;
  std::vector<std::uint64_t> last_stream_seq(streams, 0);
  bool in_order = true;
  const Status read = log->read_all(1, [&](const RecordedEvent& event) {
    ++seen;
    const std::uint64_t s = std::stoull(event.stream.substr(4));
    in_order = in_order && event.global_seq == seen && event.payload == std::to_string(seen) &&
               event.stream_seq == ++last_stream_seq[s] && event.time == static_cast<Timestamp>(seen - 1);
    return in_order;
  });
  const auto replayed = std::chrono::steady_clock::now();
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(in_order) << "first out-of-order event at " << seen;
  EXPECT_EQ(seen, total);
  using ms = std::chrono::milliseconds;
  auto elapsed_ms = [](auto from, auto to) {
    return static_cast<long long>(std::chrono::duration_cast<ms>(to - from).count());
  };
  std::printf("%llu events: write %lld ms, close %lld ms, reopen %lld ms, replay %lld ms\n",
              static_cast<unsigned long long>(total), elapsed_ms(writing, closing),
              elapsed_ms(closing, opening), elapsed_ms(opening, opened), elapsed_ms(opened, replayed));
}

}  // namespace
}  // namespace tvbot::storage
