// Over 300 lines because it is one venue: the routes, Alpaca's parameter checks and the
// account they change only make sense read together.
#include "tests/brokers/alpaca/alpaca_emulator.hpp"

#include <algorithm>
#include <thread>

#include "brokers/alpaca/json_fields.hpp"

namespace tvbot::alpaca::testing {
namespace {

TestResponse json(unsigned status, std::string body) {
  TestResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = {{"X-Ratelimit-Limit", "200"}, {"X-Ratelimit-Remaining", "199"}};
  return response;
}

// Alpaca's error object: {"code": 40010001, "message": "..."}.
TestResponse error(unsigned status, const std::string& code, const std::string& message) {
  std::string body = "{\"code\":" + code + ",\"message\":";
  append_json_string(body, message);
  return json(status, body + "}");
}

TestResponse invalid(const std::string& message) { return error(422, "40010001", message); }

std::string decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> query_of(std::string_view target) {
  std::map<std::string, std::string> query;
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return query;
  std::string_view rest = target.substr(mark + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    query[decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return query;
}

std::string quoted_or_null(const std::optional<std::string>& text) {
  if (!text) return "null";
  std::string out;
  append_json_string(out, *text);
  return out;
}

std::string text_of(const JsonFields& fields, const char* key) {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.kind == JsonKind::null) return "";
  return it->second.text;
}

bool has(const JsonFields& fields, const char* key) {
  auto it = fields.find(key);
  return it != fields.end() && it->second.kind != JsonKind::null;
}

bool is_whole(Quantity qty) { return qty.raw() % Quantity::from_int(1).raw() == 0; }

}  // namespace

AlpacaEmulator::AlpacaEmulator(Money cash) : cash_(cash) {
  server_ = std::make_unique<test_support::TestWebServer>(
      test_support::TestWebServer::Options{},
      [this](const TestRequest& request) { return handle(request); });
}

AlpacaEmulator::~AlpacaEmulator() { server_.reset(); }

std::string AlpacaEmulator::base_url() const { return server_->base_url(); }

void AlpacaEmulator::add_asset(EmulatorAsset asset) {
  std::lock_guard lock(mutex_);
  assets_[asset.symbol] = asset;
}

void AlpacaEmulator::set_price(const std::string& symbol, Price price) {
  std::lock_guard lock(mutex_);
  assets_.at(symbol).price = price;
  fill_what_can();
}

void AlpacaEmulator::set_market_open(bool open) {
  std::lock_guard lock(mutex_);
  market_open_ = open;
  for (auto& order : orders_) {
    if (open && order.status == "accepted") order.status = "new";
  }
  fill_what_can();
}

void AlpacaEmulator::inject(EmulatorFault fault) {
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

std::vector<EmulatorOrder> AlpacaEmulator::orders() const {
  std::lock_guard lock(mutex_);
  return orders_;
}

Money AlpacaEmulator::cash() const {
  std::lock_guard lock(mutex_);
  return cash_;
}

Quantity AlpacaEmulator::position_qty(const std::string& symbol) const {
  std::lock_guard lock(mutex_);
  auto it = positions_.find(symbol);
  return it == positions_.end() ? Quantity{} : it->second.qty;
}

Price AlpacaEmulator::position_avg(const std::string& symbol) const {
  std::lock_guard lock(mutex_);
  auto it = positions_.find(symbol);
  return it == positions_.end() ? Price{} : it->second.avg;
}

std::size_t AlpacaEmulator::count_requests(const std::string& method,
                                           const std::string& path) const {
  const auto all = server_->received_requests();
  return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const auto& r) {
    return r.method == method && r.target.rfind(path, 0) == 0;
  }));
}

std::vector<TestRequest> AlpacaEmulator::requests() const { return server_->received_requests(); }

TestResponse AlpacaEmulator::handle(const TestRequest& request) {
  std::optional<EmulatorFault> fault;
  TestResponse response;
  {
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      if (it->method == request.method && request.target.rfind(it->path, 0) == 0) {
        fault = *it;
        if (--it->times <= 0) faults_.erase(it);
        break;
      }
    }
    if (!fault || fault->handle_first) response = route(request);
  }
  if (!fault) return response;
  if (!fault->real_answer) {
    response = json(fault->status, fault->body);
    for (auto& header : fault->headers) response.headers.push_back(header);
  }
  response.delay = fault->delay;  // the server waits, interruptibly, before answering
  return response;
}

