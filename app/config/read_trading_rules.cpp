// sizing, max_entries, max_position, stop_loss, take_profit, trailing, take_profits,
// trailing_activation, break_even_after_first_tp: in [bots.defaults]
// and again in each instrument, where they override the bot's defaults.
#include "app/config/sections.hpp"

namespace tvbot::config::detail {
namespace {

// Written in place of a value to remove one inherited from [bots.defaults].
constexpr std::string_view kNone = "none";

enum class PercentLimit { below_100, unlimited };

std::optional<Sizing> read_sizing(TableReader& reader) {
  const toml::table* table = reader.subtable("sizing");
  if (!table) return std::nullopt;
  TableReader sizing(*table, reader.key_path("sizing"), reader.context());
  const auto kind = sizing.one_of("kind", {"alert", "fixed", "quote", "equity_percent"});
  std::optional<Sizing> result;
  if (!kind) {
    if (!table->contains("kind")) {
      reader.context().error(
          sizing.key_path("kind"), table,
          "missing; expected \"alert\", \"fixed\", \"quote\" or \"equity_percent\"");
    }
    // Without a kind the other keys cannot be judged; do not report them as unknown.
    return std::nullopt;
  }
  auto required = [&](std::string_view key) {
    if (!table->contains(key)) {
      reader.context().error(sizing.key_path(key), table,
                             "missing; kind = \"" + *kind + "\" needs " + std::string(key));
    }
  };
  if (*kind == "alert") {
    result = QuantityFromAlert{};
  } else if (*kind == "fixed") {
    required("qty");
    if (auto qty = sizing.decimal<Quantity>("qty", Sign::positive)) result = FixedQuantity{*qty};
  } else if (*kind == "quote") {
    required("amount");
    if (auto amount = sizing.decimal<Money>("amount", Sign::positive))
      result = QuoteAmount{*amount};
  } else {
    required("percent");
    if (auto percent = sizing.decimal<Ratio>("percent", Sign::positive)) {
      if (*percent > Ratio::from_raw(100'0000000000)) {
        reader.context().error(sizing.key_path("percent"), table->get("percent"),
                               "must be at most 100, got " + in_quotes(percent->to_string()));
      } else {
        result = EquityPercent{*percent};
      }
    }
  }
  sizing.finish();
  return result;
}

// Sets `target` from "2%", "27000", 27000 or "none"; leaves it alone when the key is absent.
void read_price_level(TableReader& reader, std::string_view key, PercentLimit limit,
                      std::optional<PriceLevel>& target) {
  const toml::node* node = reader.find(key);
  if (!node) return;
  const std::string path = reader.key_path(key);
  if (node->is_string() && node->as_string()->get() == kNone) {
    target.reset();
    return;
  }
  auto text = decimal_text(*node, path, reader.context());
  if (!text) return;
  const std::string written = *text;
  PriceLevel level;
  if (!text->empty() && text->back() == '%') {
    level.percent = true;
    text->pop_back();
  }
  auto value = Price::parse_exact(*text);
  if (!value.ok()) {
    reader.context().error(path, node,
                           "expected a percentage such as \"2%\", a price such as "
                           "\"27000\", or \"none\", got " +
                               in_quotes(written));
    return;
  }
  if (!value->is_positive()) {
    reader.context().error(path, node, "must be greater than zero");
    return;
  }
  if (level.percent && limit == PercentLimit::below_100 &&
      *value >= Price::from_raw(100'0000000000)) {
    reader.context().error(path, node, "a percentage here must be below 100%");
    return;
  }
  level.value = *value;
  target = level;
}

// take_profits = [{ level = "1%", fraction = "0.5" }, ...]; "none" removes inherited ones.
void read_take_profits(TableReader& reader, std::vector<TakeProfitLevel>& target) {
  const toml::node* node = reader.table().get("take_profits");
  if (node && node->is_string() && node->as_string()->get() == kNone) {
    reader.allow("take_profits");
    target.clear();
    return;
  }
  const toml::array* list = reader.array("take_profits");
  if (!list) return;
  std::vector<TakeProfitLevel> levels;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = reader.key_path("take_profits") + "[" + std::to_string(i) + "]";
    const toml::table* table = list->get(i)->as_table();
    if (!table) {
      reader.context().error(path, list->get(i),
                             R"(expected { level = "1%", fraction = "0.5" })");
      continue;
    }
    TableReader item(*table, path, reader.context());
    std::optional<PriceLevel> level;
    read_price_level(item, "level", PercentLimit::unlimited, level);
    const auto fraction = item.decimal<Ratio>("fraction", Sign::positive);
    item.finish();
    if (!level || !fraction) {
      if (!level && !table->contains("level")) reader.context().error(path, table, "missing level");
      if (!fraction && !table->contains("fraction")) {
        reader.context().error(path, table, "missing fraction");
      }
      continue;
    }
    if (*fraction > Ratio::from_int(1)) {
      reader.context().error(path + ".fraction", table->get("fraction"), "must be at most 1");
      continue;
    }
    levels.push_back({*level, *fraction});
  }
  target = std::move(levels);
}

}  // namespace

void read_trading_rules(TableReader& reader, TradingRules& rules) {
  if (auto sizing = read_sizing(reader)) rules.sizing = *sizing;
  // 100 entries is far more pyramiding than any strategy needs; more is a typo.
  if (auto v = reader.integer("max_entries", 1, 100))
    rules.max_entries = static_cast<std::uint32_t>(*v);
  if (const toml::node* node = reader.table().get("max_position");
      node && node->is_string() && node->as_string()->get() == kNone) {
    reader.allow("max_position");
    rules.max_position.reset();
  } else if (auto v = reader.decimal<Quantity>("max_position", Sign::positive)) {
    rules.max_position = *v;
  }
  read_price_level(reader, "stop_loss", PercentLimit::below_100, rules.stop_loss);
  read_price_level(reader, "take_profit", PercentLimit::unlimited, rules.take_profit);
  read_price_level(reader, "trailing", PercentLimit::below_100, rules.trailing);
  read_take_profits(reader, rules.take_profits);
  if (auto v = reader.decimal<Price>("trailing_activation", Sign::positive)) {
    rules.trailing_activation = *v;
  }
  if (auto v = reader.boolean("break_even_after_first_tp")) rules.break_even_after_first_tp = *v;
}

}  // namespace tvbot::config::detail
