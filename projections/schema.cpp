#include "projections/schema.hpp"

#include <pqxx/pqxx>

#include <string>

#include "projections/pg_errors.hpp"
#include "projections/schema_v1.sql.hpp"

namespace tvbot::projections {
namespace {

// Any constant will do as long as nothing else in the database uses it: it makes concurrent
// starts apply migrations one at a time.
constexpr long long migration_lock_key = 0x7476626f74'0001;  // "tvbot" + 1

constexpr std::string_view bookkeeping_sql = R"SQL(
create table if not exists schema_migrations (
  version     integer primary key,
  name        text not null,
  applied_at  timestamptz not null default now()
))SQL";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all{
      {1, "projections: bots, instruments, strategies, positions, entries, trades, orders, "
          "fills, webhook logs, checkpoints",
       schema_v1_sql},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

Result<int> migrate(pqxx::connection_base& connection) {
  try {
    {
      pqxx::work tx(connection, "migrate");
      tx.exec_params("select pg_advisory_xact_lock($1)", migration_lock_key);
      tx.exec(std::string(bookkeeping_sql));
      tx.commit();
    }
    int current = 0;
    for (const Migration& migration : migrations()) {
      pqxx::work tx(connection, "migrate");
      tx.exec_params("select pg_advisory_xact_lock($1)", migration_lock_key);
      const auto newest = tx.exec1("select coalesce(max(version), 0) from schema_migrations");
      const int applied = newest[0].as<int>();
      if (applied > latest_schema_version()) {
        return make_error("schema_too_new",
                          "the database schema is at version " + std::to_string(applied) +
                              ", newer than this build knows (" +
                              std::to_string(latest_schema_version()) +
                              "); upgrade tvbot or point it at another database");
      }
      const auto exists = tx.exec_params("select 1 from schema_migrations where version = $1",
                                         migration.version);
      if (exists.empty()) {
        tx.exec(std::string(migration.sql));
        tx.exec_params("insert into schema_migrations (version, name) values ($1, $2)",
                       migration.version, std::string(migration.name));
      }
      tx.commit();
      current = migration.version;
    }
    return current;
  } catch (const std::exception& error) {
    return pg_error("migrating the schema", error);
  }
}

}  // namespace tvbot::projections
