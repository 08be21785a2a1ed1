#pragma once
// The local control channel of `tvbot serve`: a unix stream socket (mode 0600, peers must
// be this user or root) in the data directory. It exists so that `tvbot backup` can take a
// consistent RocksDB checkpoint of a log that this process holds open: RocksDB lets only
// the process holding the LOCK create a checkpoint safely (a read-only or secondary
// instance in another process cannot stop this one's compactions from deleting the files
// it would link). Requests are one line each; one is served at a time.
//   "checkpoint /absolute/dir\n"  ->  "ok\n" | "error <message>\n"
#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>

#include "events/result.hpp"

namespace tvbot::storage {
class EventLog;
}

namespace tvbot::app {

class ControlSocket {
 public:
  // Binds `path` (a stale socket file left by a crash is replaced: the caller holds the
  // log's LOCK, so no other server uses it) and starts serving on a thread of its own.
  [[nodiscard]] static Result<std::unique_ptr<ControlSocket>> start(std::filesystem::path path,
                                                                    storage::EventLog& log);
  ~ControlSocket();  // stops serving (within one poll interval) and removes the socket file
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;

 private:
  ControlSocket(int fd, std::filesystem::path path, storage::EventLog& log);
  void serve();
  void serve_one(int client);

  int fd_;
  std::filesystem::path path_;
  storage::EventLog& log_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace tvbot::app
