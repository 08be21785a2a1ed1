#include "brokers/alpaca/client_order_id.hpp"

#include <openssl/evp.h>

namespace tvbot::alpaca {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool is_plain(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string hashed(std::string_view escaped) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  std::string id = "_h";
  // EVP_Digest only fails on allocation failure; then the id is the escaped text cut
  // short, which is still deterministic.
  if (EVP_Digest(escaped.data(), escaped.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return std::string(escaped.substr(0, kMaxClientOrderIdLength));
  }
  for (unsigned int i = 0; i < length && id.size() < 42; ++i) {
    id += kHex[digest[i] >> 4];
    id += kHex[digest[i] & 0xf];
  }
  return id;
}

}  // namespace

std::string to_alpaca_client_id(std::string_view tvbot_id) {
  std::string escaped;
  escaped.reserve(tvbot_id.size() + 4);
  for (const char c : tvbot_id) {
    if (is_plain(c)) {
      escaped += c;
    } else if (c == '_') {
      escaped += "__";
    } else if (c == '/') {
      escaped += "_s";
    } else if (c == ':') {
      escaped += "_c";
    } else {
      const auto byte = static_cast<unsigned char>(c);
      escaped += "_x";
      escaped += kHex[byte >> 4];
      escaped += kHex[byte & 0xf];
    }
  }
  if (escaped.size() > kMaxClientOrderIdLength) return hashed(escaped);
  return escaped;
}

std::optional<std::string> from_alpaca_client_id(std::string_view alpaca_id) {
  std::string id;
  for (std::size_t i = 0; i < alpaca_id.size(); ++i) {
    const char c = alpaca_id[i];
    if (is_plain(c)) {
      id += c;
      continue;
    }
    if (c != '_' || i + 1 >= alpaca_id.size()) return std::nullopt;
    const char next = alpaca_id[++i];
    if (next == '_') {
      id += '_';
    } else if (next == 's') {
      id += '/';
    } else if (next == 'c') {
      id += ':';
    } else if (next == 'x' && i + 2 < alpaca_id.size()) {
      const int high = hex_value(alpaca_id[i + 1]);
      const int low = hex_value(alpaca_id[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      id += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      return std::nullopt;  // "_h...": hashed; anything else: not made by tvbot
    }
  }
  return id;
}

}  // namespace tvbot::alpaca
