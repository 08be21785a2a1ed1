// Projection speed: events/s into PostgreSQL, and lag while events keep being appended.
//
//   projection_bench [--backlog 20000] [--seconds 10] [--rate 2000] [--batch 500] [--streams 32]
//                    [--writers 8]
//
// Starts a private PostgreSQL 15 (like the tests: temporary directory, free loopback port,
// fsync off - so this measures tvbot's side and PostgreSQL's CPU, not a disk), then:
//  1. backlog: appends --backlog events, then times catch_up() over them (what a rebuild or
//     a catch-up after an outage does);
//  2. live: the ProjectorDriver thread tails the log while --writers threads append --rate
//     events/s in all (sync on, fsync'd like production; --streams streams each) for --seconds; the driver's lag (events behind,
//     seconds behind) is sampled every 50 ms.
// The events are the ones an alert cycle produces: AlertReceived, OrderRequested,
// OrderAccepted, OrderFilled + PositionOpened or PositionClosed, on --streams streams.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "projections/catch_up.hpp"
#include "projections/projector.hpp"
#include "projections/projector_driver.hpp"
#include "projections/testing/local_cluster.hpp"
#include "storage/event_store.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace tvbot;

struct Settings {
  std::uint64_t backlog = 20000;
  double seconds = 10;
  double rate = 2000;  // events per second in the live phase
  std::size_t batch = 500;
  std::uint64_t streams = 32;
  unsigned writers = 8;  // appending threads in the live phase (their fsyncs are shared by group commit)
};

bool parse(int argc, char** argv, Settings& s) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const char* value = argv[i + 1];
    if (name == "--backlog") s.backlog = std::strtoull(value, nullptr, 10);
    else if (name == "--seconds") s.seconds = std::atof(value);
    else if (name == "--rate") s.rate = std::atof(value);
    else if (name == "--batch") s.batch = std::strtoull(value, nullptr, 10);
    else if (name == "--streams") s.streams = std::strtoull(value, nullptr, 10);
    else if (name == "--writers") s.writers = static_cast<unsigned>(std::strtoul(value, nullptr, 10));
    else return false;
  }
  return (argc % 2) == 1 && s.batch > 0 && s.streams > 0 && s.rate > 0 && s.writers > 0;
}

Timestamp now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

template <class D>
D dec(const char* text) { return *D::parse_exact(text); }

// Appends the events of alert cycles round-robin over the streams: 4 appends, 5 events each.
class Writer {
 public:
  Writer(storage::EventStore& store, std::uint64_t streams, std::uint64_t first = 0)
      : store_(store), versions_(streams, 0), first_(first) {}

  // Appends one step of one stream's cycle; returns the number of events appended.
  std::size_t step() {
    const std::uint64_t s = next_++ % versions_.size();
    const std::uint64_t n = first_ + s;  // the stream's number across writers
    const std::string stream = "bench" + std::to_string(n % 4) + "/SYM" + std::to_string(n);
    const std::uint64_t v = versions_[s];
    const bool opening = (v / 5) % 2 == 0;
    const std::string id = cid(stream, v + 1);  // the OrderRequested is stream seq v + 1
    std::vector<EventPayload> payloads;
    switch (v % 5) {
      case 0: {
        AlertReceived a;
        a.raw_body = R"({"action":"buy","ticker":"X","secret":"***"})";
        a.source_ip = "203.0.113.7";
        a.request_id = "r" + std::to_string(next_);
        a.signal.action = opening ? Action::buy : Action::close;
        a.signal.symbol = "SYM" + std::to_string(n);
        payloads.push_back(a);
        break;
      }
      case 1:
        payloads.push_back(OrderRequested{id, opening ? Side::buy : Side::sell, dec<Quantity>("0.01"),
                                          OrderType::market, std::nullopt, std::nullopt,
                                          OrderReason::signal, PositionSide::both, !opening});
        break;
      case 2: payloads.push_back(OrderAccepted{cid(stream, v), "B" + std::to_string(next_)}); break;
      case 3: {
        const std::string order = cid(stream, v - 1);
        const std::string fill = "f" + std::to_string(next_);
        payloads.push_back(OrderFilled{order, "B", fill, opening ? Side::buy : Side::sell, PositionSide::both,
                                       dec<Quantity>("0.01"), dec<Price>("60000"), dec<Money>("0.3"), "USDT", true});
        if (opening) {
          payloads.push_back(PositionOpened{PositionSide::both, Direction::long_, fill, dec<Quantity>("0.01"),
                                            dec<Price>("60000"), dec<Money>("0.3"),
                                            static_cast<std::uint32_t>(v / 10 + 1)});
        } else {
          payloads.push_back(PositionClosed{PositionSide::both, Direction::long_, fill, dec<Quantity>("0.01"),
                                            dec<Price>("60100"), dec<Money>("0.3"), dec<Price>("60000"),
                                            dec<Money>("1"), dec<Money>("1"), dec<Money>("0.6"),
                                            dec<Money>("0.4"), OrderReason::signal});
        }
        break;
      }
    }
    auto appended = store_.append(stream, v, payloads, now_ns());
    if (!appended.ok()) {
      std::fprintf(stderr, "append: %s\n", appended.error().message.c_str());
      std::exit(1);
    }
    versions_[s] += payloads.size();
    return payloads.size();
  }

