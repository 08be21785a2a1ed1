#include "tests/e2e/admin_fixture.hpp"

#include <fstream>
#include <thread>

namespace tvbot::e2e {

std::unique_ptr<Json> parse_json(std::string_view text) {
  auto json = std::make_unique<Json>();
  json->ok = json->parser.parse(text.data(), text.size()).get(json->root) == simdjson::SUCCESS;
  return json;
}

ServerDir AdminFixture::admin_dir(std::size_t log_max_bytes) {
  ServerDir dir(temp_.path() / "server");
  std::filesystem::create_directories(dir.root() / "log");
  std::ofstream(dir.root() / "tvbot.toml", std::ios::app)
      << "\n[admin]\nenabled = true\nbind = \"127.0.0.1\"\nport = 0\n"
      << "token_env = \"TVBOT_E2E_ADMIN_TOKEN\"\n"
      << "\n[logging]\nformat = \"json\"\nfile = \"" << (dir.root() / "log" / "tvbot.log").string()
      << "\"\nmax_size_bytes = " << log_max_bytes << "\nmax_files = 3\nlevel = \"debug\"\n";
  return dir;
}

void AdminFixture::start_admin(const ServerDir& dir) {
  admin_client_.reset();
  client_.reset();
  server_.reset();
  auto launch = dir.launch();
  launch.env.emplace_back("TVBOT_E2E_ADMIN_TOKEN", std::string(kAdminToken));
  auto started = ServeProcess::start(launch);
  ASSERT_TRUE(started.ok()) << started.error().message;
  server_ = std::move(started).value();
  ASSERT_NE(server_->admin_port(), 0) << "no admin listening line\n" << server_->log_tail();
  client_.emplace("127.0.0.1", server_->port());
  admin_client_.emplace("127.0.0.1", server_->admin_port());
}

http::ClientResponse AdminFixture::admin(std::string_view method, std::string_view target,
                                         std::string body,
                                         std::optional<std::string> authorization) {
  if (!admin_client_) {
    ADD_FAILURE() << "no admin client";
    return {};
  }
  http::HeaderList headers{{"Authorization",
                            authorization.value_or("Bearer " + std::string(kAdminToken))}};
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  auto response = admin_client_->request(method, target, std::move(body), std::move(headers));
  if (!response.ok()) {
    ADD_FAILURE() << method << " " << target << ": " << response.error().message;
    return {};
  }
  return std::move(response).value();
}

std::unique_ptr<Json> AdminFixture::admin_get_json(std::string_view target) {
  auto response = admin("GET", target);
  EXPECT_EQ(response.status, 200u) << target << ": " << response.body;
  auto json = parse_json(response.body);
  EXPECT_TRUE(json->ok) << target << ": not JSON: " << response.body;
  return json;
}

http::ClientResponse AdminFixture::post_alert(std::string_view bot, std::string body,
                                              std::string_view request_id) {
  if (!client_) {
    ADD_FAILURE() << "no server";
    return {};
  }
  auto response = client_->request("POST", "/webhook/" + std::string(bot), std::move(body),
                                   {{"Content-Type", "text/plain"},
                                    {"X-Request-Id", std::string(request_id)}});
  if (!response.ok()) {
    ADD_FAILURE() << "POST /webhook/" << bot << ": " << response.error().message;
    return {};
  }
  return std::move(response).value();
}

int open_sides(const simdjson::dom::element& positions, std::string_view stream) {
  simdjson::dom::array list;
  if (positions["positions"].get_array().get(list)) return -1;
  for (auto entry : list) {
    std::string_view name;
    simdjson::dom::array open;
    if (entry["stream"].get_string().get(name) || name != stream) continue;
    if (entry["open"].get_array().get(open)) return -1;
    return static_cast<int>(open.size());
  }
  return -1;
}

void AdminFixture::settle(const ServerDir& dir, std::string_view stream, std::size_t alerts) {
  auto settled = wait_until_settled(dir.data_dir(), stream, alerts);
  ASSERT_TRUE(settled.ok()) << settled.error().message;
  const auto version = static_cast<std::int64_t>(settled->size());
  const auto deadline = std::chrono::steady_clock::now() + kSettleTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto json = parse_json(admin("GET", "/admin/positions").body);
    simdjson::dom::array list;
    if (json->ok && json->root["positions"].get_array().get(list) == simdjson::SUCCESS) {
      for (auto entry : list) {
        std::string_view name;
        std::int64_t seen = 0;
        if (entry["stream"].get_string().get(name) == simdjson::SUCCESS && name == stream &&
            entry["version"].get_int64().get(seen) == simdjson::SUCCESS && seen >= version) {
          return;
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL() << "the admin API never showed " << stream << " at version " << version;
}

bool AdminFixture::wait_until_flat(std::string_view stream, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto response = admin("GET", "/admin/positions");
    auto json = parse_json(response.body);
    if (json->ok && open_sides(json->root, stream) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace tvbot::e2e
