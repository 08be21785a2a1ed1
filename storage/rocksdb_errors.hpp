#pragma once
// Turning RocksDB statuses into tvbot errors, and the one sanctioned way to drop one.
#include <rocksdb/status.h>

#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::storage {

// "corruption" for RocksDB's own checksum failures (so callers treat them like ours),
// "io_error" for everything else. `doing` says what was attempted, e.g. "writing a batch".
[[nodiscard]] inline Error from_rocksdb(const rocksdb::Status& status, std::string_view doing) {
  const char* code = status.IsCorruption() ? "corruption" : "io_error";
  return make_error(code, std::string(doing) + ": " + status.ToString());
}

// Greppable: every error storage drops on purpose goes through here, with the reason.
inline void ignore_error_on_purpose(const rocksdb::Status& /*status*/, std::string_view /*why*/) {}

}  // namespace tvbot::storage
