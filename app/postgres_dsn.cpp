#include "app/postgres_dsn.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tvbot::app {

Result<std::optional<PostgresTarget>> resolve_postgres(const config::PostgresConfig& config) {
  if (config.mode == config::PostgresMode::disabled) return std::optional<PostgresTarget>{};
  if (const char* env = std::getenv(postgres_dsn_env); env != nullptr && *env != '\0') {
    return std::optional<PostgresTarget>(PostgresTarget{env, std::string("env ") + postgres_dsn_env});
  }
  if (config.mode == config::PostgresMode::external && config.dsn) {
    return std::optional<PostgresTarget>(PostgresTarget{config.dsn->reveal(), config.dsn->origin()});
  }
  const std::filesystem::path file = std::filesystem::path(config.local_data_dir) / "dsn";
  std::ifstream in(file);
  std::string dsn;
  if (!in || !std::getline(in, dsn) || dsn.empty()) {
    return make_error("no_local_postgres",
                      "no local PostgreSQL: " + file.string() + " does not exist; start one with "
                      "`scripts/local-postgres.sh start " + config.local_data_dir +
                      " 5433`, or set " + postgres_dsn_env + " or [postgres] dsn");
  }
  return std::optional<PostgresTarget>(PostgresTarget{dsn, "file " + file.string()});
}

}  // namespace tvbot::app
