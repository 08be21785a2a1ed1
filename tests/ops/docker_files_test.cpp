// deploy/Dockerfile and deploy/docker-compose.yml without a Docker engine (there is none on
// the project machines): the compose file is validated and rendered by Debian's
// docker-compose 1.29.2 (`config`); the Dockerfile's two stages are checked against the
// CMake build (a -dev package for every dependency in the build stage, its runtime library
// in the runtime stage), against Debian 12 (`apt-cache`), and against the binary itself
// (every shared library `ldd` lists belongs, through `dpkg -S`, to a runtime package or to
// one of their dependencies). No image is built here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "http/server/http_client.hpp"
#include "tests/e2e/serve_process.hpp"
#include "tests/ops/dockerfile_model.hpp"
#include "tests/ops/shell.hpp"

namespace tvbot::ops_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What each dependency cmake/dependencies.cmake looks for needs: its Debian -dev package in
// the build stage, and its runtime library package in the runtime stage ("" when the
// dependency is header-only or part of the toolchain). A dependency missing here fails
// the test: add it to this table and to deploy/Dockerfile.
struct Packages {
  std::string dev;
  std::string runtime;
};
const std::map<std::string, Packages>& package_table() {
  static const std::map<std::string, Packages> table{
      {"Threads", {"", ""}},  // libc
      {"caf_core", {"libcaf-dev", "libcaf-core0.17"}},
      {"RocksDB", {"librocksdb-dev", "librocksdb7.8"}},
      {"simdjson", {"libsimdjson-dev", "libsimdjson14"}},
      {"spdlog", {"libspdlog-dev", "libspdlog1.10"}},
      {"fmt", {"libfmt-dev", "libfmt9"}},
      {"Boost", {"libboost-dev", ""}},  // Beast and Asio are header-only
      {"OpenSSL", {"libssl-dev", "libssl3"}},
      {"CLI11", {"libcli11-dev", ""}},  // header-only
      {"tomlplusplus", {"libtomlplusplus-dev", "libtomlplusplus3"}},
      {"PkgConfig", {"pkg-config", ""}},
      {"libpqxx", {"libpqxx-dev", "libpqxx-6.4"}},
      {"libsystemd", {"libsystemd-dev", "libsystemd0"}},
      {"GTest", {"", ""}},  // tests only; the image is built with TVBOT_BUILD_TESTS=OFF
  };
  return table;
}

// The names cmake/dependencies.cmake asks for: find_package(NAME), the module of
// pkg_check_modules(VAR ... module), the library of find_library(VAR name).
std::set<std::string> cmake_dependencies() {
  const std::string text = read_text(e2e::source_dir() / "cmake/dependencies.cmake");
  std::set<std::string> names;
  static const std::regex kFindPackage(R"(find_package\((\w+))");
  static const std::regex kPkgCheck(R"(pkg_check_modules\(\w+((?:\s+[\w.-]+)+)\))");
  static const std::regex kFindLibrary(R"(find_library\(\w+\s+(\w+))");
  for (std::sregex_iterator it(text.begin(), text.end(), kFindPackage), end; it != end; ++it) {
    names.insert((*it)[1]);
  }
  for (std::sregex_iterator it(text.begin(), text.end(), kPkgCheck), end; it != end; ++it) {
    std::istringstream words((*it)[1].str());
    std::string last;
    for (std::string word; words >> word;) last = word;  // the module comes after the options
    names.insert(last);
  }
  for (std::sregex_iterator it(text.begin(), text.end(), kFindLibrary), end; it != end; ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

class DockerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    stages_ = parse_dockerfile(read_text(e2e::source_dir() / "deploy/Dockerfile"));
    ASSERT_EQ(stages_.size(), 2u) << "a build stage and a runtime stage";
  }
  const DockerStage& build() const { return stages_[0]; }
  const DockerStage& runtime() const { return stages_[1]; }
  bool runtime_has(const std::string& prefix) const {
    for (const auto& instruction : runtime().instructions) {
      if (instruction.starts_with(prefix)) return true;
    }
    return false;
  }
  std::vector<DockerStage> stages_;
};

