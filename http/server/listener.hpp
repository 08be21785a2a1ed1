#pragma once
// The accept loop of one ThreadContext and the connection cap.
#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "events/result.hpp"
#include "http/server/server_context.hpp"

namespace tvbot::http {

// Opens, binds and listens. With reuse_port every thread's acceptor binds the same port
// and the kernel spreads new connections across them.
[[nodiscard]] Status open_acceptor(ThreadContext& context, const boost::asio::ip::tcp::endpoint& endpoint,
                                   bool reuse_port);

// Accepts until close_acceptor(). Over max_connections a connection is still accepted,
// answered 503 {"error":"too_many_connections"} and closed, rather than left unaccepted:
// an unaccepted client just waits in the kernel's backlog until its own timeout with no
// answer at all, and with SO_REUSEPORT its queued connection cannot move to another
// thread's acceptor anyway. A 503 is immediate, counted, and tells the client to retry.
void start_accepting(std::shared_ptr<ServerShared> shared, ThreadContext& context);

// On the context's I/O thread, or when no thread runs it.
void close_acceptor(ThreadContext& context);

}  // namespace tvbot::http
