#include "app/logging/log_setup.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/logging/log_formatter.hpp"

namespace tvbot::logging {

Status configure_logging(const config::LoggingConfig& config) {
  std::shared_ptr<spdlog::sinks::sink> sink;
  try {
    if (config.file.empty()) {
      sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else {
      sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          config.file, static_cast<std::size_t>(config.max_size_bytes), config.max_files);
    }
  } catch (const spdlog::spdlog_ex& error) {
    return make_error("log_file", "logging.file " + config.file + ": " + error.what());
  }
  sink->set_formatter(std::make_unique<StructuredFormatter>(
      config.format == config::LogFormat::json ? Format::json : Format::text));
  auto logger = std::make_shared<spdlog::logger>("tvbot", std::move(sink));
  logger->set_level(spdlog::level::from_str(config.level));
  // Every line is written through at once (a write(2), not an fsync): a few per alert costs
  // little next to the alert's fsync, and lines before a crash or SIGKILL are never lost.
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
  return {};
}

}  // namespace tvbot::logging
