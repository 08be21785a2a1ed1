#pragma once
// Self-signed certificates made at run time with the OpenSSL API, for TLS test servers.
// Nothing is checked into the repository and nothing expires between runs.
#include <string>

namespace tvbot::test_support {

enum class CertificateKind {
  valid,       // SAN IP:127.0.0.1, IP:::1, DNS:localhost; valid from 1 hour ago for 1 day
  wrong_host,  // SAN DNS:wrong-host.invalid only: verification of 127.0.0.1/localhost fails
  expired,     // the valid one's names, but expired yesterday
};

// A P-256 key and its self-signed certificate, both PEM. Throws std::runtime_error when
// OpenSSL fails (it never should).
struct TestCertificate {
  std::string certificate_pem;
  std::string private_key_pem;

  [[nodiscard]] static TestCertificate generate(CertificateKind kind = CertificateKind::valid);
};

// A file under $TMPDIR (or /tmp) holding `contents`, removed again by the destructor:
// the certificate PEM goes here for WebClientOptions::ca_file.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& contents);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tvbot::test_support
