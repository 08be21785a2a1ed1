#include <array>

#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

// The addresses TradingView sends webhooks from, as its help page "About webhooks" lists
// them. If TradingView adds one, alerts from it are refused until this list is updated;
// list the new address next to "tradingview" meanwhile.
constexpr std::array<std::string_view, 4> kTradingViewAddresses = {"52.89.214.238", "34.212.75.30",
                                                                   "54.218.53.128", "52.32.178.7"};

}  // namespace

bool is_identifier(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

RateLimit read_rate_limit(TableReader& reader, std::string_view key, const RateLimit& fallback) {
  RateLimit limit = fallback;
  const toml::table* table = reader.subtable(key);
  if (!table) return limit;
  TableReader rate(*table, reader.key_path(key), reader.context());
  if (auto per_second = rate.decimal<Ratio>("per_second", Sign::positive))
    limit.per_second = *per_second;
  if (auto burst = rate.integer("burst", 1, 1'000'000))
    limit.burst = static_cast<std::uint32_t>(*burst);
  rate.finish();
  return limit;
}

std::optional<std::string> read_url(TableReader& reader, std::string_view key) {
  const toml::node* node = reader.table().get(key);
  auto url = reader.string(key);
  if (!url) return std::nullopt;
  const bool https = url->rfind("https://", 0) == 0;
  if (!https && url->rfind("http://", 0) != 0) {
    // Not echoed: whatever it is, it is not a URL we would log.
    reader.context().error(reader.key_path(key), node, "expected a URL starting with https://");
    return std::nullopt;
  }
  const std::size_t authority = https ? 8 : 7;
  const std::string_view host_part =
      std::string_view(*url).substr(authority, url->find('/', authority) - authority);
  if (host_part.find('@') != std::string_view::npos || url->find("/bot") != std::string::npos) {
    reader.context().error(reader.key_path(key), node,
                           "must not contain credentials or a bot token; use the *_env keys");
    return std::nullopt;
  }
  while (!url->empty() && url->back() == '/') url->pop_back();
  return url;
}

std::vector<Cidr> read_cidr_list(TableReader& reader, std::string_view key,
                                 bool allow_tradingview_preset) {
  std::vector<Cidr> networks;
  const auto entries = reader.string_list(key);
  if (!entries) return networks;
  const toml::array* list = reader.table().get(key)->as_array();
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string& entry = (*entries)[i];
    if (allow_tradingview_preset && entry == "tradingview") {
      for (const auto address : kTradingViewAddresses) {
        networks.push_back(Cidr::parse(address).value());
      }
      continue;
    }
    auto cidr = Cidr::parse(entry);
    if (!cidr.ok()) {
      reader.context().error(reader.key_path(key) + "[" + std::to_string(i) + "]", list->get(i),
                             cidr.error().message + " (got " + in_quotes(entry) + ")");
      continue;
    }
    networks.push_back(*cidr);
  }
  return networks;
}

}  // namespace tvbot::config::detail
