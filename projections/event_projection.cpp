#include "projections/event_projection.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <string_view>
#include <type_traits>

#include "events/codec.hpp"
#include "projections/statements.hpp"

namespace tvbot::projections {
namespace {

// "bot/instrument"; a stream without '/' is a bot-wide stream with no instrument.
struct StreamName {
  std::string bot;
  std::string symbol;
};

StreamName split_stream(std::string_view stream) {
  const auto slash = stream.find('/');
  if (slash == std::string_view::npos) return {std::string(stream), std::string()};
  return {std::string(stream.substr(0, slash)), std::string(stream.substr(slash + 1))};
}

std::string text(std::string_view v) { return std::string(v); }

template <class Decimal>
std::string dec(const Decimal& d) {
  return d.to_string();
}

// pqxx 6 writes NULL for a null const char*.
const char* nullable(const std::optional<std::string>& value) {
  return value ? value->c_str() : nullptr;
}

template <class Decimal>
std::optional<std::string> opt_dec(const std::optional<Decimal>& d) {
  if (!d) return std::nullopt;
  return d->to_string();
}

class Visitor {
 public:
  Visitor(EventWriter& writer, const Event& event, ProjectCounts& counts)
      : w_(writer), tx_(writer.tx()), e_(event), counts_(counts), time_(format_timestamp(event.time)),
        stream_(split_stream(event.stream)) {}

  void operator()(const PositionOpened& p) {
    ensure();
    tx_.exec_prepared(sql::position_opened, e_.stream, text(to_string(p.position_side)),
                      w_.log_id(), stream_.bot, stream_.symbol, text(to_string(p.direction)),
                      dec(p.qty), dec(p.price), dec(p.fee), p.cycle, time_, e_.global_seq,
                      p.fill_id);
    projected();
  }
  void operator()(const PositionIncreased& p) {
    ensure();
    tx_.exec_prepared(sql::position_increased, e_.stream, text(to_string(p.position_side)),
                      w_.log_id(), stream_.bot, stream_.symbol, text(to_string(p.direction)),
                      dec(p.qty), dec(p.price), dec(p.fee), dec(p.new_qty), dec(p.new_avg_entry),
                      p.entries, time_, e_.global_seq, p.fill_id);
    projected();
  }
  void operator()(const PositionReduced& p) {
    ensure();
    tx_.exec_prepared(sql::position_reduced, e_.stream, text(to_string(p.position_side)),
                      w_.log_id(), stream_.bot, stream_.symbol, text(to_string(p.direction)),
                      dec(p.qty), dec(p.price), dec(p.fee), dec(p.avg_entry),
                      dec(p.realized_gross), dec(p.remaining_qty), text(to_string(p.reason)),
                      time_, e_.global_seq, p.fill_id);
    projected();
  }
  void operator()(const PositionClosed& p) {
    ensure();
    tx_.exec_prepared(sql::position_closed, e_.stream, text(to_string(p.position_side)),
                      w_.log_id(), stream_.bot, stream_.symbol, text(to_string(p.direction)),
                      dec(p.qty), dec(p.price), dec(p.fee), dec(p.avg_entry),
                      dec(p.realized_gross), dec(p.cycle_realized_gross), dec(p.cycle_fees),
                      dec(p.cycle_realized_net), text(to_string(p.exit_reason)), time_,
                      e_.global_seq, p.fill_id);
    projected();
  }

  void operator()(const OrderRequested& o) {
    ensure();
    const auto limit = opt_dec(o.limit_price);
    const auto stop = opt_dec(o.stop_price);
    tx_.exec_prepared(sql::order_requested, o.client_order_id, w_.log_id(), e_.global_seq,
                      e_.stream, stream_.bot, stream_.symbol, text(to_string(o.side)),
                      text(to_string(o.position_side)), text(to_string(o.type)), dec(o.qty),
                      nullable(limit), nullable(stop), text(to_string(o.reason)), o.reduce_only,
                      time_);
    // Orders placed by a stop, a take-profit or by hand answer no webhook.
    if (o.reason == OrderReason::signal || o.reason == OrderReason::sync) {
      tx_.exec_prepared(sql::webhook_ordered, e_.stream, e_.stream_seq, o.client_order_id, time_);
    }
    projected();
  }
  void operator()(const OrderAccepted& o) {
    tx_.exec_prepared(sql::order_accepted, o.client_order_id, o.broker_order_id, time_);
    projected();
  }
  void operator()(const OrderFilled& f) {
    ensure();
    tx_.exec_prepared(sql::order_filled, w_.log_id(), e_.global_seq, f.fill_id, f.client_order_id,
                      f.broker_order_id, e_.stream, stream_.bot, stream_.symbol,
                      text(to_string(f.side)), text(to_string(f.position_side)), dec(f.qty),
                      dec(f.price), dec(f.fee), f.fee_asset, f.order_complete, time_);
    projected();
  }
  void operator()(const OrderRejected& o) {
    tx_.exec_prepared(sql::order_rejected, o.client_order_id, o.reason, o.message, time_);
    projected();
  }
  void operator()(const OrderCancelled& o) {
    tx_.exec_prepared(sql::order_cancelled, o.client_order_id, o.reason, time_);
    projected();
  }

