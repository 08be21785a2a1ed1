// GET /openapi.json against the server's real answers: every documented path and method is
// called (each at least once with a 2xx), every status that comes back must be documented
// for it, and every JSON body must match its documented schema exactly (json_schema_check).
#include <gtest/gtest.h>

#include <set>

#include "tests/e2e/admin_fixture.hpp"
#include "tests/e2e/json_schema_check.hpp"

namespace tvbot::e2e {
namespace {

struct Call {
  std::string method;    // "get", "post": as OpenAPI spells them
  std::string path;      // the documented template
  std::string target;    // what is requested
  std::string body;
  unsigned expected = 0;  // the status this call must get
};

TEST(SchemaCheck, Flags_missing_undocumented_mistyped_and_malformed_values) {
  auto document = parse_json(R"({"components":{"schemas":{
      "T":{"type":"object","properties":{"a":{"type":"string","pattern":"^[0-9]+$"},
           "b":{"type":"array","items":{"type":"integer"}},"c":{"type":"string","enum":["x"]}},
           "required":["a","b"]}}}})");
  ASSERT_TRUE(document->ok);
  simdjson::dom::element schema;
  ASSERT_EQ(document->root.at_pointer("/components/schemas/T").get(schema), simdjson::SUCCESS);
  auto check = [&](std::string_view json) {
    auto value = parse_json(json);
    EXPECT_TRUE(value->ok) << json;
    return schema_problems(value->root, schema, document->root);
  };
  EXPECT_TRUE(check(R"({"a":"12","b":[1,2],"c":"x"})").empty());
  EXPECT_EQ(check(R"({"a":"12"})").size(), 1u);                  // b missing
  EXPECT_EQ(check(R"({"a":"12","b":[],"d":1})").size(), 1u);     // d undocumented
  EXPECT_EQ(check(R"({"a":12,"b":[]})").size(), 1u);             // a not a string
  EXPECT_EQ(check(R"({"a":"1.5","b":[]})").size(), 1u);          // a breaks its pattern
  EXPECT_EQ(check(R"({"a":"1","b":["x"]})").size(), 1u);         // item not an integer
  EXPECT_EQ(check(R"({"a":"1","b":[],"c":"y"})").size(), 1u);    // c not in enum
  EXPECT_EQ(check(R"([])").size(), 1u);                          // not an object
}

class AdminOpenApi : public AdminFixture {};

