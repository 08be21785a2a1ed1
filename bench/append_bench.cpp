// Group commit under load: N threads append one event at a time to their own streams with
// fsync on, as position actors do. Prints throughput, how many appends shared each fsync,
// and append latency.
//
//   append_bench [--threads 8] [--appends 40000] [--payload-bytes 200]
//                [--max-group-appends 256] [--max-group-bytes 1048576] [--dir DIR]
//
// --appends is the total over all threads. Without --dir the log goes to a temporary
// directory that is removed afterwards; with --dir, DIR must not hold a log yet.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "storage/event_log.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using tvbot::storage::EventLog;
using tvbot::storage::EventLogOptions;
using tvbot::storage::NewEvent;

struct Settings {
  std::size_t threads = 8;
  std::size_t appends = 40'000;
  std::size_t payload_bytes = 200;  // about an OrderFilled in JSON
  std::size_t max_group_appends = EventLogOptions{}.max_group_appends;
  std::size_t max_group_bytes = EventLogOptions{}.max_group_bytes;
  std::string dir;
};

bool parse(int argc, char** argv, Settings& settings) {
  std::map<std::string, std::size_t*> numbers{{"--threads", &settings.threads},
                                              {"--appends", &settings.appends},
                                              {"--payload-bytes", &settings.payload_bytes},
                                              {"--max-group-appends", &settings.max_group_appends},
                                              {"--max-group-bytes", &settings.max_group_bytes}};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--dir") {
      settings.dir = argv[i + 1];
    } else if (auto number = numbers.find(name); number != numbers.end()) {
      *number->second = std::strtoull(argv[i + 1], nullptr, 10);
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && settings.threads > 0 && settings.appends >= settings.threads;
}

double percentile(std::vector<double>& sorted_micros, double fraction) {
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted_micros.size() - 1));
  return sorted_micros[index];
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse(argc, argv, settings)) {
    std::fprintf(stderr, "usage: %s [--threads N] [--appends N] [--payload-bytes N] "
                         "[--max-group-appends N] [--max-group-bytes N] [--dir DIR]\n", argv[0]);
    return 2;
  }
  const bool temporary = settings.dir.empty();
  const std::filesystem::path dir =
      temporary ? std::filesystem::temp_directory_path() / ("tvbot-append-bench-" + std::to_string(::getpid()))
                : std::filesystem::path(settings.dir);

  EventLogOptions options;
  options.max_group_appends = settings.max_group_appends;
  options.max_group_bytes = settings.max_group_bytes;
  auto opened = EventLog::open(dir, options);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  std::unique_ptr<EventLog> log_owner = std::move(*opened);
  EventLog& log = *log_owner;

  const std::size_t per_thread = settings.appends / settings.threads;
  std::vector<std::vector<double>> latencies(settings.threads);
  std::vector<std::thread> writers;
  const auto started = Clock::now();
  for (std::size_t t = 0; t < settings.threads; ++t) {
    writers.emplace_back([&, t] {
      const std::string stream = "bench/" + std::to_string(t);
      const std::string payload(settings.payload_bytes, 'x');
      latencies[t].reserve(per_thread);
      for (std::size_t i = 0; i < per_thread; ++i) {
        const auto before = Clock::now();
        const auto appended = log.append(stream, i, {NewEvent{"BenchEvent", payload, 0}});
        const auto after = Clock::now();
        if (!appended) {
          std::fprintf(stderr, "append failed: %s\n", appended.error().message.c_str());
          std::exit(1);
        }
        latencies[t].push_back(std::chrono::duration<double, std::micro>(after - before).count());
      }
    });
  }
  for (auto& writer : writers) writer.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  std::vector<double> all;
  for (const auto& thread_latencies : latencies) all.insert(all.end(), thread_latencies.begin(), thread_latencies.end());
  std::sort(all.begin(), all.end());
  const auto stats = log.statistics();
  std::printf("threads %zu, appends %zu (1 event of %zu bytes each), sync on, caps %zu appends / %zu bytes\n",
              settings.threads, all.size(), settings.payload_bytes, settings.max_group_appends,
              settings.max_group_bytes);
  std::printf("events/s %.0f  batches/s %.0f  mean group %.2f  largest group %llu\n",
              static_cast<double>(stats.events_written) / seconds,
              static_cast<double>(stats.batches_written) / seconds,
              static_cast<double>(stats.appends_committed) / static_cast<double>(stats.batches_written),
              static_cast<unsigned long long>(stats.largest_group));
  std::printf("append latency us: p50 %.0f  p99 %.0f  max %.0f\n", percentile(all, 0.50),
              percentile(all, 0.99), all.back());

  log_owner.reset();  // close the log before removing its directory
  if (temporary) {
    std::error_code ignored_best_effort_cleanup;
    std::filesystem::remove_all(dir, ignored_best_effort_cleanup);
  }
  return 0;
}
