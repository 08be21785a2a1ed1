// The signature examples published in Binance's API documentation, with their exact
// expected signatures (sources: brokers/binance/test_data/SOURCES).
#include <gtest/gtest.h>

#include "brokers/binance/signing.hpp"

namespace tvbot::binance {
namespace {

constexpr std::string_view kSpotSecret =
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr std::string_view kFuturesSecret =
    "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

TEST(BinanceSigning, Spot_example_query_string_signs_to_the_published_signature) {
  EXPECT_EQ(hmac_sha256_hex(kSpotSecret,
                            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&"
                            "recvWindow=5000&timestamp=1499827319559"),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST(BinanceSigning, Spot_example_built_from_parameters_gives_the_published_request) {
  QueryBuilder params;
  params.add("symbol", "LTCBTC").add("side", "BUY").add("type", "LIMIT").add("timeInForce", "GTC");
  params.add("quantity", "1").add("price", "0.1").add("recvWindow", "5000");
  params.add("timestamp", "1499827319559");
  EXPECT_EQ(sign_query(kSpotSecret, params.encoded()),
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&"
            "recvWindow=5000&timestamp=1499827319559&"
            "signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST(BinanceSigning, Non_ascii_symbol_is_percent_encoded_before_signing) {
  QueryBuilder params;
  params.add("symbol", "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96");  // １２３４５６
  params.add("side", "BUY").add("type", "LIMIT").add("timeInForce", "GTC").add("quantity", "1");
  params.add("price", "0.1").add("recvWindow", "5000").add("timestamp", "1499827319559");
  EXPECT_EQ(params.encoded(),
            "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&"
            "timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
  EXPECT_EQ(sign_query(kSpotSecret, params.encoded()),
            params.encoded() +
                "&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
}

TEST(BinanceSigning, Mixed_query_and_body_sign_their_concatenation_without_separator) {
  const std::string query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
  const std::string body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
  EXPECT_EQ(sign_query(kSpotSecret, query, body),
            query + "&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
}

TEST(BinanceSigning, Futures_example_query_string_signs_to_the_published_signature) {
  EXPECT_EQ(hmac_sha256_hex(kFuturesSecret,
                            "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&"
                            "recvWindow=5000&timestamp=1591702613943"),
            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
}

TEST(BinanceSigning, Futures_mixed_example_signs_exactly_the_published_payload) {
  // The published payload has a space after "timestamp=" and its signature is over exactly
  // that text; the vector is kept verbatim.
  EXPECT_EQ(hmac_sha256_hex(kFuturesSecret,
                            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=9000&"
                            "recvWindow=5000&timestamp= 1591702613943"),
            "f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2");
}

TEST(BinanceSigning, A_different_secret_or_payload_changes_the_signature) {
  const std::string payload = "symbol=LTCBTC&timestamp=1";
  EXPECT_NE(hmac_sha256_hex(kSpotSecret, payload), hmac_sha256_hex(kFuturesSecret, payload));
  EXPECT_NE(hmac_sha256_hex(kSpotSecret, payload), hmac_sha256_hex(kSpotSecret, payload + "0"));
}

TEST(BinanceSigning, Percent_encoding_keeps_unreserved_and_encodes_the_rest) {
  EXPECT_EQ(percent_encode("aZ09-_.~"), "aZ09-_.~");
  EXPECT_EQ(percent_encode("alpha/BTCUSDT:12"), "alpha%2FBTCUSDT%3A12");
  EXPECT_EQ(percent_encode("a b&c=d"), "a%20b%26c%3Dd");
}

}  // namespace
}  // namespace tvbot::binance
