// Header lookup on Request: pure functions, no sockets.
#include <gtest/gtest.h>

#include "http/server/server.hpp"

namespace tvbot::http {
namespace {

TEST(Headers, Lookup_ignores_ascii_case_and_returns_the_first_match) {
  Request request;
  request.headers = {{"Content-Type", "application/json"}, {"X-Forwarded-For", "1.1.1.1"},
                     {"x-forwarded-for", "2.2.2.2"}};

  EXPECT_EQ(request.header("content-type").value_or(""), "application/json");
  EXPECT_EQ(request.header("X-FORWARDED-FOR").value_or(""), "1.1.1.1");
  EXPECT_FALSE(request.header("X-Signature").has_value());
  EXPECT_FALSE(request.header("Content-Typ").has_value());
}

TEST(Headers, Repeated_list_header_values_are_joined_in_arrival_order) {
  const HeaderList headers = {{"X-Forwarded-For", "1.1.1.1, 3.3.3.3"}, {"Host", "h"},
                              {"x-forwarded-for", "2.2.2.2"}};

  EXPECT_EQ(joined_header_values(headers, "X-Forwarded-For"), "1.1.1.1, 3.3.3.3,2.2.2.2");
  EXPECT_EQ(joined_header_values(headers, "Host"), "h");
  EXPECT_EQ(joined_header_values(headers, "X-Missing"), "");
}

}  // namespace
}  // namespace tvbot::http
