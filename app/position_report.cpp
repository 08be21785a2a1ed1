#include "app/position_report.hpp"

#include <cstdio>

#include "events/codec.hpp"
#include "events/position.hpp"

namespace tvbot::app {
namespace {

std::string describe_one(const SidePosition& position) {
  if (position.is_flat()) return "flat";
  return std::string(to_string(position.direction)) + " " + position.qty.to_string() + " @ " +
         position.avg_entry.to_string();
}

// Left-aligns `text` in a column of `width` and always leaves two spaces or more before the
// next column: a long label ("fill 1234 sell 0.00012345@30123.45") shifts the row rather than
// running into the position, and cells (which hold single spaces) stay easy to tell apart.
std::string pad(std::string text, std::size_t width) {
  constexpr std::size_t kGap = 2;
  text.append(text.size() + kGap <= width ? width - text.size() : kGap, ' ');
  return text;
}

}  // namespace

std::string describe_positions(const SidePosition& net, const SidePosition& long_side,
                               const SidePosition& short_side, bool hedge) {
  if (!hedge) return describe_one(net);
  return "L " + describe_one(long_side) + " | S " + describe_one(short_side);
}

std::string text_header() {
  return pad("event", 28) + pad("position", 44) + pad("realized_gross", 18) + pad("fees", 16) +
         "realized_net";
}

std::string text_row(const std::string& label, const SidePosition& net,
                     const SidePosition& long_side, const SidePosition& short_side,
                     const PnlTotals& totals, bool hedge) {
  return pad(label, 28) + pad(describe_positions(net, long_side, short_side, hedge), 44) +
         pad(totals.realized_gross.to_string(), 18) + pad(totals.fees.to_string(), 16) +
         totals.realized_net().to_string();
}

std::string json_fields(const SidePosition& position, const PnlTotals& totals,
                        const std::optional<Price>& mark) {
  std::string out = "\"side\":";
  append_json_string(out, position.is_flat() ? "flat" : to_string(position.direction));
  auto add = [&out](std::string_view key, const std::string& value) {
    out += ",\"";
    out += key;
    out += "\":\"" + value + "\"";
  };
  add("qty", position.qty.to_string());
  add("avg_entry", position.avg_entry.to_string());
  add("realized_gross", totals.realized_gross.to_string());
  add("fees", totals.fees.to_string());
  add("realized_net", totals.realized_net().to_string());
  if (mark) add("unrealized", unrealized_pnl(position, *mark).to_string());
  return out;
}

}  // namespace tvbot::app
