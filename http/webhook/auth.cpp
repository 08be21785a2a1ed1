#include "http/webhook/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdint>

#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {
namespace {

constexpr std::size_t sha256_bytes = 32;
using Digest = std::array<unsigned char, sha256_bytes>;

Digest sha256(std::string_view data) {
  Digest digest{};
  unsigned int length = 0;
  // EVP_Digest fails only on allocation failure; a zero digest then matches nothing real.
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    digest.fill(0);
  }
  return digest;
}

Digest hmac_sha256(std::string_view key, std::string_view data) {
  Digest digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(),
           &length) == nullptr) {
    digest.fill(0);
  }
  return digest;
}

std::string to_hex(const Digest& digest) {
  constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    hex += digits[byte >> 4];
    hex += digits[byte & 0x0f];
  }
  return hex;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<Digest> parse_hex_digest(std::string_view hex) {
  if (hex.size() != sha256_bytes * 2) return std::nullopt;
  Digest digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) {
    const int high = hex_value(hex[2 * i]);
    const int low = hex_value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    digest[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return digest;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i];
    if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool secrets_equal(std::string_view presented, std::string_view expected) {
  const Digest presented_digest = sha256(presented);
  const Digest expected_digest = sha256(expected);
  const bool equal = CRYPTO_memcmp(presented_digest.data(), expected_digest.data(), sha256_bytes) == 0;
  return equal && !expected.empty();
}

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  return to_hex(hmac_sha256(key, data));
}

Status verify_hmac_signature(std::string_view body, std::string_view header_value,
                             std::string_view hmac_key) {
  std::string_view hex = trim_json_whitespace(header_value);
  if (hex.empty()) return make_error("missing_signature", "the request has no signature header");
  if (starts_with_ignoring_case(hex, "sha256=")) hex.remove_prefix(7);
  const std::optional<Digest> presented = parse_hex_digest(hex);
  const Digest expected = hmac_sha256(hmac_key, body);
  if (!presented || hmac_key.empty() ||
      CRYPTO_memcmp(presented->data(), expected.data(), sha256_bytes) != 0) {
    return make_error("invalid_signature", "the signature does not match the body");
  }
  return {};
}

Status authenticate(const ExpectedCredentials& expected, const PresentedCredentials& presented) {
  if (expected.secret.empty() && expected.path_token.empty() && expected.hmac_key.empty()) {
    return make_error("auth_not_configured", "this bot has no credentials configured");
  }
  bool checked = false;
  if (!expected.hmac_key.empty()) {
    if (auto status = verify_hmac_signature(presented.body, presented.signature, expected.hmac_key); !status) {
      return status;
    }
    checked = true;
  }
  if (presented.path_token) {
    if (!secrets_equal(*presented.path_token, expected.path_token)) {
      return make_error("invalid_token", "the URL token is not valid for this bot");
    }
    checked = true;
  }
  if (presented.body_secret) {
    if (!secrets_equal(*presented.body_secret, expected.secret)) {
      return make_error("invalid_secret", "the secret is not valid for this bot");
    }
    checked = true;
  }
  if (!checked) return make_error("missing_credentials", "the request carries no secret, token or signature");
  return {};
}

}  // namespace tvbot::webhook
