#include "tests/notify/fake_telegram.hpp"

#include <simdjson.h>

#include <set>

#include "events/codec.hpp"

namespace tvbot::notify::test {
namespace {

std::string api_error(int code, std::string_view description) {
  std::string body = "{\"ok\":false,\"error_code\":" + std::to_string(code) + ",\"description\":";
  append_json_string(body, description);
  return body + "}";
}

std::size_t utf8_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool html_well_formed(std::string_view text, std::string& error) {
  static const std::set<std::string, std::less<>> tags = {
      "b",   "strong", "i",   "em", "u",          "ins",  "s",         "strike",
      "del", "code",   "pre", "a",  "tg-spoiler", "span", "blockquote"};
  std::vector<std::string> open;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      const auto end = text.find('>', i);
      if (end == std::string_view::npos) {
        error = "can't parse entities: unclosed start tag";
        return false;
      }
      std::string_view tag = text.substr(i + 1, end - i - 1);
      const bool closing = !tag.empty() && tag.front() == '/';
      if (closing) tag.remove_prefix(1);
      const std::string name(tag.substr(0, tag.find(' ')));
      if (tags.count(name) == 0) {
        error = "can't parse entities: unsupported start tag \"" + name + "\"";
        return false;
      }
      if (closing) {
        if (open.empty() || open.back() != name) {
          error = "can't parse entities: can't find start tag for \"" + name + "\"";
          return false;
        }
        open.pop_back();
      } else {
        open.push_back(name);
      }
      i = end;
    } else if (c == '&') {
      const auto end = text.find(';', i);
      const std::string_view entity =
          end == std::string_view::npos ? std::string_view() : text.substr(i, end - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;") {
        error = "can't parse entities: unsupported entity or bare '&'";
        return false;
      }
      i = end;
    } else if (c == '>') {
      error = "can't parse entities: bare '>' must be written &gt;";
      return false;
    }
  }
  if (!open.empty()) {
    error = "can't parse entities: can't find end tag corresponding to start tag \"" + open.back() +
            "\"";
    return false;
  }
  return true;
}

bool markdown_v2_well_formed(std::string_view text, std::string& error) {
  const std::string_view reserved = "_*[]()~`>#+-=|{}.!";
  std::vector<char> open;  // '*', '_', '~'
  bool in_code = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      if (i + 1 >= text.size() || text[i + 1] < 1 || text[i + 1] > 126) {
        error = "can't parse entities: bad escape";
        return false;
      }
      ++i;
      continue;
    }
    if (in_code) {
      if (c == '`') in_code = false;
      continue;
    }
    if (c == '`') {
      in_code = true;
    } else if (c == '*' || c == '_' || c == '~') {
      if (!open.empty() && open.back() == c) {
        open.pop_back();
      } else {
        open.push_back(c);
      }
    } else if (reserved.find(c) != std::string_view::npos) {
      error = std::string("can't parse entities: Character '") + c +
              "' is reserved and must be escaped with the preceding '\\'";
      return false;
    }
  }
  if (in_code || !open.empty()) {
    error = "can't parse entities: Can't find end of the entity";
    return false;
  }
  return true;
}

bool markdown_well_formed(std::string_view text, std::string& error) {
  char open = 0;  // '*', '_' or '`'
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (open == '`') {
      if (c == '`') open = 0;
      continue;
    }
    if (c == '\\' && i + 1 < text.size() &&
        std::string_view("_*`[").find(text[i + 1]) != std::string_view::npos) {
      ++i;
      continue;
    }
    if (c == '*' || c == '_' || c == '`') {
      if (open == c) {
        open = 0;
      } else if (open == 0) {
        open = c;
      } else {
        error = "can't parse entities: nested entities";
        return false;
      }
    } else if (c == '[' && open == 0) {
      error = "can't parse entities: Can't find end of the entity starting at '['";
      return false;
    }
  }
  if (open != 0) {
    error = "can't parse entities: Can't find end of the entity";
    return false;
  }
  return true;
}

}  // namespace

FakeReply too_many_requests(int retry_after_seconds) {
  FakeReply reply;
  reply.status = 429;
  reply.body =
      "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " +
      std::to_string(retry_after_seconds) +
      "\",\"parameters\":{\"retry_after\":" + std::to_string(retry_after_seconds) + "}}";
  return reply;
}

FakeReply server_error(unsigned status) {
  return FakeReply{
      status, api_error(static_cast<int>(status), "Internal Server Error"), {}, {}, false};
}

FakeReply bad_request(std::string_view description) {
  return FakeReply{400, api_error(400, "Bad Request: " + std::string(description)), {}, {}, false};
}

