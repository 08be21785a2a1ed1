#pragma once
// The server's own error answers: {"error":"<code>","message":"<text>"}.
#include <string>
#include <string_view>

#include "http/server/server.hpp"

namespace tvbot::http {

// Escapes for a JSON string literal (without the quotes).
[[nodiscard]] std::string json_escape(std::string_view text);

[[nodiscard]] Response json_error_response(unsigned status, std::string_view code,
                                           std::string_view message);

}  // namespace tvbot::http
