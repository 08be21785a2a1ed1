#include "app/config/ticker.hpp"

#include "app/config/config.hpp"

namespace tvbot::config {
namespace detail {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const InstrumentConfig* find_by_name(const std::vector<InstrumentConfig>& instruments,
                                     std::string_view name) {
  for (const auto& instrument : instruments) {
    if (equal_ignoring_case(instrument.symbol, name)) return &instrument;
    for (const auto& ticker : instrument.tradingview_tickers) {
      if (equal_ignoring_case(ticker, name)) return &instrument;
    }
  }
  return nullptr;
}

}  // namespace

std::string lowercase(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = lower(c);
  return result;
}

std::string_view without_exchange(std::string_view ticker) {
  const auto colon = ticker.rfind(':');
  return colon == std::string_view::npos ? ticker : ticker.substr(colon + 1);
}

std::string_view without_perpetual_suffix(std::string_view ticker) {
  if (ticker.size() > 2 && equal_ignoring_case(ticker.substr(ticker.size() - 2), ".p")) {
    return ticker.substr(0, ticker.size() - 2);
  }
  return ticker;
}

}  // namespace detail

// Few instruments per bot (tens at most), so a scan is as fast as an index and needs no
// upkeep when a BotConfig is copied.
const InstrumentConfig* BotConfig::instrument_for_ticker(std::string_view ticker) const {
  if (ticker.empty()) return nullptr;
  if (const auto* found = detail::find_by_name(instruments, ticker)) return found;
  if (strict_tickers) return nullptr;
  const std::string_view bare = detail::without_exchange(ticker);
  if (bare.empty()) return nullptr;
  if (const auto* found = detail::find_by_name(instruments, bare)) return found;
  const std::string_view base = detail::without_perpetual_suffix(bare);
  return base == bare ? nullptr : detail::find_by_name(instruments, base);
}

}  // namespace tvbot::config