bool well_formed(std::string_view text, std::string_view parse_mode, std::string& error) {
  if (parse_mode == "HTML") return html_well_formed(text, error);
  if (parse_mode == "MarkdownV2") return markdown_v2_well_formed(text, error);
  if (parse_mode == "Markdown") return markdown_well_formed(text, error);
  return true;
}

void FakeTelegram::script(std::vector<FakeReply> replies) {
  std::lock_guard lock(mutex_);
  for (auto& reply : replies) script_.push_back(std::move(reply));
}

FakeReply FakeTelegram::refuse(FakeReply reply, std::string violation) {
  violations_.push_back(std::move(violation));
  return reply;
}

FakeReply FakeTelegram::handle(std::string_view method, std::string_view target,
                               std::optional<std::string_view> content_type,
                               const std::string& body) {
  std::lock_guard lock(mutex_);
  request_times_.push_back(std::chrono::steady_clock::now());
  changed_.notify_all();
  // The token is checked before the method: Telegram answers 401 for any unknown token.
  const std::string prefix = "/bot" + token_ + "/";
  if (target.substr(0, prefix.size()) != prefix) {
    return refuse({401, api_error(401, "Unauthorized"), {}, {}, false}, "wrong token in path");
  }
  if (target.substr(prefix.size()) != "sendMessage") {
    return refuse({404, api_error(404, "Not Found"), {}, {}, false},
                  "wrong method " + std::string(target.substr(prefix.size())));
  }
  if (method != "POST")
    return refuse(bad_request("POST expected"), "method " + std::string(method));
  if (!content_type || content_type->substr(0, 16) != "application/json") {
    return refuse(bad_request("message text is empty"), "content type not JSON");
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body).get(root) != simdjson::SUCCESS || !root.is_object()) {
    return refuse(bad_request("invalid JSON"), "body is not a JSON object");
  }
  ReceivedMessage message;
  std::int64_t chat_number = 0;
  std::string_view chat_text;
  if (root["chat_id"].get(chat_number) == simdjson::SUCCESS) {
    message.chat_id = std::to_string(chat_number);
  } else if (root["chat_id"].get(chat_text) == simdjson::SUCCESS && !chat_text.empty() &&
             chat_text.front() == '@') {
    message.chat_id = std::string(chat_text);
  } else {
    return refuse(bad_request("chat_id is empty"), "chat_id missing or of the wrong type");
  }
  if (message.chat_id != chat_id_) {
    return refuse(bad_request("chat not found"), "chat " + message.chat_id);
  }
  std::string_view text;
  if (root["text"].get(text) != simdjson::SUCCESS || text.empty()) {
    return refuse(bad_request("message text is empty"), "text missing or empty");
  }
  if (utf8_characters(text) > 4096)
    return refuse(bad_request("message is too long"), "text too long");
  message.text = std::string(text);
  std::string_view mode;
  if (auto field = root["parse_mode"]; field.error() != simdjson::NO_SUCH_FIELD) {
    if (field.get(mode) != simdjson::SUCCESS ||
        (mode != "HTML" && mode != "MarkdownV2" && mode != "Markdown")) {
      return refuse(bad_request("unsupported parse_mode"), "parse_mode invalid");
    }
    message.parse_mode = std::string(mode);
  }
  if (auto field = root["disable_web_page_preview"]; field.error() != simdjson::NO_SUCH_FIELD) {
    bool flag = false;
    if (field.get(flag) != simdjson::SUCCESS) {
      return refuse(bad_request("disable_web_page_preview must be boolean"),
                    "disable_web_page_preview not boolean");
    }
  }
  std::string error;
  if (!well_formed(message.text, message.parse_mode, error)) {
    return refuse(bad_request(error), error + " in: " + message.text);
  }
  if (!script_.empty()) {
    FakeReply reply = std::move(script_.front());
    script_.pop_front();
    return reply;
  }
  std::string answer =
      "{\"ok\":true,\"result\":{\"message_id\":" + std::to_string(next_message_id_++) +
      ",\"chat\":{\"id\":";
  append_json_string(answer, message.chat_id);
  answer += "},\"date\":1700000000,\"text\":";
  append_json_string(answer, message.text);
  answer += "}}";
  messages_.push_back(std::move(message));
  changed_.notify_all();
  return FakeReply{200, std::move(answer), {}, {}, false};
}

std::vector<ReceivedMessage> FakeTelegram::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

std::vector<std::string> FakeTelegram::violations() const {
  std::lock_guard lock(mutex_);
  return violations_;
}

std::size_t FakeTelegram::requests() const {
  std::lock_guard lock(mutex_);
  return request_times_.size();
}

std::vector<std::chrono::steady_clock::time_point> FakeTelegram::request_times() const {
  std::lock_guard lock(mutex_);
  return request_times_;
}

bool FakeTelegram::wait_for_messages(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
}

}  // namespace tvbot::notify::test
