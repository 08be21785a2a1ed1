#pragma once
// A `tvbot serve` with its admin listener on (port 0, announced on stdout), JSON logs to a
// small rotating file, and helpers to call the admin API and read JSON answers.
#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tests/e2e/serve_fixture.hpp"

namespace tvbot::e2e {

inline constexpr std::string_view kAdminToken = "admin-e2e-token-5d21";

// A parsed JSON document; `root` lives as long as this object.
struct Json {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool ok = false;
};
[[nodiscard]] std::unique_ptr<Json> parse_json(std::string_view text);

class AdminFixture : public ServeFixture {
 protected:
  // test_config_text() plus [admin] and [logging] (JSON lines to <root>/log/tvbot.log,
  // rotated at `log_max_bytes`).
  ServerDir admin_dir(std::size_t log_max_bytes = 1024 * 1024);
  void start_admin(const ServerDir& dir);

  // An admin request with the bearer token (or with `authorization` when given).
  http::ClientResponse admin(std::string_view method, std::string_view target,
                             std::string body = {},
                             std::optional<std::string> authorization = std::nullopt);
  // An admin GET whose answer must be 200 JSON; the parsed body (root null on failure).
  std::unique_ptr<Json> admin_get_json(std::string_view target);
  // POST /webhook/<bot> with an X-Request-Id of our choosing.
  http::ClientResponse post_alert(std::string_view bot, std::string body,
                                  std::string_view request_id);
  // wait_until_settled on the log, then until the server's own reads (GET /admin/positions)
  // show the stream at that version too: a read-only open of the log can see a batch while
  // the server is still fsyncing it, before the server's reads may. Fails the test on timeout.
  void settle(const ServerDir& dir, std::string_view stream, std::size_t alerts);
  // Polls GET /admin/positions until `stream` has no open side, or the timeout.
  [[nodiscard]] bool wait_until_flat(std::string_view stream,
                                     std::chrono::milliseconds timeout = kSettleTimeout);

  std::optional<http::HttpClient> admin_client_;
};

// The open sides of `stream` in a /admin/positions answer (-1 when the stream is absent).
[[nodiscard]] int open_sides(const simdjson::dom::element& positions, std::string_view stream);

}  // namespace tvbot::e2e
