#include "app/serve/webhook_endpoint.hpp"

#include <chrono>

#include <simdjson.h>

#include "app/logging/log_fields.hpp"
#include "app/serve/response_request_id.hpp"
#include "http/webhook/webhook_response.hpp"

namespace tvbot::app {
namespace {

Timestamp now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

http::Response json(unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

// The "error" code of an engine's non-2xx answer ("unknown_instrument", ...), for metrics.
std::string error_code_of(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view code;
  if (parser.parse(body.data(), body.size()).get(root) || root["error"].get_string().get(code)) {
    return "unknown";
  }
  return std::string(code);
}

// The accepted alert's ids from the engine's 2xx answer, for the log line tying the request
// id to the event it became.
void log_accepted(std::string_view request_id, const std::string& body, unsigned status) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::uint64_t event_id = 0;
  std::uint64_t stream_seq = 0;
  std::string_view stream;
  if (parser.parse(body.data(), body.size()).get(root) ||
      root["event_id"].get_uint64().get(event_id) || root["stream"].get_string().get(stream) ||
      root["stream_seq"].get_uint64().get(stream_seq)) {
    return;
  }
  logging::info(status == 200 ? "alert was a duplicate" : "alert accepted",
                {{"request_id", request_id},
                 {"stream", stream},
                 {"global_seq", event_id},
                 {"stream_seq", stream_seq},
                 {"status", static_cast<int>(status)}});
}

}  // namespace

void WebhookEndpoint::handle(http::Request request, http::Responder respond) {
  auto path = path_of(request.target);
  const auto& prefix = webhooks_.config().path_prefix;
  if (path == prefix || path.starts_with(prefix + "/")) {
    handle_webhook(request, std::move(respond));
    return;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    respond(json(405, webhook::format_error_body("method_not_allowed", "use GET here")));
    return;
  }
  if (path == "/healthz") {
    respond(json(200, R"({"status":"ok"})"));
  } else if (path == "/readyz") {
    respond(ready_.load() ? json(200, R"({"status":"ready"})")
                          : json(503, webhook::format_error_body("not_ready", "starting")));
  } else {
    respond(json(404, webhook::format_error_body("not_found", "no such path")));
  }
}

void WebhookEndpoint::handle_webhook(const http::Request& request, http::Responder respond) {
  auto forwarded_for = http::joined_header_values(request.headers, "X-Forwarded-For");
  webhook::WebhookRequest webhook_request;
  webhook_request.method = request.method;
  webhook_request.target = request.target;
  webhook_request.content_type = request.header("Content-Type").value_or("");
  webhook_request.forwarded_for = forwarded_for;
  webhook_request.signature = request.header(webhooks_.config().signature_header).value_or("");
  webhook_request.body = request.body;
  webhook_request.peer_ip = request.peer_ip;
  webhook_request.now = now_ns();
  const auto started = std::chrono::steady_clock::now();
  auto outcome = webhooks_.handle(webhook_request);
  if (auto* reject = std::get_if<webhook::WebhookReject>(&outcome)) {
    if (metrics_) metrics_->webhook_rejected(reject->code);
    logging::info("webhook refused", {{"request_id", request.request_id},
                                      {"status", reject->http_status},
                                      {"reason", reject->code}});
    auto response = json(static_cast<unsigned>(reject->http_status),
                         with_request_id(webhook::format_error_body(reject->code, reject->message),
                                         request.request_id));
    if (reject->retry_after_seconds > 0) {
      response.headers.emplace_back("Retry-After", std::to_string(reject->retry_after_seconds));
    }
    respond(std::move(response));
    return;
  }
  auto& accept = std::get<webhook::WebhookAccept>(outcome);
  actors::AlertIntake intake{accept.bot_id,
                             std::move(accept.alert.signal),
                             std::move(accept.redacted_body),
                             std::move(accept.source_ip),
                             std::move(accept.dedupe_key),
                             request.request_id,
                             webhook_request.now};
  engine_.submit_alert(std::move(intake), [respond, started, metrics = metrics_,
                                            request_id = request.request_id](
                                               actors::AlertOutcome outcome) {
    if (outcome.http_status / 100 == 2) {
      if (metrics) {
        metrics->acknowledged(std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count());
      }
      log_accepted(request_id, outcome.body, outcome.http_status);
    } else {
      const std::string code = error_code_of(outcome.body);
      if (metrics && outcome.http_status / 100 == 4) metrics->webhook_rejected(code);
      logging::info("webhook refused", {{"request_id", request_id},
                                        {"status", static_cast<int>(outcome.http_status)},
                                        {"reason", code}});
    }
    respond(json(outcome.http_status, with_request_id(std::move(outcome.body), request_id)));
  });
}

}  // namespace tvbot::app
