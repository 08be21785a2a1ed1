#include "app/serve/admin_endpoint.hpp"

#include <simdjson.h>

#include "events/codec.hpp"
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

constexpr std::string_view kPaperPrefix = "/admin/paper/";
constexpr std::string_view kPriceSuffix = "/price";

}  // namespace

void AdminEndpoint::handle(http::Request request, http::Responder respond) {
  auto authorization = request.header("Authorization").value_or("");
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer) ||
      !token_.matches(authorization.substr(kBearer.size()))) {
    respond(error(401, "unauthorized", "send Authorization: Bearer <admin token>"));
    return;
  }
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path == "/admin/rejections" && request.method == "GET") {
    respond(list_rejections());
  } else if (path.starts_with(kPaperPrefix) && path.ends_with(kPriceSuffix) &&
             path.size() > kPaperPrefix.size() + kPriceSuffix.size()) {
    if (request.method != "POST") {
      respond(error(405, "method_not_allowed", "use POST"));
      return;
    }
    auto broker = path.substr(kPaperPrefix.size(),
                              path.size() - kPaperPrefix.size() - kPriceSuffix.size());
    respond(set_paper_price(broker, request.body));
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
