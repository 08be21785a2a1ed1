// The emulator is one file on purpose: it is a test double whose parts (authentication,
// order book, accounts, rendering) only make sense together, and reading the checks in the
// venue's order top to bottom is the point. About 720 lines.
#include "tests/brokers/binance/binance_emulator.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "brokers/binance/signing.hpp"
#include "http/server/server.hpp"

namespace tvbot::binance::testing {
namespace {

using Clock = std::chrono::system_clock;
using Params = std::map<std::string, std::string, std::less<>>;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else if (text[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

Params parse_params(std::string_view text) {
  Params params;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos) {
      params[percent_decode(pair.substr(0, eq))] = percent_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return params;
}

std::optional<std::string> param(const Params& params, std::string_view name) {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool valid_client_id(std::string_view id) {
  if (id.empty() || id.size() > 36) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
  });
}

struct Trade {
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  std::string symbol;
  std::string side;
  std::string position_side;
  Price price;
  Quantity qty;
  Money commission;
  std::string commission_asset;
  Money realized_pnl;
  bool maker = false;
};

struct Position {
  Quantity amount;  // signed
  Price entry;
};

}  // namespace

struct BinanceEmulator::Impl {
  Venue venue;
  std::string api_key;
  std::string api_secret;
  std::unique_ptr<http::Server> server;

  mutable std::mutex mutex;
  std::map<std::string, EmulatorSymbol, std::less<>> symbols;
  std::vector<EmulatedOrder> orders;
  std::vector<Trade> trades;
  std::map<std::string, Money, std::less<>> balances;
  std::map<std::pair<std::string, std::string>, Position> positions;
  bool hedge = false;
  Ratio fee_rate = *Ratio::parse("0.001");
  std::int64_t next_order_id = 1000;
  std::int64_t next_trade_id = 5000;
  std::chrono::milliseconds skew{0};
  int pending_429 = 0;
  int retry_after_429 = 0;
  Clock::time_point banned_until{};
  unsigned fail_after_placing = 0;
  unsigned fail_before_placing = 0;
  std::chrono::milliseconds answer_delay{0};
  bool delay_this_answer = false;
  std::vector<std::thread> late_answers;  // joined before the server goes
  int used_weight = -1;
  int weight_this_minute = 0;
  std::int64_t weight_minute = 0;
  EmulatorStats stats;

  http::Response json(unsigned status, std::string body) {
    http::Response response;
    response.status = status;
    response.body = std::move(body);
    const std::int64_t minute = now_ms() / 60'000;
    if (minute != weight_minute) {
      weight_minute = minute;
      weight_this_minute = 0;
    }
    weight_this_minute += 1;
    const int reported = used_weight >= 0 ? used_weight : weight_this_minute;
    response.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(reported));
    return response;
  }
  http::Response error(unsigned status, int code, std::string_view msg) {
    return json(status, "{\"code\":" + std::to_string(code) + ",\"msg\":" + quoted(msg) + "}");
  }

  std::string dec(Price value) const { return venue == Venue::spot ? value.to_string(8) : value.to_string(); }
  std::string dec(Quantity value) const { return venue == Venue::spot ? value.to_string(8) : value.to_string(); }
  std::string dec(Money value) const { return venue == Venue::spot ? value.to_string(8) : value.to_string(); }

