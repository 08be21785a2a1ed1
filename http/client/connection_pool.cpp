#include "http/client/connection_pool.hpp"

#include <algorithm>
#include <utility>

namespace tvbot::http {

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->give_back(std::move(connection_));
}

// A pool of zero could never serve a request; one is the least that works.
ConnectionPool::ConnectionPool(std::size_t max_connections)
    : max_connections_(std::max<std::size_t>(max_connections, 1)) {}

std::optional<ConnectionPool::Lease> ConnectionPool::acquire(
    std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  const bool free = slot_freed_.wait_until(
      lock, deadline, [&] { return !idle_.empty() || idle_.size() + leased_ < max_connections_; });
  if (!free) return std::nullopt;
  ++leased_;
  std::unique_ptr<Connection> connection;
  if (!idle_.empty()) {
    connection = std::move(idle_.back());
    idle_.pop_back();
  }
  return Lease(this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    --leased_;
    if (connection) idle_.push_back(std::move(connection));
  }
  slot_freed_.notify_one();
}

}  // namespace tvbot::http
