#pragma once
// Binance request signing (SIGNED endpoints, HMAC keys).
//
// The signature is HMAC-SHA256 over "query string concatenated without separator to the
// HTTP body", keyed by the API secret and written as lowercase hex; it is sent as the
// last parameter `signature`. Parameters are percent-encoded before signing, so the
// venue and we sign the very bytes that travel. The API key goes in the X-MBX-APIKEY
// header. The published examples are unit tests (tests/brokers/binance/signing_test.cpp).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tvbot::binance {

// Lowercase hex HMAC-SHA256(secret, payload), computed with OpenSSL.
[[nodiscard]] std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

// RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - _ . ~).
// Non-ASCII text is encoded byte by byte from its UTF-8, as Binance's second example shows.
[[nodiscard]] std::string percent_encode(std::string_view text);

// Parameters in the order they are added: Binance signs the bytes as sent, not a
// canonical form, so the order is whatever we send.
class QueryBuilder {
 public:
  QueryBuilder& add(std::string_view name, std::string_view value);
  [[nodiscard]] bool empty() const { return params_.empty(); }
  // "name=value&name=value", values percent-encoded.
  [[nodiscard]] std::string encoded() const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// query + "&signature=" + hmac(secret, query + body): the query string to send.
[[nodiscard]] std::string sign_query(std::string_view secret, std::string_view query,
                                     std::string_view body = {});

}  // namespace tvbot::binance
