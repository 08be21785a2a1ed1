#include "brokers/broker.hpp"

namespace tvbot {

std::string_view to_string(TimeInForce time_in_force) {
  switch (time_in_force) {
    case TimeInForce::gtc: return "gtc";
    case TimeInForce::ioc: return "ioc";
    case TimeInForce::fok: return "fok";
  }
  return "unknown";
}

std::string_view to_string(OrderStatus status) {
  switch (status) {
    case OrderStatus::new_: return "new";
    case OrderStatus::partially_filled: return "partially_filled";
    case OrderStatus::filled: return "filled";
    case OrderStatus::cancelled: return "cancelled";
    case OrderStatus::rejected: return "rejected";
    case OrderStatus::expired: return "expired";
  }
  return "unknown";
}

bool is_terminal(OrderStatus status) {
  return status != OrderStatus::new_ && status != OrderStatus::partially_filled;
}

bool outcome_unknown(const Error& error) {
  return error.code == broker_error::timeout;
}

}  // namespace tvbot
