#pragma once
// Reads a documented response body from brokers/binance/test_data/.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace tvbot::binance::testing {

inline std::string test_data(const std::string& name) {
  const char* root = std::getenv("TVBOT_SOURCE_DIR");
  const std::string path = std::string(root ? root : ".") + "/brokers/binance/test_data/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace tvbot::binance::testing
