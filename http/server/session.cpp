// One session per connection. A session serves its requests strictly one at a time:
// read one request, hand it to the Handler, write its answer, then read the next. So
// answers leave in request order by construction, and a client that pipelines gets its
// later requests read only after the earlier ones are answered (its bytes wait in our
// buffer and the kernel's). That is a response queue of length one: TradingView and
// the brokers' webhook senders never pipeline, and one request in flight per connection
// bounds what a connection can cost us.
//
// Every read has an expiry (header, body, idle keep-alive, linger) and so does every
// write; Beast's tcp_stream closes the socket when one passes. A session runs only on
// its ThreadContext's single I/O thread, which is what makes it free of locks: the
// Responder posts the answer back to that thread.
//
// Over 300 lines on purpose: it is one state machine, and splitting it would spread
// Beast's reader and writer instantiations, the slowest code in the project to compile,
// over two translation units.
#include "http/server/session.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/server/ascii.hpp"
#include "http/server/json_error.hpp"
#include "http/server/message_conversion.hpp"

namespace tvbot::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// Bytes asked for when a keep-alive connection wakes up; the header reader asks for more.
constexpr std::size_t kIdleReadBytes = 1024;
constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

bool wants_continue(const BeastRequest& message) {
  const auto expect = message[bhttp::field::expect];
  return message.version() >= 11 &&
         equals_ignoring_ascii_case(std::string_view(expect.data(), expect.size()), "100-continue");
}

// An unspecified endpoint when the client is already gone; its first read then fails.
tcp::endpoint remote_endpoint_of(const tcp::socket& socket) {
  error_code ignored;
  return socket.remote_endpoint(ignored);
}

