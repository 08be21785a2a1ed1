// Secrets never survive into what is recorded, whatever shape the body has; the rejection
// log stays bounded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "http/webhook/alert_parser.hpp"
#include "http/webhook/redaction.hpp"
#include "http/webhook/rejection_log.hpp"

namespace tvbot::webhook {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Redaction, Json_secret_passphrase_key_and_token_values_become_stars) {
  EXPECT_EQ(redact_body(R"({"action":"buy","secret":"hunter2","qty":"1"})"),
            R"({"action":"buy","secret":"***","qty":"1"})");
  EXPECT_EQ(redact_body(R"({"passphrase": "pp", "key":"k-1", "api_token":"t", "Password":"p"})"),
            R"({"passphrase": "***", "key":"***", "api_token":"***", "Password":"***"})");
}

TEST(Redaction, Bare_and_nested_json_values_are_replaced_by_a_string_keeping_json_valid) {
  EXPECT_EQ(redact_body(R"({"secret":12345,"qty":1})"), R"({"secret":"***","qty":1})");
  EXPECT_EQ(redact_body(R"({"secret":{"a":"}","b":"x"},"qty":1})"), R"({"secret":"***","qty":1})");
  EXPECT_EQ(redact_body(R"({"token":["a","b"]})"), R"({"token":"***"})");
}

TEST(Redaction, Escaped_quotes_and_escaped_key_letters_do_not_hide_a_secret) {
  EXPECT_EQ(redact_body(R"({"secret":"hun\"ter2","qty":1})"), R"({"secret":"***","qty":1})");
  // JSON decodes "sec\u0072et" to "secret", and so does the redactor.
  EXPECT_EQ(redact_body(R"({"sec\u0072et":"hunter2"})"), R"({"sec\u0072et":"***"})");
  EXPECT_EQ(redact_body(R"({"SECRET":"hunter2"})"), R"({"SECRET":"***"})");
}

TEST(Redaction, Text_form_pairs_are_masked_to_the_next_whitespace) {
  EXPECT_EQ(redact_body("buy BTCUSDT qty=0.01 secret=hun,ter2 sl=2%"), "buy BTCUSDT qty=0.01 secret=*** sl=2%");
  EXPECT_EQ(redact_body("buy BTCUSDT passphrase=\"two words\""), "buy BTCUSDT passphrase=\"***\"");
  EXPECT_EQ(redact_body("buy BTCUSDT token = abc"), "buy BTCUSDT token = ***");
}

TEST(Redaction, Secret_typed_without_separator_is_masked_as_the_next_word) {
  EXPECT_EQ(redact_body("buy BTCUSDT secret hunter2"), "buy BTCUSDT secret ***");
  // Only the exact words: a symbol that merely contains one keeps its neighbours.
  EXPECT_EQ(redact_body("buy TOKENUSDT qty=1"), "buy TOKENUSDT qty=1");
}

TEST(Redaction, Malformed_json_never_leaks_the_secret) {
  const std::vector<std::string> nasty = {
      R"({"secret":"hunter2)",                       // unterminated value
      R"({"secret":"hunter2" "qty":1})",              // missing comma
      R"({"comment":"it's", "secret":'hunter2'})",   // single quotes after an apostrophe
      R"({"a":"xyz, "secret":"hunter2"})",           // earlier string never closed
      R"({secret: hunter2})",                        // unquoted key and value
      R"({"secret": hunter2, "qty": 1})",             // bare word value
      R"({"secret" : "hunter2"     )",                // truncated after the value
      R"("{\"secret\":\"hunter2\"}")",               // JSON inside a JSON string
      R"({"secret":\"hunter2\"})",                   // stray backslashes
      "{\"secret\"\n:\n\"hunter2\"}",                // newlines around the colon
      R"({"secret":)" "\n" R"(hunter2})",            // value on the next line
  };
  for (const std::string& body : nasty) {
    const std::string redacted = redact_body(body);
    EXPECT_THAT(redacted, Not(HasSubstr("hunter2"))) << body << " -> " << redacted;
    EXPECT_THAT(redacted, Not(HasSubstr("hunter"))) << body << " -> " << redacted;
  }
}

