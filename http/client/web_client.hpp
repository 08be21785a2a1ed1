#pragma once
// The outbound HTTP(S) client that brokers and the Telegram notifier talk through
// (Beast + OpenSSL). One WebClient per remote base URL ("https://api.binance.com",
// "http://127.0.0.1:18080" for an emulator): it keeps a few idle keep-alive connections to
// that origin and reuses them; every phase (resolve+connect, TLS handshake, write, read) is
// bounded by its own timeout.
//
// TLS: the peer's certificate chain and host name are verified by default, against the
// system's trust store plus `ca_file` when given (tests pass their self-signed
// certificate there). SNI is always sent for host names (RFC 6066 forbids it for IP
// literals, whose certificate check then uses the SAN's IP entries).
//
// Thread-safe: any number of threads may call request() at once; each call borrows an idle
// connection or opens a new one, up to max_connections (further callers wait for one, within
// connect_timeout).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "events/result.hpp"
#include "http/server/server.hpp"  // HeaderList, find_header

namespace tvbot::http {

struct WebClientOptions {
  // Waiting for a free connection + DNS + TCP connect + TLS handshake, all together.
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds write_timeout{3000};
  std::chrono::milliseconds read_timeout{10000};    // from the request sent to the whole response read
  bool verify_peer = true;                          // false only for explicit test/dev setups
  std::string ca_file;                              // extra trusted PEM certificate(s); empty: none
  std::size_t max_connections = 8;
  // An idle connection unused for longer is closed instead of reused: NAT gateways and
  // load balancers silently forget quiet connections (AWS NAT after 350 s, many LBs after
  // 60 s), and a request sent into a forgotten one ends in read_timeout, fate unknown.
  std::chrono::milliseconds max_idle{30000};
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::string user_agent = "tvbot/0.1";
};

// scheme://host[:port][/base/path] — the parts a WebClient needs.
struct BaseUrl {
  bool tls = true;
  std::string host;
  std::uint16_t port = 443;
  std::string base_path;  // "" or "/something", never ending in '/'
};
// Errors: "invalid_url" (not http/https, no host, bad port, query or fragment present).
[[nodiscard]] Result<BaseUrl> parse_base_url(std::string_view url);

struct WebResponse {
  unsigned status = 0;
  HeaderList headers;
  std::string body;

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

class WebClient {
 public:
  // Errors: "invalid_url"; "tls_setup_failed" (ca_file unreadable or not PEM).
  [[nodiscard]] static Result<std::unique_ptr<WebClient>> create(std::string_view base_url,
                                                                 WebClientOptions options = {});
  ~WebClient();
  WebClient(const WebClient&) = delete;
  WebClient& operator=(const WebClient&) = delete;

  // `target` is appended to the base path ("/api/v3/order?symbol=..."). Host, User-Agent
  // and Content-Length are set; Content-Type only when `content_type` is not empty.
  //
  // Errors tell a caller whether the request can have reached the server — a broker must
  // not resend an order whose fate is unknown, it must query it first:
  //   not sent, safe to retry: "connect_failed", "connect_timeout", "tls_failed"
  //                            (handshake or certificate verification; the message says which),
  //                            "invalid_request" (a method, target or header that would break
  //                            the request framing: CR, LF, NUL, spaces in names)
  //   may have been received:  "send_failed", "write_timeout", "read_timeout",
  //                            "receive_failed", "response_too_large"
  // Before an idle connection is reused it is checked for a close by the server (a
  // non-blocking peek); a closed one is dropped and a fresh one opened. Nothing is ever
  // resent after a byte of it went out: whether to retry is the caller's decision.
  // Any HTTP status, 4xx and 5xx included, is a successful result: its meaning is the caller's.
  [[nodiscard]] Result<WebResponse> request(std::string_view method, std::string_view target,
                                            std::string body = {}, HeaderList headers = {},
                                            std::string_view content_type = {});

  [[nodiscard]] const BaseUrl& base_url() const;
  // TCP(+TLS) connections opened so far: stays at 1 over sequential requests when reused.
  [[nodiscard]] std::size_t connections_opened() const;

 private:
  struct Impl;
  explicit WebClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tvbot::http
