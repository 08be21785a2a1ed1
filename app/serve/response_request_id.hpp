#pragma once
// Webhook answers carry the request id in their JSON body as well as in the X-Request-Id
// header: TradingView shows an alert's response body in its log, not its headers, so the
// body is what a user can quote to find the alert's events and orders.
#include <string>
#include <string_view>

namespace tvbot::app {

// {"a":1} + "ab12" -> {"request_id":"ab12","a":1}; {} -> {"request_id":"ab12"}. A body that
// is not a JSON object, or an empty id, is returned unchanged.
[[nodiscard]] std::string with_request_id(std::string body, std::string_view request_id);

}  // namespace tvbot::app
