// Request ids and the server's JSON error bodies: pure functions, no sockets.
#include <set>

#include <gtest/gtest.h>

#include "http/server/json_error.hpp"
#include "http/server/request_id.hpp"

namespace tvbot::http {
namespace {

TEST(RequestId, Uuid_and_proxy_style_ids_are_acceptable) {
  EXPECT_TRUE(is_acceptable_request_id("0f8fad5b-d9cb-469f-a165-70867728950e"));
  EXPECT_TRUE(is_acceptable_request_id("req_01HZX3K9T4W:edge-7.fra"));
  EXPECT_TRUE(is_acceptable_request_id("a"));
  EXPECT_TRUE(is_acceptable_request_id(std::string(64, 'x')));
}

TEST(RequestId, Empty_long_or_log_forging_ids_are_refused) {
  EXPECT_FALSE(is_acceptable_request_id(""));
  EXPECT_FALSE(is_acceptable_request_id(std::string(65, 'x')));
  EXPECT_FALSE(is_acceptable_request_id("id\nlevel=error"));
  EXPECT_FALSE(is_acceptable_request_id("two words"));
  EXPECT_FALSE(is_acceptable_request_id("<b>"));
  EXPECT_FALSE(is_acceptable_request_id("\"quoted\""));
}

TEST(RequestId, Generated_ids_are_sixteen_lowercase_hex_characters) {
  RequestIdGenerator generator(42);
  for (int i = 0; i < 100; ++i) {
    const std::string id = generator.next();
    ASSERT_EQ(id.size(), 16u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    ASSERT_TRUE(is_acceptable_request_id(id));
  }
}

TEST(RequestId, One_generator_never_repeats_an_id) {
  RequestIdGenerator generator(7);
  std::set<std::string> seen;
  for (int i = 0; i < 100'000; ++i) ASSERT_TRUE(seen.insert(generator.next()).second) << i;
}

TEST(RequestId, Different_seeds_give_different_sequences_and_equal_seeds_the_same) {
  EXPECT_NE(format_request_id(1, 1), format_request_id(2, 1));
  EXPECT_EQ(format_request_id(1, 5), format_request_id(1, 5));
  EXPECT_NE(format_request_id(1, 5), format_request_id(1, 6));
}

TEST(JsonError, Body_names_the_error_and_escapes_the_message) {
  const Response response = json_error_response(413, "body_too_large", "say \"no\"\\\n\x01");

  EXPECT_EQ(response.status, 413u);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"error":"body_too_large","message":"say \"no\"\\\n\u0001"})");
}

}  // namespace
}  // namespace tvbot::http
