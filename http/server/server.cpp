// Server lifecycle: validate options, bind one acceptor per thread, run one io_context
// per thread, and drain on shutdown.
#include "http/server/server.hpp"

#include <condition_variable>
#include <future>
#include <limits>
#include <mutex>
#include <thread>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "http/server/listener.hpp"
#include "http/server/server_context.hpp"

namespace tvbot::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Far more than 2 cores can use; a typo like 1000 would otherwise start 1000 threads.
constexpr unsigned kMaxThreads = 64;

Status validate(const ServerOptions& options) {
  auto invalid = [](std::string message) { return make_error("invalid_options", std::move(message)); };
  if (options.threads == 0 || options.threads > kMaxThreads) {
    return invalid("threads must be between 1 and " + std::to_string(kMaxThreads));
  }
  if (options.max_connections == 0) return invalid("max_connections must be at least 1");
  if (options.max_requests_per_connection == 0) {
    return invalid("max_requests_per_connection must be at least 1");
  }
  if (options.max_header_bytes == 0 || options.max_header_bytes > std::numeric_limits<std::uint32_t>::max()) {
    return invalid("max_header_bytes must be between 1 and 2^32 - 1");
  }
  const std::chrono::milliseconds timeouts[] = {
      options.header_timeout, options.body_timeout,  options.idle_keep_alive_timeout,
      options.handler_timeout, options.write_timeout, options.close_linger_timeout};
  for (auto timeout : timeouts) {
    if (timeout.count() <= 0) return invalid("every timeout must be positive");
  }
  return {};
}

}  // namespace

struct Server::Impl {
  std::shared_ptr<ServerShared> shared;
  std::vector<std::shared_ptr<ThreadContext>> contexts;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;

  std::mutex mutex;
  std::condition_variable threads_finished;
  std::size_t threads_running = 0;  // guarded by mutex
  std::atomic<bool> stop_accepting_requested{false};
  std::atomic<std::size_t> open_acceptors{0};  // drops to 0 once the ports are really closed
  std::optional<bool> shutdown_result;  // set once shutdown() has run; guarded by mutex

  void run_thread(ThreadContext& context) {
    context.io.run();  // returns when the acceptor is closed and every session has ended
    std::lock_guard lock(mutex);
    --threads_running;
    threads_finished.notify_all();
  }

  bool called_from_io_thread() const {
    for (const auto& context : contexts) {
      if (context->io.get_executor().running_in_this_thread()) return true;
    }
    return false;
  }

  // The posted work holds the context by plain pointer: a copy of the shared_ptr would
  // make a cycle (context -> io_context -> queued work -> context) whenever the work is
  // queued after the thread has finished and so never runs. `contexts` keeps them alive.
  template <class Work>
  void post_to_every_io_thread(const Work& work) {
    for (const auto& context : contexts) {
      net::post(context->io, [context = context.get(), work] { work(*context); });
    }
  }

  // Runs `work` on every context's I/O thread and waits for it, except when called from
  // one of those threads, where waiting could deadlock and it only schedules. Only for
  // work that must run while the threads are certain to run: while an acceptor is open
  // its pending accept keeps its thread in io_context::run().
  template <class Work>
  void run_on_every_io_thread(const Work& work) {
    if (called_from_io_thread()) return post_to_every_io_thread(work);
    for (const auto& context : contexts) {
      // Shared, not on this stack: set_value may still be running when wait() returns.
      auto done = std::make_shared<std::promise<void>>();
      auto finished = done->get_future();
      net::post(context->io, [context = context.get(), work, done] {
        work(*context);
        done->set_value();
      });
      finished.wait();
    }
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  if (impl_) (void)shutdown(std::chrono::milliseconds(0));  // ignored on purpose: nobody left to tell
}

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, Handler handler) {
  if (auto valid = validate(options); !valid) return valid.error();
  if (!handler) return make_error("invalid_options", "a handler is required");
  boost::system::error_code address_error;
  const auto address = net::ip::make_address(options.bind_address, address_error);
  if (address_error) {
    return make_error("invalid_options", "bind_address is not an IP address: " + options.bind_address);
  }

  auto impl = std::make_unique<Impl>();
  const unsigned thread_count = options.threads;
  impl->shared = std::make_shared<ServerShared>(std::move(options), std::move(handler));
  std::uint16_t port = impl->shared->options.port;
  for (unsigned i = 0; i < thread_count; ++i) {
    auto context = std::make_shared<ThreadContext>();
    if (auto opened = open_acceptor(*context, tcp::endpoint(address, port), thread_count > 1); !opened) {
      return opened.error();  // the acceptors opened so far close with their contexts
    }
    port = context->acceptor.local_endpoint().port();  // port 0: the others join the OS's pick
    impl->contexts.push_back(std::move(context));
  }
  impl->port = port;

  for (const auto& context : impl->contexts) start_accepting(impl->shared, *context);
  impl->open_acceptors = impl->contexts.size();
  impl->threads_running = impl->contexts.size();
  for (const auto& context : impl->contexts) {
    impl->threads.emplace_back([raw = impl.get(), context = context.get()] { raw->run_thread(*context); });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::stop_accepting() {
  if (impl_->stop_accepting_requested.exchange(true)) return;
  impl_->run_on_every_io_thread([impl = impl_.get()](ThreadContext& context) {
    close_acceptor(context);
    impl->open_acceptors.fetch_sub(1);
  });
}

bool Server::shutdown(std::chrono::milliseconds deadline) {
  Impl& impl = *impl_;
  if (impl.called_from_io_thread()) {  // joining our own thread would throw; refuse instead
    stop_accepting();
    return false;
  }
  {
    std::lock_guard lock(impl.mutex);
    if (impl.shutdown_result) return *impl.shutdown_result;
  }
  const auto give_up_at = std::chrono::steady_clock::now() + deadline;
  impl.shared->draining = true;  // before the posts below, so no session can miss it
  stop_accepting();
  // Not waited for: a thread that has already finished had no sessions left to drain.
  impl.post_to_every_io_thread([](ThreadContext& context) {
    const auto connections = context.connections;  // a drained session may leave the set
    for (DrainableConnection* connection : connections) connection->on_server_draining();
  });

  bool finished = false;
  {
    std::unique_lock lock(impl.mutex);
    finished = impl.threads_finished.wait_until(lock, give_up_at, [&] { return impl.threads_running == 0; });
  }
  if (!finished) {
    for (const auto& context : impl.contexts) context->io.stop();
  }
  for (auto& thread : impl.threads) thread.join();
  // No thread runs the contexts any more, so touching their sockets from here is safe.
  impl.open_acceptors = 0;
  for (const auto& context : impl.contexts) {
    close_acceptor(*context);
    for (DrainableConnection* connection : context->connections) connection->force_close();
  }
  std::lock_guard lock(impl.mutex);
  impl.shutdown_result = finished;
  return finished;
}

ServerStats Server::stats() const {
  ServerStats stats = impl_->shared->counters.snapshot();
  stats.accepting = impl_->open_acceptors.load() > 0;
  stats.draining = impl_->shared->draining.load();
  return stats;
}

}  // namespace tvbot::http
