#include "projections/projector.hpp"

#include <pqxx/pqxx>

#include "events/codec.hpp"
#include "projections/pg_errors.hpp"
#include "projections/schema.hpp"
#include "projections/statements.hpp"

namespace tvbot::projections {

Projector::Projector(std::unique_ptr<pqxx::connection> connection, std::string log_id)
    : connection_(std::move(connection)), log_id_(std::move(log_id)) {}

Projector::~Projector() = default;

Result<std::unique_ptr<Projector>> Projector::open(const std::string& dsn, std::string log_id,
                                                   const PgTimeouts& timeouts) {
  auto connection = pg_connect(dsn, timeouts);
  if (!connection) return connection.error();
  auto version = migrate(**connection);
  if (!version) return version.error();
  try {
    sql::prepare_all(**connection);
    pqxx::work tx(**connection, "checkpoint_init");
    tx.exec_prepared(sql::checkpoint_init, log_id);
    tx.commit();
  } catch (const std::exception& error) {
    return pg_error("preparing the projector", error);
  }
  return std::unique_ptr<Projector>(new Projector(std::move(connection).value(), std::move(log_id)));
}

Result<std::uint64_t> Projector::checkpoint() {
  try {
    pqxx::read_transaction tx(*connection_, "checkpoint");
    const auto rows = tx.exec_params("select global_seq from projection_checkpoints where log_id = $1",
                                     log_id_);
    if (rows.empty()) return std::uint64_t{0};
    return rows[0][0].as<std::uint64_t>();
  } catch (const std::exception& error) {
    return pg_error("reading the projection checkpoint", error);
  }
}

Result<ProjectCounts> Projector::apply_batch(std::span<const Event> events) {
  ProjectCounts counts;
  if (events.empty()) return counts;
  try {
    pqxx::work tx(*connection_, "project");
    const auto locked = tx.exec_prepared1(sql::checkpoint_lock, log_id_);
    const auto stored = locked[0].as<std::uint64_t>();
    if (stored + 1 != events.front().global_seq) {
      return make_error("checkpoint_moved",
                        "the projection checkpoint of log " + log_id_ + " is " +
                            std::to_string(stored) + ", the batch starts at " +
                            std::to_string(events.front().global_seq));
    }
    EventWriter writer(tx, log_id_, known_instruments_);
    for (const Event& event : events) {
      writer.apply(event, counts);
      if (after_event_hook) after_event_hook(event);
    }
    tx.exec_prepared(sql::checkpoint_write, log_id_, events.back().global_seq,
                     format_timestamp(events.back().time));
    tx.commit();
    return counts;
  } catch (const std::exception& error) {
    // Rows ensured in the aborted transaction are gone again.
    known_instruments_.clear();
    return pg_error("projecting events " + std::to_string(events.front().global_seq) + ".." +
                        std::to_string(events.back().global_seq),
                    error);
  }
}

Status Projector::reset() {
  try {
    known_instruments_.clear();
    pqxx::work tx(*connection_, "reset");
    tx.exec_prepared(sql::checkpoint_lock, log_id_);
    for (const char* statement : sql::reset_tables_sql) tx.exec_params(statement, log_id_);
    tx.commit();
    return {};
  } catch (const std::exception& error) {
    return pg_error("deleting the projected rows", error);
  }
}

}  // namespace tvbot::projections
