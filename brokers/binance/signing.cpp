#include "brokers/binance/signing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>

namespace tvbot::binance {

std::string hmac_sha256_hex(std::string_view secret, std::string_view payload) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  const unsigned char* out =
      HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest.data(),
           &length);
  // HMAC fails only when OpenSSL itself is broken (no SHA-256): nothing to sign with.
  if (out == nullptr) throw std::runtime_error("HMAC-SHA256 unavailable in OpenSSL");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' ||
                            byte == '.' || byte == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
  }
  return out;
}

QueryBuilder& QueryBuilder::add(std::string_view name, std::string_view value) {
  params_.emplace_back(std::string(name), std::string(value));
  return *this;
}

std::string QueryBuilder::encoded() const {
  std::string out;
  for (const auto& [name, value] : params_) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(name);
    out.push_back('=');
    out += percent_encode(value);
  }
  return out;
}

std::string sign_query(std::string_view secret, std::string_view query, std::string_view body) {
  std::string payload(query);
  payload += body;
  std::string signed_query(query);
  if (!signed_query.empty()) signed_query.push_back('&');
  signed_query += "signature=";
  signed_query += hmac_sha256_hex(secret, payload);
  return signed_query;
}

}  // namespace tvbot::binance
