#include "events/event_types.hpp"

#include <array>
#include <cstddef>
#include <utility>

namespace tvbot {
namespace {

// One table per enum, indexed by the enumerator's value, so to_string and the exact
// parsers cannot disagree.
template <class Enum, std::size_t N>
std::optional<Enum> find_exact(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 2> side_names{"buy", "sell"};
constexpr std::array<std::string_view, 2> direction_names{"long", "short"};
constexpr std::array<std::string_view, 3> position_side_names{"both", "long", "short"};
constexpr std::array<std::string_view, 3> order_type_names{"market", "limit", "stop"};
constexpr std::array<std::string_view, 6> order_reason_names{
    "signal", "stop_loss", "take_profit", "trailing", "manual", "sync"};
constexpr std::array<std::string_view, 9> action_names{
    "buy", "sell", "long", "short", "close", "close_long", "close_short", "flat", "cancel"};

// TradingView alert templates are written by hand, so the same intent arrives under
// several names; each maps to exactly one Action. Compared after lower-casing.
constexpr std::pair<std::string_view, Action> action_spellings[] = {
    {"buy", Action::buy},
    {"sell", Action::sell},
    {"long", Action::long_},
    {"short", Action::short_},
    {"close", Action::close},
    {"close_long", Action::close_long},
    {"closelong", Action::close_long},
    {"exit_long", Action::close_long},
    {"close_short", Action::close_short},
    {"closeshort", Action::close_short},
    {"exit_short", Action::close_short},
    {"flat", Action::flat},
    {"exit", Action::flat},
    {"close_all", Action::flat},
    {"cancel", Action::cancel},
};

// Longer than any spelling above, so longer input is rejected before lower-casing.
constexpr std::size_t longest_action_spelling = 16;

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// One name per EventPayload alternative, in the variant's order.
constexpr std::array<std::string_view, std::variant_size_v<EventPayload>> event_type_names{
    "AlertReceived",  "AlertRejected",    "OrderRequested",  "OrderAccepted",
    "OrderFilled",    "OrderRejected",    "OrderCancelled",  "PositionOpened",
    "PositionIncreased", "PositionReduced", "PositionClosed", "ProtectionSet",
    "BotPaused",      "BotResumed",       "PriceObserved",
    "ReconciliationDrift", "ReconciliationResolved"};

}  // namespace

std::string_view to_string(Side v) { return side_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(Direction v) { return direction_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(PositionSide v) { return position_side_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(OrderType v) { return order_type_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(OrderReason v) { return order_reason_names[static_cast<std::size_t>(v)]; }
std::string_view to_string(Action v) { return action_names[static_cast<std::size_t>(v)]; }

std::optional<Side> parse_side(std::string_view text) { return find_exact<Side>(side_names, text); }
std::optional<Direction> parse_direction(std::string_view text) {
  return find_exact<Direction>(direction_names, text);
}
std::optional<PositionSide> parse_position_side(std::string_view text) {
  return find_exact<PositionSide>(position_side_names, text);
}
std::optional<OrderType> parse_order_type(std::string_view text) {
  return find_exact<OrderType>(order_type_names, text);
}
std::optional<OrderReason> parse_order_reason(std::string_view text) {
  return find_exact<OrderReason>(order_reason_names, text);
}

std::optional<Action> parse_action(std::string_view text) {
  if (text.size() > longest_action_spelling) return std::nullopt;
  std::array<char, longest_action_spelling> buffer{};
  for (std::size_t i = 0; i < text.size(); ++i) buffer[i] = ascii_lower(text[i]);
  const std::string_view lowered(buffer.data(), text.size());
  for (const auto& [spelling, action] : action_spellings) {
    if (spelling == lowered) return action;
  }
  return std::nullopt;
}

std::string_view event_type_name(const EventPayload& payload) { return event_type_names[payload.index()]; }

std::string make_stream_name(std::string_view bot, std::string_view instrument) {
  std::string name;
  name.reserve(bot.size() + 1 + instrument.size());
  name.append(bot).append(1, '/').append(instrument);
  return name;
}

}  // namespace tvbot
