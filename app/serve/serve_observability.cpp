#include "app/serve/serve_observability.hpp"

namespace tvbot::app {
namespace {

std::map<std::string, std::string, std::less<>> brokers_by_bot(const config::Config& config) {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& bot : config.bots) out.emplace(bot.id, bot.broker);
  return out;
}

}  // namespace

ServeObservability::ServeObservability(const config::Config& config,
                                       const storage::EventStore& store)
    : metrics_(registry_),
      broker_of_bot_(brokers_by_bot(config)),
      tail_(store, store.log().last_global_seq(), [this](const Event& event) { on_event(event); }) {
  register_event_log_metrics(registry_, store.log());
}

void ServeObservability::on_event(const Event& event) {
  std::string_view bot = std::string_view(event.stream).substr(0, event.stream.find('/'));
  auto broker = broker_of_bot_.find(bot);
  metrics_.recorded(event, broker == broker_of_bot_.end() ? std::string_view{} : broker->second);
  journal_.record(event);
}

}  // namespace tvbot::app
