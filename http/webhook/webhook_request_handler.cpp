#include "http/webhook/webhook_request_handler.hpp"

#include <utility>

#include "http/webhook/auth.hpp"
#include "http/webhook/client_address.hpp"
#include "http/webhook/dedupe_window.hpp"
#include "http/webhook/json_number.hpp"
#include "http/webhook/redaction.hpp"
#include "http/webhook/staleness.hpp"
#include "http/webhook/webhook_response.hpp"
#include "http/webhook/webhook_target.hpp"

namespace tvbot::webhook {
namespace {

std::optional<std::string_view> field_text(const AlertFields& fields, AlertField field) {
  const RawField* raw = fields.find(field);
  if (raw == nullptr || raw->kind == ValueKind::null || raw->kind == ValueKind::composite) return std::nullopt;
  return raw->value;
}

Error rate_limited(std::string_view what, std::int64_t retry_after_seconds) {
  return make_error("rate_limited", "too many requests for this " + std::string(what) + "; retry after " +
                                        std::to_string(retry_after_seconds) + " s");
}

}  // namespace

WebhookRequestHandler::WebhookRequestHandler(WebhookHandlerConfig config, const BotDirectory& bots,
                                             RejectionLog* rejections)
    : config_(std::move(config)),
      bots_(bots),
      rejections_(rejections),
      per_address_(config_.max_rate_limited_keys),
      per_bot_(config_.max_rate_limited_keys) {}

WebhookOutcome WebhookRequestHandler::handle(const WebhookRequest& request) {
  const std::string_view no_bot;
  const std::string_view peer = request.peer_ip;
  if (request.method != "POST") {
    return reject(request, no_bot, peer, make_error("method_not_allowed", "webhooks are sent with POST"));
  }
  const std::optional<WebhookTarget> target = parse_webhook_target(request.target, config_.path_prefix);
  if (!target) return reject(request, no_bot, peer, make_error("not_found", "no webhook at this path"));
  if (request.body.size() > config_.max_body_bytes) {
    return reject(request, target->bot, peer,
                  make_error("body_too_large", "the body is larger than " +
                                                   std::to_string(config_.max_body_bytes) + " bytes"));
  }
  Result<IpAddress> client = resolve_client_address(request.peer_ip, request.forwarded_for, config_.trusted_proxies);
  if (!client) return reject(request, target->bot, peer, client.error());
  const std::string source_ip = client->to_string();
  if (const RateDecision decision = per_address_.acquire(source_ip, config_.per_address_limit, request.now);
      !decision.allowed) {
    return reject(request, target->bot, source_ip, rate_limited("address", decision.retry_after_seconds),
                  decision.retry_after_seconds);
  }

  Result<AlertFields> fields = read_alert_fields(request.body, request.content_type, config_.alert_limits);
  if (!fields) return reject(request, target->bot, source_ip, fields.error());

  const std::string_view body_bot = trim_json_whitespace(field_text(*fields, AlertField::bot).value_or(""));
  if (!target->bot.empty() && !body_bot.empty() && body_bot != target->bot) {
    return reject(request, target->bot, source_ip,
                  make_error("bot_mismatch", "the body names another bot than the URL"));
  }
  const std::string bot_id(target->bot.empty() ? body_bot : target->bot);
  if (bot_id.empty()) {
    return reject(request, no_bot, source_ip, make_error("missing_bot", "name the bot in the URL or as \"bot\" in the body"));
  }
  const std::shared_ptr<const BotAuthConfig> bot = is_valid_bot_id(bot_id) ? bots_.lookup(bot_id) : nullptr;
  // The id is not echoed: a user who pasted a token where the bot id goes would see it.
  if (!bot) return reject(request, no_bot, source_ip, make_error("unknown_bot", "no such bot"));
  if (!bot->allowlist.allows(*client)) {
    return reject(request, bot_id, source_ip,
                  make_error("ip_not_allowed", source_ip + " may not send alerts for this bot"));
  }
  const std::optional<std::string_view> body_secret = field_text(*fields, AlertField::secret);
  const PresentedCredentials presented{
      body_secret && !body_secret->empty() ? body_secret : std::nullopt, target->token, request.signature,
      request.body};
  if (auto status = authenticate({bot->secret, bot->path_token, bot->hmac_key}, presented); !status) {
    return reject(request, bot_id, source_ip, status.error());
  }
  // After authentication: TradingView's addresses are shared by all its users, so anyone
  // there who learns a bot's URL could otherwise spend the bot's budget with failing requests.
  if (const RateDecision decision = per_bot_.acquire(bot_id, bot->rate_limit, request.now); !decision.allowed) {
    return reject(request, bot_id, source_ip, rate_limited("bot", decision.retry_after_seconds),
                  decision.retry_after_seconds);
  }

  Result<ParsedAlert> alert = interpret_alert_fields(*fields);
  if (!alert) return reject(request, bot_id, source_ip, alert.error());
  if (bot->paused) return reject(request, bot_id, source_ip, make_error("bot_paused", "the bot is paused"));
  if (auto status = check_staleness(alert->signal.alert_time, request.now, {bot->max_lag, config_.max_future_skew});
      !status) {
    return reject(request, bot_id, source_ip, status.error());
  }

  WebhookAccept accept;
  accept.bot_id = bot_id;
  accept.alert = std::move(*alert);
  accept.alert.secret.reset();  // authenticated; it must not travel further
  accept.redacted_body = redact_body(request.body);
  accept.dedupe_key = make_dedupe_key(bot_id, accept.alert.signal.alert_id, accept.redacted_body);
  accept.source_ip = source_ip;
  return accept;
}

WebhookOutcome WebhookRequestHandler::reject(const WebhookRequest& request, std::string_view bot,
                                             std::string_view source_ip, const Error& error,
                                             std::int64_t retry_after_seconds) {
  if (rejections_ != nullptr) {
    if (error.code == "rate_limited") {
      rejections_->count(error.code);
    } else {
      rejections_->record(request.now, bot, source_ip, error.code, error.message, request.body);
    }
  }
  return WebhookReject{http_status_for(error.code), error.code, error.message, retry_after_seconds};
}

}  // namespace tvbot::webhook
