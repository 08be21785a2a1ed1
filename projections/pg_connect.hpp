#pragma once
// Opening a PostgreSQL connection that can never block tvbot for long: a connect timeout,
// TCP keepalives and a user timeout (a server that vanishes mid-call is noticed), and a
// statement timeout set on the session. The DSN is never logged nor put in an error.
#include <chrono>
#include <memory>
#include <string>

#include <pqxx/connection>

#include "events/result.hpp"

namespace tvbot::projections {

struct PgTimeouts {
  std::chrono::seconds connect{5};
  std::chrono::milliseconds statement{15000};
};

// `dsn` as libpq takes it (key=value pairs or a postgresql:// URI) with the timeouts added
// unless it sets them itself.
[[nodiscard]] std::string dsn_with_timeouts(const std::string& dsn, const PgTimeouts& timeouts);

// Connected, with statement_timeout set. Error code "postgres". (pqxx::connection, not
// connection_base: the base has no virtual destructor.)
[[nodiscard]] Result<std::unique_ptr<pqxx::connection>> pg_connect(const std::string& dsn,
                                                                        const PgTimeouts& timeouts);

}  // namespace tvbot::projections
