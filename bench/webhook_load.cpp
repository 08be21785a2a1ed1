// Webhook load on loopback: alerts/s and acknowledgement latency of `tvbot serve`.
//
// Starts `tvbot serve` with a generated configuration (bots x instruments streams, generous
// rate limits, a paper broker with a manual price feed, fixed sizing) in a
// temporary directory, or targets a running server (--url). C threads each keep one
// keep-alive connection and send alerts one at a time until --alerts are answered or
// --max-seconds have passed. Every alert has a unique id; alert i goes to stream
// i % streams and alternates buy / sell within its stream. Each one trades (one-way mode:
// a sell against a long reverses it; a buy against a long adds an entry, up to 100), even
// when concurrent connections deliver a stream's alerts out of order, so every alert costs
// the server the same work and positions stay within a few units. (buy / close would
// leave many alerts refused under concurrency: a buy on a long at max_entries 1, a close
// when flat.)
// Latency is measured per request (steady_clock, send to complete answer): a 202 means
// the AlertReceived event was fsynced.
//
//   webhook_load [--connections 8] [--alerts 20000] [--bots 4] [--instruments 8]
//                [--single-stream] [--server-threads 1] [--no-sync] [--count-fsyncs]
//                [--max-seconds 30] [--tvbot PATH] [--dir DIR] [--keep]
//   webhook_load --print-config [--bots N] [--instruments N] ...   (a config for --url)
//   webhook_load --url http://127.0.0.1:PORT [...]                  (secret from the env
//                                                                    TVBOT_BENCH_SECRET)
//
// --tvbot defaults to ../tvbot next to this program (build/bench -> build/tvbot).
// --count-fsyncs counts the server's fsync/fdatasync calls during the load with
// `perf stat` tracepoints (needs perf and access to tracefs).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "http/server/http_client.hpp"
#include "storage/event_log.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* kSecretEnv = "TVBOT_BENCH_SECRET";
// A connection that fails this many times in a row (server gone) stops sending.
constexpr std::size_t kMaxConsecutiveErrors = 20;
constexpr std::size_t kFsyncProbes = 200;

std::int64_t micros_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
}

// ---------------------------------------------------------------------------------------
// Settings

struct Settings {
  std::string tvbot;  // the server binary; empty: ../tvbot next to this program
  std::string url;    // http://host:port of a running server; empty: start one
  std::string dir;    // parent of the temporary directory; empty: the system's temp dir
  std::size_t connections = 8;
  std::size_t alerts = 20'000;
  std::size_t bots = 4;
  std::size_t instruments = 8;
  std::size_t server_threads = 1;
  std::size_t max_seconds = 30;
  bool single_stream = false;
  bool sync = true;
  bool count_fsyncs = false;
  bool keep = false;
  bool print_config = false;

  std::size_t streams() const { return single_stream ? 1 : bots * instruments; }
};

bool in_range(std::size_t value, std::size_t low, std::size_t high) {
  return value >= low && value <= high;
}

bool parse(int argc, char** argv, Settings& settings) {
  const std::map<std::string, std::size_t*> numbers{
      {"--connections", &settings.connections}, {"--alerts", &settings.alerts},
      {"--bots", &settings.bots},               {"--instruments", &settings.instruments},
      {"--server-threads", &settings.server_threads}, {"--max-seconds", &settings.max_seconds}};
  const std::map<std::string, std::string*> texts{
      {"--tvbot", &settings.tvbot}, {"--url", &settings.url}, {"--dir", &settings.dir}};
  const std::map<std::string, bool*> flags{
      {"--single-stream", &settings.single_stream}, {"--count-fsyncs", &settings.count_fsyncs},
      {"--keep", &settings.keep}, {"--print-config", &settings.print_config}};
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--no-sync") {
      settings.sync = false;
    } else if (auto flag = flags.find(name); flag != flags.end()) {
      *flag->second = true;
    } else if (i + 1 >= argc) {
      return false;
    } else if (auto number = numbers.find(name); number != numbers.end()) {
      char* end = nullptr;
      *number->second = std::strtoull(argv[++i], &end, 10);
      if (end == nullptr || *end != '\0') return false;
    } else if (auto text = texts.find(name); text != texts.end()) {
      *text->second = argv[++i];
    } else {
      return false;
    }
  }
  return in_range(settings.connections, 1, 512) && in_range(settings.alerts, 1, 1'000'000) &&
         in_range(settings.bots, 1, 64) && in_range(settings.instruments, 1, 64) &&
         in_range(settings.server_threads, 1, 64) && in_range(settings.max_seconds, 1, 40);
}

