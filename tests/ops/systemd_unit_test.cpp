// deploy/tvbot.service and deploy/install.sh, checked with the real tools: install.sh runs
// into a temporary root (user, directories, binary, unit, config; twice, to show it is
// idempotent), `systemd-analyze verify --root` checks the installed unit against the
// installed binary, and `systemd-analyze security --offline` scores its hardening.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/e2e/serve_process.hpp"
#include "tests/ops/shell.hpp"

namespace tvbot::ops_test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct stat stat_of(const fs::path& path) {
  struct stat info{};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info;
}

// "name:x:uid:gid:..." line of `name` in a passwd or group file; empty when absent.
std::vector<std::string> entry(const fs::path& file, const std::string& name) {
  std::istringstream lines(read_text(file));
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(name + ":")) continue;
    std::vector<std::string> fields;
    std::istringstream parts(line);
    for (std::string field; std::getline(parts, field, ':');) fields.push_back(field);
    return fields;
  }
  return {};
}

class SystemdUnit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "install.sh creates root-owned files: run as root";
    ASSERT_FALSE(temp_.path().empty());
  }
  std::string install(const std::string& extra = "") {
    return "'" + (e2e::source_dir() / "deploy/install.sh").string() + "' --root '" + root().string() +
           "' --binary '" + e2e::tvbot_binary().string() + "' " + extra;
  }
  fs::path root() const { return temp_.path() / "root"; }
  e2e::TempDir temp_;
};

TEST_F(SystemdUnit, Install_into_a_root_creates_the_user_directories_binary_unit_and_config_once) {
  const auto first = shell(install("--prefix /opt/tvbot"));
  ASSERT_EQ(first.exit_code, 0) << first.output;

  const auto user = entry(root() / "etc/passwd", "tvbot");
  ASSERT_EQ(user.size(), 7u) << read_text(root() / "etc/passwd");
  EXPECT_EQ(user[5], "/var/lib/tvbot");
  EXPECT_EQ(user[6], "/usr/sbin/nologin");
  const auto uid = static_cast<uid_t>(std::stoul(user[2]));
  const auto gid = static_cast<gid_t>(std::stoul(user[3]));
  EXPECT_LT(uid, 1000u) << "a system user";

  for (const char* dir : {"var/lib/tvbot", "var/backups/tvbot"}) {
    const auto info = stat_of(root() / dir);
    EXPECT_TRUE(S_ISDIR(info.st_mode)) << dir;
    EXPECT_EQ(info.st_mode & 07777, 0750u) << dir;
    EXPECT_EQ(info.st_uid, uid) << dir;
    EXPECT_EQ(info.st_gid, gid) << dir;
  }
  const auto binary = root() / "opt/tvbot/bin/tvbot";
  EXPECT_EQ(stat_of(binary).st_mode & 0777, 0755u);
  EXPECT_EQ(fs::file_size(binary), fs::file_size(e2e::tvbot_binary()));
  const std::string unit = read_text(root() / "etc/systemd/system/tvbot.service");
  EXPECT_THAT(unit, HasSubstr("\nExecStart=/opt/tvbot/bin/tvbot serve --config /etc/tvbot/tvbot.toml"));
  EXPECT_THAT(unit, ::testing::Not(HasSubstr("/usr/local/bin")));
  const auto config = stat_of(root() / "etc/tvbot/tvbot.toml");
  EXPECT_EQ(config.st_mode & 0777, 0640u);
  EXPECT_EQ(config.st_gid, gid) << "tvbot reads its config through its group";
  const auto env = stat_of(root() / "etc/tvbot/tvbot.env");
  EXPECT_EQ(env.st_mode & 0777, 0600u) << "the secrets file is root's alone";
  const std::string secrets = read_text(root() / "etc/tvbot/tvbot.env");
  EXPECT_TRUE(std::regex_search(secrets, std::regex("\nTVBOT_ALPHA_SECRET=[0-9a-f]{48}\n"))) << secrets;

  // Again, after the operator edited the config: nothing of theirs changes, no second user.
  std::ofstream(root() / "etc/tvbot/tvbot.toml", std::ios::app) << "# edited by the operator\n";
  const auto second = shell(install("--prefix /opt/tvbot"));
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_THAT(read_text(root() / "etc/tvbot/tvbot.toml"), HasSubstr("# edited by the operator"));
  EXPECT_EQ(read_text(root() / "etc/tvbot/tvbot.env"), secrets);
  const std::string passwd = read_text(root() / "etc/passwd");
  EXPECT_EQ(passwd.find("\ntvbot:"), std::string::npos) << "one tvbot line, the first:\n" << passwd;
  EXPECT_TRUE(passwd.starts_with("tvbot:")) << passwd;
  EXPECT_EQ(entry(root() / "etc/passwd", "tvbot"), user);
}