 private:
  static std::string cid(const std::string& stream, std::uint64_t seq) { return stream + ":" + std::to_string(seq); }
  storage::EventStore& store_;
  std::vector<std::uint64_t> versions_;
  std::uint64_t next_ = 0;
  std::uint64_t first_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse(argc, argv, settings)) {
    std::fprintf(stderr, "usage: projection_bench [--backlog N] [--seconds S] [--rate EVENTS_PER_S] "
                         "[--batch N] [--streams N] [--writers N]\n");
    return 2;
  }
  auto cluster = projections::testing::LocalCluster::create();
  if (!cluster.ok()) {
    std::fprintf(stderr, "postgres: %s\n", cluster.error().message.c_str());
    return 1;
  }
  auto dsn = (*cluster)->create_database("bench");
  if (!dsn.ok()) return 1;

  std::string pattern = (std::filesystem::temp_directory_path() / "tvbot-projbench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return 1;
  const std::filesystem::path dir = pattern;
  storage::EventLogOptions options;
  options.log_id = "bench";
  auto log = storage::EventLog::open(dir / "events", options);
  if (!log.ok()) return 1;
  storage::EventStore store(**log);
  Writer writer(store, settings.streams);

  // 1. Backlog.
  while ((*log)->last_global_seq() < settings.backlog) writer.step();
  {
    auto projector = projections::Projector::open(*dsn, "bench");
    if (!projector.ok()) {
      std::fprintf(stderr, "%s\n", projector.error().message.c_str());
      return 1;
    }
    const auto started = Clock::now();
    auto report = projections::catch_up(**projector, store, settings.batch);
    const double took = std::chrono::duration<double>(Clock::now() - started).count();
    if (!report.ok()) {
      std::fprintf(stderr, "%s\n", report.error().message.c_str());
      return 1;
    }
    std::printf("backlog: %llu events in %.2f s = %.0f events/s (batch %zu, %llu transactions)\n",
                static_cast<unsigned long long>(report->events), took, report->events / took,
                settings.batch, static_cast<unsigned long long>(report->batches));
  }

  // 2. Live.
  projections::ProjectorDriverOptions driver_options;
  driver_options.dsn = *dsn;
  driver_options.log_id = "bench";
  driver_options.batch_size = settings.batch;
  projections::ProjectorDriver driver(store, driver_options);
  if (!driver.wait_for_checkpoint((*log)->last_global_seq(), std::chrono::seconds(30))) return 1;
  const std::uint64_t start_seq = (*log)->last_global_seq();
  std::vector<std::uint64_t> behind_events;
  std::vector<double> behind_seconds;
  std::atomic<bool> writing{true};
  std::thread sampler([&] {
    while (writing) {
      const auto stats = driver.stats();
      behind_events.push_back(stats.events_behind);
      behind_seconds.push_back(stats.seconds_behind);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  const auto started = Clock::now();
  std::vector<std::thread> writers;
  for (unsigned w = 0; w < settings.writers; ++w) {
    writers.emplace_back([&, w] {
      // Streams of its own (one writer per stream), its share of the rate.
      Writer mine(store, settings.streams, settings.streams * (w + 1));
      const double rate = settings.rate / settings.writers;
      std::uint64_t appended = 0;
      while (true) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
        if (elapsed >= settings.seconds) break;
        if (static_cast<double>(appended) < elapsed * rate) {
          appended += mine.step();
        } else {
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
      }
    });
  }
  for (auto& thread : writers) thread.join();
  const double wrote = std::chrono::duration<double>(Clock::now() - started).count();
  const std::uint64_t last = (*log)->last_global_seq();
  const bool caught_up = driver.wait_for_checkpoint(last, std::chrono::seconds(120));
  const double drained = std::chrono::duration<double>(Clock::now() - started).count();
  writing = false;
  sampler.join();
  const auto stats = driver.stats();
  driver.stop();
  std::sort(behind_events.begin(), behind_events.end());
  std::sort(behind_seconds.begin(), behind_seconds.end());
  auto pct = [](const auto& v, double p) { return v.empty() ? 0 : v[static_cast<std::size_t>(p * (v.size() - 1))]; };
  std::printf("live: appended %llu events in %.2f s (%.0f events/s offered, fsync on); projected all %s "
              "%.2f s after the start (%.0f events/s)\n",
              static_cast<unsigned long long>(last - start_seq), wrote, (last - start_seq) / wrote,
              caught_up ? "by" : "NOT by", drained, (last - start_seq) / drained);
  std::printf("lag sampled every 50 ms: events behind p50 %llu, p99 %llu, max %llu; seconds behind p50 %.3f, "
              "p99 %.3f, max %.3f; %llu batches, %llu errors\n",
              static_cast<unsigned long long>(pct(behind_events, 0.5)),
              static_cast<unsigned long long>(pct(behind_events, 0.99)),
              static_cast<unsigned long long>(behind_events.empty() ? 0 : behind_events.back()),
              pct(behind_seconds, 0.5), pct(behind_seconds, 0.99),
              behind_seconds.empty() ? 0.0 : behind_seconds.back(),
              static_cast<unsigned long long>(stats.batches), static_cast<unsigned long long>(stats.errors));
  log->reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return caught_up ? 0 : 1;
}
