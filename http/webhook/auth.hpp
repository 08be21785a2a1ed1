#pragma once
// Who may send an alert for a bot: a shared secret in the body, a token in the URL path
// (/webhook/{bot}/{token}) or an HMAC-SHA256 signature of the raw body in a header.
// Comparisons are constant-time and independent of where or whether lengths differ; no
// error message says which part of a credential was wrong or echoes a value.
#include <optional>
#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::webhook {

// Compares SHA-256 digests of both sides with CRYPTO_memcmp: time depends on neither the
// position of the first difference nor on whether the lengths match. An empty `expected`
// never matches (an unset secret must not accept an empty one).
[[nodiscard]] bool secrets_equal(std::string_view presented, std::string_view expected);

[[nodiscard]] std::string sha256_hex(std::string_view data);
[[nodiscard]] std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// header_value is "sha256=<64 hex digits>" or the bare hex (GitHub's and most senders'
// forms), hex in either case, surrounding whitespace ignored.
// Codes: "missing_signature" (empty header), "invalid_signature" (malformed or wrong).
[[nodiscard]] Status verify_hmac_signature(std::string_view body, std::string_view header_value,
                                           std::string_view hmac_key);

// A bot's configured credentials; empty means "not configured".
struct ExpectedCredentials {
  std::string_view secret;
  std::string_view path_token;
  std::string_view hmac_key;
};

struct PresentedCredentials {
  std::optional<std::string_view> body_secret;
  std::optional<std::string_view> path_token;
  std::string_view signature;  // the signature header's value, empty when absent
  std::string_view body;       // raw, as signed
};

// The rules, in order:
//   1. a bot with an HMAC key requires a valid signature ("missing_signature",
//      "invalid_signature"): such senders can sign, so a leaked secret alone is not enough;
//   2. every credential presented must be valid ("invalid_token", "invalid_secret");
//   3. at least one credential must have been checked ("missing_credentials"), and a bot
//      with none configured accepts nothing ("auth_not_configured").
[[nodiscard]] Status authenticate(const ExpectedCredentials& expected,
                                  const PresentedCredentials& presented);

}  // namespace tvbot::webhook
