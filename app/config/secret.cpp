#include "app/config/secret.hpp"

#include <utility>

namespace tvbot::config {

Secret::Secret(std::string value, std::string origin)
    : value_(std::move(value)),
      origin_(std::move(origin)),
      from_plain_text_(origin_ == kSecretOriginPlainText) {}

bool Secret::matches(std::string_view candidate) const {
  // Every byte of the candidate is visited whatever the outcome; a length mismatch is
  // folded into the same accumulator instead of returning early.
  unsigned char difference = value_.size() == candidate.size() ? 0 : 1;
  for (std::size_t i = 0; i < candidate.size(); ++i) {
    const unsigned char expected =
        value_.empty() ? 0 : static_cast<unsigned char>(value_[i % value_.size()]);
    difference |= static_cast<unsigned char>(expected ^ static_cast<unsigned char>(candidate[i]));
  }
  return difference == 0 && !value_.empty();
}

std::string secret_origin_env(std::string_view variable) { return "env " + std::string(variable); }

std::string secret_origin_file(std::string_view path) { return "file " + std::string(path); }

}  // namespace tvbot::config
