#pragma once
// The HTTP(S) transport a venue adapter talks through: an http::WebClient for one base URL
// (keep-alive pool, certificate verification, per-phase timeouts).
#include <string_view>

#include "brokers/binance/rest_client.hpp"
#include "events/result.hpp"

namespace tvbot::app {

// Errors: WebClient's "invalid_url", "tls_setup_failed".
[[nodiscard]] Result<binance::Transport> make_web_transport(std::string_view base_url);

}  // namespace tvbot::app
