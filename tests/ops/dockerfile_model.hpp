#pragma once
// Just enough of a Dockerfile's structure for the deploy tests: its stages in order, each
// with its FROM line, its instructions (continuation lines joined) and the packages its
// `apt-get install` lines name.
#include <set>
#include <string>
#include <vector>

namespace tvbot::ops_test {

struct DockerStage {
  std::string from;  // the image after FROM
  std::string name;  // after AS; empty when unnamed
  std::vector<std::string> instructions;  // e.g. "USER tvbot", continuation lines joined
  std::set<std::string> packages;         // every word after `apt-get install` options
};

[[nodiscard]] std::vector<DockerStage> parse_dockerfile(const std::string& text);

}  // namespace tvbot::ops_test
