#pragma once
// What a rejected webhook request is answered with: the HTTP status for each machine code
// and the JSON body {"error":"<code>","message":"<text>"}.
#include <string>
#include <string_view>

namespace tvbot::webhook {

// 400 malformed, 401 bad credentials, 403 address not allowed, 404 unknown bot or path,
// 405 wrong method, 413 body too large, 415 wrong content type, 422 understood but invalid,
// 429 rate limited. An unknown code is 400: a deliberate rejection is never a 5xx.
[[nodiscard]] int http_status_for(std::string_view code);

// {"error":"invalid_secret","message":"..."}, escaped with the codec's append_json_string.
[[nodiscard]] std::string format_error_body(std::string_view code, std::string_view message);

}  // namespace tvbot::webhook
