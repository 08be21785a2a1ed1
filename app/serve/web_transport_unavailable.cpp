// Built instead of web_transport.cpp while the tree has no HTTPS client library
// (tvbot_http_client, http/client/): venue brokers are then refused at start with a clear
// error. Delete this file once http/client/ is always present.
#include "app/serve/web_transport.hpp"

namespace tvbot::app {

Result<binance::Transport> make_web_transport(std::string_view) {
  return make_error("unsupported_broker", "this build has no HTTPS client (http/client/)");
}

}  // namespace tvbot::app
