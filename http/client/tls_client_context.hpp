#pragma once
// The OpenSSL client context shared by all connections of one WebClient: which roots are
// trusted and whether the peer is verified at all. Host name checks and SNI are per
// connection (connection.cpp). Included only by http/client/*.cpp: it pulls in Asio.
#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "events/result.hpp"
#include "http/client/web_client.hpp"

namespace tvbot::http {

// Errors: "tls_setup_failed" (ca_file unreadable or holding no PEM certificate).
[[nodiscard]] Result<std::unique_ptr<boost::asio::ssl::context>> make_tls_client_context(
    const WebClientOptions& options);

}  // namespace tvbot::http
