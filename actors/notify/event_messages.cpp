#include "actors/notify/event_messages.hpp"

#include <algorithm>
#include <cctype>
#include <type_traits>
#include <variant>

namespace tvbot::notify {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string direction_word(Direction direction) {
  return direction == Direction::long_ ? "LONG" : "SHORT";
}

// "🟢 Position opened · alpha · BTCUSDT" with the title in bold.
Text headline(std::string_view emoji, std::string_view title, const Event& event) {
  const StreamName name = split_stream(event.stream);
  Text text;
  text.plain(emoji).plain(" ").bold(title).plain(" · ").plain(name.bot);
  if (!name.instrument.empty()) text.plain(" · ").code(name.instrument);
  text.line();
  return text;
}

// Stop-loss and take-profit hits get their own wording; other exits share one. If/else
// rather than a switch, so a reason added to OrderReason later falls to the generic words.
struct ExitWording {
  std::string_view emoji;
  std::string_view title;
  std::string_view kind;
};
ExitWording close_wording(OrderReason reason) {
  if (reason == OrderReason::stop_loss)
    return {"\xF0\x9F\x9B\x91", "Stop-loss hit", "stop_loss_hit"};
  if (reason == OrderReason::take_profit) {
    return {"\xF0\x9F\x8E\xAF", "Take-profit hit", "take_profit_hit"};
  }
  if (reason == OrderReason::trailing) {
    return {"\xF0\x9F\x93\x89", "Trailing stop hit", "trailing_stop_hit"};
  }
  return {"\xE2\x9C\x85", "Position closed", "position_closed"};
}
ExitWording reduce_wording(OrderReason reason) {
  if (reason == OrderReason::stop_loss) {
    return {"\xF0\x9F\x9B\x91", "Stop-loss hit (partial)", "stop_loss_hit"};
  }
  if (reason == OrderReason::take_profit) {
    return {"\xF0\x9F\x8E\xAF", "Take-profit hit (partial)", "take_profit_hit"};
  }
  if (reason == OrderReason::trailing) {
    return {"\xF0\x9F\x93\x89", "Trailing stop hit (partial)", "trailing_stop_hit"};
  }
  return {"\xE2\x9E\x96", "Position reduced", "position_reduced"};
}

Notification make(const Event& event, std::string kind, Text text) {
  return Notification{event.global_seq, std::move(kind), std::move(text)};
}

Notification opened(const Event& event, const PositionOpened& e) {
  Text text = headline("\xF0\x9F\x9F\xA2", "Position opened", event);
  text.bold(direction_word(e.direction))
      .plain(" " + e.qty.to_string() + " @ " + e.price.to_string());
  text.line().plain("Fee " + e.fee.to_string());
  return make(event, "position_opened", std::move(text));
}

Notification increased(const Event& event, const PositionIncreased& e) {
  Text text = headline("\xE2\x9E\x95", "Position increased", event);
  text.bold(direction_word(e.direction))
      .plain(" +" + e.qty.to_string() + " @ " + e.price.to_string() + " \xE2\x86\x92 qty " +
             e.new_qty.to_string() + ", avg entry " + e.new_avg_entry.to_string() + " (" +
             std::to_string(e.entries) + " entries)");
  text.line().plain("Fee " + e.fee.to_string());
  return make(event, "position_increased", std::move(text));
}

Notification reduced(const Event& event, const PositionReduced& e) {
  const ExitWording wording = reduce_wording(e.reason);
  Text text = headline(wording.emoji, wording.title, event);
  text.bold(direction_word(e.direction))
      .plain(" -" + e.qty.to_string() + " @ " + e.price.to_string() + " (avg entry " +
             e.avg_entry.to_string() + "), remaining " + e.remaining_qty.to_string());
  text.line()
      .plain("Realized ")
      .bold(signed_amount(e.realized_gross))
      .plain(" gross, fee " + e.fee.to_string());
  text.line().plain("Reason: " + std::string(to_string(e.reason)));
  return make(event, std::string(wording.kind), std::move(text));
}

Notification closed(const Event& event, const PositionClosed& e) {
  const ExitWording wording = close_wording(e.exit_reason);
  Text text = headline(wording.emoji, wording.title, event);
  text.bold(direction_word(e.direction))
      .plain(" " + e.qty.to_string() + " closed @ " + e.price.to_string() + " (avg entry " +
             e.avg_entry.to_string() + ")");
  text.line()
      .plain("P&L ")
      .bold(signed_amount(e.cycle_realized_net))
      .plain(" net (gross " + signed_amount(e.cycle_realized_gross) + ", fees " +
             e.cycle_fees.to_string() + ")");
  text.line().plain("Exit: " + std::string(to_string(e.exit_reason)));
  return make(event, std::string(wording.kind), std::move(text));
}

Notification alert_rejected(const Event& event, const AlertRejected& e) {
  Text text = headline("\xE2\x9A\xA0\xEF\xB8\x8F", "Alert rejected", event);
  text.plain("Reason: ").code(e.reason);
  if (!e.message.empty()) text.plain(" \xE2\x80\x94 " + e.message);
  return make(event, "alert_rejected", std::move(text));
}

}  // namespace