// Property: no character of the secret the reader found survives redaction. Secrets in the
// templates are written with the marker characters '@' and '~', which nothing else in a body
// contains, so every marker the secret held must be gone from the redacted body. Bodies are
// the templates with up to three random fragments inserted anywhere (inside keys, values and
// quotes too); the seed is fixed so a failure reproduces.
TEST(Redaction, No_character_of_the_secret_the_reader_found_survives_redaction) {
  const std::vector<std::string_view> templates = {
      R"({"action":"buy","symbol":"X","secret":"@~\"@~"})",
      R"({"sec\u0072et":"@@~~@","action":"buy","symbol":"X"})",
      R"({"action":"buy","symbol":"X","comment":"secret: x","passphrase":"@,\\~"})",
      R"({"action":"buy","order":{"secret":"x"},"symbol":"X","key":"@{}[]~"})",
      R"({"action" : "buy" , "symbol" : "X" , "Passphrase" : "@~@" })",
      "buy X qty=1 secret=@~@~",
      "buy X passphrase=\"@ ~ @\" qty=2",
      "sell X KEY=@,~;@=~",
      "buy X\tsecret=\"@\t~\"",
  };
  const std::vector<std::string_view> fragments = {
      "{", "}", "[", "]", ":", ",", " ", "\n", "\t", "=", "'", "\"", "\\", "\"secret\":", "secret=",
      "key ", "\\u0072", "\\u0022", "zz", "12", "null", "x=1 ", "\"a\":\"b\","};
  const auto markers = [](std::string_view text) {
    return std::count_if(text.begin(), text.end(), [](char c) { return c == '@' || c == '~'; });
  };
  std::mt19937 random(20261124);
  std::uniform_int_distribution<std::size_t> pick_template(0, templates.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_fragment(0, fragments.size() - 1);
  std::uniform_int_distribution<int> insertions(0, 3);
  int secrets_found = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string body(templates[pick_template(random)]);
    for (int n = insertions(random); n > 0; --n) {
      body.insert(std::uniform_int_distribution<std::size_t>(0, body.size())(random), fragments[pick_fragment(random)]);
    }
    Result<ParsedAlert> parsed = parse_alert(body, "text/plain");
    if (!parsed || !parsed->secret || markers(*parsed->secret) == 0) continue;
    ++secrets_found;
    const std::string redacted = redact_body(body);
    EXPECT_LE(markers(redacted), markers(body) - markers(*parsed->secret)) << body << " -> " << redacted;
  }
  EXPECT_GT(secrets_found, 1000);  // the generator really produces accepted bodies with secrets
}

TEST(Redaction, Bodies_without_secrets_are_unchanged) {
  const std::string body = R"({"action":"buy","ticker":"BINANCE:BTCUSDT.P","contracts":"0.015","comment":"EMA"})";
  EXPECT_EQ(redact_body(body), body);
  EXPECT_EQ(redact_body(""), "");
  EXPECT_EQ(redact_body("secret"), "secret");
}

TEST(Redaction, Url_tokens_and_query_strings_are_removed_from_targets) {
  EXPECT_EQ(redact_target("/webhook/bot1/t0k3n-abc"), "/webhook/bot1/***");
  EXPECT_EQ(redact_target("/webhook/bot1"), "/webhook/bot1");
  EXPECT_EQ(redact_target("/webhook/bot1?secret=x&y=1"), "/webhook/bot1?***");
  EXPECT_EQ(redact_target("/webhook/bot1/t0k3n/extra"), "/webhook/bot1/***/***");
}

TEST(Redaction, Quoted_input_is_redacted_cut_on_a_utf8_boundary_and_stripped_of_controls) {
  EXPECT_EQ(quote_for_message("secret=abc"), "'secret=***'");
  EXPECT_EQ(quote_for_message("a\nb"), "'a?b'");
  const std::string long_text = std::string(47, 'x') + "\xC3\xA9" + "yyyy";  // 'é' straddles byte 48
  EXPECT_EQ(quote_for_message(long_text), "'" + std::string(47, 'x') + "...'");
  EXPECT_EQ(truncate_utf8("ab\xC3\xA9", 3), "ab");
  EXPECT_EQ(truncate_utf8("ab\xC3\xA9", 4), "ab\xC3\xA9");
}

TEST(RejectionLog, Keeps_the_newest_records_oldest_first_and_counts_all) {
  RejectionLog log(3, 100);
  for (int i = 0; i < 5; ++i) {
    log.record(i, "bot1", "1.2.3.4", i % 2 == 0 ? "invalid_secret" : "stale_alert", "m", "body" + std::to_string(i));
  }
  const std::vector<RejectionRecord> records = log.snapshot();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].time, 2);
  EXPECT_EQ(records[1].time, 3);
  EXPECT_EQ(records[2].time, 4);
  EXPECT_EQ(records[2].body, "body4");
  EXPECT_EQ(log.total(), 5u);
  EXPECT_EQ(log.totals_by_code(), (std::map<std::string, std::uint64_t>{{"invalid_secret", 3}, {"stale_alert", 2}}));
}

TEST(RejectionLog, Bodies_are_redacted_before_they_are_cut) {
  RejectionLog log(4, 24);
  // Cut first, the key "secret" would survive without its closing quote and the value leak.
  log.record(1, "bot1", "1.2.3.4", "invalid_secret", "m", R"({"action":"buy","secret":"hunter2hunter2"})");
  const RejectionRecord record = log.snapshot().at(0);
  EXPECT_EQ(record.body, R"({"action":"buy","secret")");
  EXPECT_TRUE(record.body_truncated);
  log.record(2, "", "1.2.3.4", "malformed_text", "m", "buy X secret=hunter2 oops");
  EXPECT_EQ(log.snapshot().at(1).body, "buy X secret=*** oops");
  EXPECT_FALSE(log.snapshot().at(1).body_truncated);
}

TEST(RejectionLog, Counting_only_adds_to_totals_and_concurrent_writers_lose_nothing) {
  RejectionLog log(8, 16);
  log.count("rate_limited");
  EXPECT_TRUE(log.snapshot().empty());
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&log] {
      for (int i = 0; i < 250; ++i) log.record(i, "b", "ip", "invalid_secret", "m", "x");
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(log.total(), 1001u);
  EXPECT_EQ(log.totals_by_code().at("invalid_secret"), 1000u);
  EXPECT_EQ(log.snapshot().size(), 8u);
}

}  // namespace
}  // namespace tvbot::webhook
