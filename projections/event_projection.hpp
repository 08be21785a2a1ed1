#pragma once
// Writes the rows of one event inside the projector's transaction. Projects exactly what the
// aggregate booked in its events (quantities, averages, P&L, fees): nothing is recomputed.
#include <cstdint>
#include <set>
#include <string>

#include "events/event_types.hpp"

namespace pqxx {
class transaction_base;
}

namespace tvbot::projections {

struct ProjectCounts {
  std::uint64_t projected = 0;
  std::uint64_t skipped = 0;  // types the SQL tables do not hold (see event_projection.cpp)
};

class EventWriter {
 public:
  // `known_instruments` caches "bot/symbol" rows already ensured in trading_bots and
  // instruments; the caller keeps it across committed batches only.
  EventWriter(pqxx::transaction_base& tx, const std::string& log_id,
              std::set<std::string>& known_instruments)
      : tx_(tx), log_id_(log_id), known_(known_instruments) {}

  void apply(const Event& event, ProjectCounts& counts);

  pqxx::transaction_base& tx() { return tx_; }
  const std::string& log_id() const { return log_id_; }
  // Makes sure the bot and instrument rows exist (configuration events may be missing for
  // logs older than them); foreign keys point there.
  void ensure_instrument(const std::string& bot, const std::string& symbol, Timestamp time);

 private:
  pqxx::transaction_base& tx_;
  const std::string& log_id_;
  std::set<std::string>& known_;
};

}  // namespace tvbot::projections
