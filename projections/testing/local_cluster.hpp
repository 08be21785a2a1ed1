#pragma once
// A private PostgreSQL 15 cluster for tests and benchmarks: initdb into a temporary
// directory, pg_ctl start on 127.0.0.1 and a free port (socket in the same directory,
// fsync off: test data only), torn down and deleted by the destructor. initdb refuses to run
// as root, so as root the server runs as the `postgres` user (runuser). The binaries are
// looked up in $TVBOT_PG_BIN, then /usr/lib/postgresql/15/bin.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "events/result.hpp"

namespace tvbot::projections::testing {

class LocalCluster {
 public:
  [[nodiscard]] static Result<std::unique_ptr<LocalCluster>> create();
  ~LocalCluster();
  LocalCluster(const LocalCluster&) = delete;
  LocalCluster& operator=(const LocalCluster&) = delete;

  // pg_ctl stop -m fast / start on the same port: the data stays.
  [[nodiscard]] Status stop();
  [[nodiscard]] Status start();

  // A new empty database; returns its DSN.
  [[nodiscard]] Result<std::string> create_database(const std::string& name);
  [[nodiscard]] std::string dsn(const std::string& database) const;
  std::uint16_t port() const { return port_; }
  bool running() const { return running_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  LocalCluster() = default;
  [[nodiscard]] Status run(const std::string& command) const;

  std::filesystem::path dir_;
  std::filesystem::path bin_;
  std::uint16_t port_ = 0;
  bool as_postgres_user_ = false;
  bool running_ = false;
};

}  // namespace tvbot::projections::testing
