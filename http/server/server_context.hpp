#pragma once
// What the listener and the sessions share. Internal to http/server/: includes Asio
// (not Beast), so only the server's own .cpp files include it.
#include <atomic>
#include <cstddef>
#include <memory>
#include <unordered_set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/server/request_id.hpp"
#include "http/server/server.hpp"
#include "http/server/server_counters.hpp"

namespace tvbot::http {

// Server-wide state; every session holds a shared_ptr to it, so a session that outlives
// the Server object (kept alive by a queued handler) still has valid options.
struct ServerShared {
  ServerShared(ServerOptions server_options, Handler request_handler)
      : options(std::move(server_options)),
        handler(std::move(request_handler)),
        request_ids(random_request_id_seed()) {}

  const ServerOptions options;
  const Handler handler;
  ServerCounters counters;
  RequestIdGenerator request_ids;
  std::atomic<bool> draining{false};
  std::atomic<std::size_t> connections_being_rejected{0};
};

// A session as the shutdown code sees it.
class DrainableConnection {
 public:
  // On the connection's I/O thread: close now if idle between requests, else finish the
  // request in progress and close after answering it.
  virtual void on_server_draining() = 0;
  // Only when no thread runs the connection's io_context any more: close the socket.
  virtual void force_close() = 0;

 protected:
  ~DrainableConnection() = default;
};

// One per I/O thread: its io_context, its SO_REUSEPORT acceptor, its connections.
// Responders hold a shared_ptr to it so that a late answer can always post to `io`
// safely, even after the Server is gone (the post is then simply never run).
struct ThreadContext : std::enable_shared_from_this<ThreadContext> {
  // Declared before `io`: destroying `io` destroys the sessions its queued handlers own,
  // and each session removes itself from this set in its destructor.
  std::unordered_set<DrainableConnection*> connections;
  // Concurrency hint 1: exactly one thread runs it (posting from others stays safe).
  boost::asio::io_context io{1};
  boost::asio::ip::tcp::acceptor acceptor{io};
  boost::asio::steady_timer accept_retry_timer{io};
};

}  // namespace tvbot::http