TestResponse AlpacaEmulator::route(const TestRequest& request) {
  // Both key headers, exactly: what Alpaca's gateway checks before anything else.
  if (request.header("APCA-API-KEY-ID") != std::optional<std::string_view>(kKeyId) ||
      request.header("APCA-API-SECRET-KEY") != std::optional<std::string_view>(kSecretKey)) {
    return json(401, R"({"message": "unauthorized"})");
  }
  const std::string_view target = request.target;
  const std::string path(target.substr(0, target.find('?')));
  const auto query = query_of(target);
  const auto& method = request.method;
  auto param = [&](const char* key) {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;
  };
  if (method == "POST" && path == "/v2/orders") return place(request);
  if (method == "GET" && path == "/v2/orders:by_client_order_id") {
    return by_client_id(param("client_order_id"));
  }
  if (method == "GET" && path == "/v2/orders") {
    if (param("status") != "open") return invalid("the emulator lists open orders only");
    return open_orders(param("symbols"));
  }
  if (method == "DELETE" && path.rfind("/v2/orders/", 0) == 0) return cancel(path.substr(11));
  if (method == "GET" && path == "/v2/positions") return positions();
  if (method == "GET" && path == "/v2/account") return account();
  if (method == "GET" && path.rfind("/v2/assets/", 0) == 0) return asset(decode(path.substr(11)));
  if (method == "GET" && path == "/v2/clock") return clock();
  if (method == "GET" && path == "/v2/stocks/trades/latest") return latest_trades(param("symbols"));
  const std::string stocks = "/v2/stocks/";
  const std::string latest = "/trades/latest";
  if (method == "GET" && path.rfind(stocks, 0) == 0 && path.size() > stocks.size() + latest.size() &&
      path.compare(path.size() - latest.size(), latest.size(), latest) == 0) {
    return latest_trade(decode(path.substr(stocks.size(), path.size() - stocks.size() - latest.size())));
  }
  return json(404, R"({"message":"Not Found"})");
}

TestResponse AlpacaEmulator::place(const TestRequest& request) {
  auto parsed = read_object(request.body);
  if (!parsed.ok()) return error(400, "40010000", "request body format is invalid");
  const auto& f = *parsed;
  const std::string symbol = text_of(f, "symbol");
  if (symbol.empty()) return invalid("symbol is required");
  auto asset = assets_.find(symbol);
  if (asset == assets_.end()) return invalid("asset \"" + symbol + "\" not found");
  if (!asset->second.tradable) return invalid("asset " + symbol + " is not tradable");
  if (has(f, "qty") && has(f, "notional")) {
    return error(400, "40010000", "qty and notional cannot both be specified");
  }
  if (!has(f, "qty")) return invalid("qty is required (the emulator takes no notional orders)");
  auto qty = Quantity::parse_exact(text_of(f, "qty"));
  if (!qty.ok() || !qty->is_positive()) return invalid("invalid qty: must be a positive decimal");
  const std::string side = text_of(f, "side");
  if (side != "buy" && side != "sell") return invalid("invalid side");
  const std::string type = text_of(f, "type");
  if (type != "market" && type != "limit") {
    return invalid(type == "stop" || type == "stop_limit" || type == "trailing_stop"
                       ? "the emulator takes market and limit orders only"
                       : "invalid order type");
  }
  const std::string tif = text_of(f, "time_in_force");
  if (tif != "day" && tif != "gtc" && tif != "opg" && tif != "cls" && tif != "ioc" && tif != "fok") {
    return invalid("invalid time_in_force");
  }
  std::optional<Price> limit;
  if (type == "limit") {
    if (!has(f, "limit_price")) return invalid("limit_price is required for limit orders");
    auto parsed_limit = Price::parse_exact(text_of(f, "limit_price"));
    if (!parsed_limit.ok() || !parsed_limit->is_positive()) return invalid("invalid limit_price");
    const bool sub_penny = parsed_limit->raw() % Price::parse_exact("0.01")->raw() != 0;
    if (*parsed_limit >= Price::from_int(1) && sub_penny) {
      return invalid("invalid limit_price " + parsed_limit->to_string() +
                     ". sub-penny increment does not fulfill minimum pricing criteria");
    }
    limit = *parsed_limit;
  }
  if (!is_whole(*qty)) {
    if (!asset->second.fractionable) return invalid("asset " + symbol + " is not fractionable");
    if (type != "market" || tif != "day") {
      return invalid("fractional orders must be market orders with time_in_force day");
    }
  }
  const std::string client_id = text_of(f, "client_order_id");
  if (client_id.size() > 128) return invalid("client_order_id must be no more than 128 characters");
  for (const auto& order : orders_) {
    if (!client_id.empty() && order.client_order_id == client_id) {
      return invalid("client_order_id must be unique");
    }
  }
  const Price reference = limit.value_or(asset->second.price);
  const Money cost = mul<Money>(*qty, reference);
  if (cost < Money::from_int(1)) {
    return error(403, "40310000", "cost basis must be >= minimal amount of order 1");
  }
  if (side == "buy" && cost > cash_) return error(403, "40310000", "insufficient buying power");
  if (side == "sell") {
    auto held = positions_.find(symbol);
    const Quantity available =
        (held == positions_.end() ? Quantity{} : held->second.qty) - reserved_for_sale(symbol);
    if (*qty > available) {
      return error(403, "40310000",
                   "insufficient qty available for order (requested: " + qty->to_string() +
                       ", available: " + available.to_string() + ")");
    }
  }
  EmulatorOrder order;
  char id[40];
  std::snprintf(id, sizeof id, "4f1b2c3d-0000-4000-8000-%012llu",
                static_cast<unsigned long long>(next_id_++));
  order.id = id;
  order.client_order_id = client_id.empty() ? "generated-" + order.id : client_id;
  order.symbol = symbol;
  order.side = side;
  order.type = type;
  order.time_in_force = tif;
  order.status = "accepted";
  order.qty = *qty;
  order.limit_price = limit;
  orders_.push_back(order);
  const std::string answer = order_json(order);  // as accepted: it fills right after
  if (market_open_) {
    orders_.back().status = "new";
    try_fill(orders_.back());
  }
  return json(200, answer);
}

