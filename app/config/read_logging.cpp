// [logging]: format, file, rotation, level.
#include "app/config/sections.hpp"

namespace tvbot::config::detail {

LoggingConfig read_logging(TableReader& root) {
  LoggingConfig logging;
  const toml::table* table = root.subtable("logging");
  if (!table) return logging;
  TableReader reader(*table, "logging", root.context());
  if (auto format = reader.one_of("format", {"text", "json"})) {
    logging.format = *format == "json" ? LogFormat::json : LogFormat::text;
  }
  if (auto file = reader.string("file")) logging.file = *file;
  // 1 MiB to 10 GiB per file: smaller rotates constantly, larger defeats rotation.
  if (auto mb = reader.integer("max_size_mb", 1, 10 * 1024)) {
    logging.max_size_bytes = static_cast<std::uint64_t>(*mb) * 1024 * 1024;
  }
  // Tests need rotation without writing megabytes; not documented for production use.
  if (auto bytes = reader.integer("max_size_bytes", 1024, 10ll * 1024 * 1024 * 1024)) {
    logging.max_size_bytes = static_cast<std::uint64_t>(*bytes);
  }
  if (auto files = reader.integer("max_files", 1, 1000)) {
    logging.max_files = static_cast<std::uint32_t>(*files);
  }
  if (auto level = reader.one_of("level", {"trace", "debug", "info", "warn", "error"})) {
    logging.level = *level;
  }
  reader.finish();
  return logging;
}

}  // namespace tvbot::config::detail
