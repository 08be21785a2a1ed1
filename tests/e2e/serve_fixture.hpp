#pragma once
// A gtest fixture around one `tvbot serve` process on a temporary directory, with a client
// that talks to it over loopback.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/server/http_client.hpp"
#include "tests/e2e/e2e_support.hpp"
#include "tests/e2e/serve_process.hpp"

namespace tvbot::e2e {

class ServeFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(temp_.path().empty()) << "no temporary directory";
    ASSERT_FALSE(tvbot_binary().empty()) << "TVBOT_BINARY is not set";
  }

  // Starts (or restarts) the server on `dir`'s files.
  void start(const ServerDir& dir) {
    client_.reset();
    server_.reset();
    auto started = ServeProcess::start(dir.launch());
    ASSERT_TRUE(started.ok()) << started.error().message;
    server_ = std::move(started).value();
    client_.emplace("127.0.0.1", server_->port());
  }

  // SIGTERM; the server must exit 0.
  void stop() {
    ASSERT_TRUE(server_) << "no server";
    client_.reset();
    auto exit_code = server_->terminate();
    ASSERT_TRUE(exit_code.ok()) << exit_code.error().message << "\n" << server_->log_tail();
    EXPECT_EQ(*exit_code, 0) << server_->log_tail();
    server_.reset();
  }

  void crash() {
    ASSERT_TRUE(server_) << "no server";
    client_.reset();
    auto killed = server_->kill_hard();
    ASSERT_TRUE(killed.ok()) << killed.error().message;
    server_.reset();
  }

  // POST /webhook/<bot>; a transport failure fails the test and returns status 0.
  http::ClientResponse post(std::string_view bot, std::string body,
                            std::string_view content_type = "application/json") {
    if (!client_) {
      ADD_FAILURE() << "no server";
      return {};
    }
    auto response = client_->post("/webhook/" + std::string(bot), std::move(body), content_type);
    if (!response.ok()) {
      ADD_FAILURE() << "POST /webhook/" << bot << ": " << response.error().message << "\n"
                    << (server_ ? server_->log_tail() : "");
      return {};
    }
    return std::move(response).value();
  }

  http::ClientResponse get(std::string_view target) {
    if (!client_) {
      ADD_FAILURE() << "no server";
      return {};
    }
    auto response = client_->get(target);
    if (!response.ok()) {
      ADD_FAILURE() << "GET " << target << ": " << response.error().message;
      return {};
    }
    return std::move(response).value();
  }

  TempDir temp_;
  std::unique_ptr<ServeProcess> server_;
  std::optional<http::HttpClient> client_;
};

}  // namespace tvbot::e2e
