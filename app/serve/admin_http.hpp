#pragma once
// Small pieces the admin endpoints share: JSON answers, query parameters, path segments.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/result.hpp"
#include "http/server/server.hpp"

namespace tvbot::app::admin {

[[nodiscard]] http::Response json_response(unsigned status, std::string body);
// {"error":code,"message":...}
[[nodiscard]] http::Response error_response(unsigned status, std::string_view code,
                                            std::string_view message);

// "/a/b/c?x=1" -> {"a","b","c"}; empty segments are dropped.
[[nodiscard]] std::vector<std::string_view> path_segments(std::string_view target);

// The raw value of `name` in the target's query ("?bot=alpha&limit=5"), nullopt when absent.
// Values are not percent-decoded: every value the admin API takes (bot ids, numbers) is
// made of characters that need no encoding.
[[nodiscard]] std::optional<std::string_view> query_parameter(std::string_view target,
                                                              std::string_view name);

// A query parameter as an unsigned integer in [min, max]; `fallback` when absent.
// Error "invalid_parameter" naming the parameter when it is not such a number.
[[nodiscard]] Result<std::uint64_t> unsigned_parameter(std::string_view target,
                                                       std::string_view name,
                                                       std::uint64_t fallback,
                                                       std::uint64_t min, std::uint64_t max);

// A request body that must be empty or a JSON object: its string member `key` (nullopt when
// the body is empty or the key absent). Error "malformed_json" for anything else.
[[nodiscard]] Result<std::optional<std::string>> optional_string_member(std::string_view body,
                                                                        std::string_view key);

}  // namespace tvbot::app::admin
