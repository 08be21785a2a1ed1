#pragma once
// Secrets out of everything tvbot records or prints: the body kept in AlertReceived and in
// the rejection log, the request target, and any piece of user input quoted in a message.
//
// The body is scanned, not parsed, so malformed JSON, the text form, JSON inside a JSON
// string and query-string-like text are all covered the same way:
//   - a key is a run of letters, digits, '_', '-', '.' and JSON \uXXXX escapes (decoded, so
//     "sec\u0072et" is seen as "secret"), compared case-insensitively;
//   - it is secret when it contains secret, passphrase, password, passwd, token, apikey,
//     api_key, api-key, private_key or credential, or is exactly key, pass or pwd;
//   - after a secret key, closing quotes and whitespace are skipped; then ':' or '=' and the
//     value follows. A quoted value is masked to its closing quote (to the end when there
//     is none), an object or array to its matching bracket, a bare value to the next
//     whitespace (or, after ':', to the end of a JSON number or literal only). After '=' (the
//     text form) only '"' quotes: "secret=\"a\"b" is masked to the whitespace as a whole;
//   - after one of the exact words secret, passphrase, password, token or key with no ':' or
//     '=', the next word or quoted string is masked too ("secret hunter2" typed by hand).
// Keys are found everywhere, also inside strings and inside another key's value, and every
// one masks its own value, so a value masked too widely cannot swallow the next key and
// leave that key's value bare. Masked values become "***" (quoted where the value was a JSON
// scalar, object or array, so a valid JSON body stays valid JSON). Scanning errs on the side
// of masking too much: a comment saying "token: 5" is masked as well.
#include <string>
#include <string_view>

namespace tvbot::webhook {

[[nodiscard]] std::string redact_body(std::string_view body);

// "/webhook/bot1/t0ken?x=1" -> "/webhook/bot1/***?***": path segments after the bot id may
// be its URL token, and query strings are dropped wholesale.
[[nodiscard]] std::string redact_target(std::string_view target);

// User input for an error message: redacted, control characters replaced by '?', cut to
// 48 bytes (on a UTF-8 boundary, "..." appended) and put in single quotes.
[[nodiscard]] std::string quote_for_message(std::string_view text);

// Cuts text to at most max_bytes without splitting a UTF-8 sequence.
[[nodiscard]] std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace tvbot::webhook