TEST_F(DockerFiles, Two_debian_12_stages_and_a_runtime_stage_without_build_tools_run_as_non_root) {
  EXPECT_EQ(build().name, "build");
  EXPECT_EQ(runtime().name, "runtime");
  for (const auto& stage : stages_) EXPECT_THAT(stage.from, ::testing::StartsWith("debian:bookworm")) << stage.name;
  for (const auto& package : runtime().packages) {
    EXPECT_FALSE(package.ends_with("-dev")) << package << ": -dev packages belong in the build stage";
  }
  for (const char* tool : {"build-essential", "cmake", "ninja-build", "g++"}) {
    EXPECT_TRUE(build().packages.contains(tool) || std::string(tool) == "g++") << tool;
    EXPECT_FALSE(runtime().packages.contains(tool)) << tool;
  }
  EXPECT_TRUE(runtime_has("COPY --from=build /src/build/tvbot /usr/local/bin/tvbot"));
  EXPECT_TRUE(runtime_has("USER tvbot"));
  EXPECT_TRUE(runtime_has("HEALTHCHECK")) << "a health check";
  bool healthz = false;
  bool volumes = false;
  for (const auto& instruction : runtime().instructions) {
    if (instruction.starts_with("HEALTHCHECK")) {
      healthz = instruction.find("http://127.0.0.1:8080/healthz") != std::string::npos;
    }
    if (instruction.starts_with("VOLUME")) {
      volumes = instruction.find("\"/var/lib/tvbot\"") != std::string::npos &&
                instruction.find("\"/etc/tvbot\"") != std::string::npos;
    }
  }
  EXPECT_TRUE(healthz) << "HEALTHCHECK asks /healthz";
  EXPECT_TRUE(volumes) << "the event log and the config are volumes";
  EXPECT_TRUE(runtime().packages.contains("curl")) << "the HEALTHCHECK runs curl";
  bool tests_off = false;
  for (const auto& instruction : build().instructions) {
    tests_off = tests_off || instruction.find("-DTVBOT_BUILD_TESTS=OFF") != std::string::npos;
  }
  EXPECT_TRUE(tests_off) << "GTest is not in the build stage, so tests must be off";
  // The config the image carries is the container one.
  EXPECT_TRUE(runtime_has("COPY deploy/tvbot.docker.toml /etc/tvbot/tvbot.toml"));
}

TEST_F(DockerFiles, Every_cmake_dependency_has_its_dev_package_in_build_and_its_library_in_runtime) {
  const auto names = cmake_dependencies();
  ASSERT_GE(names.size(), 10u) << "the dependency file was not read";
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const auto found = package_table().find(name);
    ASSERT_NE(found, package_table().end())
        << "cmake/dependencies.cmake needs " << name
        << ", which this test does not know: add its packages here and to deploy/Dockerfile";
    if (!found->second.dev.empty()) {
      EXPECT_TRUE(build().packages.contains(found->second.dev)) << found->second.dev;
    }
    if (!found->second.runtime.empty()) {
      EXPECT_TRUE(runtime().packages.contains(found->second.runtime)) << found->second.runtime;
    }
  }
}

// The table above, checked against Debian's own metadata: each -dev package depends on the
// runtime package named for it, and every runtime package exists in this machine's
// Debian 12 apt lists.
TEST_F(DockerFiles, The_runtime_packages_exist_in_debian_12_and_are_what_the_dev_packages_pull) {
  const auto lists = shell("ls /var/lib/apt/lists/ | grep -c _Packages");
  if (lists.exit_code != 0 || std::stoi(lists.output) == 0) {
    GTEST_SKIP() << "no apt lists on this machine (run apt-get update): package existence unchecked";
  }
  const auto release = shell(". /etc/os-release && echo $VERSION_ID");
  ASSERT_EQ(release.output, "12\n") << "the Dockerfile is for Debian 12; this machine is not";
  // One apt-cache run per question: each run parses every apt list (seconds on this VM).
  std::string dev_packages;
  for (const auto& [name, packages] : package_table()) {
    if (!packages.dev.empty() && !packages.runtime.empty()) dev_packages += " " + packages.dev;
  }
  const auto depends = shell("apt-cache depends" + dev_packages);
  ASSERT_EQ(depends.exit_code, 0) << depends.output;
  std::map<std::string, std::set<std::string>> depends_of;  // blocks: "pkg" then "  Depends: x"
  std::string current;
  for (const auto& line : lines_of(depends.output)) {
    if (!line.starts_with(" ")) current = line;
    if (const auto at = line.find("Depends: "); at != std::string::npos && line.starts_with("  Depends")) {
      depends_of[current].insert(line.substr(at + 9));
    }
  }
  for (const auto& [name, packages] : package_table()) {
    if (packages.dev.empty() || packages.runtime.empty()) continue;
    EXPECT_TRUE(depends_of[packages.dev].contains(packages.runtime))
        << name << ": Debian's " << packages.dev << " does not depend on " << packages.runtime;
  }
  std::set<std::string> wanted = runtime().packages;
  wanted.insert(build().packages.begin(), build().packages.end());
  std::string words;
  for (const auto& package : wanted) words += " " + package;
  const auto shown = shell("apt-cache show --no-all-versions" + words + " 2>/dev/null | grep '^Package: '");
  std::set<std::string> known;
  for (const auto& line : lines_of(shown.output)) known.insert(line.substr(9));
  for (const auto& package : wanted) {
    EXPECT_TRUE(known.contains(package)) << package << " is not a Debian 12 package";
  }
}