// ---------------------------------------------------------------------------------------
// The generated configuration and the alerts that match it

std::string bot_id(std::size_t bot) { return "bench-" + std::to_string(bot); }

std::string symbol(std::size_t instrument) {
  return (instrument < 10 ? "S0" : "S") + std::to_string(instrument) + "USDT";
}

std::string make_config(const Settings& settings, const std::string& data_dir) {
  std::ostringstream out;
  out << "# Generated by webhook_load: " << settings.bots << " bots x " << settings.instruments
      << " instruments on one paper broker.\n"
      << "[server]\nlisten_address = \"127.0.0.1\"\nport = 8080\n"
      << "threads = " << settings.server_threads << "\n"
      << "max_connections = 4096\n"
      << "rate_limit_per_ip = { per_second = 1000000, burst = 1000000 }\n\n"
      << "[storage]\ndata_dir = \"" << data_dir << "\"\nlog_id = \"webhook-load\"\n"
      << "sync = " << (settings.sync ? "true" : "false") << "\n\n"
      << "[postgres]\nenabled = false\n\n"
      // A manual feed: every price stays at its start price for the whole run.
      << "[[brokers]]\nname = \"paper\"\nkind = \"paper\"\n"
      << "initial_balances = { USDT = \"1000000000\" }\n"
      << "price_feed = { kind = \"manual\", start_prices = { ";
  for (std::size_t i = 0; i < settings.instruments; ++i) {
    out << (i == 0 ? "" : ", ") << symbol(i) << " = \"100\"";
  }
  out << " } }\n";
  for (std::size_t b = 0; b < settings.bots; ++b) {
    out << "\n[[bots]]\nid = \"" << bot_id(b) << "\"\nsecret_env = \"" << kSecretEnv << "\"\n"
        << "broker = \"paper\"\nmode = \"one-way\"\n"
        << "rate_limit = { per_second = 1000000, burst = 1000000 }\n"
        << "[bots.defaults]\nsizing = { kind = \"fixed\", qty = \"1\" }\nmax_entries = 100\n";
    for (std::size_t i = 0; i < settings.instruments; ++i) {
      out << "[[bots.instruments]]\nsymbol = \"" << symbol(i) << "\"\n";
    }
  }
  return out.str();
}

struct Alert {
  std::string target;
  std::string body;
};

struct AlertPlan {
  std::size_t streams = 1;
  std::size_t instruments = 1;
  std::string secret;
  std::string run_tag;  // makes ids unique across runs against one server

  // Alert `index` of the run, or a warm-up alert (one per stream, before timing).
  Alert make(std::size_t index, bool warm_up) const {
    const std::size_t stream = index % streams;
    const std::size_t bot = stream / instruments;
    const std::size_t instrument = stream % instruments;
    const bool even = (index / streams) % 2 == 0;
    const char* action = warm_up ? "close" : even ? "buy" : "sell";
    Alert alert;
    alert.target = "/webhook/" + bot_id(bot);
    alert.body = "{\"secret\":\"" + secret + "\",\"action\":\"" + action +
                 "\",\"ticker\":\"" + symbol(instrument) + "\",\"id\":\"" + run_tag +
                 (warm_up ? "-w" : "-") + std::to_string(index) + "\"}";
    return alert;
  }
};

std::string random_hex(std::size_t digits) {
  std::random_device device;
  std::string out;
  for (std::size_t i = 0; i < digits; ++i) out += "0123456789abcdef"[device() % 16];
  return out;
}

// ---------------------------------------------------------------------------------------
// Child processes: the server and, optionally, perf

std::optional<pid_t> spawn(const std::vector<std::string>& args, const fs::path& output) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int failed = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) {
    std::fprintf(stderr, "webhook_load: cannot start %s: %s\n", argv[0], std::strerror(failed));
    return std::nullopt;
  }
  return pid;
}

