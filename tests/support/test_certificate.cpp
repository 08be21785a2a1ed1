#include "tests/support/test_certificate.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <vector>

namespace tvbot::test_support {
namespace {

template <class T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* object) const { Free(object); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;
using ExtensionPtr =
    std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION, X509_EXTENSION_free>>;

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

void add_extension(X509* certificate, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  require(extension != nullptr, "X509V3_EXT_conf_nid");
  require(X509_add_ext(certificate, extension.get(), -1) == 1, "X509_add_ext");
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

constexpr long kHour = 60 * 60;
constexpr long kDay = 24 * kHour;

}  // namespace

TestCertificate TestCertificate::generate(CertificateKind kind) {
  KeyPtr key(EVP_EC_gen("P-256"));
  require(key != nullptr, "EVP_EC_gen");

  CertPtr certificate(X509_new());
  require(certificate != nullptr, "X509_new");
  require(X509_set_version(certificate.get(), 2) == 1, "X509_set_version");  // 2 means v3
  // Random serials keep OpenSSL from taking two test certificates for one.
  std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>> serial(BN_new());
  require(serial != nullptr && BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1,
          "BN_rand");
  require(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())) != nullptr,
          "serial");
  // Starting an hour back tolerates clock skew; "expired" ended a day ago.
  const bool expired = kind == CertificateKind::expired;
  require(X509_gmtime_adj(X509_getm_notBefore(certificate.get()), expired ? -2 * kDay : -kHour) !=
              nullptr,
          "notBefore");
  require(X509_gmtime_adj(X509_getm_notAfter(certificate.get()), expired ? -kDay : kDay) != nullptr,
          "notAfter");
  require(X509_set_pubkey(certificate.get(), key.get()) == 1, "X509_set_pubkey");

  X509_NAME* name = X509_get_subject_name(certificate.get());
  const char* common_name =
      kind == CertificateKind::wrong_host ? "wrong-host.invalid" : "localhost";
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>(common_name), -1, -1,
                                     0) == 1,
          "subject");
  require(X509_set_issuer_name(certificate.get(), name) == 1, "issuer");

  add_extension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(certificate.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
  add_extension(certificate.get(), NID_ext_key_usage, "serverAuth");
  add_extension(certificate.get(), NID_subject_key_identifier, "hash");
  add_extension(certificate.get(), NID_subject_alt_name,
                kind == CertificateKind::wrong_host ? "DNS:wrong-host.invalid"
                                                    : "IP:127.0.0.1,IP:::1,DNS:localhost");
  require(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "X509_sign");

  TestCertificate result;
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_X509(cert_bio.get(), certificate.get()) == 1, "PEM_write_bio_X509");
  result.certificate_pem = bio_text(cert_bio.get());
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                   nullptr) == 1,
          "PEM_write_bio_PrivateKey");
  result.private_key_pem = bio_text(key_bio.get());
  return result;
}

TemporaryFile::TemporaryFile(const std::string& contents) {
  const char* directory = std::getenv("TMPDIR");
  std::string pattern =
      std::string(directory != nullptr && *directory != '\0' ? directory : "/tmp") +
      "/tvbot-test-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  require(fd >= 0, "mkstemp");
  path_ = name.data();
  std::size_t written = 0;
  while (written < contents.size()) {
    const auto n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n <= 0) {
      ::close(fd);
      require(false, "write");
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

TemporaryFile::~TemporaryFile() { ::unlink(path_.c_str()); }

}  // namespace tvbot::test_support
