#pragma once
// Which events become a Telegram message, and what it says. Pure apart from a small memory
// of orders in flight (an OrderRejected carries only the client order id; the side and
// quantity are in the OrderRequested before it). No I/O, no clock.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include "actors/notify/text.hpp"
#include "events/event_types.hpp"

namespace tvbot::notify {

struct Notification {
  std::uint64_t global_seq = 0;  // of the event it reports; 0 for the daily summary
  std::string kind;              // "position_opened", "stop_loss_hit", ... (stats, tests)
  Text text;
};

// "alpha/BTCUSDT" -> {"alpha", "BTCUSDT"}; a stream without '/' is all bot.
struct StreamName {
  std::string bot;
  std::string instrument;
};
[[nodiscard]] StreamName split_stream(std::string_view stream);

class EventMessages {
 public:
  // Orders remembered at most; past it the oldest is forgotten and its rejection, if one
  // ever comes, is reported without side and quantity.
  explicit EventMessages(std::size_t max_orders_remembered = 4096)
      : max_orders_(max_orders_remembered) {}

  // The message for `event`, or nullopt for events that are not worth one.
  [[nodiscard]] std::optional<Notification> on_event(const Event& event);

 private:
  struct OrderInFlight {
    Side side = Side::buy;
    Quantity qty;
    OrderType type = OrderType::market;
    OrderReason reason = OrderReason::signal;
  };
  void remember(const std::string& client_order_id, const OrderRequested& order);
  void forget(const std::string& client_order_id) { orders_.erase(client_order_id); }
  [[nodiscard]] Notification order_rejected(const Event& event, const OrderRejected& rejected);

  std::size_t max_orders_;
  std::unordered_map<std::string, OrderInFlight> orders_;
  std::deque<std::string> order_ids_;  // insertion order, to forget the oldest
};

// Shared wording, also used by the daily summary: "+12.5", "-3", "0".
[[nodiscard]] std::string signed_amount(const Money& amount);

}  // namespace tvbot::notify