// Waits up to `limit` for `pid` to exit; true when it did (and was reaped).
bool wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (int status = 0; waitpid(pid, &status, WNOHANG) == 0;) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Signals, waits, and kills if needed. Never leaves the child running.
void stop_child(pid_t pid, int signal, std::chrono::milliseconds limit) {
  kill(pid, signal);
  if (wait_exit(pid, limit)) return;
  std::fprintf(stderr, "webhook_load: pid %d did not stop in time; killing it\n", static_cast<int>(pid));
  kill(pid, SIGKILL);
  (void)wait_exit(pid, std::chrono::seconds(5));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The port from "tvbot: listening on http://127.0.0.1:PORT" in the server's output, once it
// is there; nullopt when the server exited or did not get ready within the limit.
std::optional<std::uint16_t> wait_listening(pid_t pid, const fs::path& log, std::chrono::seconds limit) {
  const std::string marker = "tvbot: listening on http://127.0.0.1:";
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    const std::string text = read_file(log);
    if (auto at = text.find(marker); at != std::string::npos) {
      const unsigned long port = std::strtoul(text.c_str() + at + marker.size(), nullptr, 10);
      if (in_range(port, 1, 65535)) return static_cast<std::uint16_t>(port);
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::nullopt;
}

// User + system CPU time of a process, in clock ticks (0 when unreadable).
std::uint64_t process_cpu_ticks(pid_t pid) {
  const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(stat.substr(paren + 2));
  std::string field;
  std::uint64_t utime = 0;
  std::uint64_t stime = 0;
  // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
  for (int n = 3; n <= 15 && fields >> field; ++n) {
    if (n == 14) utime = std::strtoull(field.c_str(), nullptr, 10);
    if (n == 15) stime = std::strtoull(field.c_str(), nullptr, 10);
  }
  return utime + stime;
}

std::int64_t own_cpu_micros() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000LL + usage.ru_utime.tv_usec +
         usage.ru_stime.tv_usec;
}

// Sum of the counts in perf stat's CSV output (-x ,): "123,,syscalls:sys_enter_fsync,...".
std::optional<std::uint64_t> perf_count(const fs::path& output) {
  std::istringstream lines(read_file(output));
  std::uint64_t total = 0;
  bool found = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("syscalls:sys_enter_") == std::string::npos) continue;
    if (line.empty() || line[0] < '0' || line[0] > '9') return std::nullopt;  // <not counted>
    total += std::strtoull(line.c_str(), nullptr, 10);
    found = true;
  }
  if (!found) return std::nullopt;
  return total;
}

// ---------------------------------------------------------------------------------------
// Measurements

// Latency of appending 256 bytes to a file and fdatasync-ing it, in the data directory:
// what one commit costs this disk, to compare with the server's fsync count.
std::vector<std::uint32_t> probe_fsync(const fs::path& dir) {
  std::vector<std::uint32_t> micros;
  const fs::path file = dir / "fsync-probe";
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return micros;
  const std::string block(256, 'p');
  for (std::size_t i = 0; i < kFsyncProbes; ++i) {
    const auto before = Clock::now();
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size()) ||
        ::fdatasync(fd) != 0) {
      break;
    }
    micros.push_back(static_cast<std::uint32_t>(micros_between(before, Clock::now())));
  }
  ::close(fd);
  std::error_code ignored_best_effort;
  fs::remove(file, ignored_best_effort);
  std::sort(micros.begin(), micros.end());
  return micros;
}

// per_mille 500 = median, 990 = p99; `sorted` must not be empty.
std::uint32_t percentile(const std::vector<std::uint32_t>& sorted, std::size_t per_mille) {
  return sorted[(sorted.size() - 1) * per_mille / 1000];
}

struct ConnectionResult {
  std::vector<std::uint32_t> latency_us;          // answered requests only
  std::map<std::string, std::uint64_t> outcomes;  // "202", "error:timeout", ...
  std::uint64_t duplicates = 0;                   // answers saying "duplicate":true
  std::size_t connections_opened = 0;
};

struct Target {
  std::string host;
  std::uint16_t port = 0;
};

tvbot::http::ClientOptions client_options() {
  tvbot::http::ClientOptions options;
  options.timeout = std::chrono::milliseconds(5000);
  return options;
}

void run_connection(const Target& target, const AlertPlan& plan, std::size_t alerts,
                    std::size_t connections, std::atomic<std::size_t>& next,
                    Clock::time_point deadline, ConnectionResult& result) {
  tvbot::http::HttpClient client(target.host, target.port, client_options());
  result.latency_us.reserve(2 * alerts / connections + 16);  // a fair share, and some
  std::size_t consecutive_errors = 0;
  // At most `alerts` passes: each takes a fresh index and stops when they are used up.
  for (std::size_t pass = 0; pass < alerts; ++pass) {
    if (Clock::now() >= deadline || consecutive_errors >= kMaxConsecutiveErrors) break;
    const std::size_t index = next.fetch_add(1);
    if (index >= alerts) break;
    Alert alert = plan.make(index, false);
    const auto before = Clock::now();
    auto response = client.post(alert.target, std::move(alert.body));
    const auto after = Clock::now();
    if (!response.ok()) {
      ++result.outcomes["error:" + response.error().code];
      ++consecutive_errors;
      continue;
    }
    consecutive_errors = 0;
    result.latency_us.push_back(static_cast<std::uint32_t>(micros_between(before, after)));
    ++result.outcomes[std::to_string(response->status)];
    if (response->body.find("\"duplicate\":true") != std::string::npos) ++result.duplicates;
  }
  result.connections_opened = client.connections_opened();
}

