// Replay speed: how fast read_all feeds a projector rebuilding from scratch, and how long
// opening a large log takes.
//
//   replay_bench [--events 1000000] [--payload-bytes 100] [--dir DIR]
//
// Writes the events (1000 per append over 100 streams, sync off: this measures reading),
// closes the log, reopens it, then times read_all over everything. With --dir pointing at
// a log written before, the write is skipped. Without --dir a temporary directory is used
// and removed afterwards.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "storage/event_log.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using tvbot::storage::EventLog;
using tvbot::storage::EventLogOptions;
using tvbot::storage::NewEvent;

constexpr std::uint64_t streams = 100;
constexpr std::uint64_t events_per_append = 1000;

struct Settings {
  std::uint64_t events = 1'000'000;
  std::size_t payload_bytes = 100;
  std::string dir;
};

bool parse(int argc, char** argv, Settings& settings) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--events") {
      settings.events = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (name == "--payload-bytes") {
      settings.payload_bytes = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (name == "--dir") {
      settings.dir = argv[i + 1];
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && settings.events >= events_per_append;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool write_log(const std::filesystem::path& dir, const Settings& settings) {
  auto opened = EventLog::open(dir, EventLogOptions{.sync = false});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return false;
  }
  EventLog& log = **opened;
  const std::string payload(settings.payload_bytes, 'x');
  const auto started = Clock::now();
  for (std::uint64_t written = 0, append = 0; written + events_per_append <= settings.events;
       written += events_per_append, ++append) {
    const std::string stream = "bench/" + std::to_string(append % streams);
    std::vector<NewEvent> events(events_per_append, NewEvent{"BenchEvent", payload, 0});
    const auto appended = log.append(stream, log.stream_version(stream), std::move(events));
    if (!appended) {
      std::fprintf(stderr, "append failed: %s\n", appended.error().message.c_str());
      return false;
    }
  }
  std::printf("write  %.2f s (sync off, %llu events per append)\n", seconds_since(started),
              static_cast<unsigned long long>(events_per_append));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse(argc, argv, settings)) {
    std::fprintf(stderr, "usage: %s [--events N>=1000] [--payload-bytes N] [--dir DIR]\n", argv[0]);
    return 2;
  }
  const bool temporary = settings.dir.empty();
  const std::filesystem::path dir =
      temporary ? std::filesystem::temp_directory_path() / ("tvbot-replay-bench-" + std::to_string(::getpid()))
                : std::filesystem::path(settings.dir);
  if (!std::filesystem::exists(dir / "CURRENT") && !write_log(dir, settings)) return 1;

  const auto opening = Clock::now();
  auto opened = EventLog::open(dir, EventLogOptions{});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  std::unique_ptr<EventLog> log = std::move(*opened);
  const double open_seconds = seconds_since(opening);

  std::uint64_t events = 0;
  std::uint64_t bytes = 0;
  const auto replaying = Clock::now();
  const tvbot::Status replayed = log->read_all(1, [&](const tvbot::storage::RecordedEvent& event) {
    ++events;
    bytes += event.payload.size();
    return true;
  });
  const double replay_seconds = seconds_since(replaying);
  if (!replayed) {
    std::fprintf(stderr, "replay failed: %s\n", replayed.error().message.c_str());
    return 1;
  }
  std::printf("open   %.3f s (%zu streams, last global seq %llu)\n", open_seconds, log->list_streams().size(),
              static_cast<unsigned long long>(log->last_global_seq()));
  std::printf("replay %.2f s: %llu events, %.0f events/s, %.1f MB/s of payload\n", replay_seconds,
              static_cast<unsigned long long>(events), static_cast<double>(events) / replay_seconds,
              static_cast<double>(bytes) / replay_seconds / 1e6);

  log.reset();  // close the log before removing its directory
  if (temporary) {
    std::error_code ignored_best_effort_cleanup;
    std::filesystem::remove_all(dir, ignored_best_effort_cleanup);
  }
  return 0;
}
