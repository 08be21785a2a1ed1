#pragma once
// spdlog formatter for tvbot's two log formats, with the fields of logging::log():
//   text: 2026-11-24T09:00:00.123456789Z info alert accepted request_id=ab12 stream=alpha/BTCUSDT
//   json: {"time":"2026-11-24T09:00:00.123456789Z","level":"info","message":"alert accepted",
//          "request_id":"ab12","stream":"alpha/BTCUSDT"}
// One line per record in both; in JSON every string is escaped (RFC 8259), so a message with
// quotes or newlines still makes exactly one parseable line.
#include <memory>

#include <spdlog/formatter.h>

namespace tvbot::logging {

enum class Format { text, json };

class StructuredFormatter final : public spdlog::formatter {
 public:
  explicit StructuredFormatter(Format format) : format_(format) {}
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<StructuredFormatter>(format_);
  }

 private:
  Format format_;
};

}  // namespace tvbot::logging
