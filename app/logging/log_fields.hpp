#pragma once
// Log lines with fields: a message plus key/value pairs, written as one JSON object per line
// (logging.format = "json") or as `message key=value ...` (text).
//
//   logging::info("alert accepted", {{"request_id", id}, {"stream", stream}, {"global_seq", 12}});
//
// Fields reach the formatter through a thread-local pointer that is set only for the call,
// which is exact because tvbot's spdlog sinks are synchronous: the sink formats on the
// calling thread. An asynchronous logger would lose the fields (never configured here).
// Never put a secret in a field; values are written as given. Empty values are left out.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/common.h>

namespace tvbot::logging {

struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(v) {}
  Field(std::string_view k, std::uint64_t v) : key(k), value(std::to_string(v)), number(true) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)), number(true) {}

  std::string_view key;
  std::string value;
  bool number = false;  // written without quotes in JSON
};

void log(spdlog::level::level_enum level, std::string_view message,
         std::initializer_list<Field> fields);
inline void info(std::string_view message, std::initializer_list<Field> fields) {
  log(spdlog::level::info, message, fields);
}
inline void warn(std::string_view message, std::initializer_list<Field> fields) {
  log(spdlog::level::warn, message, fields);
}
inline void debug(std::string_view message, std::initializer_list<Field> fields) {
  log(spdlog::level::debug, message, fields);
}

// The fields of the log call in progress on this thread (empty outside one). For formatters.
[[nodiscard]] const std::vector<Field>& current_fields();

}  // namespace tvbot::logging
