#include "app/config/load.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "app/config/sections.hpp"

namespace tvbot::config {
namespace {

constexpr std::size_t kLargestConfigFile = 16 * 1024 * 1024;  // thousands of bots fit in far less

ConfigResult failure(std::string message) {
  return ConfigResult(std::vector<ConfigError>{ConfigError{"", std::move(message), 0}}, {});
}

}  // namespace

ConfigResult::ConfigResult(Config config, std::vector<ConfigError> warnings)
    : data_(std::move(config)), warnings_(std::move(warnings)) {}

ConfigResult::ConfigResult(std::vector<ConfigError> errors, std::vector<ConfigError> warnings)
    : data_(std::move(errors)), warnings_(std::move(warnings)) {}

const std::vector<ConfigError>& ConfigResult::errors() const {
  static const std::vector<ConfigError> none;
  return ok() ? none : std::get<std::vector<ConfigError>>(data_);
}

std::string ConfigResult::error_report() const {
  std::string report;
  for (const auto& error : errors()) {
    if (error.line > 0) report += "line " + std::to_string(error.line) + ": ";
    report += error.message + "\n";
  }
  return report;
}

Error ConfigResult::to_error() const { return make_error("invalid_config", error_report()); }

ConfigResult load_config_from_string(std::string_view toml_text, const LoadOptions& options,
                                     std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    // toml++ stops at the first syntax error; nothing else can be checked before it is fixed.
    const auto& where = error.source().begin;
    return ConfigResult(std::vector<ConfigError>{ConfigError{
                            "", "syntax error: " + std::string(error.description()), where.line}},
                        {});
  }
  detail::Context context(toml_text, options);
  detail::TableReader reader(root, "", context);
  Config config;
  config.server = detail::read_server(reader);
  config.storage = detail::read_storage(reader);
  config.postgres = detail::read_postgres(reader, config.storage);
  config.admin = detail::read_admin(reader);
  config.telegram = detail::read_telegram(reader);
  config.logging = detail::read_logging(reader);
  config.brokers = detail::read_brokers(reader);
  config.bots = detail::read_bots(reader);
  reader.finish();
  detail::validate_cross_references(config, root, context);
  if (config.bots.empty() && !root.contains("bots")) {
    context.error("bots", nullptr, "missing; define at least one [[bots]] entry");
  }
  if (!context.errors.empty()) {
    return ConfigResult(std::move(context.errors), std::move(context.warnings));
  }
  return ConfigResult(std::move(config), std::move(context.warnings));
}

ConfigResult load_config_from_file(const std::filesystem::path& path, const LoadOptions& options) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    return failure("cannot read config file " + path.string() + ": " +
                   std::generic_category().message(error));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (text.str().size() > kLargestConfigFile) {
    return failure("config file " + path.string() + " is larger than 16 MiB");
  }
  return load_config_from_string(text.str(), options, path.string());
}

}  // namespace tvbot::config
