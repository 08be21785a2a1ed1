#include "reconcile/engine_pause.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

namespace tvbot::reconcile {

PauseBot pause_through(actors::Engine& engine) {
  return [&engine](const std::string& bot, const std::string& symbol, const std::string& reason) {
    const Timestamp now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    engine.submit_command(bot, symbol, PauseCommand{reason, now}, [bot, symbol](Status status) {
      if (status.ok()) {
        spdlog::warn("reconciliation: bot {} paused on {}", bot, symbol);
      } else {
        spdlog::error("reconciliation: bot {} not paused on {}: {}", bot, symbol,
                      status.error().message);
      }
    });
  };
}

}  // namespace tvbot::reconcile