// A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; per-IP limits and logs
// want the same text whichever way the server is bound.
std::string ip_text(const tcp::endpoint& peer) {
  const auto address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

class Session final : public std::enable_shared_from_this<Session>, public DrainableConnection {
  // Only what draining needs to tell apart.
  enum class Phase { between_requests, reading_header, other };

 public:
  Session(std::shared_ptr<ServerShared> shared, ThreadContext& context, tcp::socket socket,
          bool rejecting)
      : shared_(std::move(shared)),
        context_(context),
        rejecting_(rejecting),
        peer_(remote_endpoint_of(socket)),
        peer_ip_(ip_text(peer_)),
        stream_(std::move(socket)),
        handler_timer_(context.io) {
    error_code ignored;  // best effort: only latency depends on it
    stream_.socket().set_option(tcp::no_delay(true), ignored);
    context_.connections.insert(this);
  }

  ~Session() {
    context_.connections.erase(this);
    if (rejecting_) {
      shared_->connections_being_rejected.fetch_sub(1, std::memory_order_relaxed);
    } else {
      shared_->counters.connections_open.fetch_sub(1, std::memory_order_relaxed);
    }
  }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The header timeout runs from the accept: a client that connects and stays silent is
  // treated like one that sends half a header.
  void start_serving() { read_header(); }

  void start_rejecting() {
    request_id_ = shared_->request_ids.next();
    send(json_error_response(503, "too_many_connections",
                             "the server is at its connection limit; retry later"),
         /*keep_alive=*/false);
  }

  // A connection that has sent nothing of a next request is idle: closing it loses
  // nothing. One that has sent some bytes gets its request read and answered.
  void on_server_draining() override {
    const bool nothing_received = buffer_.size() == 0 && !(parser_ && parser_->got_some());
    if (phase_ == Phase::between_requests || (phase_ == Phase::reading_header && nothing_received)) {
      stream_.cancel();
    }
  }

  void force_close() override {
    error_code ignored;
    stream_.socket().close(ignored);
  }

  void on_handler_answer(std::uint64_t request_seq, Response response) {
    if (request_seq != awaiting_request_seq_) {
      ServerCounters::bump(shared_->counters.late_responses);
      return;
    }
    awaiting_request_seq_ = 0;
    handler_timer_.cancel();
    send(std::move(response), request_keep_alive_);
  }

 private:
  const ServerOptions& options() const { return shared_->options; }

  void wait_for_next_request() {
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    if (shared_->draining.load()) return close_now();  // nothing in flight to finish
    phase_ = Phase::between_requests;
    stream_.expires_after(options().idle_keep_alive_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                             [self = shared_from_this()](error_code error, std::size_t bytes) {
                               // Idle timeout, client gone, or cancelled by draining.
                               if (error) return self->close_now();
                               self->buffer_.commit(bytes);
                               self->read_header();
                             });
  }

  void read_header() {
    phase_ = Phase::reading_header;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
        options().max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(options().max_body_bytes);
    stream_.expires_after(options().header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](error_code error, std::size_t) {
                               self->on_header(error);
                             });
  }

  void on_header(error_code error) {
    if (error) return on_read_error(error, /*reading_body=*/false);
    if (parser_->is_done()) return dispatch();
    if (!wants_continue(parser_->get())) return read_body();
    stream_.expires_after(options().write_timeout);
    net::async_write(stream_, net::buffer(kContinueResponse),
                     [self = shared_from_this()](error_code write_error, std::size_t) {
                       if (write_error) return self->on_write_error(write_error);
                       self->read_body();
                     });
  }

  void read_body() {
    phase_ = Phase::other;
    stream_.expires_after(options().body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](error_code error, std::size_t) {
                        if (error) return self->on_read_error(error, /*reading_body=*/true);
                        self->dispatch();
                      });
  }

  void on_read_error(error_code error, bool reading_body) {
    auto& counters = shared_->counters;
    if (error == beast::error::timeout) {  // tcp_stream has closed the socket already
      ServerCounters::bump(reading_body ? counters.body_timeouts : counters.header_timeouts);
      return;
    }
    if (error == bhttp::error::body_limit) {
      return reject_request(413, "body_too_large",
                            "the request body exceeds " + std::to_string(options().max_body_bytes) + " bytes");
    }
    if (error == bhttp::error::header_limit) {
      return reject_request(431, "headers_too_large",
                            "the request headers exceed " + std::to_string(options().max_header_bytes) + " bytes");
    }
    if (is_malformed_request_error(error)) {
      return reject_request(400, "malformed_request", "the request is not valid HTTP/1.1");
    }
    close_now();  // the client went away mid-request or between requests
  }

  void reject_request(unsigned status, std::string_view code, std::string_view message) {
    ServerCounters::bump(shared_->counters.malformed_requests);
    request_id_ = shared_->request_ids.next();
    http_version_ = 11;
    head_request_ = false;
    send(json_error_response(status, code, message), /*keep_alive=*/false);
  }

  void dispatch() {
    phase_ = Phase::other;
    ServerCounters::bump(shared_->counters.requests);
    ++requests_read_;
    BeastRequest message = parser_->release();
    parser_.reset();
    http_version_ = message.version();
    head_request_ = message.method() == bhttp::verb::head;
    request_keep_alive_ =
        message.keep_alive() && requests_read_ < options().max_requests_per_connection;

    Request request = to_request(std::move(message));
    const auto client_id = request.header("X-Request-Id");
    request_id_ = (client_id && is_acceptable_request_id(*client_id)) ? std::string(*client_id)
                                                                        : shared_->request_ids.next();
    request.request_id = request_id_;
    request.peer_ip = peer_ip_;
    request.peer_port = peer_.port();

    const std::uint64_t request_seq = ++last_request_seq_;
    awaiting_request_seq_ = request_seq;
    try {
      shared_->handler(std::move(request), make_responder(request_seq));
    } catch (...) {  // the Handler contract forbids throwing; the client still gets an answer
      on_handler_answer(request_seq,
                        json_error_response(500, "internal_error", "the request handler failed"));
    }
    // Armed only now: an answer given inside the Handler (every rejection) needs no timer.
    // The Handler must not block, so starting the clock after it returns loses nothing.
    if (awaiting_request_seq_ != request_seq) return;
    handler_timer_.expires_after(options().handler_timeout);
    handler_timer_.async_wait([self = shared_from_this(), request_seq](error_code error) {
      if (!error) self->on_handler_timeout(request_seq);
    });
  }

  // The Responder holds the ThreadContext (so posting to its io_context is always
  // valid) but only a weak_ptr to the session (so a late answer never keeps a dead
  // connection alive). Only the first call counts. Called on the session's own thread
  // (inside the Handler, typically) it answers directly; from anywhere else it posts.
  Responder make_responder(std::uint64_t request_seq) {
    struct Pending {
      std::shared_ptr<ThreadContext> context;
      std::weak_ptr<Session> session;
      std::shared_ptr<ServerShared> shared;
      std::uint64_t request_seq;
      std::atomic<bool> answered{false};
    };
    auto pending = std::make_shared<Pending>();
    pending->context = context_.shared_from_this();
    pending->session = weak_from_this();
    pending->shared = shared_;
    pending->request_seq = request_seq;
    return [pending](Response response) {
      if (pending->answered.exchange(true)) {
        ServerCounters::bump(pending->shared->counters.late_responses);
        return;
      }
      auto deliver = [session = pending->session, shared = pending->shared,
                      seq = pending->request_seq, response = std::move(response)]() mutable {
        if (auto alive = session.lock()) {
          alive->on_handler_answer(seq, std::move(response));
        } else {
          ServerCounters::bump(shared->counters.late_responses);
        }
      };
      if (pending->context->io.get_executor().running_in_this_thread()) return deliver();
      net::post(pending->context->io, std::move(deliver));
    };
  }

  void on_handler_timeout(std::uint64_t request_seq) {
    if (request_seq != awaiting_request_seq_) return;
    awaiting_request_seq_ = 0;
    ServerCounters::bump(shared_->counters.handler_timeouts);
    send(json_error_response(503, "timeout", "the request was not processed in time; retry it"),
         request_keep_alive_);
  }

  void send(Response response, bool keep_alive) {
    phase_ = Phase::other;
    const bool keep = keep_alive && !shared_->draining.load();
    response_ = to_beast_response(std::move(response), http_version_, keep, head_request_, request_id_);
    shared_->counters.count_response(response_.result_int());
    stream_.expires_after(options().write_timeout);
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this(), keep](error_code error, std::size_t) {
                         if (error) return self->on_write_error(error);
                         self->response_ = {};
                         if (keep) return self->wait_for_next_request();
                         self->close_gracefully();
                       });
  }

  void on_write_error(error_code error) {
    if (error == beast::error::timeout) ServerCounters::bump(shared_->counters.write_timeouts);
    close_now();
  }

  // Half-close, then read and discard until the client closes or the linger time is up:
  // closing with unread input would make the kernel send a reset, which can destroy our
  // last response before the client reads it (e.g. a 413 sent while the body streams in).
  void close_gracefully() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(options().close_linger_timeout);
    discard_until_closed();
  }

  void discard_until_closed() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                             [self = shared_from_this()](error_code error, std::size_t) {
                               if (error) return self->close_now();
                               self->discard_until_closed();
                             });
  }

  void close_now() {
    handler_timer_.cancel();
    stream_.close();
  }

  std::shared_ptr<ServerShared> shared_;
  ThreadContext& context_;
  const bool rejecting_;
  const tcp::endpoint peer_;
  const std::string peer_ip_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;  // a new one per request
  BeastResponse response_;  // must live until its async_write completes
  net::steady_timer handler_timer_;
  std::string request_id_;
  unsigned http_version_ = 11;
  bool head_request_ = false;
  bool request_keep_alive_ = false;
  Phase phase_ = Phase::reading_header;
  std::size_t requests_read_ = 0;
  std::uint64_t last_request_seq_ = 0;
  std::uint64_t awaiting_request_seq_ = 0;  // 0: no request waits for the Handler
};

}  // namespace

void serve_connection(std::shared_ptr<ServerShared> shared, ThreadContext& context,
                      tcp::socket socket) {
  std::make_shared<Session>(std::move(shared), context, std::move(socket), false)->start_serving();
}

void reject_connection(std::shared_ptr<ServerShared> shared, ThreadContext& context,
                       tcp::socket socket) {
  std::make_shared<Session>(std::move(shared), context, std::move(socket), true)->start_rejecting();
}

}  // namespace tvbot::http
