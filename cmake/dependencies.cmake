# Debian 12 packages only; see ../shared/DEPENDENCIES.md for why each line looks like this.
find_package(Threads REQUIRED)

# CAF 0.17: Debian ships no CMake or pkg-config files, so the targets are made by hand.
find_path(CAF_INCLUDE_DIR caf/all.hpp REQUIRED)
find_library(CAF_CORE_LIBRARY caf_core REQUIRED)
add_library(CAF::core SHARED IMPORTED)
set_target_properties(CAF::core PROPERTIES IMPORTED_LOCATION "${CAF_CORE_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}" INTERFACE_LINK_LIBRARIES Threads::Threads)

find_package(RocksDB 7 CONFIG REQUIRED)       # RocksDB::rocksdb-shared (the static one adds 9 MB a binary)
find_package(simdjson 3 CONFIG REQUIRED)
find_package(spdlog 1.10 CONFIG REQUIRED)
find_package(fmt 9 CONFIG REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)  # libsystemd-dev: sd_notify
if(TVBOT_BUILD_TESTS)
  find_package(GTest 1.12 CONFIG REQUIRED)
endif()
