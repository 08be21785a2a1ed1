#include "http/client/tls_client_context.hpp"

#include <openssl/ssl.h>

#include <string>

namespace tvbot::http {

namespace ssl = boost::asio::ssl;

Result<std::unique_ptr<ssl::context>> make_tls_client_context(const WebClientOptions& options) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  // TLS 1.0 and 1.1 are deprecated (RFC 8996); every API we call speaks 1.2 or 1.3.
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  boost::system::error_code error;
  // A system without a trust store is not an error here: verification then fails per
  // connection with a message that says so, and ca_file may be all that is needed.
  context->set_default_verify_paths(error);
  if (!options.ca_file.empty()) {
    context->load_verify_file(options.ca_file, error);
    if (error) {
      return make_error("tls_setup_failed", "cannot load CA certificates from " + options.ca_file +
                                                ": " + error.message());
    }
  }
  context->set_verify_mode(options.verify_peer ? ssl::verify_peer : ssl::verify_none);
  return context;
}

}  // namespace tvbot::http
