#pragma once
// PostgreSQL failures as tvbot errors. libpq quotes pieces of a malformed connection string
// in its messages, and a DSN may hold a password, so those messages are replaced wholesale.
#include <exception>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::projections {

// code "postgres"; message "<doing>: <what PostgreSQL said>", DSN fragments withheld.
[[nodiscard]] Error pg_error(std::string_view doing, const std::exception& error);

}  // namespace tvbot::projections
