#pragma once
// Where the SQL projections go. In order: the environment variable TVBOT_POSTGRES_DSN, the
// [postgres] dsn of the configuration (mode external), and in mode local the DSN file
// <postgres.local_data_dir>/dsn that scripts/local-postgres.sh writes when it starts the
// private server. The DSN is a secret (it may hold a password): only its origin is shown.
#include <optional>
#include <string>

#include "app/config/config.hpp"
#include "events/result.hpp"

namespace tvbot::app {

struct PostgresTarget {
  std::string dsn;     // never log this
  std::string origin;  // safe to log: "env TVBOT_POSTGRES_DSN", "file var/pg/dsn", ...
};

inline constexpr const char* postgres_dsn_env = "TVBOT_POSTGRES_DSN";

// nullopt when projections are disabled. Error "no_local_postgres" when mode local has no
// DSN file (the message says how to start the server).
[[nodiscard]] Result<std::optional<PostgresTarget>> resolve_postgres(const config::PostgresConfig& config);

}  // namespace tvbot::app
