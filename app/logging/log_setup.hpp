#pragma once
// Points spdlog's default logger at the configured sink (standard error, or a size-rotated
// file) with tvbot's formatter (text or JSON lines).
#include "app/config/config.hpp"
#include "events/result.hpp"

namespace tvbot::logging {

// Error "log_file" when the file cannot be opened (its directory is missing, no permission).
[[nodiscard]] Status configure_logging(const config::LoggingConfig& config);

}  // namespace tvbot::logging
