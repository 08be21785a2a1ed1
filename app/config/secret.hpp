#pragma once
// A credential read from the configuration: a webhook secret, a broker key, a bot token,
// a PostgreSQL DSN. Its value is never printed: operator<< writes "***", and there is no
// conversion to string. The one accessor is named reveal() so that every use can be audited
// with `grep -rn 'reveal()'`.
#include <ostream>
#include <string>
#include <string_view>

namespace tvbot::config {

class Secret {
 public:
  Secret() = default;
  // `origin` says where the value came from and is safe to log, e.g. "env TVBOT_ALPHA_SECRET".
  Secret(std::string value, std::string origin);

  [[nodiscard]] const std::string& reveal() const { return value_; }
  [[nodiscard]] const std::string& origin() const { return origin_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }
  [[nodiscard]] bool written_in_config_file() const { return from_plain_text_; }

  // Compares in time that depends only on the lengths, so a webhook caller cannot find the
  // secret one byte at a time by timing the answers.
  [[nodiscard]] bool matches(std::string_view candidate) const;

  friend std::ostream& operator<<(std::ostream& out, const Secret&) { return out << "***"; }

 private:
  std::string value_;
  std::string origin_;
  bool from_plain_text_ = false;
};

// Origins as Secret::origin() reports them.
[[nodiscard]] std::string secret_origin_env(std::string_view variable);
[[nodiscard]] std::string secret_origin_file(std::string_view path);
inline constexpr std::string_view kSecretOriginPlainText = "plain text in the config file";

}  // namespace tvbot::config