TEST_F(AdminOpenApi, Every_documented_operation_answers_as_documented) {
  ServerDir dir = admin_dir();
  ASSERT_NO_FATAL_FAILURE(start_admin(dir));
  auto doc_response = admin("GET", "/openapi.json", {}, "");
  ASSERT_EQ(doc_response.status, 200u);
  auto document = parse_json(doc_response.body);
  ASSERT_TRUE(document->ok) << "openapi.json is not JSON";
  std::string_view version;
  ASSERT_EQ(document->root["openapi"].get_string().get(version), simdjson::SUCCESS);
  EXPECT_TRUE(version.starts_with("3.")) << version;

  // Something to read, close and page through.
  const std::string secret(kAlphaSecret);
  ASSERT_EQ(post_alert("alpha", "buy BTCUSDT qty=0.02 id=o1 secret=" + secret, "oa-1").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 1));
  ASSERT_EQ(post_alert("alpha", "close BTCUSDT qty=0.01 id=o2 secret=" + secret, "oa-2").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 2));
  ASSERT_EQ(post_alert("alpha", "buy BTCUSDT qty=1 secret=wrong", "oa-3").status, 401u);

  const std::vector<Call> calls = {
      {"get", "/metrics", "/metrics", "", 200},
      {"get", "/openapi.json", "/openapi.json", "", 200},
      {"get", "/admin/bots", "/admin/bots", "", 200},
      {"get", "/admin/positions", "/admin/positions", "", 200},
      {"get", "/admin/positions", "/admin/positions?bot=alpha", "", 200},
      {"get", "/admin/positions", "/admin/positions?bot=nobody", "", 404},
      {"get", "/admin/trades", "/admin/trades?bot=alpha&limit=5", "", 200},
      {"get", "/admin/trades", "/admin/trades?limit=5000", "", 400},
      {"get", "/admin/trades", "/admin/trades?bot=nobody", "", 404},
      {"get", "/admin/streams/{bot}/{symbol}/events", "/admin/streams/alpha/BTCUSDT/events?limit=2", "", 200},
      {"get", "/admin/streams/{bot}/{symbol}/events", "/admin/streams/alpha/BTCUSDT/events?from=x", "", 400},
      {"get", "/admin/streams/{bot}/{symbol}/events", "/admin/streams/alpha/XRPUSDT/events", "", 404},
      {"get", "/admin/rejections", "/admin/rejections", "", 200},
      {"post", "/admin/paper/{broker}/price", "/admin/paper/paper/price", R"({"symbol":"BTCUSDT","price":"60000"})", 200},
      {"post", "/admin/paper/{broker}/price", "/admin/paper/paper/price", R"({"symbol":)", 400},
      {"post", "/admin/paper/{broker}/price", "/admin/paper/nope/price", R"({"symbol":"BTCUSDT","price":"1"})", 404},
      {"post", "/admin/paper/{broker}/price", "/admin/paper/paper/price", R"({"symbol":"BTCUSDT","price":"-1"})", 422},
      {"post", "/admin/bots/{bot}/pause", "/admin/bots/slow/pause", R"({"reason":"openapi"})", 200},
      {"post", "/admin/bots/{bot}/pause", "/admin/bots/slow/pause", "{", 400},
      {"post", "/admin/bots/{bot}/pause", "/admin/bots/nobody/pause", "", 404},
      {"post", "/admin/bots/{bot}/resume", "/admin/bots/slow/resume", "", 200},
      {"post", "/admin/bots/{bot}/resume", "/admin/bots/slow/resume", "[1]", 400},
      {"post", "/admin/bots/{bot}/resume", "/admin/bots/nobody/resume", "", 404},
      {"post", "/admin/streams/{bot}/{symbol}/close", "/admin/streams/alpha/BTCUSDT/close", R"({"position_side":"sideways"})", 400},
      {"post", "/admin/streams/{bot}/{symbol}/close", "/admin/streams/alpha/BTCUSDT/close", "", 202},
      {"post", "/admin/streams/{bot}/{symbol}/close", "/admin/streams/alpha/XRPUSDT/close", "", 404},
      {"post", "/admin/kill-switch", "/admin/kill-switch", "", 200},
  };
  std::set<std::pair<std::string, std::string>> succeeded;
  for (const auto& call : calls) {
    SCOPED_TRACE(call.method + " " + call.target);
    std::string method = call.method == "get" ? "GET" : "POST";
    auto response = admin(method, call.target, call.body);
    EXPECT_EQ(response.status, call.expected) << response.body;
    if (call.target == "/admin/streams/alpha/BTCUSDT/close" && response.status == 202) {
      // The 409 of the same operation: once the close has filled, nothing is open.
      ASSERT_TRUE(wait_until_flat("alpha/BTCUSDT"));
      auto again = admin("POST", call.target);
      EXPECT_EQ(again.status, 409u) << again.body;
      simdjson::dom::element conflict;
      EXPECT_EQ(document->root.at_pointer("/paths/~1admin~1streams~1{bot}~1{symbol}~1close/post/responses/409")
                    .get(conflict),
                simdjson::SUCCESS);
    }
    const std::string pointer_path = [&] {
      std::string escaped;
      for (char c : call.path) escaped += c == '/' ? std::string("~1") : std::string(1, c);
      return "/paths/" + escaped + "/" + call.method;
    }();
    simdjson::dom::element operation;
    ASSERT_EQ(document->root.at_pointer(pointer_path).get(operation), simdjson::SUCCESS)
        << "not documented: " << call.method << " " << call.path;
    simdjson::dom::element documented;
    ASSERT_EQ(operation.at_pointer("/responses/" + std::to_string(response.status)).get(documented),
              simdjson::SUCCESS)
        << "status " << response.status << " is not documented for " << call.path;
    if (response.status / 100 == 2) succeeded.insert({call.method, call.path});
    simdjson::dom::element schema;
    if (documented.at_pointer("/content/application~1json/schema").get(schema)) {
      EXPECT_TRUE(response.header("Content-Type").value_or("").starts_with("text/plain"));
      continue;
    }
    auto body = parse_json(response.body);
    ASSERT_TRUE(body->ok) << "not JSON: " << response.body;
    auto problems = schema_problems(body->root, schema, document->root);
    std::string all;
    for (const auto& problem : problems) all += problem + "\n";
    EXPECT_TRUE(problems.empty()) << all << response.body;
  }
  // Coverage: each documented operation was seen succeeding at least once.
  simdjson::dom::object paths;
  ASSERT_EQ(document->root["paths"].get_object().get(paths), simdjson::SUCCESS);
  std::size_t operations = 0;
  for (auto path : paths) {
    simdjson::dom::object methods;
    ASSERT_EQ(path.value.get_object().get(methods), simdjson::SUCCESS);
    for (auto method : methods) {
      ++operations;
      EXPECT_EQ(succeeded.count({std::string(method.key), std::string(path.key)}), 1u)
          << "never called with success: " << method.key << " " << path.key;
    }
  }
  EXPECT_EQ(operations, succeeded.size());
  ASSERT_NO_FATAL_FAILURE(stop());
}

}  // namespace
}  // namespace tvbot::e2e
