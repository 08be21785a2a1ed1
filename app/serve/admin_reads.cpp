#include "app/serve/admin_reads.hpp"

#include "app/serve/admin_http.hpp"
#include "events/codec.hpp"
#include "events/decimal.hpp"

namespace tvbot::app::admin {
namespace {

void append_field(std::string& out, std::string_view key, std::string_view text) {
  append_json_string(out, key);
  out += ':';
  append_json_string(out, text);
}

// A position side as JSON; unrealized P&L at `mark` leaves fees out (README, P&L rules).
void append_side(std::string& out, PositionSide side, const SidePosition& position,
                 const std::optional<Price>& mark) {
  out += '{';
  append_field(out, "position_side", to_string(side));
  out += ',';
  append_field(out, "direction", to_string(position.direction));
  out += ',';
  append_field(out, "qty", position.qty.to_string());
  out += ',';
  append_field(out, "avg_entry", position.avg_entry.to_string());
  out += ",\"entries\":" + std::to_string(position.entries);
  if (mark) {
    out += ',';
    append_field(out, "mark_price", mark->to_string());
    try {
      Money gross = mul<Money>(*mark - position.avg_entry, position.qty);
      if (position.direction == Direction::short_) gross = -gross;
      out += ',';
      append_field(out, "unrealized_pnl", gross.to_string());
    } catch (const DecimalError&) {
      // Out of range only for absurd prices; the position is still worth showing without it.
    }
  }
  out += '}';
}

}  // namespace

std::pair<std::string_view, std::string_view> split_stream(std::string_view stream) {
  auto slash = stream.find('/');
  if (slash == std::string_view::npos) return {stream, {}};
  return {stream.substr(0, slash), stream.substr(slash + 1)};
}

std::optional<Price> AdminReads::mark_price(std::string_view bot, std::string_view symbol) const {
  const auto* bot_config = config_.bot(bot);
  if (bot_config == nullptr) return std::nullopt;
  auto it = paper_brokers_.find(bot_config->broker);
  if (it == paper_brokers_.end()) return std::nullopt;
  auto price = it->second->last_price(symbol);
  if (!price.ok()) return std::nullopt;
  return *price;
}

http::Response AdminReads::bots() const {
  std::string body = "{\"bots\":[";
  bool first_bot = true;
  for (const auto& bot : config_.bots) {
    if (!first_bot) body += ',';
    first_bot = false;
    body += '{';
    append_field(body, "id", bot.id);
    body += ',';
    append_field(body, "broker", bot.broker);
    body += ',';
    append_field(body, "mode", config::to_string(bot.mode));
    std::string streams;
    bool all_paused = !bot.instruments.empty();
    for (const auto& instrument : bot.instruments) {
      auto stream = make_stream_name(bot.id, instrument.symbol);
      bool paused = false;
      if (store_.log().stream_version(stream) > 0) {
        auto loaded = store_.load_state(stream);
        if (!loaded.ok()) {
          return error_response(500, loaded.error().code, loaded.error().message);
        }
        paused = loaded->state.paused;
      }
      all_paused = all_paused && paused;
      if (!streams.empty()) streams += ',';
      streams += '{';
      append_field(streams, "stream", stream);
      streams += ',';
      append_field(streams, "symbol", instrument.symbol);
      streams += std::string(",\"paused\":") + (paused ? "true" : "false") + '}';
    }
    body += std::string(",\"paused\":") + (all_paused ? "true" : "false");
    // `paused = true` in the config refuses the bot's webhooks outright (403-class, never
    // recorded) and only a config change lifts it; the admin API's pause is per stream.
    body += std::string(",\"config_paused\":") + (bot.paused ? "true" : "false");
    body += ",\"streams\":[" + streams + "]}";
  }
  body += "]}";
  return json_response(200, std::move(body));
}

http::Response AdminReads::positions(std::string_view target) const {
  auto bot_filter = query_parameter(target, "bot");
  if (bot_filter && config_.bot(*bot_filter) == nullptr) {
    return error_response(404, "unknown_bot", "no bot named \"" + std::string(*bot_filter) + "\"");
  }
  std::string body = "{\"positions\":[";
  bool first = true;
  for (const auto& listed : store_.log().list_streams()) {
    auto [bot, symbol] = split_stream(listed.stream);
    if (bot_filter && bot != *bot_filter) continue;
    // config/<bot>, webhooks/rejected and reconciliation/<broker> hold no positions.
    if (config_.bot(bot) == nullptr) continue;
    auto loaded = store_.load_state(listed.stream);
    if (!loaded.ok()) return error_response(500, loaded.error().code, loaded.error().message);
    const StreamState& state = loaded->state;
    auto mark = mark_price(bot, symbol);
    if (!first) body += ',';
    first = false;
    body += '{';
    append_field(body, "stream", listed.stream);
    body += ',';
    append_field(body, "bot", bot);
    body += ',';
    append_field(body, "symbol", symbol);
    body += ",\"version\":" + std::to_string(state.version);
    body += std::string(",\"paused\":") + (state.paused ? "true" : "false");
    body += ",\"open\":[";
    bool first_side = true;
    for (auto side : {PositionSide::both, PositionSide::long_side, PositionSide::short_side}) {
      const auto& position = position_of(state, side);
      if (position.is_flat()) continue;
      if (!first_side) body += ',';
      first_side = false;
      append_side(body, side, position, mark);
    }
    body += "],\"orders_in_flight\":" + std::to_string(state.pending.size()) + ',';
    append_field(body, "realized_gross", state.totals.realized_gross.to_string());
    body += ',';
    append_field(body, "fees", state.totals.fees.to_string());
    body += ',';
    append_field(body, "realized_net", state.totals.realized_net().to_string());
    body += '}';
  }
  body += "]}";
  return json_response(200, std::move(body));
}

}  // namespace tvbot::app::admin
