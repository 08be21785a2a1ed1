#include "tests/ops/dockerfile_model.hpp"

#include <sstream>

namespace tvbot::ops_test {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The packages in one RUN instruction: the words after "install" up to the next shell
// operator, skipping options ("-y", "--no-install-recommends").
void collect_packages(const std::string& run, std::set<std::string>& packages) {
  const auto words = words_of(run);
  bool installing = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "&&" || word == ";" || word == "||") installing = false;
    if (installing && !word.starts_with("-")) packages.insert(word);
    if (word == "install" && i > 0 && words[i - 1] == "apt-get") installing = true;
    if (word == "install" && i > 1 && words[i - 1].starts_with("-") && words[i - 2] == "apt-get") {
      installing = true;
    }
  }
}

}  // namespace

std::vector<DockerStage> parse_dockerfile(const std::string& text) {
  std::vector<DockerStage> stages;
  std::istringstream in(text);
  std::string instruction;
  auto finish = [&stages, &instruction] {
    if (instruction.empty()) return;
    const auto words = words_of(instruction);
    if (!words.empty() && words[0] == "FROM") {
      DockerStage stage;
      stage.from = words.size() > 1 ? words[1] : "";
      if (words.size() > 3 && (words[2] == "AS" || words[2] == "as")) stage.name = words[3];
      stages.push_back(stage);
    } else if (!stages.empty()) {
      stages.back().instructions.push_back(instruction);
      if (words[0] == "RUN") collect_packages(instruction, stages.back().packages);
    }
    instruction.clear();
  };
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;  // comments inside a RUN too
    std::string content = line.substr(first);
    const bool continued = !content.empty() && content.back() == '\\';
    if (continued) content.pop_back();
    instruction += (instruction.empty() ? "" : " ") + content;
    if (!continued) finish();
  }
  finish();
  return stages;
}

}  // namespace tvbot::ops_test
