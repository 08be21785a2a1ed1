#pragma once
// Small JSON lexical helpers shared by the alert reader and the redactor.
#include <string_view>

namespace tvbot::webhook {

// RFC 8259 whitespace: space, tab, line feed, carriage return.
constexpr bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_json_whitespace(std::string_view text);

// True for exactly the RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// simdjson On-Demand does not check a number it is not asked to convert, and tvbot never
// converts through double, so the grammar is checked here.
bool is_json_number(std::string_view text);

}  // namespace tvbot::webhook
