#pragma once
// Name resolution bounded by a deadline. getaddrinfo cannot be cancelled, so a slow
// lookup runs on a detached thread that the caller stops waiting for at the deadline
// (Asio's own async_resolve would make the io_context's destructor wait for it instead).
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "events/result.hpp"

namespace tvbot::http {

// An IP literal is converted without a lookup.
// Errors: "connect_failed" (the name does not resolve), "connect_timeout".
[[nodiscard]] Result<std::vector<boost::asio::ip::tcp::endpoint>> resolve_host(
    const std::string& host, std::uint16_t port, std::chrono::steady_clock::time_point deadline);

}  // namespace tvbot::http