void AlpacaEmulator::try_fill(EmulatorOrder& order) {
  if (!market_open_ || (order.status != "new" && order.status != "accepted")) return;
  const Price price = assets_.at(order.symbol).price;
  const bool buy = order.side == "buy";
  if (order.limit_price && (buy ? price > *order.limit_price : price < *order.limit_price)) return;
  const Money amount = mul<Money>(order.qty, price);
  auto& position = positions_[order.symbol];
  if (buy) {
    const Notional total = mul<Notional>(position.qty, position.avg) + mul<Notional>(order.qty, price);
    position.qty += order.qty;
    position.avg = div<Price>(total, position.qty);
    cash_ -= amount;
  } else {
    position.qty -= order.qty;
    cash_ += amount;
  }
  if (position.qty.is_zero()) positions_.erase(order.symbol);
  order.filled_qty = order.qty;
  order.filled_avg_price = price;
  order.status = "filled";
}

void AlpacaEmulator::fill_what_can() {
  for (auto& order : orders_) try_fill(order);
}

Quantity AlpacaEmulator::reserved_for_sale(const std::string& symbol) const {
  Quantity reserved;
  for (const auto& order : orders_) {
    const bool open = order.status == "new" || order.status == "accepted";
    if (open && order.side == "sell" && order.symbol == symbol) reserved += order.qty;
  }
  return reserved;
}

TestResponse AlpacaEmulator::cancel(const std::string& id) {
  for (auto& order : orders_) {
    if (order.id != id) continue;
    if (order.status != "new" && order.status != "accepted") {
      return error(422, "42210000", "order is not cancelable");
    }
    order.status = "canceled";
    TestResponse response = json(204, "");
    response.content_type.clear();
    return response;
  }
  return error(404, "40410000", "order not found");
}

TestResponse AlpacaEmulator::by_client_id(const std::string& client_order_id) const {
  for (const auto& order : orders_) {
    if (order.client_order_id == client_order_id) return json(200, order_json(order));
  }
  return error(404, "40410000", "order not found");
}

TestResponse AlpacaEmulator::open_orders(const std::string& symbols) const {
  std::string body = "[";
  for (const auto& order : orders_) {
    const bool open = order.status == "new" || order.status == "accepted";
    if (!open || (!symbols.empty() && symbols != order.symbol)) continue;
    if (body.size() > 1) body += ',';
    body += order_json(order);
  }
  return json(200, body + "]");
}

TestResponse AlpacaEmulator::positions() const {
  std::string body = "[";
  for (const auto& [symbol, position] : positions_) {
    if (body.size() > 1) body += ',';
    const Price current = assets_.at(symbol).price;
    body += "{\"asset_id\":\"904837e3-3b76-47ec-b432-046db621571b\",\"symbol\":\"" + symbol +
            "\",\"exchange\":\"NASDAQ\",\"asset_class\":\"us_equity\",\"avg_entry_price\":\"" +
            position.avg.to_string() + "\",\"qty\":\"" + position.qty.to_string() +
            "\",\"qty_available\":\"" + (position.qty - reserved_for_sale(symbol)).to_string() +
            "\",\"side\":\"long\",\"market_value\":\"" +
            mul<Money>(position.qty, current).to_string() + "\",\"current_price\":\"" +
            current.to_string() + "\"}";
  }
  return json(200, body + "]");
}

