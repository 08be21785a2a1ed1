#include "app/serve/web_transport.hpp"

#include <memory>

#include "http/client/web_client.hpp"

namespace tvbot::app {

Result<binance::Transport> make_web_transport(std::string_view base_url) {
  auto client = http::WebClient::create(base_url);
  if (!client) return client.error();
  std::shared_ptr<http::WebClient> web(std::move(client).value());
  return binance::Transport([web](std::string_view method, std::string_view target, std::string body,
                                  http::HeaderList headers, std::string_view content_type) {
    return web->request(method, target, std::move(body), std::move(headers), content_type);
  });
}

}  // namespace tvbot::app