// The packages `dpkg` says `packages` depend on, recursively (installed packages only: the
// binary's libraries are installed on this machine, or it would not run).
std::set<std::string> dependency_closure(const std::set<std::string>& packages) {
  std::set<std::string> seen;
  std::set<std::string> level = packages;
  static const std::regex kName(R"(^\s*([a-z0-9][a-z0-9+.-]+))");
  while (!level.empty()) {
    std::string words;
    for (const auto& package : level) {
      if (seen.insert(package).second) words += " " + package;
    }
    level.clear();
    if (words.empty()) break;
    // Packages not installed here print nothing; they add no dependencies.
    const auto depends = shell("dpkg-query -W -f='${Depends}, ${Pre-Depends},\\n'" + words + " 2>/dev/null");
    std::string text = depends.output;
    for (char& c : text) c = c == '|' || c == '\n' ? ',' : c;
    std::istringstream items(text);
    for (std::string item; std::getline(items, item, ',');) {
      std::smatch match;
      if (std::regex_search(item, match, kName) && !seen.contains(match[1])) level.insert(match[1]);
    }
  }
  return seen;
}

TEST_F(DockerFiles, Every_shared_library_the_binary_links_comes_from_the_runtime_stage) {
  const auto binary = e2e::tvbot_binary();
  const auto ldd = shell("ldd '" + binary.string() + "'");
  ASSERT_EQ(ldd.exit_code, 0) << ldd.output;
  EXPECT_THAT(ldd.output, Not(HasSubstr("not found")));
  const auto allowed = dependency_closure(runtime().packages);
  static const std::regex kResolved(R"(=> (/\S+) \(0x)");
  // Debian 12 is merged-/usr: dpkg knows a file under whichever of /lib and /usr/lib its
  // package put it, so both spellings are asked, in one dpkg run.
  std::vector<std::string> files;
  std::string words;
  for (const auto& line : lines_of(ldd.output)) {
    std::smatch match;
    if (!std::regex_search(line, match, kResolved)) continue;
    const std::string file = match[1];
    const std::string other = file.starts_with("/usr/") ? file.substr(4) : "/usr" + file;
    files.push_back(file);
    words += " '" + file + "' '" + other + "'";
  }
  const auto owners = shell("dpkg -S" + words + " 2>/dev/null");
  std::map<std::string, std::string> package_of;  // file (either spelling) -> package
  for (const auto& line : lines_of(owners.output)) {
    const auto colon = line.find(':');
    const auto path = line.find(": /");
    if (colon == std::string::npos || path == std::string::npos) continue;
    const std::string file = line.substr(path + 2);
    const std::string package = line.substr(0, colon);
    package_of[file] = package;
    package_of[file.starts_with("/usr/") ? file.substr(4) : "/usr" + file] = package;
  }
  std::size_t libraries = 0;
  for (const auto& file : files) {
    const auto owner = package_of.find(file);
    ASSERT_NE(owner, package_of.end()) << file << " belongs to no package";
    const std::string& package = owner->second;
    // Only the -DTVBOT_SANITIZE build links these; the image is never built that way.
    if (package.starts_with("libasan") || package.starts_with("libubsan")) continue;
    ++libraries;
    EXPECT_TRUE(allowed.contains(package))
        << file << " comes from " << package
        << ", which neither the runtime stage nor its packages' dependencies install";
  }
  EXPECT_GE(libraries, 10u) << ldd.output;
}

