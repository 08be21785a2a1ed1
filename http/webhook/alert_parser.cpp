#include "http/webhook/alert_parser.hpp"

#include <string>

#include "http/webhook/alert_values.hpp"
#include "http/webhook/json_number.hpp"
#include "http/webhook/redaction.hpp"
#include "http/webhook/webhook_target.hpp"

namespace tvbot::webhook {
namespace {

// Long enough for any exchange symbol, order id or note a template writes; short enough
// that recorded events and dedupe keys stay small.
constexpr std::size_t max_text_bytes = 256;
constexpr std::size_t max_id_bytes = 128;

Error invalid(AlertField field, std::string_view problem) {
  return make_error("invalid_field", std::string(field_name(field)) + " " + std::string(problem));
}

bool is_printable_ascii(std::string_view text) {
  for (char c : text) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

bool has_control_char(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// TradingView leaves "{{name}}" as written when a placeholder does not apply to the alert
// (a strategy placeholder in an indicator alert, a typo): trading on it must not happen.
Status check_placeholder(const RawField& raw) {
  const std::size_t open = raw.value.find("{{");
  if (open == std::string::npos) return {};
  const std::size_t close = raw.value.find("}}", open);
  const std::string_view placeholder =
      close == std::string::npos ? std::string_view(raw.value).substr(open)
                                 : std::string_view(raw.value).substr(open, close + 2 - open);
  return make_error("unresolved_placeholder",
                    std::string(field_name(*raw.field)) + " ('" + raw.spelling +
                        "') holds the unresolved TradingView placeholder " +
                        quote_for_message(placeholder) + "; check the alert message template");
}

Result<std::string> bounded_text(AlertField field, std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return invalid(field, "is longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (has_control_char(text)) return invalid(field, "contains control characters");
  return std::string(text);
}

Result<std::string> market_position(AlertField field, std::string_view text) {
  if (text == "long" || text == "short" || text == "flat") return std::string(text);
  return invalid(field, "must be long, short or flat, got " + quote_for_message(text));
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c) != lower[i]) return false;
  }
  return true;
}

// parse_action plus 3Commas' signal-bot entries (its exit_long/exit_short parse_action knows).
std::optional<Action> parse_alert_action(std::string_view text) {
  if (std::optional<Action> action = parse_action(text)) return action;
  if (equals_ignoring_case(text, "enter_long")) return Action::long_;
  if (equals_ignoring_case(text, "enter_short")) return Action::short_;
  return std::nullopt;
}

class AlertInterpreter {
 public:
  Status apply(const RawField& raw) {
    if (!raw.field) {
      alert_.unknown_fields.push_back(raw.spelling);
      return {};
    }
    const AlertField field = *raw.field;
    if (raw.kind == ValueKind::composite) return invalid(field, "must be a single value, not an object or array");
    if (raw.kind == ValueKind::boolean) return invalid(field, "must be text or a number, not true/false");
    if (field == AlertField::secret) {
      // Kept exactly as sent and checked for nothing: any message about it could leak it.
      if (!raw.value.empty()) alert_.secret = raw.value;
      return {};
    }
    const std::string_view text = trim_json_whitespace(raw.value);
    if (raw.kind == ValueKind::null || text.empty()) return {};  // absent
    if (auto status = check_placeholder(raw); !status) return status;
    return assign(field, text);
  }

  Result<ParsedAlert> finish(BodyFormat format) {
    if (!has_action_) return make_error("missing_action", "the alert has no action (buy, sell, close, ...)");
    if (alert_.signal.ticker.empty()) return make_error("missing_symbol", "the alert has no symbol or ticker");
    if (!exchange_.empty() && alert_.signal.ticker.find(':') == std::string::npos) {
      alert_.signal.ticker = exchange_ + ":" + alert_.signal.ticker;
    }
    alert_.format = format;
    return std::move(alert_);
  }

