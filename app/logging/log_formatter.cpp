#include "app/logging/log_formatter.hpp"

#include <chrono>
#include <string>

#include "app/logging/log_fields.hpp"
#include "events/codec.hpp"

namespace tvbot::logging {
namespace {

std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace: return "trace";
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    case spdlog::level::err: return "error";
    case spdlog::level::critical: return "critical";
    default: return "off";
  }
}

}  // namespace

void StructuredFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      msg.time.time_since_epoch())
                      .count();
  const std::string_view message(msg.payload.data(), msg.payload.size());
  std::string line;
  line.reserve(message.size() + 96);
  if (format_ == Format::json) {
    line += "{\"time\":\"" + format_timestamp(ns) + "\",\"level\":\"";
    line += level_name(msg.level);
    line += "\",\"message\":";
    append_json_string(line, message);
    for (const auto& field : current_fields()) {
      // Fields never replace the three fixed keys: a clash would make the line ambiguous.
      if (field.key == "time" || field.key == "level" || field.key == "message") continue;
      line += ',';
      append_json_string(line, field.key);
      line += ':';
      if (field.number) {
        line += field.value;
      } else {
        append_json_string(line, field.value);
      }
    }
    line += "}\n";
  } else {
    line += format_timestamp(ns);
    line += ' ';
    line += level_name(msg.level);
    line += ' ';
    // A multi-line message (the configuration summary) stays readable; JSON escapes it.
    line += message;
    for (const auto& field : current_fields()) {
      line += ' ';
      line += field.key;
      line += '=';
      line += field.value;
    }
    line += '\n';
  }
  dest.append(line.data(), line.data() + line.size());
}

}  // namespace tvbot::logging