// One alert per stream, untimed: spawns and loads each stream's actor. False (and says
// why) when the server does not accept the first one.
bool warm_up(const Target& target, const AlertPlan& plan) {
  tvbot::http::HttpClient client(target.host, target.port, client_options());
  for (std::size_t stream = 0; stream < plan.streams; ++stream) {
    Alert alert = plan.make(stream, true);
    auto response = client.post(alert.target, std::move(alert.body));
    if (!response.ok()) {
      std::fprintf(stderr, "webhook_load: warm-up: %s\n", response.error().message.c_str());
      return false;
    }
    if (response->status / 100 != 2) {
      std::fprintf(stderr, "webhook_load: warm-up answered %u: %s\n", response->status,
                   response->body.c_str());
      return false;
    }
  }
  return true;
}

// Events in the log by type ("AlertReceived", ...), read after the server stopped.
std::map<std::string, std::uint64_t> count_events(const fs::path& log_dir) {
  std::map<std::string, std::uint64_t> by_type;
  auto log = tvbot::storage::EventLog::open_read_only(log_dir);
  if (!log.ok()) {
    std::fprintf(stderr, "webhook_load: cannot read the log: %s\n", log.error().message.c_str());
    return by_type;
  }
  auto scanned = (*log)->read_all(1, [&](const tvbot::storage::RecordedEvent& event) {
    ++by_type[event.type.substr(0, event.type.find('@'))];
    return true;
  });
  if (!scanned.ok()) std::fprintf(stderr, "webhook_load: %s\n", scanned.error().message.c_str());
  return by_type;
}

std::optional<Target> parse_url(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return std::nullopt;
  const std::string rest = url.substr(scheme.size());
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  const unsigned long port = std::strtoul(rest.c_str() + colon + 1, nullptr, 10);
  if (!in_range(port, 1, 65535)) return std::nullopt;
  return Target{rest.substr(0, colon), static_cast<std::uint16_t>(port)};
}

// ---------------------------------------------------------------------------------------
// The run

struct LoadOutcome {
  ConnectionResult total;
  std::int64_t elapsed_us = 1;
  std::int64_t client_cpu_us = 0;
  std::uint64_t server_cpu_ticks = 0;
};

LoadOutcome run_load(const Settings& settings, const Target& target, const AlertPlan& plan,
                     std::optional<pid_t> server) {
  std::vector<ConnectionResult> results(settings.connections);
  std::atomic<std::size_t> next{0};
  const std::uint64_t server_ticks_before = server ? process_cpu_ticks(*server) : 0;
  const std::int64_t client_cpu_before = own_cpu_micros();
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::seconds(settings.max_seconds);
  {
    std::vector<std::thread> threads;
    for (std::size_t c = 0; c < settings.connections; ++c) {
      threads.emplace_back(run_connection, std::cref(target), std::cref(plan), settings.alerts,
                           settings.connections, std::ref(next), deadline, std::ref(results[c]));
    }
    for (auto& thread : threads) thread.join();
  }
  LoadOutcome outcome;
  outcome.elapsed_us = std::max<std::int64_t>(micros_between(started, Clock::now()), 1);
  outcome.client_cpu_us = own_cpu_micros() - client_cpu_before;
  outcome.server_cpu_ticks = server ? process_cpu_ticks(*server) - server_ticks_before : 0;
  for (auto& result : results) {
    auto& total = outcome.total;
    total.latency_us.insert(total.latency_us.end(), result.latency_us.begin(), result.latency_us.end());
    for (const auto& [key, count] : result.outcomes) total.outcomes[key] += count;
    total.duplicates += result.duplicates;
    total.connections_opened += result.connections_opened;
  }
  std::sort(outcome.total.latency_us.begin(), outcome.total.latency_us.end());
  return outcome;
}

