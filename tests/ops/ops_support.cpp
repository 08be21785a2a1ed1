#include "tests/ops/ops_support.hpp"

#include <fstream>
#include <sstream>

#include "storage/event_log.hpp"
#include "storage/event_store.hpp"

namespace tvbot::ops_test {
namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

LoadServerDir::LoadServerDir(std::filesystem::path root) : e2e::ServerDir(std::move(root)) {
  std::ofstream(this->root() / "tvbot.toml")
      << replace_all(e2e::test_config_text(), "per_second = 1000, burst = 1000",
                     "per_second = 1000000, burst = 1000000");
}

Result<std::vector<Event>> read_log_dir(const std::filesystem::path& log_dir) {
  auto log = storage::EventLog::open_read_only(log_dir);
  if (!log.ok()) return log.error();
  storage::EventStore store(**log);
  std::vector<Event> events;
  auto read = store.read_all(1, [&events](const Event& event) {
    events.push_back(event);
    return true;
  });
  if (!read.ok()) return read.error();
  return events;
}

void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

}  // namespace tvbot::ops_test
