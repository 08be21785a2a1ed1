#include "projections/testing/local_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pqxx/pqxx>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tvbot::projections::testing {
namespace {

// Asks the kernel for a free port. Another process could take it before PostgreSQL binds
// it; create() then fails with pg_ctl's message, which names the port.
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  std::uint16_t port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<std::unique_ptr<LocalCluster>> LocalCluster::create() {
  std::unique_ptr<LocalCluster> cluster(new LocalCluster());
  const char* bin = std::getenv("TVBOT_PG_BIN");
  cluster->bin_ = bin ? bin : "/usr/lib/postgresql/15/bin";
  if (!std::filesystem::exists(cluster->bin_ / "initdb")) {
    return make_error("no_postgres", "no initdb in " + cluster->bin_.string() +
                                         ": install postgresql-15 (scripts/install-deps.sh)");
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "tvbot-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return make_error("io_error", "mkdtemp failed");
  cluster->dir_ = pattern;
  cluster->as_postgres_user_ = ::geteuid() == 0;
  if (cluster->as_postgres_user_) {
    const passwd* user = ::getpwnam("postgres");
    if (user == nullptr) return make_error("no_postgres", "running as root but there is no user postgres");
    if (::chown(cluster->dir_.c_str(), user->pw_uid, user->pw_gid) != 0) {
      return make_error("io_error", "cannot hand " + cluster->dir_.string() + " to postgres");
    }
  }
  cluster->port_ = free_port();
  if (Status s = cluster->run("initdb -D '" + (cluster->dir_ / "data").string() +
                              "' -A trust -U postgres --no-sync -E UTF8 --locale=C");
      !s) {
    return s.error();
  }
  if (Status s = cluster->start(); !s) return s.error();
  return cluster;
}

LocalCluster::~LocalCluster() {
  if (running_) (void)run("pg_ctl -D '" + (dir_ / "data").string() + "' -m immediate -w stop");
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

Status LocalCluster::run(const std::string& command) const {
  const std::string log = (dir_ / "command.log").string();
  std::string full = (bin_ / command).string() + " >>'" + log + "' 2>&1";
  if (as_postgres_user_) {
    // The quoted command runs in postgres's shell; our paths hold no single quotes.
    std::string quoted;
    for (char c : full) {
      if (c == '\'') quoted += "'\\''";
      else quoted += c;
    }
    full = "runuser -u postgres -- sh -c '" + quoted + "'";
  }
  if (std::system(full.c_str()) != 0) {
    return make_error("postgres_cluster", "`" + command + "` failed:\n" + read_file(log) +
                                              read_file(dir_ / "server.log"));
  }
  return {};
}

Status LocalCluster::start() {
  const std::string options = "-p " + std::to_string(port_) + " -k " + dir_.string() +
                              " -c listen_addresses=127.0.0.1 -c fsync=off"
                              " -c synchronous_commit=off -c full_page_writes=off";
  auto started = run("pg_ctl -D '" + (dir_ / "data").string() + "' -w -t 30 -l '" +
                     (dir_ / "server.log").string() + "' -o \"" + options + "\" start");
  if (started) running_ = true;
  return started;
}

Status LocalCluster::stop() {
  auto stopped = run("pg_ctl -D '" + (dir_ / "data").string() + "' -m fast -w -t 30 stop");
  if (stopped) running_ = false;
  return stopped;
}

std::string LocalCluster::dsn(const std::string& database) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + database;
}

Result<std::string> LocalCluster::create_database(const std::string& name) {
  try {
    pqxx::connection admin(dsn("postgres") + " connect_timeout=5");
    pqxx::nontransaction tx(admin);
    // Test code with test-chosen names: quote_name keeps it a single identifier anyway.
    tx.exec("create database " + tx.quote_name(name));
    return dsn(name);
  } catch (const std::exception& error) {
    return make_error("postgres", std::string("create database: ") + error.what());
  }
}

}  // namespace tvbot::projections::testing
