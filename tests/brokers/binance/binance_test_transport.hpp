#pragma once
// The adapter's Transport in tests: the same http::WebClient production uses, pointed at the
// emulator's plain http:// URL on loopback, with the read timeout a test asks for.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "brokers/binance/rest_client.hpp"
#include "http/client/web_client.hpp"

namespace tvbot::binance::testing {

inline Transport loopback_transport(const std::string& base_url,
                                    std::chrono::milliseconds read_timeout = std::chrono::milliseconds(5000)) {
  http::WebClientOptions options;
  options.read_timeout = read_timeout;
  auto client = http::WebClient::create(base_url, options);
  if (!client) throw std::runtime_error("WebClient: " + client.error().message);
  std::shared_ptr<http::WebClient> web(std::move(client).value());
  return [web](std::string_view method, std::string_view target, std::string body,
               http::HeaderList headers, std::string_view content_type) {
    return web->request(method, target, std::move(body), std::move(headers), content_type);
  };
}

}  // namespace tvbot::binance::testing