TEST_F(SystemdUnit, Systemd_analyze_verify_passes_on_the_installed_unit_and_fails_without_its_binary) {
  const auto installed = shell(install());
  ASSERT_EQ(installed.exit_code, 0) << installed.output;
  // The unit's dependencies (sysinit.target, ...) must exist in the root too: the ones of
  // this machine's systemd, as on any installed system.
  const auto units = shell("mkdir -p '" + root().string() + "/usr/lib/systemd' && cp -a /lib/systemd/system '" +
                           root().string() + "/usr/lib/systemd/'");
  ASSERT_EQ(units.exit_code, 0) << units.output;
  const std::string verify =
      "systemd-analyze verify --root='" + root().string() + "' /etc/systemd/system/tvbot.service";
  const auto passed = shell(verify);
  EXPECT_EQ(passed.exit_code, 0) << passed.output;
  EXPECT_EQ(passed.output, "") << "verify warns only on stderr; a warning is a defect here";

  fs::rename(root() / "usr/local/bin/tvbot", root() / "usr/local/bin/tvbot.moved");
  const auto failed = shell(verify);
  EXPECT_NE(failed.exit_code, 0) << "verify must check the ExecStart binary: " << failed.output;
  EXPECT_THAT(failed.output, HasSubstr("/usr/local/bin/tvbot is not executable"));
}

TEST_F(SystemdUnit, The_hardening_scores_at_most_2_of_10_in_systemd_analyze_security) {
  const auto unit = e2e::source_dir() / "deploy/tvbot.service";
  const auto scored = shell("systemd-analyze security --offline=true '" + unit.string() + "'");
  ASSERT_EQ(scored.exit_code, 0) << scored.output;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(scored.output, match,
                                std::regex(R"(Overall exposure level for tvbot\.service: (\d+\.\d))")))
      << scored.output;
  const double score = std::stod(match[1]);
  std::cout << "systemd-analyze security --offline=true deploy/tvbot.service: " << match[1]
            << " (0 = most restricted, 10 = unrestricted)\n";
  RecordProperty("exposure", match[1]);
  EXPECT_LE(score, 2.0);
  // The unit promises these; the score alone would not notice one going missing.
  const std::string text = read_text(unit);
  for (const char* line : {"Type=notify", "Restart=on-failure", "WatchdogSec=", "NoNewPrivileges=yes",
                           "ProtectSystem=strict", "ReadWritePaths=/var/lib/tvbot", "PrivateTmp=yes",
                           "CapabilityBoundingSet=\n", "MemoryMax=", "ProtectHome=yes",
                           "SystemCallFilter=@system-service", "LockPersonality=yes",
                           "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "User=tvbot"}) {
    EXPECT_THAT(text, HasSubstr(std::string("\n") + line)) << line;
  }
}

TEST_F(SystemdUnit, Install_refuses_bad_arguments_with_a_message) {
  const auto relative = shell(install("--prefix opt"));
  EXPECT_EQ(relative.exit_code, 2) << relative.output;
  EXPECT_THAT(relative.output, HasSubstr("--prefix must be an absolute path"));
  const auto no_binary = shell("'" + (e2e::source_dir() / "deploy/install.sh").string() + "' --root '" +
                               root().string() + "' --binary /nonexistent/tvbot");
  EXPECT_EQ(no_binary.exit_code, 2) << no_binary.output;
  EXPECT_THAT(no_binary.output, HasSubstr("no tvbot binary at /nonexistent/tvbot"));
  const auto unknown = shell(install("--frobnicate"));
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_THAT(unknown.output, HasSubstr("unknown argument \"--frobnicate\""));
}

}  // namespace
}  // namespace tvbot::ops_test
