#pragma once
// A Transport over the project's blocking test client (http/server/http_client.hpp), one
// connection per request, so the adapter can be driven against the emulator on loopback.
// Production uses http::WebClient (app/serve/broker_factory.cpp); the error codes are mapped
// to WebClient's so the adapter sees the same thing: a timeout may have reached the server.
#include <chrono>
#include <cstdint>

#include "brokers/binance/rest_client.hpp"
#include "http/server/http_client.hpp"

namespace tvbot::binance::testing {

inline Transport loopback_transport(std::uint16_t port,
                                    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  return [port, timeout](std::string_view method, std::string_view target, std::string body,
                         http::HeaderList headers, std::string_view content_type) -> Result<http::WebResponse> {
    http::ClientOptions options;
    options.timeout = timeout;
    options.keep_alive = false;
    http::HttpClient client("127.0.0.1", port, options);
    if (!content_type.empty()) headers.emplace_back("Content-Type", std::string(content_type));
    auto response = client.request(method, target, std::move(body), std::move(headers));
    if (!response) {
      Error error = response.error();
      if (error.code == "timeout") error.code = "read_timeout";
      return error;
    }
    return http::WebResponse{response->status, std::move(response->headers), std::move(response->body)};
  };
}

inline std::uint16_t port_of(const std::string& base_url) {
  return static_cast<std::uint16_t>(std::stoi(base_url.substr(base_url.rfind(':') + 1)));
}

}  // namespace tvbot::binance::testing
