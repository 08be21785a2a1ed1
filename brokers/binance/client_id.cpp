#include "brokers/binance/client_id.hpp"

#include <openssl/sha.h>

#include <array>

namespace tvbot::binance {

bool is_valid_client_order_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxClientOrderIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string to_binance_client_order_id(std::string_view tvbot_id) {
  if (is_valid_client_order_id(tvbot_id)) return std::string(tvbot_id);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(tvbot_id.data()), tvbot_id.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "tvb-";
  // 16 bytes = 32 hex digits: 4 + 32 = 36, Binance's limit; 128 bits leave collisions to chance
  // far below any number of orders an account will ever place.
  for (std::size_t i = 0; i < 16; ++i) {
    id.push_back(kHex[digest[i] >> 4]);
    id.push_back(kHex[digest[i] & 0x0f]);
  }
  return id;
}

}  // namespace tvbot::binance
