#include <gtest/gtest.h>

#include "brokers/binance/client_id.hpp"

namespace tvbot::binance {
namespace {

TEST(BinanceClientId, A_tvbot_id_that_fits_is_sent_as_it_is) {
  EXPECT_EQ(to_binance_client_order_id("alpha/BTCUSDT:12"), "alpha/BTCUSDT:12");
  EXPECT_TRUE(is_valid_client_order_id("alpha/BTCUSDT:12"));
}

TEST(BinanceClientId, A_too_long_id_becomes_a_fixed_length_hash_with_a_prefix) {
  const std::string id = "a-rather-long-bot-name/BTCUSDT:1234567";  // 38 characters
  const std::string mapped = to_binance_client_order_id(id);
  EXPECT_EQ(mapped.size(), kMaxClientOrderIdLength);
  EXPECT_EQ(mapped.rfind("tvb-", 0), 0u);
  EXPECT_TRUE(is_valid_client_order_id(mapped));
  EXPECT_EQ(mapped.find(':'), std::string::npos);
}

TEST(BinanceClientId, Mapping_is_deterministic_so_a_restart_finds_the_same_order) {
  const std::string id = "bot with spaces/ETHUSDT:7";
  EXPECT_EQ(to_binance_client_order_id(id), to_binance_client_order_id(std::string(id)));
  EXPECT_NE(to_binance_client_order_id(id), to_binance_client_order_id("bot with spaces/ETHUSDT:8"));
}

TEST(BinanceClientId, Characters_outside_binance_set_force_the_hash) {
  EXPECT_FALSE(is_valid_client_order_id("bot+1/X:1"));
  EXPECT_FALSE(is_valid_client_order_id(""));
  EXPECT_NE(to_binance_client_order_id("bot+1/X:1"), "bot+1/X:1");
  EXPECT_TRUE(is_valid_client_order_id(std::string(36, 'a')));
  EXPECT_FALSE(is_valid_client_order_id(std::string(37, 'a')));
}

}  // namespace
}  // namespace tvbot::binance
