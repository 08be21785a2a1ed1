#pragma once
// Internal: one reader per part of the file. Each reads its table through a TableReader,
// applies defaults, and reports problems to the Context; none stops at the first problem.
// After an error a reader still keeps list positions equal to the file's (bots[2] is
// bots[2], even if bots[1] was not a table), so later checks name the right key; a Config
// read with errors is never handed out.
#include <optional>
#include <string_view>

#include "app/config/config.hpp"
#include "app/config/reader.hpp"

namespace tvbot::config::detail {

enum class SecretUse { required, optional };

// Reads one of <base> (plain text, discouraged), <base>_env (an environment variable's name)
// or <base>_file (a file such as a Docker secret; one trailing newline is dropped).
// With resolve == false (a disabled section) only the keys are checked, nothing is read.
// A plain-text value earns a warning unless `harmless_in_plain_text` says otherwise.
[[nodiscard]] std::optional<Secret> read_secret(
    TableReader& reader, std::string_view base, SecretUse use, bool resolve,
    bool (*harmless_in_plain_text)(std::string_view value) = nullptr);

// Ratio per_second and integer burst, under `key`. Returns `fallback` when absent.
[[nodiscard]] RateLimit read_rate_limit(TableReader& reader, std::string_view key,
                                        const RateLimit& fallback);
// An http(s) URL without a trailing '/'. Credentials in it are refused: the URL is logged.
[[nodiscard]] std::optional<std::string> read_url(TableReader& reader, std::string_view key);
[[nodiscard]] std::vector<Cidr> read_cidr_list(TableReader& reader, std::string_view key,
                                               bool allow_tradingview_preset);

[[nodiscard]] ServerConfig read_server(TableReader& root);
[[nodiscard]] StorageConfig read_storage(TableReader& root);
[[nodiscard]] PostgresConfig read_postgres(TableReader& root, const StorageConfig& storage);
[[nodiscard]] AdminConfig read_admin(TableReader& root);
[[nodiscard]] TelegramConfig read_telegram(TableReader& root);
// The rest of [telegram]: delivery keys, and the token and chat id from the environment
// (TVBOT_TELEGRAM_BOT_TOKEN, TVBOT_TELEGRAM_CHAT_ID) when the section names neither.
void read_telegram_delivery(TableReader& section, TelegramConfig& telegram);
[[nodiscard]] LoggingConfig read_logging(TableReader& root);
[[nodiscard]] std::vector<BrokerConfig> read_brokers(TableReader& root);
[[nodiscard]] std::vector<BotConfig> read_bots(TableReader& root);
// Overrides the fields of `rules` that `reader`'s table sets (sizing, max_entries, ...).
void read_trading_rules(TableReader& reader, TradingRules& rules);

// Checks that span sections: unique names, references, ticker ambiguity, port clashes.
void validate_cross_references(const Config& config, const toml::table& root, Context& context);

// [A-Za-z0-9_-]{1,64}: bot ids, broker names, the log id.
[[nodiscard]] bool is_identifier(std::string_view text);

}  // namespace tvbot::config::detail
