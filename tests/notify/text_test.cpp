// Escaping and truncation of notification text for each of Telegram's parse modes.
#include "actors/notify/text.hpp"

#include <gtest/gtest.h>

namespace tvbot::notify {
namespace {

TEST(Escape, Html_escapes_only_amp_lt_gt) {
  EXPECT_EQ(escape("a<b & c>d \"q\" 'x' -1.5", ParseMode::html),
            "a&lt;b &amp; c&gt;d \"q\" 'x' -1.5");
}

TEST(Escape, MarkdownV2_escapes_every_documented_special_character_and_backslash) {
  EXPECT_EQ(escape("_*[]()~`>#+-=|{}.!\\", ParseMode::markdown_v2),
            "\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\");
  EXPECT_EQ(escape("BTC-PERP -12.5", ParseMode::markdown_v2), "BTC\\-PERP \\-12\\.5");
  EXPECT_EQ(escape("plain words 60000", ParseMode::markdown_v2), "plain words 60000");
}

TEST(Escape, Legacy_markdown_escapes_its_four_entity_characters_only) {
  EXPECT_EQ(escape("my_bot *x* `c` [l] -1.5 (p)", ParseMode::markdown),
            "my\\_bot \\*x\\* \\`c\\` \\[l] -1.5 (p)");
}

TEST(Escape, Plain_text_is_untouched) {
  EXPECT_EQ(escape("<b>_*&\\", ParseMode::plain), "<b>_*&\\");
}

TEST(Render, Bold_and_code_use_each_modes_markup) {
  Text text;
  text.bold("P&L -1.5").plain(" on ").code("BTC-PERP");
  EXPECT_EQ(text.render(ParseMode::html), "<b>P&amp;L -1.5</b> on <code>BTC-PERP</code>");
  EXPECT_EQ(text.render(ParseMode::markdown_v2), "*P&L \\-1\\.5* on `BTC-PERP`");
  EXPECT_EQ(text.render(ParseMode::markdown), "*P&L -1.5* on `BTC-PERP`");
  EXPECT_EQ(text.render(ParseMode::plain), "P&L -1.5 on BTC-PERP");
}

TEST(Render, MarkdownV2_code_escapes_only_backtick_and_backslash) {
  Text text;
  text.code("a`b\\c.d-e");
  EXPECT_EQ(text.render(ParseMode::markdown_v2), "`a\\`b\\\\c.d-e`");
}

TEST(Render, Legacy_markdown_entity_holding_an_entity_character_becomes_escaped_plain_text) {
  // Legacy Markdown cannot escape inside an entity: "*my_bot*" would be refused.
  Text text;
  text.bold("my_bot").plain(" ").code("a`b").plain(" ").bold("ok");
  EXPECT_EQ(text.render(ParseMode::markdown), "my\\_bot a\\`b *ok*");
}

TEST(Render, Empty_spans_are_left_out_so_no_empty_entity_is_sent) {
  Text text;
  text.bold("").plain("x").code("");
  EXPECT_EQ(text.render(ParseMode::html), "x");
  EXPECT_EQ(text.render(ParseMode::markdown_v2), "x");
}

TEST(Truncate, A_long_text_is_cut_to_the_limit_with_an_ellipsis) {
  Text text;
  text.plain(std::string(5000, 'a'));
  const std::string out = text.render(ParseMode::plain);
  EXPECT_EQ(out.size(), kMaxMessageBytes);
  EXPECT_EQ(out.substr(out.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(out.substr(0, 10), std::string(10, 'a'));
}

TEST(Truncate, Never_splits_an_html_entity_or_leaves_a_tag_open) {
  Text text;
  text.bold(std::string(3000, '&'));  // each '&' is 5 bytes escaped
  const std::string out = text.render(ParseMode::html, 40);
  // "<b>" + n * "&amp;" + "</b>" + "…" within 40 bytes: n = 6 (3 + 30 + 4 + 3 = 40).
  EXPECT_EQ(out, "<b>&amp;&amp;&amp;&amp;&amp;&amp;</b>\xE2\x80\xA6");
  EXPECT_EQ(out.size(), 40u);
}

TEST(Truncate, Never_splits_a_markdown_v2_escape_sequence) {
  Text text;
  text.plain("ab").plain(std::string(100, '.'));
  // Budget 10 - 3 for the ellipsis = 7: "ab" + two "\." (4 bytes) = 6; a third would be 8.
  EXPECT_EQ(text.render(ParseMode::markdown_v2, 10), "ab\\.\\.\xE2\x80\xA6");
}

TEST(Truncate, Never_splits_a_utf8_character) {
  Text text;
  text.plain(std::string("x") + "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");  // "xéééé"
  // Budget 7 - 3 = 4: "x" + one "é" (2 bytes) = 3; a second would make 5.
  EXPECT_EQ(text.render(ParseMode::plain, 7), "x\xC3\xA9\xE2\x80\xA6");
}

TEST(Truncate, Drops_a_whole_span_whose_markup_no_longer_fits) {
  Text text;
  text.plain("12345").bold("bold");
  // Budget 10 - 3 = 7: "12345" fits, "<b>" + "b" + "</b>" (8) does not.
  EXPECT_EQ(text.render(ParseMode::html, 10), "12345\xE2\x80\xA6");
}

TEST(ParseModeNames, Round_trip_and_unknown_names_are_refused) {
  EXPECT_EQ(parse_parse_mode("HTML"), ParseMode::html);
  EXPECT_EQ(parse_parse_mode("MarkdownV2"), ParseMode::markdown_v2);
  EXPECT_EQ(parse_parse_mode("Markdown"), ParseMode::markdown);
  EXPECT_EQ(parse_parse_mode(""), ParseMode::plain);
  EXPECT_EQ(parse_parse_mode("html"), std::nullopt);
  EXPECT_EQ(parse_mode_field(ParseMode::markdown_v2), "MarkdownV2");
  EXPECT_EQ(parse_mode_field(ParseMode::plain), "");
}

}  // namespace
}  // namespace tvbot::notify
