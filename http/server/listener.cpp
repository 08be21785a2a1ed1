#include "http/server/listener.hpp"

#include <chrono>
#include <string>

#include <boost/asio/socket_base.hpp>

#include "http/server/session.hpp"

namespace tvbot::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using ReusePort = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Out of file descriptors or memory: accepting again at once would spin on the same
// error, so wait a little for connections to close. 50 ms is short against any client
// timeout and long enough to stop the spin costing a core.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

bool is_resource_exhaustion(const error_code& error) {
  return error == net::error::no_descriptors || error == net::error::no_buffer_space ||
         error == net::error::no_memory || error.value() == ENFILE;
}

void hand_over(const std::shared_ptr<ServerShared>& shared, ThreadContext& context, tcp::socket socket) {
  auto& counters = shared->counters;
  const auto max_connections = shared->options.max_connections;
  if (counters.connections_open.fetch_add(1) < max_connections) {
    ServerCounters::bump(counters.connections_total);
    serve_connection(shared, context, std::move(socket));
    return;
  }
  counters.connections_open.fetch_sub(1);
  ServerCounters::bump(counters.connections_rejected);
  // The polite 503 path holds a socket for up to write + linger time; bound how many
  // sockets it may hold so that a flood cannot exhaust descriptors through it.
  if (shared->connections_being_rejected.fetch_add(1) >= max_connections) {
    shared->connections_being_rejected.fetch_sub(1);
    error_code ignored;
    socket.close(ignored);
    return;
  }
  reject_connection(shared, context, std::move(socket));
}

void accept_next(std::shared_ptr<ServerShared> shared, ThreadContext& context) {
  context.acceptor.async_accept(context.io, [shared, &context](error_code error, tcp::socket socket) mutable {
    if (!context.acceptor.is_open()) return;  // close_acceptor() ended the loop
    if (!error) {
      hand_over(shared, context, std::move(socket));
    } else if (is_resource_exhaustion(error)) {
      context.accept_retry_timer.expires_after(kAcceptRetryDelay);
      context.accept_retry_timer.async_wait([shared, &context](error_code wait_error) {
        if (!wait_error && context.acceptor.is_open()) accept_next(shared, context);
      });
      return;
    }
    // Any other error concerns only the connection being accepted (e.g. it was reset).
    accept_next(std::move(shared), context);
  });
}

Error bind_error(const tcp::endpoint& endpoint, std::string_view step, const error_code& error) {
  return make_error("bind_failed", std::string(step) + " " + endpoint.address().to_string() + ":" +
                                       std::to_string(endpoint.port()) + ": " + error.message());
}

}  // namespace

Status open_acceptor(ThreadContext& context, const tcp::endpoint& endpoint, bool reuse_port) {
  auto& acceptor = context.acceptor;
  error_code error;
  acceptor.open(endpoint.protocol(), error);
  if (error) return bind_error(endpoint, "open", error);
  acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error && reuse_port) acceptor.set_option(ReusePort(true), error);
  if (error) return bind_error(endpoint, "set socket option on", error);
  acceptor.bind(endpoint, error);
  if (error) return bind_error(endpoint, "bind", error);
  acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) return bind_error(endpoint, "listen on", error);
  return {};
}

void start_accepting(std::shared_ptr<ServerShared> shared, ThreadContext& context) {
  accept_next(std::move(shared), context);
}

void close_acceptor(ThreadContext& context) {
  error_code ignored;  // closing a closed acceptor is not an error worth reporting
  context.acceptor.close(ignored);
  context.accept_retry_timer.cancel();
}

}  // namespace tvbot::http
