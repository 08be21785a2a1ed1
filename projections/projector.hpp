#pragma once
// Projects events of one log into PostgreSQL. Each batch of events and the log's checkpoint
// are written in one transaction, and the batch is applied only if the checkpoint stored in
// the database is exactly the one the batch continues from: a batch is projected once or not
// at all, whatever crashes, restarts or a second projector of the same log do.
// Not thread-safe: one thread drives a Projector (see ProjectorDriver).
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>

#include "events/event_types.hpp"
#include "events/result.hpp"
#include "projections/event_projection.hpp"
#include "projections/pg_connect.hpp"

namespace tvbot::projections {

class Projector {
 public:
  // Connects, applies migrations, prepares statements and makes sure the log has a
  // checkpoint row. Errors: "postgres", "schema_too_new".
  [[nodiscard]] static Result<std::unique_ptr<Projector>> open(const std::string& dsn,
                                                               std::string log_id,
                                                               const PgTimeouts& timeouts = {});
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  [[nodiscard]] Result<std::uint64_t> checkpoint();

  // `events` must be consecutive in global seq. Errors: "checkpoint_moved" (the database's
  // checkpoint is not events.front().global_seq - 1; nothing written), "postgres".
  [[nodiscard]] Result<ProjectCounts> apply_batch(std::span<const Event> events);

  // Deletes every row projected from this log and sets its checkpoint to 0, in one transaction.
  [[nodiscard]] Status reset();

  const std::string& log_id() const { return log_id_; }
  pqxx::connection& connection() { return *connection_; }

  // Tests: runs inside the transaction after each event is written; throwing aborts it,
  // as a crash would.
  std::function<void(const Event&)> after_event_hook;

 private:
  Projector(std::unique_ptr<pqxx::connection> connection, std::string log_id);

  std::unique_ptr<pqxx::connection> connection_;
  std::string log_id_;
  std::set<std::string> known_instruments_;  // valid for committed transactions only
};

}  // namespace tvbot::projections
