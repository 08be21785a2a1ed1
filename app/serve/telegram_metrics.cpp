#include "app/serve/telegram_metrics.hpp"

#include "observability/metric_names.hpp"

namespace tvbot::app {

using observability::MetricType;
using observability::Sample;

namespace {
std::int64_t as_value(std::uint64_t count) { return static_cast<std::int64_t>(count); }
}  // namespace

void register_telegram_metrics(observability::Registry& registry,
                               const notify::Notifier& notifier) {
  const notify::Notifier* source = &notifier;
  registry.add_callback(std::string(observability::names::kNotifierMessages),
                        "Telegram messages by outcome.", MetricType::counter, {"outcome"}, 0,
                        [source] {
                          const auto s = source->stats();
                          return std::vector<Sample>{
                              {{"sent"}, as_value(s.messages_sent)},
                              {{"failed"}, as_value(s.dropped_rejected + s.dropped_gave_up)},
                              {{"dropped"}, as_value(s.dropped_queue_full)}};
                        });
  registry.add_callback(std::string(observability::names::kNotifierQueueDepth),
                        "Telegram messages waiting to be sent.", MetricType::gauge, {}, 0,
                        [source] {
                          return std::vector<Sample>{{{}, as_value(source->stats().queue_depth)}};
                        });
  registry.add_callback("tvbot_notifier_send_errors_total",
                        "Telegram sendMessage attempts that failed, by kind.", MetricType::counter,
                        {"kind"}, 0, [source] {
                          const auto s = source->stats();
                          return std::vector<Sample>{{{"transport"}, as_value(s.transport_errors)},
                                                     {{"server"}, as_value(s.server_errors)},
                                                     {{"rate_limited"}, as_value(s.rate_limited)}};
                        });
}

}  // namespace tvbot::app
