#pragma once
// Internal: the name comparisons behind BotConfig::instrument_for_ticker.
#include <string>
#include <string_view>

namespace tvbot::config::detail {

[[nodiscard]] std::string lowercase(std::string_view text);
// "BINANCE:BTCUSDT.P" -> "BTCUSDT.P": everything up to the last ':' is the exchange.
[[nodiscard]] std::string_view without_exchange(std::string_view ticker);
// "BTCUSDT.P" -> "BTCUSDT": TradingView marks perpetual futures with ".P".
[[nodiscard]] std::string_view without_perpetual_suffix(std::string_view ticker);

}  // namespace tvbot::config::detail
