#pragma once
// The PostgreSQL schema of the projections, as numbered migrations applied in order at start.
// schema_migrations records each applied version; applying is idempotent (applied versions are
// skipped) and serialized by an advisory lock, so several tvbot nodes may start at once
// against one database. A database migrated by a newer build (a version this build does not
// know) is refused rather than written with assumptions that may no longer hold.
#include <string_view>
#include <vector>

#include "events/result.hpp"

namespace pqxx {
class connection_base;
}

namespace tvbot::projections {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Every migration this build knows, ascending by version.
[[nodiscard]] const std::vector<Migration>& migrations();
[[nodiscard]] int latest_schema_version();

// Applies the missing migrations, each in its own transaction with its schema_migrations row.
// Returns the schema version now in force. Errors: "schema_too_new", "postgres".
[[nodiscard]] Result<int> migrate(pqxx::connection_base& connection);

}  // namespace tvbot::projections
