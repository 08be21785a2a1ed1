#pragma once
// Hands an accepted socket to a new session. The Session class itself stays inside
// session.cpp, the one translation unit that instantiates Beast's reader and writer.
#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "http/server/server_context.hpp"

namespace tvbot::http {

// Serves requests on `socket` until the client leaves, a limit or timeout closes it, or
// the server drains. The caller has already counted it in connections_open.
void serve_connection(std::shared_ptr<ServerShared> shared, ThreadContext& context,
                      boost::asio::ip::tcp::socket socket);

// Answers 503 {"error":"too_many_connections"} without reading a request, then closes.
// The caller has already counted it in connections_being_rejected.
void reject_connection(std::shared_ptr<ServerShared> shared, ThreadContext& context,
                       boost::asio::ip::tcp::socket socket);

}  // namespace tvbot::http
