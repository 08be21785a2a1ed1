// [server], [storage], [postgres], [admin], [telegram].
#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

constexpr std::int64_t kLargestTimeoutMs = 10 * 60 * 1000;

// A DSN without a password (peer or certificate authentication) may be written in plain text.
bool dsn_has_no_password(std::string_view dsn) {
  return dsn.find("password") == std::string_view::npos && dsn.find('@') == std::string_view::npos;
}

// A section that is written is on unless it says `enabled = false`.
bool section_enabled(TableReader& section) { return section.boolean("enabled").value_or(true); }

void read_address(TableReader& reader, std::string_view key, std::string& address) {
  const toml::node* node = reader.table().get(key);
  auto text = reader.string(key);
  if (!text) return;
  if (!is_ip_address(*text)) {
    reader.context().error(
        reader.key_path(key), node,
        "expected an IP address such as \"127.0.0.1\" or \"0.0.0.0\", got " + in_quotes(*text));
    return;
  }
  address = *text;
}

void read_port(TableReader& reader, std::string_view key, std::uint16_t& port) {
  if (auto value = reader.integer(key, 1, 65535)) port = static_cast<std::uint16_t>(*value);
}

}  // namespace

ServerConfig read_server(TableReader& root) {
  ServerConfig server;
  const toml::table* table = root.subtable("server");
  if (!table) return server;
  TableReader reader(*table, "server", root.context());
  read_address(reader, "listen_address", server.listen_address);
  read_port(reader, "port", server.port);
  if (auto v = reader.integer("threads", 1, 64)) server.threads = static_cast<std::uint32_t>(*v);
  // A TradingView alert is a few hundred bytes; 16 MiB is far beyond any honest webhook.
  if (auto v = reader.integer("max_body_bytes", 256, 16 * 1024 * 1024))
    server.max_body_bytes = static_cast<std::uint64_t>(*v);
  if (auto v = reader.integer("header_timeout_ms", 100, kLargestTimeoutMs))
    server.header_timeout = std::chrono::milliseconds(*v);
  if (auto v = reader.integer("read_timeout_ms", 100, kLargestTimeoutMs))
    server.read_timeout = std::chrono::milliseconds(*v);
  if (auto v = reader.integer("max_connections", 1, 1'000'000))
    server.max_connections = static_cast<std::uint32_t>(*v);
  server.trusted_proxies = read_cidr_list(reader, "trusted_proxies", false);
  server.rate_limit_per_ip = read_rate_limit(reader, "rate_limit_per_ip", server.rate_limit_per_ip);
  reader.finish();
  return server;
}

StorageConfig read_storage(TableReader& root) {
  StorageConfig storage;
  const toml::table* table = root.subtable("storage");
  if (!table) return storage;
  TableReader reader(*table, "storage", root.context());
  if (auto dir = reader.string("data_dir")) {
    if (dir->empty()) {
      reader.context().error("storage.data_dir", table->get("data_dir"), "must not be empty");
    } else {
      storage.data_dir = *dir;
    }
  }
  if (auto id = reader.string("log_id")) {
    if (!is_identifier(*id)) {
      reader.context().error("storage.log_id", table->get("log_id"),
                             "expected 1 to 64 of A-Z a-z 0-9 _ -, got " + in_quotes(*id));
    } else {
      storage.log_id = *id;
    }
  }
  if (auto v = reader.integer("snapshot_every", 1, 100'000'000))
    storage.snapshot_every = static_cast<std::uint64_t>(*v);
  if (auto v = reader.boolean("sync")) storage.sync = *v;
  if (!storage.sync) {
    reader.context().warning("storage.sync", table->get("sync"),
                             "false: an acknowledged alert can be lost in a power failure");
  }
  reader.finish();
  return storage;
}

PostgresConfig read_postgres(TableReader& root, const StorageConfig& storage) {
  PostgresConfig postgres;
  postgres.local_data_dir = storage.data_dir + "/pg";
  const toml::table* table = root.subtable("postgres");
  if (!table) return postgres;
  TableReader reader(*table, "postgres", root.context());
  const bool enabled = section_enabled(reader);
  const toml::node* dsn = table->get("dsn");
  const bool local = dsn && dsn->is_string() && dsn->as_string()->get() == "auto";
  if (local) {
    reader.allow("dsn");  // "auto" is not a secret to resolve
    if (table->contains("dsn_env") || table->contains("dsn_file")) {
      reader.context().error("postgres.dsn", dsn,
                             "\"auto\" cannot be combined with dsn_env or dsn_file");
    }
    reader.allow("dsn_env");
    reader.allow("dsn_file");
  } else {
    const bool has_dsn = dsn || table->contains("dsn_env") || table->contains("dsn_file");
    postgres.dsn =
        read_secret(reader, "dsn", SecretUse::optional, enabled && has_dsn, dsn_has_no_password);
    if (has_dsn) postgres.mode = PostgresMode::external;
  }
  if (!enabled) {
    postgres.mode = PostgresMode::disabled;
    postgres.dsn.reset();
  }
  if (postgres.mode != PostgresMode::local) postgres.local_data_dir.clear();
  reader.finish();
  return postgres;
}

AdminConfig read_admin(TableReader& root) {
  AdminConfig admin;
  const toml::table* table = root.subtable("admin");
  if (!table) return admin;
  TableReader reader(*table, "admin", root.context());
  admin.enabled = section_enabled(reader);
  read_address(reader, "bind", admin.bind);
  // 0: any free port, announced on standard output (tests run several servers at once).
  if (auto v = reader.integer("port", 0, 65535)) admin.port = static_cast<std::uint16_t>(*v);
  admin.token = read_secret(reader, "token", SecretUse::required, admin.enabled);
  if (admin.enabled && !is_loopback_address(admin.bind)) {
    reader.context().warning("admin.bind", table->get("bind"),
                             admin.bind +
                                 " is reachable from other machines; the admin API can "
                                 "pause bots and close positions");
  }
  reader.finish();
  return admin;
}

TelegramConfig read_telegram(TableReader& root) {
  TelegramConfig telegram;
  const toml::table* table = root.subtable("telegram");
  if (!table) return telegram;
  TableReader reader(*table, "telegram", root.context());
  telegram.enabled = section_enabled(reader);
  // Optional here: TVBOT_TELEGRAM_BOT_TOKEN may stand in (read_telegram_delivery).
  telegram.bot_token = read_secret(reader, "token", SecretUse::optional, telegram.enabled);
  const toml::node* chat = reader.find("chat_id");
  if (chat && chat->is_integer()) {
    telegram.chat_id = std::to_string(chat->as_integer()->get());
  } else if (chat && chat->is_string() && !chat->as_string()->get().empty()) {
    telegram.chat_id = chat->as_string()->get();
  } else if (chat) {
    reader.context().error(
        "telegram.chat_id", chat,
        "expected an integer or a string such as \"@channel\", got " + describe_type(*chat));
  }
  if (auto url = read_url(reader, "api_base_url")) telegram.api_base_url = *url;
  if (auto mode = reader.one_of("parse_mode", {"HTML", "MarkdownV2", "Markdown", "none"})) {
    telegram.parse_mode = *mode == "none" ? "" : *mode;
  }
  read_telegram_delivery(reader, telegram);
  reader.finish();
  return telegram;
}

}  // namespace tvbot::config::detail
