#include "projections/pg_connect.hpp"

#include <pqxx/pqxx>

#include <string_view>
#include <utility>
#include <vector>

#include "projections/pg_errors.hpp"

namespace tvbot::projections {
namespace {

bool is_uri(std::string_view dsn) {
  return dsn.starts_with("postgresql://") || dsn.starts_with("postgres://");
}

}  // namespace

std::string dsn_with_timeouts(const std::string& dsn, const PgTimeouts& timeouts) {
  const std::vector<std::pair<std::string, std::string>> settings{
      {"connect_timeout", std::to_string(timeouts.connect.count())},
      {"keepalives", "1"},
      {"keepalives_idle", "5"},
      {"keepalives_interval", "2"},
      {"keepalives_count", "3"},
      // A send or unacknowledged data older than this drops the connection (TCP only).
      {"tcp_user_timeout", std::to_string(timeouts.statement.count() + 5000)},
      {"application_name", "tvbot"},
  };
  std::string out = dsn;
  const bool uri = is_uri(dsn);
  bool has_query = uri && dsn.find('?') != std::string::npos;
  for (const auto& [key, value] : settings) {
    if (dsn.find(key + "=") != std::string::npos) continue;  // the operator's choice wins
    if (uri) {
      out += has_query ? '&' : '?';
      has_query = true;
    } else if (!out.empty()) {
      out += ' ';
    }
    out.append(key).append("=").append(value);
  }
  return out;
}

Result<std::unique_ptr<pqxx::connection>> pg_connect(const std::string& dsn,
                                                          const PgTimeouts& timeouts) {
  try {
    auto connection = std::make_unique<pqxx::connection>(dsn_with_timeouts(dsn, timeouts));
    pqxx::nontransaction tx(*connection);
    tx.exec("set statement_timeout = " + std::to_string(timeouts.statement.count()));
    tx.exec("set lock_timeout = " + std::to_string(timeouts.statement.count()));
    tx.exec("set timezone = 'UTC'");
    return connection;
  } catch (const std::exception& error) {
    return pg_error("connecting to PostgreSQL", error);
  }
}

}  // namespace tvbot::projections
