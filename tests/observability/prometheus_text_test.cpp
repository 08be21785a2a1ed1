// The hand-written pieces of the Prometheus text format: names, escaping, exact decimals.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "observability/prometheus_text.hpp"

namespace tvbot::observability {
namespace {

std::string label(std::string_view value) {
  std::string out;
  append_escaped_label_value(out, value);
  return out;
}

std::string help(std::string_view value) {
  std::string out;
  append_escaped_help(out, value);
  return out;
}

TEST(PrometheusText, Label_values_escape_backslash_quote_and_newline_only) {
  EXPECT_EQ(label(R"(a\b)"), R"(a\\b)");
  EXPECT_EQ(label(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(label("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(label("tab\tand é stay"), "tab\tand é stay");
  EXPECT_EQ(label(""), "");
}

TEST(PrometheusText, Help_escapes_backslash_and_newline_but_keeps_quotes) {
  EXPECT_EQ(help("a \"quoted\" word"), "a \"quoted\" word");
  EXPECT_EQ(help("back\\slash\nnext"), "back\\\\slash\\nnext");
}

TEST(PrometheusText, Metric_and_label_names_follow_the_data_model) {
  EXPECT_TRUE(is_valid_metric_name("tvbot_fills_total"));
  EXPECT_TRUE(is_valid_metric_name("ns:sub_metric"));
  EXPECT_TRUE(is_valid_metric_name("_x"));
  EXPECT_FALSE(is_valid_metric_name(""));
  EXPECT_FALSE(is_valid_metric_name("9lives"));
  EXPECT_FALSE(is_valid_metric_name("has-dash"));
  EXPECT_FALSE(is_valid_metric_name("has space"));
  EXPECT_TRUE(is_valid_label_name("broker"));
  EXPECT_TRUE(is_valid_label_name("_private"));
  EXPECT_FALSE(is_valid_label_name("__reserved"));
  EXPECT_FALSE(is_valid_label_name("with:colon"));
  EXPECT_FALSE(is_valid_label_name("1st"));
  EXPECT_FALSE(is_valid_label_name(""));
}

TEST(PrometheusText, Scaled_integers_print_as_exact_decimals_without_trailing_zeros) {
  EXPECT_EQ(format_scaled(250, 6), "0.00025");
  EXPECT_EQ(format_scaled(1'000'000, 6), "1");
  EXPECT_EQ(format_scaled(2'500'000, 6), "2.5");
  EXPECT_EQ(format_scaled(-1500, 3), "-1.5");
  EXPECT_EQ(format_scaled(-1, 3), "-0.001");
  EXPECT_EQ(format_scaled(0, 6), "0");
  EXPECT_EQ(format_scaled(42, 0), "42");
  EXPECT_EQ(format_scaled(-42, 0), "-42");
  EXPECT_EQ(format_scaled(std::numeric_limits<std::int64_t>::min(), 0), "-9223372036854775808");
  EXPECT_EQ(format_scaled(std::numeric_limits<std::int64_t>::max(), 18), "9.223372036854775807");
  EXPECT_EQ(format_unsigned(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
}

}  // namespace
}  // namespace tvbot::observability
