#pragma once
// At most max_connections connections per WebClient, idle or in use. A caller leases a
// slot: either with an idle connection in it (the most recently used one, the likeliest
// to be still open) or empty, to open a new one. The lease gives the slot back when it
// ends: with a connection in it, the connection becomes idle; empty, the slot is freed.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "http/client/connection.hpp"

namespace tvbot::http {

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    // Null when the caller is to open one; reset it to drop a connection not to reuse.
    std::unique_ptr<Connection>& connection() { return connection_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  explicit ConnectionPool(std::size_t max_connections);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Empty when every slot stayed busy until `deadline`.
  [[nodiscard]] std::optional<Lease> acquire(std::chrono::steady_clock::time_point deadline);

 private:
  void give_back(std::unique_ptr<Connection> connection);

  const std::size_t max_connections_;
  std::mutex mutex_;
  std::condition_variable slot_freed_;
  std::vector<std::unique_ptr<Connection>> idle_;  // most recently used last
  std::size_t leased_ = 0;
};

}  // namespace tvbot::http