  void operator()(const AlertReceived& a) {
    ensure();
    // raw_body was redacted by the HTTP layer before the event was recorded.
    const std::string& symbol = a.signal.symbol.empty() ? stream_.symbol : a.signal.symbol;
    tx_.exec_prepared(sql::alert_received, w_.log_id(), e_.global_seq, time_, stream_.bot, symbol,
                      e_.stream, e_.stream_seq, a.request_id, a.source_ip,
                      text(to_string(a.signal.action)), a.signal.ticker, a.signal.alert_id,
                      a.raw_body);
    projected();
  }
  void operator()(const AlertRejected& r) {
    tx_.exec_prepared(sql::alert_rejected, e_.stream, r.alert_seq, r.reason, r.message, time_);
    projected();
  }
  void operator()(const WebhookRejected& r) {
    const std::optional<std::string> bot =
        r.bot.empty() ? std::nullopt : std::optional<std::string>(r.bot);
    tx_.exec_prepared(sql::webhook_rejected, w_.log_id(), e_.global_seq, time_, nullable(bot),
                      r.request_id, r.source_ip, r.http_status, r.reason, r.message, r.body,
                      r.body_truncated);
    projected();
  }

  void operator()(const BotPaused& p) { pause(true, p.reason); }
  void operator()(const BotResumed& r) { pause(false, r.reason); }

  void operator()(const BotConfigured& b) {
    tx_.exec_prepared(sql::bot_configured, b.bot, w_.log_id(), b.broker, b.position_mode, b.paused,
                      b.settings, time_);
    projected();
  }
  void operator()(const InstrumentConfigured& i) {
    tx_.exec_prepared(sql::ensure_bot, i.bot, w_.log_id(), time_);
    tx_.exec_prepared(sql::instrument_configured, i.bot, i.symbol, w_.log_id(),
                      i.tradingview_tickers, time_);
    tx_.exec_prepared(sql::strategy_close, i.bot, i.symbol, time_);
    tx_.exec_prepared(sql::strategy_insert, w_.log_id(), e_.global_seq, i.bot, i.symbol, i.strategy,
                      time_);
    projected();
  }
  void operator()(const ConfigRemoved& r) {
    if (r.symbol.empty()) {
      tx_.exec_prepared(sql::bot_removed, r.bot, time_);
    } else {
      tx_.exec_prepared(sql::instrument_removed, r.bot, r.symbol, time_);
      tx_.exec_prepared(sql::strategy_close, r.bot, r.symbol, time_);
    }
    projected();
  }

  // THE one place that decides what is not projected. Protection levels and price
  // observations are the monitor's business and stay in the log; any event type added
  // later lands here too until someone gives it a table, so new types never stop the
  // projector.
  template <class Other>
  void operator()(const Other&) {
    static_assert(!std::is_same_v<Other, PositionOpened>);  // overloads above win
    ++counts_.skipped;
  }

 private:
  void ensure() {
    if (!stream_.symbol.empty()) w_.ensure_instrument(stream_.bot, stream_.symbol, e_.time);
  }
  void projected() { ++counts_.projected; }
  void pause(bool paused, const std::string& reason) {
    ensure();
    tx_.exec_prepared(sql::bot_paused, stream_.bot, paused, reason, time_);
    projected();
  }

  EventWriter& w_;
  pqxx::transaction_base& tx_;
  const Event& e_;
  ProjectCounts& counts_;
  const std::string time_;
  const StreamName stream_;
};

}  // namespace

void EventWriter::ensure_instrument(const std::string& bot, const std::string& symbol,
                                    Timestamp time) {
  std::string key = bot + "/" + symbol;
  if (known_.contains(key)) return;
  const std::string at = format_timestamp(time);
  tx_.exec_prepared(sql::ensure_bot, bot, log_id_, at);
  tx_.exec_prepared(sql::ensure_instrument, bot, symbol, log_id_, at);
  known_.insert(std::move(key));
}

void EventWriter::apply(const Event& event, ProjectCounts& counts) {
  Visitor visitor(*this, event, counts);
  std::visit(visitor, event.payload);
}

}  // namespace tvbot::projections
