#include <cerrno>
#include <fstream>
#include <system_error>

#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

constexpr std::size_t kLargestSecretFile = 64 * 1024;  // a key or a DSN; more is a wrong path

bool is_environment_variable_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (const char c : name) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<Secret> from_environment(TableReader& reader, const std::string& key,
                                       const toml::node* node, const std::string& name) {
  if (!is_environment_variable_name(name)) {
    reader.context().error(key, node, in_quotes(name) + " is not an environment variable name");
    return std::nullopt;
  }
  const auto value = reader.context().environment_variable(name);
  if (!value) {
    reader.context().error(key, node, "environment variable " + name + " is not set");
    return std::nullopt;
  }
  if (value->empty()) {
    reader.context().error(key, node, "environment variable " + name + " is empty");
    return std::nullopt;
  }
  return Secret(*value, secret_origin_env(name));
}

std::optional<Secret> from_file(TableReader& reader, const std::string& key, const toml::node* node,
                                const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    reader.context().error(
        key, node,
        "cannot read " + in_quotes(path) + ": " + std::generic_category().message(error));
    return std::nullopt;
  }
  std::string value;
  value.resize(kLargestSecretFile + 1);
  file.read(value.data(), static_cast<std::streamsize>(value.size()));
  value.resize(static_cast<std::size_t>(file.gcount()));
  if (value.size() > kLargestSecretFile) {
    reader.context().error(key, node,
                           in_quotes(path) + " is larger than 64 KiB; is it the right file?");
    return std::nullopt;
  }
  // `echo secret > file` and Docker secrets end with a newline that is not part of the secret.
  if (!value.empty() && value.back() == '\n') value.pop_back();
  if (!value.empty() && value.back() == '\r') value.pop_back();
  if (value.empty()) {
    reader.context().error(key, node, in_quotes(path) + " is empty");
    return std::nullopt;
  }
  return Secret(std::move(value), secret_origin_file(path));
}

}  // namespace

std::optional<Secret> read_secret(TableReader& reader, std::string_view base, SecretUse use,
                                  bool resolve,
                                  bool (*harmless_in_plain_text)(std::string_view value)) {
  const std::string plain_key(base);
  const std::string env_key = plain_key + "_env";
  const std::string file_key = plain_key + "_file";
  // Type errors in a plain secret must not quote it, so these are checked by hand.
  const toml::node* plain = reader.find(plain_key);
  const auto env_name = reader.string(env_key);
  const auto file_path = reader.string(file_key);
  const toml::node* env_node = reader.table().get(env_key);
  const toml::node* file_node = reader.table().get(file_key);
  if (plain && !plain->is_string()) {
    reader.context().error(reader.key_path(plain_key), plain,
                           "expected a string, got " + describe_type(*plain));
    return std::nullopt;
  }
  const int given = (plain ? 1 : 0) + (env_node ? 1 : 0) + (file_node ? 1 : 0);
  if (given > 1) {
    reader.context().error(reader.key_path(plain_key), plain ? plain : env_node,
                           "set only one of " + plain_key + ", " + env_key + ", " + file_key);
    return std::nullopt;
  }
  if (given == 0) {
    if (use == SecretUse::required && resolve) {
      reader.context().error(reader.key_path(plain_key), nullptr,
                             "missing; set " + env_key + " (an environment variable), " + file_key +
                                 " (a file) or " + plain_key);
    }
    return std::nullopt;
  }
  if (!resolve) return std::nullopt;
  if (env_name) return from_environment(reader, reader.key_path(env_key), env_node, *env_name);
  if (file_path) return from_file(reader, reader.key_path(file_key), file_node, *file_path);
  if (!plain) return std::nullopt;  // an _env or _file of the wrong type, already reported
  const std::string& value = plain->as_string()->get();
  if (value.empty()) {
    reader.context().error(reader.key_path(plain_key), plain, "is empty");
    return std::nullopt;
  }
  if (!harmless_in_plain_text || !harmless_in_plain_text(value)) {
    reader.context().warning(
        reader.key_path(plain_key), plain,
        "written in plain text in the config file; prefer " + env_key + " or " + file_key);
  }
  return Secret(value, std::string(kSecretOriginPlainText));
}

}  // namespace tvbot::config::detail
