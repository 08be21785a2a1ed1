// WebClient: validates a request, leases a connection (reused or new) and runs one
// exchange on it. It never resends: whatever went wrong after the first byte went out is
// reported, and the caller decides (see the error contract in web_client.hpp).
#include "http/client/web_client.hpp"

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <string>
#include <utility>

#include "http/client/connection.hpp"
#include "http/client/connection_pool.hpp"
#include "http/client/tls_client_context.hpp"

namespace tvbot::http {
namespace {

std::string host_header_for(const BaseUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + url.host + "]" : url.host;
  const std::uint16_t default_port = url.tls ? 443 : 80;
  if (url.port != default_port) host += ":" + std::to_string(url.port);
  return host;
}

// CR, LF or NUL in a request line or header would let one request smuggle another.
bool has_control_break(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// Messages name the offending part only, never its value: targets and headers may hold
// API keys, signatures or bot tokens.
Status validate(std::string_view method, std::string_view target, const HeaderList& headers,
                std::string_view content_type) {
  if (!is_token(method)) return make_error("invalid_request", "bad method");
  if (has_control_break(target) || target.find(' ') != std::string_view::npos) {
    return make_error("invalid_request", "bad character in target");
  }
  if (has_control_break(content_type)) return make_error("invalid_request", "bad content type");
  for (const auto& [name, value] : headers) {
    if (!is_token(name) || has_control_break(value)) {
      return make_error("invalid_request", "bad header name or value");
    }
  }
  return {};
}

std::string full_target(const BaseUrl& url, std::string_view target) {
  std::string joined = url.base_path;
  if (target.empty() || target.front() == '?')
    joined += '/';
  else if (target.front() != '/')
    joined += '/';
  joined += target;
  return joined;
}

}  // namespace

struct WebClient::Impl {
  std::unique_ptr<boost::asio::ssl::context> tls;
  ConnectionSettings settings;
  ConnectionPool pool;  // after settings and tls: its connections refer to both
  std::atomic<std::size_t> connections_opened{0};

  Impl(BaseUrl url, WebClientOptions options, std::unique_ptr<boost::asio::ssl::context> context)
      : tls(std::move(context)), pool(options.max_connections) {
    settings.host_header = host_header_for(url);
    settings.origin = std::move(url);
    settings.options = std::move(options);
    settings.tls = tls.get();
  }
};

Result<std::unique_ptr<WebClient>> WebClient::create(std::string_view base_url,
                                                     WebClientOptions options) {
  auto url = parse_base_url(base_url);
  if (!url) return url.error();
  std::unique_ptr<boost::asio::ssl::context> tls;
  if (url->tls) {
    auto context = make_tls_client_context(options);
    if (!context) return context.error();
    tls = std::move(*context);
  }
  auto impl = std::make_unique<Impl>(std::move(*url), std::move(options), std::move(tls));
  return std::unique_ptr<WebClient>(new WebClient(std::move(impl)));
}

WebClient::WebClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebClient::~WebClient() = default;

Result<WebResponse> WebClient::request(std::string_view method, std::string_view target,
                                       std::string body, HeaderList headers,
                                       std::string_view content_type) {
  if (auto valid = validate(method, target, headers, content_type); !valid) return valid.error();
  const auto& settings = impl_->settings;
  // Waiting for a free slot, resolving, connecting and the TLS handshake share one budget.
  const auto connect_deadline = std::chrono::steady_clock::now() + settings.options.connect_timeout;
  auto lease = impl_->pool.acquire(connect_deadline);
  if (!lease) {
    return make_error("connect_timeout",
                      "all " + std::to_string(settings.options.max_connections) +
                          " connections to " + settings.origin.host + " stayed busy for " +
                          std::to_string(settings.options.connect_timeout.count()) + " ms");
  }
  auto& connection = lease->connection();
  if (connection) {
    const bool stale =
        std::chrono::steady_clock::now() - connection->idle_since() > settings.options.max_idle;
    if (stale || !connection->idle_and_open()) connection.reset();
  }
  if (!connection) {
    auto opened = Connection::open(settings, connect_deadline);
    if (!opened) return opened.error();
    connection = std::move(*opened);
    impl_->connections_opened.fetch_add(1, std::memory_order_relaxed);
  }
  auto response =
      connection->exchange(OutgoingRequest{method, full_target(settings.origin, target),
                                           std::move(body), std::move(headers), content_type});
  if (!response || !connection->reusable()) connection.reset();
  return response;
}

const BaseUrl& WebClient::base_url() const { return impl_->settings.origin; }

std::size_t WebClient::connections_opened() const {
  return impl_->connections_opened.load(std::memory_order_relaxed);
}

}  // namespace tvbot::http
