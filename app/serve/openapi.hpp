#pragma once
#include <string_view>

namespace tvbot::app {

// The OpenAPI 3 description of the admin listener, served at /openapi.json. It is the
// hand-written app/serve/openapi.json, compiled in (app/CMakeLists.txt) so that the binary
// serves exactly the document tests/e2e/admin_openapi_test.cpp checks its answers against.
[[nodiscard]] std::string_view openapi_json();

}  // namespace tvbot::app
