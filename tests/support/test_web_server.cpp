// One blocking thread per connection keeps the scripted behaviours (delays, silence,
// closing mid-way) plain sequential code; stop() unblocks every thread by shutting its
// socket down, so nothing outlives the server.
#include "tests/support/test_web_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <stdexcept>

namespace tvbot::test_support {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

constexpr std::size_t kChunkBytes = 4096;
// How often the accept loop looks at the stop flag.
constexpr int kAcceptPollMillis = 20;

std::string to_hex(std::size_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  do {
    text.insert(text.begin(), kDigits[value % 16]);
    value /= 16;
  } while (value != 0);
  return text;
}

// The raw bytes of a response: written by hand so that chunking and framing are exactly
// what the test asked for.
std::string serialize(const TestResponse& response, bool keep_alive) {
  std::string text = "HTTP/1.1 " + std::to_string(response.status) + " " +
                     std::string(bhttp::obsolete_reason(bhttp::int_to_status(response.status))) +
                     "\r\n";
  if (!response.content_type.empty()) text += "Content-Type: " + response.content_type + "\r\n";
  for (const auto& [name, value] : response.headers) text += name + ": " + value + "\r\n";
  if (!keep_alive) text += "Connection: close\r\n";
  if (!response.chunked) {
    text += "Content-Length: " + std::to_string(response.body.size()) + "\r\n\r\n" + response.body;
    return text;
  }
  text += "Transfer-Encoding: chunked\r\n\r\n";
  for (std::size_t offset = 0; offset < response.body.size(); offset += kChunkBytes) {
    const auto chunk = std::string_view(response.body).substr(offset, kChunkBytes);
    text += to_hex(chunk.size()) + "\r\n";
    text += chunk;
    text += "\r\n";
  }
  text += "0\r\n\r\n";
  return text;
}

}  // namespace

struct TestWebServer::Listener {
  net::io_context io{1};
  std::unique_ptr<ssl::context> tls;
  int fd = -1;

  ~Listener() {
    if (fd >= 0) ::close(fd);
  }
};

TestWebServer::TestWebServer(Options options, TestHandler handler)
    : options_(options), handler_(std::move(handler)), listener_(std::make_unique<Listener>()) {
  if (options_.tls) {
    certificate_ = TestCertificate::generate(options_.certificate);
    ca_file_ = std::make_unique<TemporaryFile>(certificate_.certificate_pem);
    listener_->tls = std::make_unique<ssl::context>(ssl::context::tls_server);
    listener_->tls->use_certificate_chain(
        net::buffer(certificate_.certificate_pem.data(), certificate_.certificate_pem.size()));
    listener_->tls->use_private_key(
        net::buffer(certificate_.private_key_pem.data(), certificate_.private_key_pem.size()),
        ssl::context::pem);
  }

  listener_->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_->fd < 0) throw std::runtime_error("test web server: socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(listener_->fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(listener_->fd, SOMAXCONN) != 0 ||
      ::getsockname(listener_->fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("test web server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  if (options_.behaviour != ConnectionBehaviour::never_accept) {
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
}

TestWebServer::~TestWebServer() { stop(); }

std::string TestWebServer::base_url(const std::string& host) const {
  return std::string(options_.tls ? "https://" : "http://") + host + ":" + std::to_string(port_);
}

std::vector<TestRequest> TestWebServer::received_requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool TestWebServer::wait_for_closed_connections(std::size_t count,
                                                std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return closed_.load() >= count; });
}

bool TestWebServer::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, duration, [&] { return stopping_; });
}

void TestWebServer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    // Wakes every thread blocked in a read, a write or a handshake on its socket.
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  changed_.notify_all();
  if (accept_thread_.joinable()) accept_thread_.join();
  // The accept loop has ended, so no thread is added any more.
  for (auto& thread : connection_threads_) thread.join();
}

void TestWebServer::accept_loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    pollfd readable{listener_->fd, POLLIN, 0};
    if (::poll(&readable, 1, kAcceptPollMillis) <= 0) continue;
    const int fd = ::accept4(listener_->fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++accepted_;
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(fd);
      return;
    }
    open_fds_.insert(fd);
    connection_threads_.emplace_back([this, fd] { serve(fd); });
  }
}

void TestWebServer::serve(int fd) {
  error_code ignored;
  std::unique_ptr<ssl::stream<tcp::socket>> secure;
  std::unique_ptr<tcp::socket> plain;
  tcp::socket* socket = nullptr;
  if (listener_->tls) {
    secure = std::make_unique<ssl::stream<tcp::socket>>(listener_->io, *listener_->tls);
    socket = &secure->next_layer();
  } else {
    plain = std::make_unique<tcp::socket>(listener_->io);
    socket = plain.get();
  }
  socket->assign(tcp::v4(), fd, ignored);

  if (options_.behaviour == ConnectionBehaviour::accept_and_silence) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopping_; });
  } else if (secure) {
    error_code handshake_error;
    secure->handshake(ssl::stream_base::server, handshake_error);
    if (!handshake_error) serve_requests(*secure);
  } else {
    serve_requests(*plain);
  }

  {
    std::lock_guard lock(mutex_);
    open_fds_.erase(fd);
    socket->close(ignored);
    ++closed_;
  }
  changed_.notify_all();
}

template <class Stream>
void TestWebServer::serve_requests(Stream& stream) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(64 * 1024);
    parser.body_limit(options_.max_request_body_bytes);
    error_code error;
    bhttp::read(stream, buffer, parser, error);
    if (error) return;
    auto message = parser.release();

    TestRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }

    const TestResponse response = handler_(request);
    if (response.delay.count() > 0 && !pause(response.delay)) return;
    if (response.close_without_answer) return;
    const bool keep_alive = message.keep_alive();
    const std::string bytes = serialize(response, keep_alive);
    net::write(stream, net::buffer(bytes), error);
    if (error || !keep_alive || response.close_after_answer) return;
  }
}

}  // namespace tvbot::test_support
