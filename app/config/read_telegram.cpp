// [telegram]: the delivery keys of the notifier (actors/notify/), and the bot token and chat
// id from the environment when the file names neither. Limits default to Telegram's
// published ones (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits) and may
// only be lowered: a bot over them is throttled with 429s.
#include <filesystem>
#include <system_error>

#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

constexpr std::string_view kTokenVariable = "TVBOT_TELEGRAM_BOT_TOKEN";
constexpr std::string_view kChatVariable = "TVBOT_TELEGRAM_CHAT_ID";

// "HH:MM", 24-hour.
bool is_time_of_day(std::string_view text) {
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return false;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  return hour < 24 && minute < 60;
}

void read_uint(TableReader& reader, std::string_view key, std::int64_t min, std::int64_t max,
               std::uint32_t& out) {
  if (auto value = reader.integer(key, min, max)) out = static_cast<std::uint32_t>(*value);
}

void from_environment(TableReader& reader, TelegramConfig& telegram) {
  Context& context = reader.context();
  if (!telegram.bot_token && !reader.find("token_env") && !reader.find("token_file") &&
      !reader.find("token")) {
    const std::string name(kTokenVariable);
    if (auto value = context.environment_variable(name); value && !value->empty()) {
      telegram.bot_token = Secret(*value, secret_origin_env(name));
    } else {
      context.error("telegram.token", nullptr,
                    "missing; set token_env (an environment variable), token_file (a file), "
                    "token, or the environment variable " +
                        name);
    }
  }
  if (telegram.chat_id.empty() && !reader.find("chat_id")) {
    const std::string name(kChatVariable);
    if (auto value = context.environment_variable(name); value && !value->empty()) {
      telegram.chat_id = *value;
    } else {
      context.error(
          "telegram.chat_id", nullptr,
          "missing; the chat to send messages to (or the environment variable " + name + ")");
    }
  }
}

}  // namespace

void read_telegram_delivery(TableReader& reader, TelegramConfig& telegram) {
  if (auto path = reader.string("ca_file")) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*path, ec)) {
      reader.context().error(reader.key_path("ca_file"), reader.table().get("ca_file"),
                             in_quotes(*path) + " is not a readable file");
    } else {
      telegram.ca_file = *path;
    }
  }
  read_uint(reader, "queue_size", 1, 1'000'000, telegram.queue_size);
  if (auto at = reader.string("daily_summary")) {
    if (is_time_of_day(*at)) {
      telegram.daily_summary = *at;
    } else {
      reader.context().error(reader.key_path("daily_summary"), reader.table().get("daily_summary"),
                             "expected a UTC time of day \"HH:MM\", got " + in_quotes(*at));
    }
  }
  read_uint(reader, "messages_per_second", 1, 30, telegram.messages_per_second);
  read_uint(reader, "group_messages_per_minute", 1, 20, telegram.group_messages_per_minute);
  read_uint(reader, "chat_burst", 1, 20, telegram.chat_burst);
  if (telegram.enabled) from_environment(reader, telegram);
}

}  // namespace tvbot::config::detail