// The config the image carries, run by the real binary with what compose passes in the
// environment: it must be valid and serve (its PostgreSQL DSN comes from TVBOT_PG_DSN).
TEST(ContainerConfig, Serves_with_the_secrets_and_dsn_from_the_environment_and_refuses_without_them) {
  e2e::TempDir temp;
  ASSERT_FALSE(temp.path().empty());
  e2e::ServeLaunch launch;
  launch.config = e2e::source_dir() / "deploy/tvbot.docker.toml";
  launch.data_dir = temp.path() / "data";
  launch.log_file = temp.path() / "serve.log";
  launch.env = {{"TVBOT_ALPHA_SECRET", "alpha-container-secret-1"},
                {"TVBOT_BETA_SECRET", "beta-container-secret-2"},
                {"TVBOT_PG_DSN", "postgresql://tvbot:pg-secret-3@postgres:5432/tvbot"}};
  {
    auto server = e2e::ServeProcess::start(launch);
    ASSERT_TRUE(server.ok()) << server.error().message << "\n" << read_text(launch.log_file);
    http::HttpClient client("127.0.0.1", (*server)->port());
    auto health = client.get("/healthz");
    ASSERT_TRUE(health.ok()) << health.error().message;
    EXPECT_EQ(health->status, 200u);
    auto stopped = (*server)->terminate();
    ASSERT_TRUE(stopped.ok()) << stopped.error().message;
    EXPECT_EQ(*stopped, 0) << (*server)->log_tail();
  }
  const std::string log = read_text(launch.log_file);
  EXPECT_THAT(log, Not(HasSubstr("pg-secret-3"))) << "the DSN's password never reaches the log";
  EXPECT_THAT(log, Not(HasSubstr("alpha-container-secret-1")));

  launch.env.pop_back();  // no TVBOT_PG_DSN
  launch.log_file = temp.path() / "refused.log";
  auto refused = e2e::ServeProcess::start(launch);
  EXPECT_FALSE(refused.ok()) << "started without its DSN";
  EXPECT_THAT(read_text(launch.log_file), HasSubstr("TVBOT_PG_DSN"));
}

// docker-compose 1.29.2 (Debian's) renders the file with the secrets of an env file made
// from deploy/env.example, as `docker compose up` would see it.
class ComposeFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto version = shell("docker-compose version --short");
    ASSERT_EQ(version.exit_code, 0) << "docker-compose is not installed (apt-get install docker-compose): "
                                    << version.output;
    ASSERT_FALSE(temp_.path().empty());
    fs::create_directories(deploy());
    for (const char* file : {"docker-compose.yml", "Dockerfile", "tvbot.docker.toml"}) {
      fs::copy_file(e2e::source_dir() / "deploy" / file, deploy() / file);
    }
  }
  fs::path deploy() const { return temp_.path() / "deploy"; }
  ShellOutcome config() const {
    return shell("cd '" + deploy().string() + "' && docker-compose -f docker-compose.yml config");
  }
  e2e::TempDir temp_;
};

TEST_F(ComposeFile, Validates_and_wires_tvbot_to_postgres_15_with_health_checks_volumes_and_env_secrets) {
  std::string env = read_text(e2e::source_dir() / "deploy/env.example");
  env = std::regex_replace(env, std::regex("POSTGRES_PASSWORD=.*"), "POSTGRES_PASSWORD=pg-pass-0a1b2c");
  std::ofstream(deploy() / ".env") << env;
  const auto rendered = config();
  ASSERT_EQ(rendered.exit_code, 0) << rendered.output;
  const std::string& out = rendered.output;
  EXPECT_THAT(out, HasSubstr("image: postgres:15"));
  EXPECT_THAT(out, HasSubstr("TVBOT_PG_DSN: postgresql://tvbot:pg-pass-0a1b2c@postgres:5432/tvbot"));
  EXPECT_THAT(out, HasSubstr("POSTGRES_PASSWORD: pg-pass-0a1b2c"));
  EXPECT_THAT(out, HasSubstr("TVBOT_ALPHA_SECRET: change-me-alpha-webhook-secret"));
  EXPECT_THAT(out, HasSubstr("condition: service_healthy"));
  EXPECT_THAT(out, HasSubstr("pg_isready"));
  EXPECT_THAT(out, HasSubstr("http://127.0.0.1:8080/healthz"));
  for (const char* volume : {"tvbot-data:/var/lib/tvbot:rw", "tvbot-config:/etc/tvbot:rw",
                             "tvbot-pg:/var/lib/postgresql/data:rw"}) {
    EXPECT_THAT(out, HasSubstr(volume));
  }
  EXPECT_THAT(out, HasSubstr("127.0.0.1:8080:8080/tcp")) << "published on the host's loopback only";
  EXPECT_THAT(out, HasSubstr("stop_grace_period: 20s"));
  EXPECT_THAT(out, HasSubstr("dockerfile: deploy/Dockerfile"));
  // The webhook secrets stay out of the database container.
  const auto postgres = out.substr(out.find("  postgres:"), out.find("  tvbot:") - out.find("  postgres:"));
  EXPECT_THAT(postgres, Not(HasSubstr("TVBOT_ALPHA_SECRET")));
}

TEST_F(ComposeFile, Without_the_env_file_it_says_what_to_do) {
  const auto rendered = config();
  EXPECT_NE(rendered.exit_code, 0) << rendered.output;
  EXPECT_THAT(rendered.output, HasSubstr("copy deploy/env.example to deploy/.env"));
}

}  // namespace
}  // namespace tvbot::ops_test
