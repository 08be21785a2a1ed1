#pragma once
// A fresh directory under $TMPDIR (or /tmp), removed with everything in it: the one temporary
// directory helper of the test suites (each suite names its own prefix, so leftovers of a
// crashed run say where they came from).
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace tvbot::test_support {

class ScratchDir {
 public:
  explicit ScratchDir(std::string_view prefix) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/tvbot-" +
                          std::string(prefix) + "-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored_in_a_destructor;
    std::filesystem::remove_all(path_, ignored_in_a_destructor);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tvbot::test_support
