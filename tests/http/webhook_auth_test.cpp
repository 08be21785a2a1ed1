// Secret comparison, HMAC signatures and the rules that combine credentials.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "http/webhook/auth.hpp"

namespace tvbot::webhook {
namespace {

constexpr std::string_view signed_body = R"({"action":"buy","symbol":"BTCUSDT","qty":"0.01"})";
// printf '%s' "$signed_body" | openssl dgst -sha256 -hmac 'tv-hmac-key-1'
constexpr std::string_view signed_body_hmac = "64cbeab47bca7636e67b42276e4345ae8be46902a7f05dc6cb7adc604eb16594";

TEST(SecretsEqual, Equal_secrets_match_and_any_difference_does_not) {
  EXPECT_TRUE(secrets_equal("s3cr3t-Long-Enough", "s3cr3t-Long-Enough"));
  EXPECT_FALSE(secrets_equal("s3cr3t-Long-Enougx", "s3cr3t-Long-Enough"));  // last byte
  EXPECT_FALSE(secrets_equal("x3cr3t-Long-Enough", "s3cr3t-Long-Enough"));  // first byte
  EXPECT_FALSE(secrets_equal("s3cr3t", "s3cr3t-Long-Enough"));              // a prefix
  EXPECT_FALSE(secrets_equal("s3cr3t-Long-Enough!", "s3cr3t-Long-Enough")); // longer
  EXPECT_FALSE(secrets_equal("S3CR3T-LONG-ENOUGH", "s3cr3t-Long-Enough"));  // case matters
}

TEST(SecretsEqual, An_unset_secret_matches_nothing_not_even_an_empty_one) {
  EXPECT_FALSE(secrets_equal("", ""));
  EXPECT_FALSE(secrets_equal("anything", ""));
}

TEST(SecretsEqual, Secrets_with_embedded_nul_bytes_are_compared_in_full) {
  const std::string a("abc\0def", 7);
  const std::string b("abc\0xyz", 7);
  EXPECT_TRUE(secrets_equal(a, a));
  EXPECT_FALSE(secrets_equal(a, b));
}

TEST(Digests, Sha256_and_hmac_match_published_and_openssl_vectors) {
  EXPECT_EQ(sha256_hex("hello"), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  // The HMAC example on Wikipedia's HMAC page.
  EXPECT_EQ(hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  EXPECT_EQ(hmac_sha256_hex("tv-hmac-key-1", signed_body), signed_body_hmac);
}

TEST(HmacSignature, Prefixed_bare_and_upper_case_hex_all_verify) {
  EXPECT_TRUE(verify_hmac_signature(signed_body, "sha256=" + std::string(signed_body_hmac), "tv-hmac-key-1").ok());
  EXPECT_TRUE(verify_hmac_signature(signed_body, signed_body_hmac, "tv-hmac-key-1").ok());
  std::string upper(signed_body_hmac);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(verify_hmac_signature(signed_body, " SHA256=" + upper + " ", "tv-hmac-key-1").ok());
}

TEST(HmacSignature, Changed_body_wrong_key_short_or_missing_signature_are_refused) {
  std::string tampered(signed_body);
  tampered.replace(tampered.find("0.01"), 4, "9.99");
  EXPECT_EQ(verify_hmac_signature(tampered, signed_body_hmac, "tv-hmac-key-1").error().code, "invalid_signature");
  EXPECT_EQ(verify_hmac_signature(signed_body, signed_body_hmac, "tv-hmac-key-2").error().code, "invalid_signature");
  EXPECT_EQ(verify_hmac_signature(signed_body, signed_body_hmac.substr(0, 63), "tv-hmac-key-1").error().code,
            "invalid_signature");
  EXPECT_EQ(verify_hmac_signature(signed_body, "sha256=zz", "tv-hmac-key-1").error().code, "invalid_signature");
  EXPECT_EQ(verify_hmac_signature(signed_body, "", "tv-hmac-key-1").error().code, "missing_signature");
}

TEST(Authenticate, Body_secret_or_path_token_alone_is_enough) {
  const ExpectedCredentials expected{"body-secret", "path-token", ""};
  EXPECT_TRUE(authenticate(expected, {"body-secret", std::nullopt, "", signed_body}).ok());
  EXPECT_TRUE(authenticate(expected, {std::nullopt, "path-token", "", signed_body}).ok());
  EXPECT_TRUE(authenticate(expected, {"body-secret", "path-token", "", signed_body}).ok());
}

TEST(Authenticate, Every_presented_credential_must_be_valid) {
  const ExpectedCredentials expected{"body-secret", "path-token", ""};
  EXPECT_EQ(authenticate(expected, {"wrong", "path-token", "", signed_body}).error().code, "invalid_secret");
  EXPECT_EQ(authenticate(expected, {"body-secret", "wrong", "", signed_body}).error().code, "invalid_token");
  // A token presented for a bot that has none configured is wrong, not ignored.
  EXPECT_EQ(authenticate({"body-secret", "", ""}, {"body-secret", "guess", "", signed_body}).error().code,
            "invalid_token");
}

TEST(Authenticate, Nothing_presented_is_missing_credentials_and_nothing_configured_accepts_nobody) {
  EXPECT_EQ(authenticate({"body-secret", "", ""}, {std::nullopt, std::nullopt, "", signed_body}).error().code,
            "missing_credentials");
  EXPECT_EQ(authenticate({"", "", ""}, {"", std::nullopt, "", signed_body}).error().code, "auth_not_configured");
}

TEST(Authenticate, Bot_with_hmac_key_requires_the_signature_even_with_the_right_secret) {
  const ExpectedCredentials expected{"body-secret", "", "tv-hmac-key-1"};
  EXPECT_EQ(authenticate(expected, {"body-secret", std::nullopt, "", signed_body}).error().code, "missing_signature");
  EXPECT_TRUE(authenticate(expected, {std::nullopt, std::nullopt, signed_body_hmac, signed_body}).ok());
  EXPECT_EQ(authenticate(expected, {"wrong", std::nullopt, signed_body_hmac, signed_body}).error().code,
            "invalid_secret");
}

TEST(Authenticate, Error_messages_never_contain_the_presented_or_expected_values) {
  const Status status = authenticate({"body-secret", "path-token", ""}, {"hunter2", std::nullopt, "", signed_body});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message.find("hunter2"), std::string::npos);
  EXPECT_EQ(status.error().message.find("body-secret"), std::string::npos);
}

}  // namespace
}  // namespace tvbot::webhook
