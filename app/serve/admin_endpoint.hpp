#pragma once
// The admin API of `tvbot serve` (its own listener, loopback by default). Every path under
// /admin needs `Authorization: Bearer <admin token>` (compared in constant time; 401 JSON
// otherwise). /metrics and /openapi.json need none: Prometheus scrapes without credentials
// by default, and neither holds a secret, an amount or a position.
//   GET  /metrics                                  Prometheus text format 0.0.4
//   GET  /openapi.json                             this API, OpenAPI 3
//   GET  /admin/bots                               bots and their paused state
//   GET  /admin/positions[?bot=]                   per stream: open sides, P&L
//   GET  /admin/trades[?bot=][&limit=]             reductions and closes, newest first
//   GET  /admin/streams/<bot>/<symbol>/events[?from=][&limit=]
//   POST /admin/bots/<bot>/pause | resume          {"reason":"..."} optional
//   POST /admin/streams/<bot>/<symbol>/close       {"position_side":"both"} optional
//   POST /admin/kill-switch                        pause everything, then close everything
//   GET  /admin/rejections                         recent webhook rejections, secrets redacted
//   POST /admin/paper/<broker>/price               {"symbol":"BTCUSDT","price":"60000"}
#include <map>
#include <string>

#include "actors/engine.hpp"
#include "app/config/config.hpp"
#include "app/config/secret.hpp"
#include "app/serve/admin_commands.hpp"
#include "app/serve/admin_reads.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "http/server/server.hpp"
#include "http/webhook/rejection_log.hpp"
#include "observability/metrics_registry.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

// What the admin API reads and commands. Everything must outlive the endpoint.
struct AdminContext {
  const config::Config& config;
  const config::Secret& token;
  std::map<std::string, PaperBroker*> paper_brokers;
  const webhook::RejectionLog& rejections;
  const storage::EventStore& store;
  actors::Engine& engine;
  const observability::Registry& metrics;
};

class AdminEndpoint {
 public:
  explicit AdminEndpoint(AdminContext context)
      : token_(context.token),
        paper_brokers_(context.paper_brokers),
        rejections_(context.rejections),
        metrics_(context.metrics),
        reads_(context.config, context.store, context.paper_brokers),
        commands_(context.config, context.store, context.engine) {}

  void handle(http::Request request, http::Responder respond);

 private:
  void route_admin(const http::Request& request, http::Responder respond);
  http::Response set_paper_price(std::string_view broker, const std::string& body);
  http::Response list_rejections() const;

  const config::Secret& token_;
  std::map<std::string, PaperBroker*> paper_brokers_;
  const webhook::RejectionLog& rejections_;
  const observability::Registry& metrics_;
  admin::AdminReads reads_;
  admin::AdminCommands commands_;
};

}  // namespace tvbot::app
