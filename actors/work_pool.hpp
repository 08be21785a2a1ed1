#pragma once
// A few plain threads for blocking calls (broker round trips) so they never run on CAF's
// scheduler threads. Written here rather than taken from Boost.Asio's thread_pool because
// pulling Asio into the actor TUs costs seconds of compile time for forty lines of queue.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tvbot::actors {

class WorkPool {
 public:
  explicit WorkPool(std::size_t threads);
  // Drops the jobs not yet started and joins the threads, so it waits for at most the calls
  // already running. Dropping is safe for tvbot's jobs: a broker call never made leaves its
  // order recorded as requested, and the next start finds it by client id.
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  void submit(std::function<void()> job);
  std::size_t queued() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tvbot::actors
