#include "tests/projections/pg_test_support.hpp"

#include <cstdlib>

namespace tvbot::projections::testing {
namespace {

std::unique_ptr<LocalCluster> the_cluster;

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto created = LocalCluster::create();
    ASSERT_TRUE(created.ok()) << created.error().code << ": " << created.error().message;
    the_cluster = std::move(created).value();
  }
  void TearDown() override { the_cluster.reset(); }
};

[[maybe_unused]] ::testing::Environment* const environment =
    ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);

const char* const projected_tables[] = {
    "trading_bots", "instruments", "strategy_configs", "current_positions", "position_entries",
    "trade_history", "orders", "fills", "webhook_logs"};

}  // namespace

LocalCluster& cluster() {
  if (!the_cluster) throw std::runtime_error("the PostgreSQL test cluster did not start");
  return *the_cluster;
}

std::string fresh_database_dsn() {
  static int counter = 0;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "t" + std::to_string(++counter) + "_";
  for (char c : std::string(info ? info->name() : "db")) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  }
  name = name.substr(0, 60);
  auto dsn = cluster().create_database(name);
  if (!dsn.ok()) throw std::runtime_error(dsn.error().message);
  return *dsn;
}

std::string dump_tables(const std::string& dsn) {
  pqxx::connection connection(dsn);
  pqxx::read_transaction tx(connection);
  std::string out;
  for (const char* table : projected_tables) {
    out.append("== ").append(table).append("\n");
    const auto rows = tx.exec("select t::text from " + std::string(table) + " t order by 1");
    for (const auto& row : rows) out.append(row[0].c_str()).append("\n");
  }
  out.append("== projection_checkpoints\n");
  for (const auto& row :
       tx.exec("select log_id, global_seq, last_event_time from projection_checkpoints order by 1")) {
    out.append(row[0].c_str()).append(" ").append(row[1].c_str()).append("\n");
  }
  return out;
}

std::vector<std::string> query_rows(const std::string& dsn, const std::string& sql) {
  pqxx::connection connection(dsn);
  pqxx::read_transaction tx(connection);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql)) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) line += '|';
      line += row[static_cast<pqxx::row::size_type>(i)].is_null() ? "<null>" : row[static_cast<pqxx::row::size_type>(i)].c_str();
    }
    out.push_back(std::move(line));
  }
  return out;
}

std::string query_value(const std::string& dsn, const std::string& sql) {
  auto rows = query_rows(dsn, sql);
  if (rows.empty()) return "<no rows>";
  return rows.front().substr(0, rows.front().find('|'));
}

TempLog::TempLog() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tvbot-projlog-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  storage::EventLogOptions options;
  options.log_id = "test-node";
  options.sync = false;
  auto opened = storage::EventLog::open(dir_ / "events", options);
  if (!opened.ok()) throw std::runtime_error(opened.error().message);
  log_ = std::move(opened).value();
  store_ = std::make_unique<storage::EventStore>(*log_);
}

TempLog::~TempLog() {
  store_.reset();
  log_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

}  // namespace tvbot::projections::testing
