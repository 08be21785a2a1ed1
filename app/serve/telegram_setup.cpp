#include "app/serve/telegram_setup.hpp"

#include <filesystem>

#include "http/client/web_client.hpp"

namespace tvbot::app {

Result<notify::Transport> web_client_transport(const config::TelegramConfig& telegram) {
  http::WebClientOptions options;
  options.connect_timeout = std::chrono::seconds(3);
  options.write_timeout = std::chrono::seconds(3);
  options.read_timeout = std::chrono::seconds(5);
  options.ca_file = telegram.ca_file;
  options.max_connections = 2;  // one sender thread; a spare for a reconnect
  options.max_body_bytes = 1024 * 1024;
  auto created = http::WebClient::create(telegram.api_base_url, options);
  if (!created.ok()) return created.error();
  std::shared_ptr<http::WebClient> client = std::move(created).value();
  return notify::Transport(
      [client](std::string_view target, std::string body) -> Result<notify::TransportResponse> {
        auto response = client->request("POST", target, std::move(body), {}, "application/json");
        if (!response.ok()) return response.error();
        notify::TransportResponse out{response->status, std::move(response->body), {}};
        if (auto retry = response->header("Retry-After"))
          out.retry_after_header = std::string(*retry);
        return out;
      });
}

Result<std::unique_ptr<notify::Notifier>> start_telegram_notifier(const config::Config& config,
                                                                  storage::EventStore& store) {
  const config::TelegramConfig& telegram = config.telegram;
  if (!telegram.enabled) return std::unique_ptr<notify::Notifier>();
  auto transport = web_client_transport(telegram);
  if (!transport.ok()) return transport.error();

  notify::NotifierOptions options;
  options.cursor_file = std::filesystem::path(config.storage.data_dir) / "telegram.cursor";
  options.sender.chat_id = telegram.chat_id;
  // Validated by the config reader ("HTML", "MarkdownV2", "Markdown" or "" for none).
  options.sender.parse_mode =
      notify::parse_parse_mode(telegram.parse_mode).value_or(notify::ParseMode::plain);
  options.sender.queue_capacity = telegram.queue_size;
  options.sender.limits.global_per_second = telegram.messages_per_second;
  options.sender.limits.group_per_minute = telegram.group_messages_per_minute;
  options.sender.limits.per_chat_burst = telegram.chat_burst;
  if (!telegram.daily_summary.empty()) {
    options.daily_summary = notify::parse_summary_time(telegram.daily_summary);
  }
  // The one place the token leaves its Secret: it becomes part of the request path.
  return notify::Notifier::start(store, std::move(options), telegram.bot_token->reveal(),
                                 std::move(transport).value());
}

}  // namespace tvbot::app
