#pragma once
// Between Beast's message types and the server's plain Request/Response. Internal.
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include "http/server/server.hpp"

namespace tvbot::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Method, target, headers and body; the peer and the request id are the session's.
[[nodiscard]] Request to_request(BeastRequest&& message);

// The server owns the framing: Content-Length, Transfer-Encoding, Connection and
// X-Request-Id set by a Handler are replaced. A status the server cannot send (below
// 200 or above 599) becomes 500 {"error":"internal_error"}: a Handler bug must not
// produce an unparseable answer. For HEAD the body is dropped but its length is kept.
[[nodiscard]] BeastResponse to_beast_response(Response&& response, unsigned http_version,
                                              bool keep_alive, bool head_request,
                                              std::string_view request_id);

// True for parser errors that mean "this is not valid HTTP" (answer 400), false for
// limits, timeouts and a client that simply went away.
[[nodiscard]] bool is_malformed_request_error(const boost::system::error_code& error);

}  // namespace tvbot::http