std::uint64_t answered_2xx(const ConnectionResult& result) {
  std::uint64_t count = 0;
  for (const auto& [key, n] : result.outcomes) count += (key.size() == 3 && key[0] == '2') ? n : 0;
  return count;
}

void print_load(const Settings& settings, const LoadOutcome& outcome) {
  const auto& total = outcome.total;
  const std::uint64_t answered = total.latency_us.size();
  const auto elapsed_us = static_cast<std::uint64_t>(outcome.elapsed_us);
  std::printf("load: %llu answered in %llu ms -> %llu alerts/s (2xx: %llu/s)\n",
              static_cast<unsigned long long>(answered),
              static_cast<unsigned long long>(elapsed_us / 1000),
              static_cast<unsigned long long>(answered * 1'000'000 / elapsed_us),
              static_cast<unsigned long long>(answered_2xx(total) * 1'000'000 / elapsed_us));
  if (!total.latency_us.empty()) {
    const auto& l = total.latency_us;
    std::printf("ack latency us: p50 %u  p90 %u  p99 %u  p99.9 %u  max %u\n", percentile(l, 500),
                percentile(l, 900), percentile(l, 990), percentile(l, 999), l.back());
  }
  std::printf("answers:");
  for (const auto& [key, count] : total.outcomes) {
    std::printf(" %s x %llu", key.c_str(), static_cast<unsigned long long>(count));
  }
  std::printf("%s\n", total.duplicates > 0 ? "  (some answered as duplicates!)" : "");
  std::printf("connections opened: %zu for %zu clients (the server closes one after 1000 requests)\n",
              total.connections_opened, settings.connections);
  if (answered < settings.alerts) {
    std::printf("stopped early: %llu of %zu alerts answered (time limit %zu s or errors)\n",
                static_cast<unsigned long long>(answered), settings.alerts, settings.max_seconds);
  }
}

void print_cpu(const LoadOutcome& outcome) {
  const std::int64_t ticks_per_second = sysconf(_SC_CLK_TCK);
  const std::int64_t server_us = static_cast<std::int64_t>(outcome.server_cpu_ticks) * 1'000'000 /
                                 std::max<std::int64_t>(ticks_per_second, 1);
  std::printf("cpu during load (100%% = one core, 2 cores here): server %lld%%, load generator %lld%%\n",
              static_cast<long long>(server_us * 100 / outcome.elapsed_us),
              static_cast<long long>(outcome.client_cpu_us * 100 / outcome.elapsed_us));
}

int print_config(const Settings& settings) {
  std::fputs(make_config(settings, "./webhook-load-data").c_str(), stdout);
  std::fprintf(stderr, "# run: export %s=...; tvbot serve --config FILE --port P\n"
                       "# then: webhook_load --url http://127.0.0.1:P --bots %zu --instruments %zu\n",
               kSecretEnv, settings.bots, settings.instruments);
  return 0;
}

fs::path default_tvbot(const char* argv0) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) self = fs::absolute(argv0);
  return self.parent_path().parent_path() / "tvbot";
}

