#include "projections/pg_errors.hpp"

#include <string>

namespace tvbot::projections {
namespace {

bool quotes_the_dsn(std::string_view message) {
  // libpq: 'missing "=" after "..." in connection info string', 'invalid connection option
  // "..."', 'invalid URI query parameter: "..."', 'invalid integer value "..." for ...'.
  for (std::string_view marker : {"connection info string", "invalid connection option",
                                  "URI", "invalid integer value", "invalid value for parameter",
                                  "invalid sslmode", "unterminated quoted string"}) {
    if (message.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

Error pg_error(std::string_view doing, const std::exception& error) {
  std::string said = error.what();
  while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
  if (quotes_the_dsn(said)) {
    said = "the PostgreSQL DSN is malformed (libpq's details are withheld: they quote the DSN, "
           "which may hold a password)";
  }
  std::string message(doing);
  message.append(": ").append(said);
  return make_error("postgres", std::move(message));
}

}  // namespace tvbot::projections
