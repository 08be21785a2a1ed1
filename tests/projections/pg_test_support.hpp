#pragma once
// Shared by the projection tests: one real PostgreSQL 15 cluster per test executable
// (started before the first test, torn down after the last), a fresh database per test,
// a temporary event log, and table dumps to compare projections.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "projections/testing/local_cluster.hpp"
#include "storage/event_store.hpp"

namespace tvbot::projections::testing {

// The cluster of this executable; a test fails (not crashes) if it could not start.
LocalCluster& cluster();

// A new database named after the running test (plus a counter), migrated by nobody yet.
std::string fresh_database_dsn();

// Every projected table as text, rows sorted, so two projections can be compared whole.
// The checkpoint's wall-clock updated_at is left out.
std::string dump_tables(const std::string& dsn);

// One value of a query (first row, first column), NULL as "<null>".
std::string query_value(const std::string& dsn, const std::string& sql);
// Rows of a query, columns joined by '|', NULL as "<null>".
std::vector<std::string> query_rows(const std::string& dsn, const std::string& sql);

// A temporary event log (sync off: test data).
class TempLog {
 public:
  TempLog();
  ~TempLog();
  storage::EventLog& log() { return *log_; }
  storage::EventStore& store() { return *store_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<storage::EventStore> store_;
};

}  // namespace tvbot::projections::testing
