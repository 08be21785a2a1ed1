#pragma once
// Reading and validating the configuration file. Every problem is collected, so one run
// of `tvbot check-config` shows them all. Messages name the key and the problem
// (`bots[1].mode: expected "one-way" or "hedge", got "hedged"`) and never contain a secret.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/config/config.hpp"
#include "events/result.hpp"

namespace tvbot::config {

struct ConfigError {
  std::string key;         // "bots[1].mode"; empty for a problem with the whole file
  std::string message;     // the full line, key included
  std::uint32_t line = 0;  // 1-based line in the file; 0 when unknown
  bool operator==(const ConfigError&) const = default;
};

class [[nodiscard]] ConfigResult {
 public:
  ConfigResult(Config config, std::vector<ConfigError> warnings);
  ConfigResult(std::vector<ConfigError> errors, std::vector<ConfigError> warnings);

  [[nodiscard]] bool ok() const { return std::holds_alternative<Config>(data_); }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const Config& value() const& { return std::get<Config>(data_); }
  [[nodiscard]] Config&& value() && { return std::get<Config>(std::move(data_)); }
  [[nodiscard]] const Config* operator->() const { return &value(); }

  // Empty when ok().
  [[nodiscard]] const std::vector<ConfigError>& errors() const;
  // Discouraged but valid choices (a secret in plain text, sync = false, ...).
  [[nodiscard]] const std::vector<ConfigError>& warnings() const { return warnings_; }
  // One error a line, prefixed with "line N: " where known.
  [[nodiscard]] std::string error_report() const;
  // All errors as one Error{"invalid_config", error_report()}.
  [[nodiscard]] Error to_error() const;

 private:
  std::variant<Config, std::vector<ConfigError>> data_;
  std::vector<ConfigError> warnings_;
};

struct LoadOptions {
  // Looks up the variables that *_env keys name; the process environment when empty.
  std::function<std::optional<std::string>(const std::string& name)> environment;
};

[[nodiscard]] ConfigResult load_config_from_file(const std::filesystem::path& path,
                                                 const LoadOptions& options = {});
// `source_name` appears in syntax errors only.
[[nodiscard]] ConfigResult load_config_from_string(std::string_view toml_text,
                                                   const LoadOptions& options = {},
                                                   std::string_view source_name = "config");

}  // namespace tvbot::config
