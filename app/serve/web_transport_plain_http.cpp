// Built instead of web_transport.cpp while the tree has no HTTPS client library
// (tvbot_http_client, http/client/). It serves plain http:// base URLs only — in practice a
// local emulator, as in tests/brokers/binance/binance_serve_e2e_test.cpp — through the small
// blocking client of http/server/, one connection per request; https:// (every real
// Binance URL) is refused at start with a clear error. Delete this file once http/client/
// is always present.
#include <charconv>

#include "app/serve/web_transport.hpp"
#include "http/server/http_client.hpp"

namespace tvbot::app {

Result<binance::Transport> make_web_transport(std::string_view base_url) {
  constexpr std::string_view kScheme = "http://";
  if (base_url.rfind(kScheme, 0) != 0) {
    return make_error("unsupported_broker", "this build has no HTTPS client (http/client/)");
  }
  const std::string_view authority = base_url.substr(kScheme.size());
  const auto colon = authority.rfind(':');
  std::uint16_t port = 80;
  std::string host(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    const std::string_view digits = authority.substr(colon + 1);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (error != std::errc{} || end != digits.data() + digits.size() || port == 0) {
      return make_error("invalid_url", "base_url: the port is not a number from 1 to 65535");
    }
  }
  return binance::Transport([host, port](std::string_view method, std::string_view target,
                                          std::string body, http::HeaderList headers,
                                          std::string_view content_type) -> Result<http::WebResponse> {
    http::ClientOptions options;
    options.keep_alive = false;
    options.timeout = std::chrono::milliseconds(10000);
    http::HttpClient client(host, port, options);
    if (!content_type.empty()) headers.emplace_back("Content-Type", std::string(content_type));
    auto response = client.request(method, target, std::move(body), std::move(headers));
    if (!response) {
      Error error = response.error();
      if (error.code == "timeout") error.code = "read_timeout";  // may have reached the server
      return error;
    }
    return http::WebResponse{response->status, std::move(response->headers),
                             std::move(response->body)};
  });
}

}  // namespace tvbot::app
