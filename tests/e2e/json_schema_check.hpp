#pragma once
// A checker for the subset of JSON Schema (OpenAPI 3.0 flavour) that app/serve/openapi.json
// uses: $ref to #/components/schemas, type (object, array, string, integer, boolean),
// properties, required, additionalProperties (true, false or a schema), items, enum, pattern.
// Stricter than JSON Schema on purpose: an object schema without additionalProperties allows
// no property it does not list, so a response must have exactly the documented properties
// (every required one, no undocumented one). Debian 12 packages python3-jsonschema, but a
// Python step would sit outside ctest's one-binary-per-test model; this subset is small.
#include <simdjson.h>

#include <string>
#include <vector>

namespace tvbot::e2e {

// Every way `value` breaks `schema`, as "path: problem" (empty when it conforms). `document`
// is the whole OpenAPI document, for $ref.
[[nodiscard]] std::vector<std::string> schema_problems(const simdjson::dom::element& value,
                                                       const simdjson::dom::element& schema,
                                                       const simdjson::dom::element& document,
                                                       const std::string& path = "$");

}  // namespace tvbot::e2e
