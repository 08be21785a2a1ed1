// Schema migrations on a fresh database, a re-run, and a database from a newer build.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "projections/pg_connect.hpp"
#include "projections/projector.hpp"
#include "projections/schema.hpp"
#include "tests/projections/pg_test_support.hpp"

namespace tvbot::projections {
namespace {

using testing::fresh_database_dsn;
using testing::query_rows;
using testing::query_value;

TEST(Migrations, Fresh_database_gets_every_table_and_one_row_per_version) {
  const std::string dsn = fresh_database_dsn();
  pqxx::connection connection(dsn);
  auto version = migrate(connection);
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(*version, latest_schema_version());
  EXPECT_EQ(query_rows(dsn, "select version from schema_migrations order by 1"),
            std::vector<std::string>{"1"});
  const auto tables = query_rows(dsn,
      "select table_name from information_schema.tables where table_schema = 'public' order by 1");
  EXPECT_EQ(tables, (std::vector<std::string>{
                        "current_positions", "fills", "instruments", "orders", "position_entries",
                        "projection_checkpoints", "schema_migrations", "strategy_configs",
                        "trade_history", "trading_bots", "webhook_logs"}));
  // Money and quantities are numeric, times timestamptz.
  EXPECT_EQ(query_value(dsn, "select data_type from information_schema.columns where "
                             "table_name = 'trade_history' and column_name = 'realized_gross'"),
            "numeric");
  EXPECT_EQ(query_value(dsn, "select data_type from information_schema.columns where "
                             "table_name = 'trade_history' and column_name = 'closed_at'"),
            "timestamp with time zone");
}

TEST(Migrations, Running_again_changes_nothing) {
  const std::string dsn = fresh_database_dsn();
  pqxx::connection connection(dsn);
  ASSERT_TRUE(migrate(connection).ok());
  const auto applied_at = query_value(dsn, "select applied_at from schema_migrations");
  auto again = migrate(connection);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, latest_schema_version());
  EXPECT_EQ(query_value(dsn, "select count(*) from schema_migrations"), "1");
  EXPECT_EQ(query_value(dsn, "select applied_at from schema_migrations"), applied_at);
}

TEST(Migrations, A_database_migrated_by_a_newer_build_is_refused) {
  const std::string dsn = fresh_database_dsn();
  pqxx::connection connection(dsn);
  ASSERT_TRUE(migrate(connection).ok());
  {
    pqxx::work tx(connection);
    tx.exec("insert into schema_migrations (version, name) values (99, 'from the future')");
    tx.commit();
  }
  auto refused = migrate(connection);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "schema_too_new");
  EXPECT_NE(refused.error().message.find("99"), std::string::npos);
  auto projector = Projector::open(dsn, "node-a");
  ASSERT_FALSE(projector.ok());
  EXPECT_EQ(projector.error().code, "schema_too_new");
}

TEST(Connect, An_unreachable_server_fails_within_the_timeout_and_the_password_stays_out) {
  PgTimeouts timeouts;
  timeouts.connect = std::chrono::seconds(2);
  const auto started = std::chrono::steady_clock::now();
  // 192.0.2.1 (TEST-NET-1) never answers: the connect timeout must end the wait.
  auto failed = pg_connect("host=192.0.2.1 port=5432 user=x password=hunter2 dbname=x", timeouts);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "postgres");
  EXPECT_EQ(failed.error().message.find("hunter2"), std::string::npos) << failed.error().message;
  EXPECT_LT(took, std::chrono::seconds(8));
}

TEST(Connect, A_malformed_dsn_is_reported_without_quoting_it) {
  auto failed = pg_connect("host=127.0.0.1 hunter2secret", PgTimeouts{});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message.find("hunter2secret"), std::string::npos) << failed.error().message;
  EXPECT_NE(failed.error().message.find("malformed"), std::string::npos) << failed.error().message;
}

TEST(Connect, Timeouts_are_added_to_key_value_and_uri_dsns_unless_set) {
  PgTimeouts timeouts;
  timeouts.connect = std::chrono::seconds(3);
  const auto kv = dsn_with_timeouts("host=h dbname=d connect_timeout=9", timeouts);
  EXPECT_NE(kv.find("connect_timeout=9"), std::string::npos);
  EXPECT_EQ(kv.find("connect_timeout=3"), std::string::npos);
  EXPECT_NE(kv.find(" keepalives=1"), std::string::npos);
  const auto uri = dsn_with_timeouts("postgresql://u@h/d", timeouts);
  EXPECT_EQ(uri.rfind("postgresql://u@h/d?connect_timeout=3&", 0), 0u) << uri;
}

}  // namespace
}  // namespace tvbot::projections