TestResponse AlpacaEmulator::account() const {
  const std::string cash = cash_.to_string();
  return json(200, "{\"id\":\"1d9eed04-be39-4e01-9b84-a48ac5bbafcf\",\"account_number\":"
                   "\"PA0EMULATOR\",\"status\":\"ACTIVE\",\"currency\":\"USD\",\"buying_power\":\"" +
                       cash + "\",\"cash\":\"" + cash + "\",\"equity\":\"" + cash +
                       "\",\"trading_blocked\":false,\"multiplier\":\"1\"}");
}

TestResponse AlpacaEmulator::asset(const std::string& symbol) const {
  auto it = assets_.find(symbol);
  if (it == assets_.end()) return error(404, "40410000", "asset not found");
  const auto& a = it->second;
  return json(200, "{\"id\":\"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415\",\"class\":\"us_equity\","
                   "\"exchange\":\"NASDAQ\",\"symbol\":\"" + a.symbol + "\",\"name\":\"" + a.symbol +
                       "\",\"status\":\"active\",\"tradable\":" + (a.tradable ? "true" : "false") +
                       ",\"marginable\":true,\"shortable\":true,\"easy_to_borrow\":true,"
                       "\"fractionable\":" + (a.fractionable ? "true" : "false") + "}");
}

TestResponse AlpacaEmulator::clock() const {
  return json(200, std::string("{\"timestamp\":\"2024-03-22T16:36:27.528041708-04:00\",\"is_open\":") +
                       (market_open_ ? "true" : "false") +
                       ",\"next_open\":\"2024-03-25T09:30:00-04:00\",\"next_close\":"
                       "\"2024-03-25T16:00:00-04:00\"}");
}

TestResponse AlpacaEmulator::latest_trade(const std::string& symbol) const {
  auto it = assets_.find(symbol);
  if (it == assets_.end()) return json(404, R"({"message":"not found"})");
  // The Market Data API sends the price as a JSON number.
  return json(200, "{\"symbol\":\"" + symbol + "\",\"trade\":{\"t\":\"2024-03-22T19:59:59.9Z\","
                   "\"x\":\"V\",\"p\":" + it->second.price.to_string() +
                       ",\"s\":100,\"c\":[\"@\"],\"i\":52983525029461,\"z\":\"C\"}}");
}

TestResponse AlpacaEmulator::latest_trades(const std::string& symbols) const {
  std::string body = "{\"trades\":{";
  bool first = true;
  std::string_view rest = symbols;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string symbol(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    auto it = assets_.find(symbol);
    if (it == assets_.end()) continue;  // Alpaca leaves unknown symbols out
    if (!first) body += ',';
    first = false;
    body += "\"" + symbol + "\":{\"t\":\"2024-03-22T19:59:59.9Z\",\"x\":\"V\",\"p\":" +
            it->second.price.to_string() + ",\"s\":100,\"c\":[\"@\"],\"i\":1,\"z\":\"C\"}";
  }
  return json(200, body + "}}");
}

std::string AlpacaEmulator::order_json(const EmulatorOrder& order) const {
  const bool filled = order.filled_qty.is_positive();
  std::string body = "{\"id\":\"" + order.id + "\",\"client_order_id\":";
  append_json_string(body, order.client_order_id);
  body += ",\"created_at\":\"2024-03-22T14:38:01.942282Z\",\"updated_at\":\"2024-03-22T14:38:01.942282Z\","
          "\"submitted_at\":\"2024-03-22T14:38:01.937734Z\",\"filled_at\":" +
          std::string(filled ? "\"2024-03-22T14:38:02.1Z\"" : "null") +
          ",\"expired_at\":null,\"canceled_at\":null,\"failed_at\":null,\"replaced_at\":null,"
          "\"replaced_by\":null,\"replaces\":null,\"asset_id\":\"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415\","
          "\"symbol\":\"" + order.symbol + "\",\"asset_class\":\"us_equity\",\"notional\":null,"
          "\"qty\":\"" + order.qty.to_string() + "\",\"filled_qty\":\"" + order.filled_qty.to_string() +
          "\",\"filled_avg_price\":" +
          quoted_or_null(filled ? std::optional<std::string>(order.filled_avg_price.to_string())
                                : std::nullopt) +
          ",\"order_class\":\"\",\"order_type\":\"" + order.type + "\",\"type\":\"" + order.type +
          "\",\"side\":\"" + order.side + "\",\"time_in_force\":\"" + order.time_in_force +
          "\",\"limit_price\":" +
          quoted_or_null(order.limit_price ? std::optional<std::string>(order.limit_price->to_string())
                                           : std::nullopt) +
          ",\"stop_price\":null,\"status\":\"" + order.status +
          "\",\"extended_hours\":false,\"legs\":null,\"trail_percent\":null,\"trail_price\":null,"
          "\"hwm\":null}";
  return body;
}

}  // namespace tvbot::alpaca::testing
