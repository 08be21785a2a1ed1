#include "http/client/host_resolver.hpp"

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace tvbot::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Endpoints = std::vector<tcp::endpoint>;

// Shared between the caller and the lookup thread, which may outlive the caller's wait.
struct PendingLookup {
  std::mutex mutex;
  std::condition_variable done;
  std::optional<Result<Endpoints>> result;
};

Result<Endpoints> lookup(const std::string& host, std::uint16_t port) {
  net::io_context io{1};
  tcp::resolver resolver(io);
  boost::system::error_code error;
  const auto results = resolver.resolve(host, std::to_string(port), error);
  if (error) return make_error("connect_failed", "resolve " + host + ": " + error.message());
  Endpoints endpoints;
  for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  if (endpoints.empty()) return make_error("connect_failed", "resolve " + host + ": no address");
  return endpoints;
}

}  // namespace

Result<Endpoints> resolve_host(const std::string& host, std::uint16_t port,
                               std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code not_an_address;
  const auto address = net::ip::make_address(host, not_an_address);
  if (!not_an_address) return Endpoints{tcp::endpoint(address, port)};

  auto pending = std::make_shared<PendingLookup>();
  std::thread([pending, host, port] {
    auto result = lookup(host, port);
    std::lock_guard lock(pending->mutex);
    pending->result = std::move(result);
    pending->done.notify_all();
  }).detach();

  std::unique_lock lock(pending->mutex);
  if (!pending->done.wait_until(lock, deadline, [&] { return pending->result.has_value(); })) {
    return make_error("connect_timeout", "resolve " + host + ": timed out");
  }
  return std::move(*pending->result);
}

}  // namespace tvbot::http
