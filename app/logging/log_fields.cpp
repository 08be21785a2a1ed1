#include "app/logging/log_fields.hpp"

#include <spdlog/spdlog.h>

namespace tvbot::logging {
namespace {

const std::vector<Field> kNoFields;
thread_local const std::vector<Field>* t_fields = nullptr;

}  // namespace

void log(spdlog::level::level_enum level, std::string_view message,
         std::initializer_list<Field> fields) {
  auto logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  // An empty value says nothing; leaving it out keeps lines short and JSON keys meaningful.
  std::vector<Field> copy;
  copy.reserve(fields.size());
  for (const auto& field : fields) {
    if (!field.value.empty()) copy.push_back(field);
  }
  t_fields = &copy;
  // "{}" keeps braces in the message from being read as format fields.
  logger->log(level, "{}", message);
  t_fields = nullptr;
}

const std::vector<Field>& current_fields() { return t_fields ? *t_fields : kNoFields; }

}  // namespace tvbot::logging
