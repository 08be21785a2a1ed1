// AdminReads: the log's history — closed and reduced trades, and one stream's events.
#include <deque>

#include "app/serve/admin_http.hpp"
#include "app/serve/admin_reads.hpp"
#include "events/codec.hpp"

namespace tvbot::app::admin {
namespace {

// The admin API pages instead of answering with a whole log.
constexpr std::uint64_t kDefaultLimit = 100;
constexpr std::uint64_t kMaxLimit = 1000;

void append_field(std::string& out, std::string_view key, std::string_view text) {
  append_json_string(out, key);
  out += ':';
  append_json_string(out, text);
}

// One trade (a PositionReduced or PositionClosed) as JSON; nullopt for other events.
std::optional<std::string> trade_json(const Event& event) {
  std::string out = "{";
  auto common = [&out, &event](std::string_view kind, PositionSide side, Direction direction,
                               const std::string& fill_id, Quantity qty, Price price,
                               Price avg_entry, Money realized, Money fee, OrderReason reason) {
    auto [bot, symbol] = split_stream(event.stream);
    append_field(out, "stream", event.stream);
    out += ',';
    append_field(out, "bot", bot);
    out += ',';
    append_field(out, "symbol", symbol);
    out += ",\"global_seq\":" + std::to_string(event.global_seq);
    out += ",\"stream_seq\":" + std::to_string(event.stream_seq) + ',';
    append_field(out, "time", format_timestamp(event.time));
    out += ',';
    append_field(out, "kind", kind);
    out += ',';
    append_field(out, "position_side", to_string(side));
    out += ',';
    append_field(out, "direction", to_string(direction));
    out += ',';
    append_field(out, "fill_id", fill_id);
    out += ',';
    append_field(out, "qty", qty.to_string());
    out += ',';
    append_field(out, "exit_price", price.to_string());
    out += ',';
    append_field(out, "avg_entry", avg_entry.to_string());
    out += ',';
    append_field(out, "realized_gross", realized.to_string());
    out += ',';
    append_field(out, "fee", fee.to_string());
    out += ',';
    append_field(out, "exit_reason", to_string(reason));
  };
  if (const auto* reduced = std::get_if<PositionReduced>(&event.payload)) {
    common("reduced", reduced->position_side, reduced->direction, reduced->fill_id, reduced->qty,
           reduced->price, reduced->avg_entry, reduced->realized_gross, reduced->fee,
           reduced->reason);
  } else if (const auto* closed = std::get_if<PositionClosed>(&event.payload)) {
    common("closed", closed->position_side, closed->direction, closed->fill_id, closed->qty,
           closed->price, closed->avg_entry, closed->realized_gross, closed->fee,
           closed->exit_reason);
    out += ',';
    append_field(out, "cycle_realized_net", closed->cycle_realized_net.to_string());
  } else {
    return std::nullopt;
  }
  out += '}';
  return out;
}

}  // namespace

http::Response AdminReads::trades(std::string_view target) const {
  auto bot_filter = query_parameter(target, "bot");
  if (bot_filter && config_.bot(*bot_filter) == nullptr) {
    return error_response(404, "unknown_bot", "no bot named \"" + std::string(*bot_filter) + "\"");
  }
  auto limit = unsigned_parameter(target, "limit", kDefaultLimit, 1, kMaxLimit);
  if (!limit.ok()) return error_response(400, limit.error().code, limit.error().message);
  // One pass over the log keeping the newest `limit`: the log has no index by event type,
  // and a bounded deque keeps memory at the page size whatever the log's length.
  std::deque<std::string> newest;
  auto read = store_.read_all(1, [&](const Event& event) {
    if (bot_filter && split_stream(event.stream).first != *bot_filter) return true;
    if (auto trade = trade_json(event)) {
      newest.push_front(std::move(*trade));
      if (newest.size() > *limit) newest.pop_back();
    }
    return true;
  });
  if (!read.ok()) return error_response(500, read.error().code, read.error().message);
  std::string body = "{\"trades\":[";
  for (std::size_t i = 0; i < newest.size(); ++i) {
    if (i > 0) body += ',';
    body += newest[i];
  }
  body += "]}";
  return json_response(200, std::move(body));
}

http::Response AdminReads::stream_events(std::string_view bot, std::string_view symbol,
                                         std::string_view target) const {
  const std::string stream = make_stream_name(bot, symbol);
  const std::uint64_t version = store_.log().stream_version(stream);
  if (version == 0) {
    return error_response(404, "unknown_stream", "the event log has no stream \"" + stream + "\"");
  }
  auto from = unsigned_parameter(target, "from", 1, 1, UINT64_MAX);
  if (!from.ok()) return error_response(400, from.error().code, from.error().message);
  auto limit = unsigned_parameter(target, "limit", kDefaultLimit, 1, kMaxLimit);
  if (!limit.ok()) return error_response(400, limit.error().code, limit.error().message);
  auto records = store_.log().read_stream(stream, *from, *limit);
  if (!records.ok()) return error_response(500, records.error().code, records.error().message);
  std::string body = "{";
  append_field(body, "stream", stream);
  body += ",\"version\":" + std::to_string(version) + ",\"events\":[";
  std::uint64_t last_seq = 0;
  for (std::size_t i = 0; i < records->size(); ++i) {
    auto event = storage::decode_recorded((*records)[i]);
    if (!event.ok()) return error_response(500, event.error().code, event.error().message);
    if (i > 0) body += ',';
    body += "{\"global_seq\":" + std::to_string(event->global_seq) +
            ",\"stream_seq\":" + std::to_string(event->stream_seq) + ',';
    append_field(body, "time", format_timestamp(event->time));
    body += ',';
    append_field(body, "type", event_type_name(event->payload));
    body += ",\"payload\":" + encode_payload(event->payload) + '}';
    last_seq = event->stream_seq;
  }
  body += ']';
  // next_from is there exactly when more events follow this page.
  if (last_seq != 0 && last_seq < version) body += ",\"next_from\":" + std::to_string(last_seq + 1);
  body += '}';
  return json_response(200, std::move(body));
}

}  // namespace tvbot::app::admin
