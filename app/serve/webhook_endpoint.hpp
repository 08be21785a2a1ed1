#pragma once
// The HTTP face of `tvbot serve`: routes a request to the webhook path (parse, authenticate,
// limit, then hand to the engine) or to the health endpoints. No socket I/O here.
#include <atomic>

#include "actors/engine.hpp"
#include "app/serve/serve_metrics.hpp"
#include "http/server/server.hpp"
#include "http/webhook/webhook_request_handler.hpp"

namespace tvbot::app {

class WebhookEndpoint {
 public:
  // All must outlive the endpoint; `metrics` may be null (nothing is counted then).
  WebhookEndpoint(webhook::WebhookRequestHandler& webhooks, actors::Engine& engine,
                  const std::atomic<bool>& ready, ServeMetrics* metrics = nullptr)
      : webhooks_(webhooks), engine_(engine), ready_(ready), metrics_(metrics) {}

  void handle(http::Request request, http::Responder respond);

 private:
  void handle_webhook(const http::Request& request, http::Responder respond);

  webhook::WebhookRequestHandler& webhooks_;
  actors::Engine& engine_;
  const std::atomic<bool>& ready_;
  ServeMetrics* metrics_;
};

}  // namespace tvbot::app