 private:
  Status assign(AlertField field, std::string_view text) {
    Signal& signal = alert_.signal;
    const std::string_view name = field_name(field);
    switch (field) {
      case AlertField::action: {
        const std::optional<Action> action = parse_alert_action(text);
        if (!action) {
          return make_error("unknown_action",
                            "unknown action " + quote_for_message(text) +
                                " (expected buy, sell, long, short, close, close_long, close_short, flat or cancel)");
        }
        signal.action = *action;
        has_action_ = true;
        return {};
      }
      case AlertField::ticker:
      case AlertField::exchange: {
        if (text.size() > max_id_bytes || !is_printable_ascii(text)) {
          return invalid(field, "must be up to " + std::to_string(max_id_bytes) + " printable characters without spaces");
        }
        (field == AlertField::ticker ? signal.ticker : exchange_).assign(text);
        return {};
      }
      case AlertField::qty: {
        Result<Quantity> qty = parse_quantity_value(name, text);
        if (!qty) return qty.error();
        if (!qty->is_positive()) return invalid(field, "must be positive, got " + quote_for_message(text));
        signal.qty = *qty;
        return {};
      }
      case AlertField::price: {
        Result<Price> price = parse_price_value(name, text);
        if (!price) return price.error();
        if (!price->is_positive()) return invalid(field, "must be positive, got " + quote_for_message(text));
        signal.price = *price;
        return {};
      }
      case AlertField::position_size: {
        Result<Quantity> size = parse_quantity_value(name, text);
        if (!size) return size.error();
        signal.target_position = *size;
        return {};
      }
      case AlertField::market_position:
      case AlertField::prev_market_position: {
        Result<std::string> position = market_position(field, text);
        if (!position) return position.error();
        (field == AlertField::market_position ? signal.market_position : signal.prev_market_position) =
            std::move(*position);
        return {};
      }
      case AlertField::order_id:
      case AlertField::comment: {
        Result<std::string> value = bounded_text(field, text, max_text_bytes);
        if (!value) return value.error();
        (field == AlertField::order_id ? signal.order_id : signal.comment) = std::move(*value);
        return {};
      }
      case AlertField::stop_loss:
      case AlertField::take_profit:
      case AlertField::trailing: {
        Result<PriceLevel> level = parse_price_level_value(name, text);
        if (!level) return level.error();
        (field == AlertField::stop_loss     ? signal.stop_loss
         : field == AlertField::take_profit ? signal.take_profit
                                            : signal.trailing) = *level;
        return {};
      }
      case AlertField::alert_id: {
        if (text.size() > max_id_bytes || !is_printable_ascii(text)) {
          return invalid(field, "must be up to " + std::to_string(max_id_bytes) + " printable characters without spaces");
        }
        signal.alert_id.assign(text);
        return {};
      }
      case AlertField::time: {
        Result<Timestamp> time = parse_alert_time_value(name, text);
        if (!time) return time.error();
        signal.alert_time = *time;
        return {};
      }
      case AlertField::bot: {
        if (!is_valid_bot_id(text)) {
          return invalid(field, "must be up to 64 letters, digits, '_', '-' and '.'");
        }
        alert_.bot = std::string(text);
        return {};
      }
      case AlertField::secret:
        break;  // handled in apply()
    }
    return {};
  }

  ParsedAlert alert_;
  std::string exchange_;
  bool has_action_ = false;
};

}  // namespace

Result<ParsedAlert> interpret_alert_fields(const AlertFields& fields) {
  AlertInterpreter interpreter;
  for (const RawField& raw : fields.fields) {
    if (auto status = interpreter.apply(raw); !status) return status.error();
  }
  return interpreter.finish(fields.format);
}

Result<ParsedAlert> parse_alert(std::string_view body, std::string_view content_type,
                                const AlertLimits& limits) {
  Result<AlertFields> fields = read_alert_fields(body, content_type, limits);
  if (!fields) return fields.error();
  return interpret_alert_fields(*fields);
}

}  // namespace tvbot::webhook
