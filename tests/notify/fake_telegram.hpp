#pragma once
// A fake Telegram Bot API for tests: it checks each sendMessage request as the Bot API
// documents it (https://core.telegram.org/bots/api#sendmessage, #formatting-options) and
// answers as the Bot API does. Transport-free: FakeTelegram::handle maps a request to a
// reply; fake_telegram_host.hpp puts it on a real loopback socket.
//
// Checked: POST, path /bot<token>/sendMessage, Content-Type application/json, a JSON object
// body with chat_id (integer or "@name" string) equal to the expected chat, text a non-empty
// string of at most 4096 characters, parse_mode absent or one of HTML / MarkdownV2 /
// Markdown, disable_web_page_preview absent or boolean, and the text well-formed for its
// parse mode (every reserved character escaped, tags and entities closed). A request that
// breaks a rule gets Telegram's 400/401/404 answer and is listed in violations().
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tvbot::notify::test {

struct ReceivedMessage {
  std::string chat_id;
  std::string text;        // as sent, escaped
  std::string parse_mode;  // "" when absent
  bool operator==(const ReceivedMessage&) const = default;
};

struct FakeReply {
  unsigned status = 200;
  std::string body;
  std::string retry_after_header;  // sent as Retry-After when not empty
  std::chrono::milliseconds delay{0};
  bool close_without_answer = false;
};

// Telegram's own failure answers.
[[nodiscard]] FakeReply too_many_requests(int retry_after_seconds);
[[nodiscard]] FakeReply server_error(unsigned status);
[[nodiscard]] FakeReply bad_request(std::string_view description);

// Whether `text` is well-formed for `parse_mode`; on failure `error` says why, worded
// like Telegram's "Bad Request: can't parse entities: ...".
[[nodiscard]] bool well_formed(std::string_view text, std::string_view parse_mode,
                               std::string& error);

class FakeTelegram {
 public:
  FakeTelegram(std::string token, std::string chat_id)
      : token_(std::move(token)), chat_id_(std::move(chat_id)) {}

  // The next valid requests get these answers, in order, instead of being accepted.
  void script(std::vector<FakeReply> replies);

  [[nodiscard]] FakeReply handle(std::string_view method, std::string_view target,
                                 std::optional<std::string_view> content_type,
                                 const std::string& body);

  [[nodiscard]] std::vector<ReceivedMessage> messages() const;  // accepted, in order
  [[nodiscard]] std::vector<std::string> violations() const;
  [[nodiscard]] std::size_t requests() const;
  [[nodiscard]] std::vector<std::chrono::steady_clock::time_point> request_times() const;
  // Waits until `count` messages were accepted, at most `timeout`.
  [[nodiscard]] bool wait_for_messages(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  FakeReply refuse(FakeReply reply, std::string violation);

  const std::string token_;
  const std::string chat_id_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<FakeReply> script_;
  std::vector<ReceivedMessage> messages_;
  std::vector<std::string> violations_;
  std::vector<std::chrono::steady_clock::time_point> request_times_;
  std::int64_t next_message_id_ = 1;
};

}  // namespace tvbot::notify::test
