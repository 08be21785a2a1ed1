#pragma once
// What the operations tests share beyond tests/e2e: the e2e configuration with rate limits
// lifted (the tests drive load on purpose), a reader for a log directory given directly
// (a backup), and the real binary run as a one-shot command.
#include <filesystem>
#include <string>
#include <vector>

#include "events/event_types.hpp"
#include "events/result.hpp"
#include "tests/e2e/e2e_support.hpp"

namespace tvbot::ops_test {

// tests/e2e's server directory, its rate limits raised so load is never answered 429.
class LoadServerDir : public e2e::ServerDir {
 public:
  explicit LoadServerDir(std::filesystem::path root);
};

// Every event of the log in `log_dir` (the RocksDB directory itself), read-only.
[[nodiscard]] Result<std::vector<Event>> read_log_dir(const std::filesystem::path& log_dir);

// Copies a directory tree (a restore is a copy of the backup into a data directory).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace tvbot::ops_test
