#pragma once
// A scripted HTTP/1.1 peer on 127.0.0.1 for tests of outbound clients (WebClient, the
// Telegram notifier, broker adapters): plain or TLS with a certificate made at run time.
//
//   TestWebServer::Options options;  options.tls = true;
//   TestWebServer server(options, [](const TestRequest& request) {
//     return TestResponse{.status = 200, .body = R"({"ok":true})"};
//   });
//   WebClientOptions client;  client.ca_file = server.ca_file();
//   auto web = WebClient::create(server.base_url(), client);
//
// The handler runs on the connection's own thread (one thread per connection), so it may
// be called concurrently and must be thread-safe; it may block, the client just waits.
// Every request is also kept (received_requests()) for assertions after the fact: a fake
// broker can check a signature header there, a fake Telegram the JSON that was posted.
// Link: tvbot_test_web_server (tests/support/CMakeLists.txt).
// Shutting down (the destructor) closes every connection and joins every thread; nothing
// here waits without a bound except a handler that never returns.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http/server/server.hpp"  // HeaderList, find_header
#include "tests/support/test_certificate.hpp"

namespace tvbot::test_support {

using http::HeaderList;

struct TestRequest {
  std::string method;
  std::string target;  // as sent, with the query
  HeaderList headers;
  std::string body;

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return http::find_header(headers, name);
  }
};

struct TestResponse {
  unsigned status = 200;
  HeaderList headers;  // extra ones; Content-Length (or Transfer-Encoding) is set by the server
  std::string body;
  std::string content_type = "application/json";  // empty: no Content-Type
  // Knobs for failure tests:
  std::chrono::milliseconds delay{0};  // wait this long before answering
  bool close_without_answer = false;   // close the connection instead of answering
  bool close_after_answer = false;     // answer (without "Connection: close"), then close:
                                       // what a server does when its idle timer fires
  bool chunked = false;                // Transfer-Encoding: chunked, in 4 KiB chunks
};

using TestHandler = std::function<TestResponse(const TestRequest&)>;

// What the server does with each connection.
enum class ConnectionBehaviour {
  answer,              // read requests and answer them through the handler
  never_accept,        // listen but never accept: the kernel completes TCP connects, nothing more
  accept_and_silence,  // accept, then neither read nor write (no TLS handshake either)
};

class TestWebServer {
 public:
  struct Options {
    bool tls = false;
    CertificateKind certificate = CertificateKind::valid;  // used when tls
    ConnectionBehaviour behaviour = ConnectionBehaviour::answer;
    std::size_t max_request_body_bytes = 64 * 1024 * 1024;
  };

  // Listens on 127.0.0.1 with a port chosen by the OS. Throws std::runtime_error when it
  // cannot listen or make its certificate.
  TestWebServer(Options options, TestHandler handler);
  ~TestWebServer();
  TestWebServer(const TestWebServer&) = delete;
  TestWebServer& operator=(const TestWebServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // "https://127.0.0.1:<port>" or "http://...", or with another host ("localhost").
  [[nodiscard]] std::string base_url(const std::string& host = "127.0.0.1") const;
  // Path of a PEM file with this server's certificate (empty for plain http).
  [[nodiscard]] std::string ca_file() const { return ca_file_ ? ca_file_->path() : std::string(); }
  [[nodiscard]] const TestCertificate& certificate() const { return certificate_; }

  [[nodiscard]] std::size_t connections_accepted() const { return accepted_.load(); }
  [[nodiscard]] std::size_t connections_closed() const { return closed_.load(); }
  [[nodiscard]] std::vector<TestRequest> received_requests() const;
  // Waits (at most `timeout`) until `count` connections have been closed on the server
  // side, so that a test knows the FIN is on its way before it sends the next request.
  [[nodiscard]] bool wait_for_closed_connections(std::size_t count,
                                                 std::chrono::milliseconds timeout) const;

 private:
  struct Listener;
  void accept_loop();
  void serve(int connection_fd);
  template <class Stream>
  void serve_requests(Stream& stream);
  bool pause(std::chrono::milliseconds duration);  // false when the server is stopping
  void stop();

  Options options_;
  TestHandler handler_;
  TestCertificate certificate_;
  std::unique_ptr<TemporaryFile> ca_file_;
  std::unique_ptr<Listener> listener_;
  std::uint16_t port_ = 0;
  std::thread accept_thread_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool stopping_ = false;
  std::set<int> open_fds_;
  std::vector<std::thread> connection_threads_;
  std::vector<TestRequest> requests_;
  std::atomic<std::size_t> accepted_{0};
  std::atomic<std::size_t> closed_{0};
};

}  // namespace tvbot::test_support
