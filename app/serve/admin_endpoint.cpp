#include "app/serve/admin_endpoint.hpp"

#include <simdjson.h>

#include "app/serve/admin_http.hpp"
#include "app/serve/openapi.hpp"
#include "events/codec.hpp"
#include "observability/prometheus_text.hpp"
#include "http/webhook/webhook_response.hpp"

namespace tvbot::app {
namespace {

http::Response json(unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

http::Response error(unsigned status, std::string_view code, std::string_view message) {
  return json(status, webhook::format_error_body(code, message));
}


}  // namespace

void AdminEndpoint::handle(http::Request request, http::Responder respond) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path == "/metrics" || path == "/openapi.json") {
    if (request.method != "GET" && request.method != "HEAD") {
      respond(error(405, "method_not_allowed", "use GET"));
      return;
    }
    http::Response response;
    if (path == "/metrics") {
      response.content_type = std::string(observability::kPrometheusContentType);
      response.body = metrics_.expose();
    } else {
      response.body = std::string(openapi_json());
    }
    respond(std::move(response));
    return;
  }
  auto authorization = request.header("Authorization").value_or("");
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer) ||
      !token_.matches(authorization.substr(kBearer.size()))) {
    respond(error(401, "unauthorized", "send Authorization: Bearer <admin token>"));
    return;
  }
  route_admin(request, std::move(respond));
}

void AdminEndpoint::route_admin(const http::Request& request, http::Responder respond) {
  const auto segments = admin::path_segments(request.target);
  const std::size_t n = segments.size();
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  auto is = [&](std::initializer_list<std::string_view> expected) {
    if (expected.size() != n) return false;
    std::size_t i = 0;
    for (auto part : expected) {
      if (!part.empty() && segments[i] != part) return false;  // "" matches any segment
      ++i;
    }
    return true;
  };
  auto wrong_method = [&](std::string_view allowed) {
    respond(error(405, "method_not_allowed", "use " + std::string(allowed)));
  };
  if (n == 0 || segments[0] != "admin") {
    respond(error(404, "not_found", "no such admin path"));
  } else if (is({"admin", "rejections"})) {
    get ? respond(list_rejections()) : wrong_method("GET");
  } else if (is({"admin", "bots"})) {
    get ? respond(reads_.bots()) : wrong_method("GET");
  } else if (is({"admin", "positions"})) {
    get ? respond(reads_.positions(request.target)) : wrong_method("GET");
  } else if (is({"admin", "trades"})) {
    get ? respond(reads_.trades(request.target)) : wrong_method("GET");
  } else if (is({"admin", "kill-switch"})) {
    post ? commands_.kill_switch(std::move(respond)) : wrong_method("POST");
  } else if (is({"admin", "bots", "", "pause"}) || is({"admin", "bots", "", "resume"})) {
    if (!post) return wrong_method("POST");
    commands_.set_paused(segments[2], segments[3] == "pause", request.body, std::move(respond));
  } else if (is({"admin", "streams", "", "", "events"})) {
    get ? respond(reads_.stream_events(segments[2], segments[3], request.target))
        : wrong_method("GET");
  } else if (is({"admin", "streams", "", "", "close"})) {
    if (!post) return wrong_method("POST");
    commands_.close_position(segments[2], segments[3], request.body, std::move(respond));
  } else if (is({"admin", "paper", "", "price"})) {
    post ? respond(set_paper_price(segments[2], request.body)) : wrong_method("POST");
  } else {
    respond(error(404, "not_found", "no such admin path"));
  }
}

http::Response AdminEndpoint::set_paper_price(std::string_view broker, const std::string& body) {
  auto it = paper_brokers_.find(std::string(broker));
  if (it == paper_brokers_.end()) {
    return error(404, "unknown_broker", "no paper broker named \"" + std::string(broker) + "\"");
  }
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  std::string_view symbol;
  std::string_view price_text;
  if (parser.iterate(padded).get(doc) || doc["symbol"].get_string().get(symbol) ||
      doc["price"].get_string().get(price_text)) {
    return error(400, "malformed_json",
                 R"(expected {"symbol":"BTCUSDT","price":"60000"} with the price as a string)");
  }
  auto price = Price::parse_exact(price_text);
  if (!price.ok() || !price->is_positive()) {
    return error(422, "invalid_price", "price must be a positive decimal string");
  }
  auto status = it->second->set_price(symbol, *price);
  if (!status.ok()) return error(422, status.error().code, status.error().message);
  std::string reply = "{\"broker\":";
  append_json_string(reply, broker);
  reply += ",\"symbol\":";
  append_json_string(reply, symbol);
  reply += ",\"price\":\"" + price->to_string() + "\"}";
  return json(200, std::move(reply));
}

http::Response AdminEndpoint::list_rejections() const {
  std::string body = "{\"total\":" + std::to_string(rejections_.total()) + ",\"by_code\":{";
  bool first = true;
  for (const auto& [code, count] : rejections_.totals_by_code()) {
    if (!first) body += ",";
    first = false;
    append_json_string(body, code);
    body += ":" + std::to_string(count);
  }
  body += "},\"recent\":[";
  first = true;
  for (const auto& record : rejections_.snapshot()) {
    if (!first) body += ",";
    first = false;
    body += "{\"time\":\"" + format_timestamp(record.time) + "\",\"bot\":";
    append_json_string(body, record.bot);
    body += ",\"source_ip\":";
    append_json_string(body, record.source_ip);
    body += ",\"code\":";
    append_json_string(body, record.code);
    body += ",\"message\":";
    append_json_string(body, record.message);
    body += ",\"body\":";
    append_json_string(body, record.body);
    body += "}";
  }
  body += "]}";
  return json(200, std::move(body));
}

}  // namespace tvbot::app
