#include "http/webhook/alert_fields.hpp"

#include <array>
#include <utility>

namespace tvbot::webhook {
namespace {

constexpr std::array<std::string_view, 17> field_names{
    "action", "ticker", "exchange", "qty", "price", "position_size", "market_position",
    "prev_market_position", "order_id", "comment", "stop_loss", "take_profit", "trailing",
    "id", "time", "bot", "secret"};

// Spellings come from TradingView's placeholders ({{strategy.order.contracts}} is written
// "contracts"), from hand-written templates, from 3Commas' signal bot JSON (tv_instrument,
// trigger_price, order.amount, bot_uuid, timestamp) and from tradingview-webhooks-bot
// ("key" is its shared secret).
constexpr std::pair<std::string_view, AlertField> spellings[] = {
    {"action", AlertField::action},
    {"side", AlertField::action},
    {"symbol", AlertField::ticker},
    {"ticker", AlertField::ticker},
    {"tv_instrument", AlertField::ticker},
    {"tv_exchange", AlertField::exchange},
    {"exchange", AlertField::exchange},
    {"qty", AlertField::qty},
    {"contracts", AlertField::qty},
    {"quantity", AlertField::qty},
    {"amount", AlertField::qty},
    {"order.amount", AlertField::qty},
    {"price", AlertField::price},
    {"trigger_price", AlertField::price},
    {"position_size", AlertField::position_size},
    {"market_position", AlertField::market_position},
    {"prev_market_position", AlertField::prev_market_position},
    {"order_id", AlertField::order_id},
    {"comment", AlertField::comment},
    {"sl", AlertField::stop_loss},
    {"stop_loss", AlertField::stop_loss},
    {"tp", AlertField::take_profit},
    {"take_profit", AlertField::take_profit},
    {"trail", AlertField::trailing},
    {"trailing_stop", AlertField::trailing},
    {"id", AlertField::alert_id},
    {"time", AlertField::time},
    {"timenow", AlertField::time},
    {"timestamp", AlertField::time},
    {"bot", AlertField::bot},
    {"bot_id", AlertField::bot},
    {"bot_uuid", AlertField::bot},
    {"secret", AlertField::secret},
    {"passphrase", AlertField::secret},
    {"key", AlertField::secret},
};

// Longer than every spelling above: longer input cannot match and is not lower-cased.
constexpr std::size_t longest_spelling = 24;

}  // namespace

std::string_view field_name(AlertField field) { return field_names[static_cast<std::size_t>(field)]; }

std::optional<AlertField> canonical_field(std::string_view spelling) {
  if (spelling.size() > longest_spelling) return std::nullopt;
  std::array<char, longest_spelling> buffer{};
  for (std::size_t i = 0; i < spelling.size(); ++i) {
    const char c = spelling[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view lowered(buffer.data(), spelling.size());
  for (const auto& [name, field] : spellings) {
    if (name == lowered) return field;
  }
  return std::nullopt;
}

const RawField* AlertFields::find(AlertField field) const {
  for (const auto& raw : fields) {
    if (raw.field == field) return &raw;
  }
  return nullptr;
}

}  // namespace tvbot::webhook
