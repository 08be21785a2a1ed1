#pragma once
// Pieces of the Prometheus text exposition format 0.0.4, written by hand: prometheus-cpp is
// not packaged in Debian 12 (checked), and the format is small enough to own and test
// (tests/observability/prometheus_text_test.cpp).
// https://prometheus.io/docs/instrumenting/exposition_formats/
//
// Values are integers with a decimal scale, never binary floats: 250 at scale 6 is written
// "0.00025". Latencies are kept in microseconds and exported in seconds this way.
#include <cstdint>
#include <string>
#include <string_view>

namespace tvbot::observability {

// The Content-Type a scrape answer carries.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

// [a-zA-Z_:][a-zA-Z0-9_:]*
[[nodiscard]] bool is_valid_metric_name(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, and not starting with "__" (reserved for Prometheus itself).
[[nodiscard]] bool is_valid_label_name(std::string_view name);

// A label value between its quotes: '\' -> "\\", '"' -> "\"", newline -> "\n".
void append_escaped_label_value(std::string& out, std::string_view value);
// HELP text: '\' -> "\\", newline -> "\n" (quotes stay as they are).
void append_escaped_help(std::string& out, std::string_view help);

// value / 10^scale as exact decimal text without trailing zeros: (250, 6) -> "0.00025",
// (-1500, 3) -> "-1.5", (42, 0) -> "42". scale is at most 18.
[[nodiscard]] std::string format_scaled(std::int64_t value, unsigned scale);
[[nodiscard]] std::string format_unsigned(std::uint64_t value);

}  // namespace tvbot::observability