StreamName split_stream(std::string_view stream) {
  const auto slash = stream.find('/');
  if (slash == std::string_view::npos) return {std::string(stream), {}};
  return {std::string(stream.substr(0, slash)), std::string(stream.substr(slash + 1))};
}

std::string signed_amount(const Money& amount) {
  return amount.is_positive() ? "+" + amount.to_string() : amount.to_string();
}

void EventMessages::remember(const std::string& client_order_id, const OrderRequested& order) {
  if (orders_.count(client_order_id) == 0) order_ids_.push_back(client_order_id);
  orders_[client_order_id] = OrderInFlight{order.side, order.qty, order.type, order.reason};
  while (order_ids_.size() > max_orders_) {
    orders_.erase(order_ids_.front());
    order_ids_.pop_front();
  }
  // Ids forgotten through forget() stay in order_ids_ until they reach the front; bound it
  // anyway so a long run of completed orders cannot grow it without limit.
  if (order_ids_.size() > 2 * max_orders_ + 16) {
    std::deque<std::string> live;
    for (auto& id : order_ids_) {
      if (orders_.count(id) != 0) live.push_back(std::move(id));
    }
    order_ids_ = std::move(live);
  }
}

Notification EventMessages::order_rejected(const Event& event, const OrderRejected& e) {
  Text text = headline("\xE2\x9A\xA0\xEF\xB8\x8F", "Order rejected", event);
  if (const auto found = orders_.find(e.client_order_id); found != orders_.end()) {
    const OrderInFlight& order = found->second;
    text.bold(upper(to_string(order.side)))
        .plain(" " + order.qty.to_string() + " " + std::string(to_string(order.type)) + " (" +
               std::string(to_string(order.reason)) + ")");
    text.line();
  }
  text.plain("Order ").code(e.client_order_id);
  text.line().plain("Reason: ").code(e.reason);
  if (!e.message.empty()) text.plain(" \xE2\x80\x94 " + e.message);
  forget(e.client_order_id);
  return make(event, "order_rejected", std::move(text));
}

std::optional<Notification> EventMessages::on_event(const Event& event) {
  // The one place that decides which event types are reported. Types added to
  // EventPayload later fall to the last branch and are ignored until someone words them.
  return std::visit(
      [&](const auto& e) -> std::optional<Notification> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, PositionOpened>) {
          return opened(event, e);
        } else if constexpr (std::is_same_v<T, PositionIncreased>) {
          return increased(event, e);
        } else if constexpr (std::is_same_v<T, PositionReduced>) {
          return reduced(event, e);
        } else if constexpr (std::is_same_v<T, PositionClosed>) {
          return closed(event, e);
        } else if constexpr (std::is_same_v<T, OrderRejected>) {
          return order_rejected(event, e);
        } else if constexpr (std::is_same_v<T, AlertRejected>) {
          return alert_rejected(event, e);
        } else if constexpr (std::is_same_v<T, OrderRequested>) {
          remember(e.client_order_id, e);  // for the words of a later rejection
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, OrderFilled>) {
          if (e.order_complete) forget(e.client_order_id);
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, OrderCancelled>) {
          forget(e.client_order_id);
          return std::nullopt;
        } else {
          // Ignored on purpose: AlertReceived (its outcome is reported instead),
          // OrderAccepted, ProtectionSet, BotPaused, BotResumed, PriceObserved (a hit is
          // reported by the close or reduction it causes), and any type added later.
          return std::nullopt;
        }
      },
      event.payload);
}

}  // namespace tvbot::notify
