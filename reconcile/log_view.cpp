#include "reconcile/log_view.hpp"

#include <charconv>

namespace tvbot::reconcile {
namespace {

void add(LogAccountView& view, const std::string& symbol, PositionSide side,
         const SidePosition& position) {
  if (position.is_flat()) return;
  auto [it, inserted] = view.positions.try_emplace(PositionKey{symbol, side}, Quantity{});
  it->second = it->second + position.signed_qty();
}

}  // namespace

Result<LogAccountView> read_log_view(const storage::EventStore& store, const BrokerScope& scope) {
  LogAccountView view;
  for (const auto& [bot, symbols] : scope.bots) view.symbols.insert(symbols.begin(), symbols.end());
  for (const auto& stream : store.log().list_streams()) {
    const auto slash = stream.stream.find('/');
    if (slash == std::string::npos) continue;
    if (!scope.bots.contains(std::string_view(stream.stream).substr(0, slash))) continue;
    const std::string symbol = stream.stream.substr(slash + 1);
    auto loaded = store.load_state(stream.stream);
    if (!loaded.ok()) return loaded.error();
    const StreamState& state = loaded->state;
    view.versions[stream.stream] = state.version;
    add(view, symbol, PositionSide::both, state.net);
    add(view, symbol, PositionSide::long_side, state.long_side);
    add(view, symbol, PositionSide::short_side, state.short_side);
    if (!state.net.is_flat() || !state.long_side.is_flat() || !state.short_side.is_flat()) {
      view.symbols.insert(symbol);  // a bot no longer configured for it still holds it here
    }
    for (const auto& order : state.pending) {
      view.in_flight.emplace(order.client_order_id, symbol);
      view.busy_symbols.insert(symbol);
    }
  }
  return view;
}

bool requested_by_log(const LogAccountView& view, std::string_view client_order_id) {
  const auto colon = client_order_id.rfind(':');
  if (colon == std::string_view::npos) return false;
  const auto digits = client_order_id.substr(colon + 1);
  std::uint64_t seq = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  if (ec != std::errc{} || end != digits.data() + digits.size() || seq == 0) return false;
  const auto it = view.versions.find(std::string(client_order_id.substr(0, colon)));
  return it != view.versions.end() && seq <= it->second;
}

}  // namespace tvbot::reconcile
