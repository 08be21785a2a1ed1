#include "events/json_upcast.hpp"

#include <utility>

namespace tvbot {

std::span<const Upcaster> event_upcasters() { return {}; }

Result<std::string> upcast_payload(std::span<const Upcaster> upcasters, std::string_view type, int version,
                                   int target_version, std::string_view payload_json) {
  std::string json(payload_json);
  for (int step = version; step < target_version; ++step) {
    const Upcaster* found = nullptr;
    for (const Upcaster& upcaster : upcasters) {
      if (upcaster.type == type && upcaster.from_version == step) found = &upcaster;
    }
    if (found == nullptr) {
      std::string message(type);
      message.append(" v").append(std::to_string(step)).append(" has no upcaster to v").append(std::to_string(step + 1));
      return make_error("unsupported_event_version", std::move(message));
    }
    auto next = found->upcast(json);
    if (!next) return next.error();
    json = std::move(next).value();
  }
  return json;
}

}  // namespace tvbot