// Starts the server, runs the load, stops the server, reads its log. Exit code.
int run_with_own_server(const Settings& settings, const AlertPlan& plan, const char* argv0) {
  const fs::path tvbot = settings.tvbot.empty() ? default_tvbot(argv0) : fs::path(settings.tvbot);
  const fs::path base = settings.dir.empty() ? fs::temp_directory_path() : fs::path(settings.dir);
  const fs::path work = base / ("tvbot-webhook-load-" + std::to_string(getpid()));
  std::error_code ec;
  fs::create_directories(work / "data", ec);
  if (ec) {
    std::fprintf(stderr, "webhook_load: cannot create %s: %s\n", work.c_str(), ec.message().c_str());
    return 1;
  }
  {
    std::ofstream config(work / "config.toml");
    config << make_config(settings, (work / "data").string());
  }
  setenv(kSecretEnv, plan.secret.c_str(), 1);

  const auto probe = probe_fsync(work / "data");
  if (!probe.empty()) {
    std::printf("disk: %zu x (write 256 B + fdatasync) in %s: p50 %u us  p99 %u us\n", probe.size(),
                work.c_str(), percentile(probe, 500), percentile(probe, 990));
  }

  const fs::path server_log = work / "server.log";
  auto server = spawn({tvbot.string(), "serve", "--config", (work / "config.toml").string(),
                       "--port", "0", "--data", (work / "data").string()},
                      server_log);
  if (!server) return 1;
  int exit_code = 0;
  const auto port = wait_listening(*server, server_log, std::chrono::seconds(30));
  std::optional<pid_t> perf;
  const fs::path perf_output = work / "perf.txt";
  if (!port) {
    std::fprintf(stderr, "webhook_load: the server did not start; its output:\n%s\n",
                 read_file(server_log).c_str());
    exit_code = 1;
  } else {
    const Target target{"127.0.0.1", *port};
    if (!warm_up(target, plan)) {
      exit_code = 1;
    } else {
      if (settings.count_fsyncs) {
        perf = spawn({"perf", "stat", "-x", ",", "-o", perf_output.string(), "-e",
                      "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync", "-p",
                      std::to_string(*server)},
                     work / "perf.err");
        std::this_thread::sleep_for(std::chrono::milliseconds(500));  // lets perf attach
      }
      const LoadOutcome outcome = run_load(settings, target, plan, server);
      if (perf) stop_child(*perf, SIGINT, std::chrono::seconds(5));
      print_load(settings, outcome);
      print_cpu(outcome);
      if (perf) {
        if (auto fsyncs = perf_count(perf_output)) {
          const std::uint64_t acked = std::max<std::uint64_t>(answered_2xx(outcome.total), 1);
          std::printf("server fsync+fdatasync calls during load: %llu (%llu.%02llu per acknowledged alert)\n",
                      static_cast<unsigned long long>(*fsyncs),
                      static_cast<unsigned long long>(*fsyncs / acked),
                      static_cast<unsigned long long>(*fsyncs * 100 / acked % 100));
        } else {
          std::printf("fsync count unavailable (see %s)\n", (work / "perf.err").c_str());
        }
      }
    }
  }
  // Bounded: whatever the server does after SIGTERM, the run ends within 10 s. Every
  // acknowledged alert was fsynced, so even a killed server leaves a complete log.
  stop_child(*server, SIGTERM, std::chrono::seconds(10));
  if (exit_code == 0) {
    const auto events = count_events(work / "data" / "events");
    std::uint64_t total = 0;
    for (const auto& [type, count] : events) total += count;
    std::printf("log after shutdown: %llu events:", static_cast<unsigned long long>(total));
    for (const auto& [type, count] : events) {
      std::printf(" %s %llu", type.c_str(), static_cast<unsigned long long>(count));
    }
    std::printf("\n");
  }
  if (settings.keep || exit_code != 0) {
    std::printf("kept %s (config.toml, server.log, data/)\n", work.c_str());
  } else {
    fs::remove_all(work, ec);
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!parse(argc, argv, settings)) {
    std::fprintf(stderr,
                 "usage: %s [--connections 1..512] [--alerts N] [--bots 1..64] [--instruments 1..64]\n"
                 "          [--single-stream] [--server-threads N] [--no-sync] [--count-fsyncs]\n"
                 "          [--max-seconds 1..40] [--tvbot PATH] [--dir DIR] [--keep]\n"
                 "          [--url http://HOST:PORT] [--print-config]\n",
                 argv[0]);
    return 2;
  }
  if (settings.print_config) return print_config(settings);
  // Ignore SIGPIPE: a server that goes away must give errors, not kill the load generator.
  signal(SIGPIPE, SIG_IGN);

  AlertPlan plan;
  plan.streams = settings.streams();
  plan.instruments = settings.instruments;
  plan.run_tag = "wl-" + random_hex(8);
  std::printf("webhook_load: %zu alerts, %zu connections, %zu stream%s%s; load average before: %s",
              settings.alerts, settings.connections, plan.streams, plan.streams == 1 ? "" : "s",
              settings.single_stream ? " (--single-stream)" : "",
              read_file("/proc/loadavg").c_str());
  if (settings.url.empty()) {
    std::printf("server: threads %zu, fsync %s\n", settings.server_threads, settings.sync ? "on" : "off");
    plan.secret = random_hex(32);
    return run_with_own_server(settings, plan, argv[0]);
  }
  const auto target = parse_url(settings.url);
  const char* secret = std::getenv(kSecretEnv);
  if (!target || secret == nullptr || *secret == '\0') {
    std::fprintf(stderr, "webhook_load: --url needs http://HOST:PORT and the secret in %s\n", kSecretEnv);
    return 2;
  }
  plan.secret = secret;
  if (!warm_up(*target, plan)) return 1;
  const LoadOutcome outcome = run_load(settings, *target, plan, std::nullopt);
  print_load(settings, outcome);
  return 0;
}