  // ---------------------------------------------------------------- authentication
  // The venue's order of checks: key, signature, timestamp/recvWindow.
  std::optional<http::Response> authenticate(const http::Request& request, std::string_view query,
                                             const Params& params) {
    auto key = request.header("X-MBX-APIKEY");
    if (!key || *key != api_key) {
      return error(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }
    const auto at = query.rfind("signature=");
    if (at == std::string_view::npos || (at > 0 && query[at - 1] != '&')) {
      return error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    }
    const std::string_view signed_part = query.substr(0, at == 0 ? 0 : at - 1);
    std::string sent(query.substr(at + 10));
    std::transform(sent.begin(), sent.end(), sent.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
    if (sent != hmac_sha256_hex(api_secret, std::string(signed_part) + request.body)) {
      ++stats.signature_failures;
      return error(400, -1022, "Signature for this request is not valid.");
    }
    auto timestamp_text = param(params, "timestamp");
    if (!timestamp_text) {
      return error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    }
    const std::int64_t timestamp = std::stoll(*timestamp_text);
    std::int64_t recv_window = 5000;
    if (auto window = param(params, "recvWindow")) recv_window = std::stoll(*window);
    if (recv_window > 60000) return error(400, -1131, "recvWindow must be less than 60000");
    const std::int64_t server_time = now_ms() + skew.count();
    if (!(timestamp < server_time + 1000 && server_time - timestamp <= recv_window)) {
      ++stats.timestamp_rejections;
      return error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }
    return std::nullopt;
  }

  // ---------------------------------------------------------------- rendering
  std::string render_fill(const Trade& trade) const {
    return "{\"price\":" + quoted(dec(trade.price)) + ",\"qty\":" + quoted(dec(trade.qty)) +
           ",\"commission\":" + quoted(dec(trade.commission)) +
           ",\"commissionAsset\":" + quoted(trade.commission_asset) +
           ",\"tradeId\":" + std::to_string(trade.id) + "}";
  }

  std::string render_order(const EmulatedOrder& order, bool with_fills) const {
    const Price avg = order.executed.is_positive() ? div<Price>(order.quote_spent, order.executed) : Price{};
    std::string out = "{\"symbol\":" + quoted(order.symbol) + ",\"orderId\":" +
                      std::to_string(order.order_id) + ",\"clientOrderId\":" +
                      quoted(order.client_order_id) + ",\"price\":" + quoted(dec(order.price)) +
                      ",\"origQty\":" + quoted(dec(order.qty)) + ",\"executedQty\":" +
                      quoted(dec(order.executed)) + ",\"status\":" + quoted(order.status) +
                      ",\"timeInForce\":\"GTC\",\"type\":" + quoted(order.type) +
                      ",\"side\":" + quoted(order.side) + ",\"stopPrice\":" +
                      quoted(dec(order.stop_price));
    if (venue == Venue::spot) {
      out += ",\"orderListId\":-1,\"cummulativeQuoteQty\":" + quoted(dec(order.quote_spent)) +
             ",\"transactTime\":" + std::to_string(now_ms()) +
             ",\"selfTradePreventionMode\":\"NONE\"";
      if (with_fills) {
        out += ",\"fills\":[";
        bool first = true;
        for (const auto& trade : trades) {
          if (trade.order_id != order.order_id) continue;
          if (!first) out += ",";
          first = false;
          out += render_fill(trade);
        }
        out += "]";
      }
    } else {
      out += ",\"avgPrice\":" + quoted(avg.to_string()) + ",\"cumQuote\":" +
             quoted(order.quote_spent.to_string()) + ",\"reduceOnly\":" +
             (order.reduce_only ? "true" : "false") + ",\"closePosition\":false" +
             ",\"positionSide\":" + quoted(order.position_side) +
             ",\"workingType\":\"CONTRACT_PRICE\",\"priceProtect\":false,\"origType\":" +
             quoted(order.type) + ",\"updateTime\":" + std::to_string(now_ms());
    }
    return out + "}";
  }

  std::string render_trade(const Trade& trade) const {
    const Money quote_qty = mul<Money>(trade.price, trade.qty);
    if (venue == Venue::spot) {
      return "{\"symbol\":" + quoted(trade.symbol) + ",\"id\":" + std::to_string(trade.id) +
             ",\"orderId\":" + std::to_string(trade.order_id) + ",\"orderListId\":-1,\"price\":" +
             quoted(dec(trade.price)) + ",\"qty\":" + quoted(dec(trade.qty)) + ",\"quoteQty\":" +
             quoted(dec(quote_qty)) + ",\"commission\":" + quoted(dec(trade.commission)) +
             ",\"commissionAsset\":" + quoted(trade.commission_asset) + ",\"time\":" +
             std::to_string(now_ms()) + ",\"isBuyer\":" + (trade.side == "BUY" ? "true" : "false") +
             ",\"isMaker\":" + (trade.maker ? "true" : "false") + ",\"isBestMatch\":true}";
    }
    return "{\"buyer\":" + std::string(trade.side == "BUY" ? "true" : "false") + ",\"commission\":" +
           quoted(trade.commission.to_string()) + ",\"commissionAsset\":" +
           quoted(trade.commission_asset) + ",\"id\":" + std::to_string(trade.id) +
           ",\"maker\":" + (trade.maker ? "true" : "false") + ",\"orderId\":" +
           std::to_string(trade.order_id) + ",\"price\":" + quoted(trade.price.to_string()) +
           ",\"qty\":" + quoted(trade.qty.to_string()) + ",\"quoteQty\":" +
           quoted(quote_qty.to_string()) + ",\"realizedPnl\":" +
           quoted(trade.realized_pnl.to_string()) + ",\"side\":" + quoted(trade.side) +
           ",\"positionSide\":" + quoted(trade.position_side) + ",\"symbol\":" +
           quoted(trade.symbol) + ",\"time\":" + std::to_string(now_ms()) + "}";
  }

  std::string render_exchange_info(const EmulatorSymbol& s) const {
    const std::string notional =
        venue == Venue::spot
            ? "{\"filterType\":\"NOTIONAL\",\"minNotional\":" + quoted(dec(s.min_notional)) +
                  ",\"applyMinToMarket\":true,\"maxNotional\":\"9000000.00000000\","
                  "\"applyMaxToMarket\":false,\"avgPriceMins\":5}"
            : "{\"filterType\":\"MIN_NOTIONAL\",\"notional\":" + quoted(s.min_notional.to_string()) + "}";
    return "{\"timezone\":\"UTC\",\"serverTime\":" + std::to_string(now_ms() + skew.count()) +
           ",\"rateLimits\":[],\"exchangeFilters\":[],\"symbols\":[{\"symbol\":" + quoted(s.symbol) +
           ",\"status\":\"TRADING\",\"baseAsset\":" + quoted(s.base) + ",\"quoteAsset\":" +
           quoted(s.quote) + ",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":" +
           quoted(dec(s.tick)) + ",\"maxPrice\":\"1000000.00000000\",\"tickSize\":" +
           quoted(dec(s.tick)) + "},{\"filterType\":\"LOT_SIZE\",\"minQty\":" +
           quoted(dec(s.min_qty)) + ",\"maxQty\":" + quoted(dec(s.max_qty)) + ",\"stepSize\":" +
           quoted(dec(s.step)) + "}," + notional + "]}]}";
  }

  // ---------------------------------------------------------------- the book
  void apply_position(const std::string& symbol, const std::string& position_side,
                      const std::string& side, Quantity qty, Price price, Money& realized) {
    Position& position = positions[{symbol, position_side}];
    const Quantity signed_qty = side == "BUY" ? qty : -qty;
    const Quantity before = position.amount;
    const Quantity after = before + signed_qty;
    const bool increases = before.is_zero() || (before.is_positive() == signed_qty.is_positive());
    if (increases) {
      const Notional total = mul<Notional>(position.entry, before.abs()) + mul<Notional>(price, qty);
      position.entry = div<Price>(total, after.abs());
    } else {
      const Quantity closed = std::min(qty, before.abs());
      const Money per_unit = before.is_positive() ? mul<Money>(price - position.entry, closed)
                                                  : mul<Money>(position.entry - price, closed);
      realized = per_unit;
      if (!after.is_zero() && after.is_positive() != before.is_positive()) position.entry = price;
      if (after.is_zero()) position.entry = Price{};
    }
    position.amount = after;
  }

  void fill(EmulatedOrder& order, Price price, bool maker) {
    const EmulatorSymbol& s = symbols.at(order.symbol);
    const Quantity qty = order.qty - order.executed;
    const Money notional = mul<Money>(price, qty);
    Trade trade;
    trade.id = next_trade_id++;
    trade.order_id = order.order_id;
    trade.symbol = order.symbol;
    trade.side = order.side;
    trade.position_side = order.position_side;
    trade.price = price;
    trade.qty = qty;
    trade.maker = maker;
    if (venue == Venue::spot) {
      if (order.side == "BUY") {  // the fee is taken from what is bought
        trade.commission = mul<Money>(qty, fee_rate);
        trade.commission_asset = s.base;
        balances[s.quote] -= notional;
        balances[s.base] += rescale<Money>(qty) - trade.commission;
      } else {
        trade.commission = mul<Money>(notional, fee_rate);
        trade.commission_asset = s.quote;
        balances[s.base] -= rescale<Money>(qty);
        balances[s.quote] += notional - trade.commission;
      }
    } else {
      trade.commission = mul<Money>(notional, fee_rate);
      trade.commission_asset = s.quote;
      apply_position(order.symbol, order.position_side, order.side, qty, price, trade.realized_pnl);
      balances[s.quote] += trade.realized_pnl - trade.commission;
    }
    order.executed = order.qty;
    order.quote_spent += notional;
    order.status = "FILLED";
    trades.push_back(trade);
  }

  // A working order meets the price: limits fill at their price (maker), stops at the market.
  void match(EmulatedOrder& order, bool on_arrival) {
    if (order.status != "NEW") return;
    const Price market = symbols.at(order.symbol).price;
    const bool buy = order.side == "BUY";
    const bool is_stop = order.type.find("STOP") != std::string::npos;
    if (is_stop) {
      const bool triggered = buy ? market >= order.stop_price : market <= order.stop_price;
      if (!triggered) return;
      fill(order, market, false);
      return;
    }
    if (order.type == "MARKET") {
      fill(order, market, false);
      return;
    }
    const bool crosses = buy ? market <= order.price : market >= order.price;
    if (crosses) fill(order, on_arrival ? market : order.price, !on_arrival);
  }

  EmulatedOrder* find_order(const Params& params) {
    auto cid = param(params, "origClientOrderId");
    auto id = param(params, "orderId");
    for (auto it = orders.rbegin(); it != orders.rend(); ++it) {  // the latest with that id
      if (cid && it->client_order_id == *cid) return &*it;
      if (id && std::to_string(it->order_id) == *id) return &*it;
    }
    return nullptr;
  }

  bool is_multiple(std::int64_t value, std::int64_t step) const { return step <= 0 || value % step == 0; }

  http::Response new_order(const Params& params) {
    ++stats.order_posts;
    auto symbol = param(params, "symbol");
    auto side = param(params, "side");
    auto type = param(params, "type");
    auto qty_text = param(params, "quantity");
    if (!symbol || !side || !type || !qty_text) {
      return error(400, -1102, "Mandatory parameter was not sent, was empty/null, or malformed.");
    }
    auto found = symbols.find(*symbol);
    if (found == symbols.end()) return error(400, -1121, "Invalid symbol.");
    const EmulatorSymbol& s = found->second;
    auto qty = Quantity::parse_exact(*qty_text);
    if (!qty || !qty->is_positive()) {
      return error(400, -1100, "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
    }
    std::string client_id = param(params, "newClientOrderId").value_or("");
    if (!client_id.empty() && !valid_client_id(client_id)) {
      return error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
    }
    if (client_id.empty()) client_id = "emu" + std::to_string(next_order_id);
    EmulatedOrder order;
    order.symbol = *symbol;
    order.side = *side;
    order.type = *type;
    order.qty = *qty;
    order.client_order_id = client_id;
    order.status = "NEW";
    const bool is_limit = *type == "LIMIT" || *type == "STOP_LOSS_LIMIT" || *type == "STOP";
    const bool is_stop = type->find("STOP") != std::string::npos;
    if (is_limit) {
      auto price = param(params, "price");
      if (!price || !param(params, "timeInForce")) {
        return error(400, -1102, "Mandatory parameter 'price' or 'timeInForce' was not sent, was empty/null, or malformed.");
      }
      order.price = *Price::parse(*price);
    }
    if (is_stop) {
      auto stop = param(params, "stopPrice");
      if (!stop) return error(400, -1102, "Mandatory parameter 'stopPrice' was not sent, was empty/null, or malformed.");
      order.stop_price = *Price::parse(*stop);
    }
    if (venue == Venue::usdm_futures) {
      const std::string position_side = param(params, "positionSide").value_or("BOTH");
      const bool one_way_side = position_side == "BOTH";
      if (hedge == one_way_side) {
        return error(400, -4061, "Order's position side does not match user's setting.");
      }
      order.position_side = position_side;
      order.reduce_only = param(params, "reduceOnly") == "true";
      if (order.reduce_only && hedge) return error(400, -1106, "Parameter 'reduceOnly' sent when not required.");
    }
    // Filters, in the venue's order.
    for (const Price& price : {order.price, order.stop_price}) {
      if (!price.is_zero() && !is_multiple(price.raw(), s.tick.raw())) {
        ++stats.filter_failures;
        return error(400, -1013, "Filter failure: PRICE_FILTER");
      }
    }
    if (*qty < s.min_qty || *qty > s.max_qty || !is_multiple(qty->raw(), s.step.raw())) {
      ++stats.filter_failures;
      return error(400, -1013, "Filter failure: LOT_SIZE");
    }
    const Price value_price = !order.price.is_zero() ? order.price
                              : !order.stop_price.is_zero() ? order.stop_price : s.price;
    if (mul<Money>(value_price, *qty, Rounding::floor) < s.min_notional && !order.reduce_only) {
      ++stats.filter_failures;
      if (venue == Venue::spot) return error(400, -1013, "Filter failure: NOTIONAL");
      return error(400, -4164, "Order's notional must be no smaller than " + s.min_notional.to_string() +
                                   " (unless you choose reduce only).");
    }
    for (const auto& existing : orders) {
      if (existing.client_order_id == client_id && existing.status == "NEW") {
        if (venue == Venue::spot) return error(400, -2010, "Duplicate order sent.");
        return error(400, -4116, "ClientOrderId is duplicated.");
      }
    }
    if (venue == Venue::spot) {
      const bool enough = *side == "BUY" ? balances[s.quote] >= mul<Money>(value_price, *qty)
                                         : balances[s.base] >= rescale<Money>(*qty);
      if (!enough) return error(400, -2010, "Account has insufficient balance for requested action.");
    }
    if (fail_before_placing != 0) {
      const unsigned status = std::exchange(fail_before_placing, 0);
      return error(status, -1001, "Internal error; unable to process your request. Please try again.");
    }
    order.order_id = next_order_id++;
    orders.push_back(order);
    ++stats.orders_placed;
    EmulatedOrder& placed = orders.back();
    match(placed, true);
    if (answer_delay.count() > 0) delay_this_answer = true;
    if (fail_after_placing != 0) {
      const unsigned status = std::exchange(fail_after_placing, 0);
      return json(status, "<html><body><h1>503 Service Unavailable</h1></body></html>");
    }
    return json(200, render_order(placed, true));
  }

  // ---------------------------------------------------------------- routing
  http::Response route(const http::Request& request) {
    const auto q = request.target.find('?');
    const std::string path = request.target.substr(0, q);
    const std::string query = q == std::string::npos ? "" : request.target.substr(q + 1);
    const Params params = parse_params(query + (request.body.empty() ? "" : "&" + request.body));
    const std::string_view prefix = venue == Venue::spot ? "/api/v3/" : "/fapi/";
    if (path.rfind(prefix, 0) != 0) return error(404, -1000, "Unknown path");
    const Endpoints e = endpoints_of(venue);
    const std::string& method = request.method;

    if (method == "GET" && path == e.time) {
      return json(200, "{\"serverTime\":" + std::to_string(now_ms() + skew.count()) + "}");
    }
    if (method == "GET" && path == e.exchange_info) {
      auto symbol = param(params, "symbol");
      auto it = symbol ? symbols.find(*symbol) : symbols.end();
      if (it == symbols.end()) return error(400, -1121, "Invalid symbol.");
      return json(200, render_exchange_info(it->second));
    }
    if (method == "GET" && path == e.ticker_price) {
      auto render = [&](const EmulatorSymbol& s) {
        return "{\"symbol\":" + quoted(s.symbol) + ",\"price\":" + quoted(dec(s.price)) + "}";
      };
      if (auto symbol = param(params, "symbol")) {
        auto it = symbols.find(*symbol);
        if (it == symbols.end()) return error(400, -1121, "Invalid symbol.");
        return json(200, render(it->second));
      }
      std::string out = "[";
      for (const auto& [name, s] : symbols) out += (out.size() > 1 ? "," : "") + render(s);
      return json(200, out + "]");
    }
    // Everything else is SIGNED.
    if (auto refused = authenticate(request, query, params)) return *refused;
    if (path == e.order) {
      if (method == "POST") return new_order(params);
      EmulatedOrder* order = find_order(params);
      if (method == "GET") {
        if (order == nullptr) return error(400, -2013, "Order does not exist.");
        return json(200, render_order(*order, false));
      }
      if (method == "DELETE") {
        if (order == nullptr || order->status != "NEW") return error(400, -2011, "Unknown order sent.");
        order->status = "CANCELED";
        return json(200, render_order(*order, false));
      }
    }
    if (method == "GET" && path == e.open_orders) {
      auto symbol = param(params, "symbol");
      std::string out = "[";
      for (const auto& order : orders) {
        if (order.status != "NEW" || (symbol && order.symbol != *symbol)) continue;
        out += (out.size() > 1 ? "," : "") + render_order(order, false);
      }
      return json(200, out + "]");
    }
    if (method == "GET" && path == e.trades) {
      auto order_id = param(params, "orderId");
      std::string out = "[";
      for (const auto& trade : trades) {
        if (order_id && std::to_string(trade.order_id) != *order_id) continue;
        out += (out.size() > 1 ? "," : "") + render_trade(trade);
      }
      return json(200, out + "]");
    }
    if (method == "GET" && path == e.account) {
      if (venue == Venue::spot) {
        std::string out = "{\"makerCommission\":10,\"takerCommission\":10,\"canTrade\":true,"
                          "\"accountType\":\"SPOT\",\"balances\":[";
        bool first = true;
        for (const auto& [asset, amount] : balances) {
          out += std::string(first ? "" : ",") + "{\"asset\":" + quoted(asset) + ",\"free\":" +
                 quoted(dec(amount)) + ",\"locked\":\"0.00000000\"}";
          first = false;
        }
        return json(200, out + "],\"permissions\":[\"SPOT\"]}");
      }
      std::string out = "[";
      for (const auto& [asset, amount] : balances) {
        out += std::string(out.size() > 1 ? "," : "") + "{\"accountAlias\":\"SgsR\",\"asset\":" +
               quoted(asset) + ",\"balance\":" + quoted(amount.to_string()) +
               ",\"crossWalletBalance\":" + quoted(amount.to_string()) +
               ",\"crossUnPnl\":\"0.00000000\",\"availableBalance\":" + quoted(amount.to_string()) +
               ",\"maxWithdrawAmount\":" + quoted(amount.to_string()) +
               ",\"marginAvailable\":true,\"updateTime\":0}";
      }
      return json(200, out + "]");
    }
    if (venue == Venue::usdm_futures && method == "GET" && path == e.positions) {
      std::string out = "[";
      for (const auto& [name, s] : symbols) {
        for (const std::string& side : hedge ? std::vector<std::string>{"LONG", "SHORT"}
                                            : std::vector<std::string>{"BOTH"}) {
          Position position;
          if (auto it = positions.find({name, side}); it != positions.end()) position = it->second;
          out += std::string(out.size() > 1 ? "," : "") + "{\"symbol\":" + quoted(name) +
                 ",\"positionAmt\":" + quoted(position.amount.to_string()) +
                 ",\"entryPrice\":" + quoted(position.entry.to_string()) +
                 ",\"breakEvenPrice\":\"0.0\",\"markPrice\":" + quoted(s.price.to_string()) +
                 ",\"unRealizedProfit\":\"0.00000000\",\"liquidationPrice\":\"0\",\"leverage\":\"1\","
                 "\"maxNotionalValue\":\"100000000\",\"marginType\":\"cross\",\"isolatedMargin\":"
                 "\"0.00000000\",\"isAutoAddMargin\":\"false\",\"positionSide\":" +
                 quoted(side) + ",\"notional\":\"0\",\"isolatedWallet\":\"0\",\"updateTime\":0}";
        }
      }
      return json(200, out + "]");
    }
    if (venue == Venue::usdm_futures && method == "GET" && path == e.position_mode) {
      return json(200, std::string("{\"dualSidePosition\":") + (hedge ? "true" : "false") + "}");
    }
    return error(404, -1000, "Unknown path");
  }

  void handle(http::Request request, http::Responder respond) {
    std::lock_guard lock(mutex);
    ++stats.requests;
    const auto now = Clock::now();
    if (now < banned_until) {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(banned_until - now).count() + 1;
      http::Response response = error(418, -1003, "Way too many requests; IP banned.");
      response.headers.emplace_back("Retry-After", std::to_string(seconds));
      respond(std::move(response));
      return;
    }
    if (pending_429 > 0) {
      --pending_429;
      http::Response response = error(429, -1003, "Too many requests; current limit of IP is 6000 requests per minute.");
      response.headers.emplace_back("Retry-After", std::to_string(retry_after_429));
      respond(std::move(response));
      return;
    }
    http::Response response = route(request);
    if (delay_this_answer) {
      delay_this_answer = false;
      const auto delay = std::exchange(answer_delay, std::chrono::milliseconds{0});
      late_answers.emplace_back([delay, respond = std::move(respond), response = std::move(response)]() mutable {
        std::this_thread::sleep_for(delay);  // the client has given up by then
        respond(std::move(response));
      });
      return;
    }
    respond(std::move(response));
  }
};

BinanceEmulator::BinanceEmulator(Venue venue, std::string api_key, std::string api_secret)
    : impl_(std::make_unique<Impl>()) {
  impl_->venue = venue;
  impl_->api_key = std::move(api_key);
  impl_->api_secret = std::move(api_secret);
  http::ServerOptions options;
  options.handler_timeout = std::chrono::milliseconds(5000);
  Impl* impl = impl_.get();
  auto server = http::Server::start(options, [impl](http::Request request, http::Responder respond) {
    impl->handle(std::move(request), std::move(respond));
  });
  if (!server) throw std::runtime_error("emulator: " + server.error().message);
  impl_->server = std::move(*server);
}

BinanceEmulator::~BinanceEmulator() {
  std::vector<std::thread> late;
  {
    std::lock_guard lock(impl_->mutex);
    late.swap(impl_->late_answers);
  }
  for (auto& thread : late) thread.join();
  impl_->server->shutdown(std::chrono::milliseconds(2000));
}

std::string BinanceEmulator::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->server->port());
}

void BinanceEmulator::add_symbol(EmulatorSymbol symbol) {
  std::lock_guard lock(impl_->mutex);
  impl_->symbols[symbol.symbol] = std::move(symbol);
}

void BinanceEmulator::set_price(const std::string& symbol, Price price) {
  std::lock_guard lock(impl_->mutex);
  impl_->symbols.at(symbol).price = price;
  for (auto& order : impl_->orders) {
    if (order.symbol == symbol) impl_->match(order, false);
  }
}

void BinanceEmulator::set_balance(const std::string& asset, Money amount) {
  std::lock_guard lock(impl_->mutex);
  impl_->balances[asset] = amount;
}

void BinanceEmulator::set_hedge_mode(bool hedge) {
  std::lock_guard lock(impl_->mutex);
  impl_->hedge = hedge;
}

void BinanceEmulator::set_taker_fee_rate(Ratio rate) {
  std::lock_guard lock(impl_->mutex);
  impl_->fee_rate = rate;
}

void BinanceEmulator::set_clock_skew(std::chrono::milliseconds skew) {
  std::lock_guard lock(impl_->mutex);
  impl_->skew = skew;
}

void BinanceEmulator::answer_429(int count, int retry_after_seconds) {
  std::lock_guard lock(impl_->mutex);
  impl_->pending_429 = count;
  impl_->retry_after_429 = retry_after_seconds;
}

void BinanceEmulator::answer_418(int retry_after_seconds) {
  std::lock_guard lock(impl_->mutex);
  impl_->banned_until = Clock::now() + std::chrono::seconds(retry_after_seconds);
}

void BinanceEmulator::fail_next_order_after_placing(unsigned status) {
  std::lock_guard lock(impl_->mutex);
  impl_->fail_after_placing = status;
}

void BinanceEmulator::fail_next_order_before_placing(unsigned status) {
  std::lock_guard lock(impl_->mutex);
  impl_->fail_before_placing = status;
}

void BinanceEmulator::delay_next_order_answer(std::chrono::milliseconds delay) {
  std::lock_guard lock(impl_->mutex);
  impl_->answer_delay = delay;
}

void BinanceEmulator::report_used_weight(int weight) {
  std::lock_guard lock(impl_->mutex);
  impl_->used_weight = weight;
}

EmulatorStats BinanceEmulator::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->stats;
}

std::vector<EmulatedOrder> BinanceEmulator::orders() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->orders;
}

Money BinanceEmulator::balance(const std::string& asset) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->balances.find(asset);
  return it == impl_->balances.end() ? Money{} : it->second;
}

Quantity BinanceEmulator::position(const std::string& symbol, const std::string& side) const {
  std::lock_guard lock(impl_->mutex);
  auto it = impl_->positions.find({symbol, side});
  return it == impl_->positions.end() ? Quantity{} : it->second.amount;
}

}  // namespace tvbot::binance::testing
