#include "events/position_snapshot.hpp"

#include <algorithm>
#include <type_traits>
#include <vector>

namespace tvbot {
namespace {

constexpr std::string_view kMagic = "TVPS";

// std::make_unsigned knows no __int128 in strict C++20 mode (-std=c++20, not gnu++20).
template <class T>
struct UnsignedOf {
  using type = std::make_unsigned_t<T>;
};
template <>
struct UnsignedOf<int128> {
  using type = uint128;
};
template <class T>
using Unsigned = typename UnsignedOf<T>::type;

class Writer {
 public:
  template <class Int>
  void integer(Int value) {
    const auto bits = static_cast<Unsigned<Int>>(value);
    for (std::size_t i = 0; i < sizeof(Int); ++i) {
      bytes_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
    }
  }
  template <int S, class Rep, class Tag>
  void decimal(Fixed<S, Rep, Tag> value) { integer(value.raw()); }
  void flag(bool value) { integer<std::uint8_t>(value ? 1 : 0); }
  template <class Enum>
  void enumeration(Enum value) { integer(static_cast<std::uint8_t>(value)); }
  void text(std::string_view value) {
    integer(static_cast<std::uint32_t>(value.size()));
    bytes_.append(value);
  }
  void raw(std::string_view value) { bytes_.append(value); }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool failed() const { return failed_; }
  bool at_end() const { return offset_ == bytes_.size(); }

  template <class Int>
  Int integer() {
    if (!take(sizeof(Int))) return Int{};
    Unsigned<Int> bits = 0;
    for (std::size_t i = sizeof(Int); i-- > 0;) {
      bits = static_cast<Unsigned<Int>>(
          (bits << 8) | static_cast<unsigned char>(bytes_[offset_ - sizeof(Int) + i]));
    }
    return static_cast<Int>(bits);
  }
  template <class Decimal>
  Decimal decimal() { return Decimal::from_raw(integer<typename Decimal::rep>()); }
  bool flag() { return enumeration<bool>(1); }
  // Values above `max` mark the snapshot corrupt rather than becoming invalid enums.
  template <class Enum>
  Enum enumeration(std::uint8_t max) {
    const auto value = integer<std::uint8_t>();
    if (value > max) failed_ = true;
    return static_cast<Enum>(failed_ ? 0 : value);
  }
  std::string text() {
    const auto size = integer<std::uint32_t>();
    if (!take(size)) return {};
    return std::string(bytes_.substr(offset_ - size, size));
  }
  std::string_view raw(std::size_t size) {
    if (!take(size)) return {};
    return bytes_.substr(offset_ - size, size);
  }

 private:
  bool take(std::size_t size) {
    if (failed_ || bytes_.size() - offset_ < size) {
      failed_ = true;
      return false;
    }
    offset_ += size;
    return true;
  }

  std::string_view bytes_;
  std::size_t offset_ = 0;
  bool failed_ = false;
};

constexpr std::uint8_t kMaxDirection = 1;
constexpr std::uint8_t kMaxSide = 1;
constexpr std::uint8_t kMaxPositionSide = 2;
constexpr std::uint8_t kMaxReason = 5;

void write(Writer& out, const PnlTotals& totals) {
  out.decimal(totals.realized_gross);
  out.decimal(totals.fees);
}
void read(Reader& in, PnlTotals& totals) {
  totals.realized_gross = in.decimal<Money>();
  totals.fees = in.decimal<Money>();
}

void write(Writer& out, const SidePosition& position) {
  out.enumeration(position.direction);
  out.decimal(position.qty);
  out.decimal(position.avg_entry);
  out.decimal(position.cost_basis);
  out.integer(position.entries);
  out.integer(position.cycle);
  out.decimal(position.cycle_realized_gross);
  out.decimal(position.cycle_fees);
  write(out, position.lifetime);
}
void read(Reader& in, SidePosition& position) {
  position.direction = in.enumeration<Direction>(kMaxDirection);
  position.qty = in.decimal<Quantity>();
  position.avg_entry = in.decimal<Price>();
  position.cost_basis = in.decimal<Notional>();
  position.entries = in.integer<std::uint32_t>();
  position.cycle = in.integer<std::uint32_t>();
  position.cycle_realized_gross = in.decimal<Money>();
  position.cycle_fees = in.decimal<Money>();
  read(in, position.lifetime);
}

void write(Writer& out, const PendingOrder& order) {
  out.text(order.client_order_id);
  out.text(order.broker_order_id);
  out.enumeration(order.side);
  out.enumeration(order.position_side);
  out.decimal(order.qty);
  out.decimal(order.filled);
  out.enumeration(order.reason);
  out.flag(order.reduce_only);
}
void read(Reader& in, PendingOrder& order) {
  order.client_order_id = in.text();
  order.broker_order_id = in.text();
  order.side = in.enumeration<Side>(kMaxSide);
  order.position_side = in.enumeration<PositionSide>(kMaxPositionSide);
  order.qty = in.decimal<Quantity>();
  order.filled = in.decimal<Quantity>();
  order.reason = in.enumeration<OrderReason>(kMaxReason);
  order.reduce_only = in.flag();
}

void write(Writer& out, const std::optional<PriceLevel>& level) {
  out.flag(level.has_value());
  if (!level) return;
  out.flag(level->percent);
  out.decimal(level->value);
}
void read(Reader& in, std::optional<PriceLevel>& level) {
  if (!in.flag()) return;
  level.emplace();
  level->percent = in.flag();
  level->value = in.decimal<Price>();
}

void write(Writer& out, const std::optional<ProtectionSet>& protection) {
  out.flag(protection.has_value());
  if (!protection) return;
  out.enumeration(protection->position_side);
  write(out, protection->stop_loss);
  out.integer(static_cast<std::uint32_t>(protection->take_profits.size()));
  for (const TakeProfitLevel& tp : protection->take_profits) {
    write(out, std::optional<PriceLevel>{tp.level});
    out.decimal(tp.fraction);
  }
  write(out, protection->trailing);
  out.flag(protection->trailing_activation.has_value());
  if (protection->trailing_activation) out.decimal(*protection->trailing_activation);
  out.flag(protection->break_even_after_first_tp);
}
void read(Reader& in, std::optional<ProtectionSet>& protection) {
  if (!in.flag()) return;
  protection.emplace();
  protection->position_side = in.enumeration<PositionSide>(kMaxPositionSide);
  read(in, protection->stop_loss);
  const auto levels = in.integer<std::uint32_t>();
  for (std::uint32_t i = 0; i < levels && !in.failed(); ++i) {
    std::optional<PriceLevel> level;
    read(in, level);
    protection->take_profits.push_back({level.value_or(PriceLevel{}), in.decimal<Ratio>()});
  }
  read(in, protection->trailing);
  if (in.flag()) protection->trailing_activation = in.decimal<Price>();
  protection->break_even_after_first_tp = in.flag();
}

void write(Writer& out, const ProtectionProgress& progress) {
  out.integer(progress.take_profits_hit);
  out.integer(progress.take_profits_in_flight);
  out.flag(progress.break_even);
  out.flag(progress.trailing_best.has_value());
  if (progress.trailing_best) out.decimal(*progress.trailing_best);
}
void read(Reader& in, ProtectionProgress& progress) {
  progress.take_profits_hit = in.integer<std::uint32_t>();
  progress.take_profits_in_flight = in.integer<std::uint32_t>();
  progress.break_even = in.flag();
  if (in.flag()) progress.trailing_best = in.decimal<Price>();
}

}  // namespace

std::string encode_snapshot(const StreamState& state) {
  Writer out;
  out.raw(kMagic);
  out.integer(kSnapshotFormatVersion);
  out.text(state.stream);
  out.integer(state.version);
  out.flag(state.paused);
  write(out, state.net);
  write(out, state.long_side);
  write(out, state.short_side);
  out.integer(static_cast<std::uint32_t>(state.pending.size()));
  for (const PendingOrder& order : state.pending) write(out, order);
  std::vector<std::string_view> fill_ids(state.seen_fill_ids.begin(), state.seen_fill_ids.end());
  std::sort(fill_ids.begin(), fill_ids.end());
  out.integer(static_cast<std::uint64_t>(fill_ids.size()));
  for (std::string_view id : fill_ids) out.text(id);
  write(out, state.totals);
  write(out, state.protection_net);
  write(out, state.protection_long);
  write(out, state.protection_short);
  write(out, state.progress_net);
  write(out, state.progress_long);
  write(out, state.progress_short);
  return out.take();
}

Result<StreamState> decode_snapshot(std::string_view bytes) {
  Reader in(bytes);
  if (in.raw(kMagic.size()) != kMagic) {
    return make_error("snapshot_corrupt", "not a position snapshot");
  }
  const auto version = in.integer<std::uint8_t>();
  if (in.failed()) return make_error("snapshot_corrupt", "truncated before its version");
  if (version != kSnapshotFormatVersion) {
    return make_error("snapshot_version",
                      "snapshot format " + std::to_string(version) + ", expected " +
                          std::to_string(kSnapshotFormatVersion));
  }
  StreamState state;
  state.stream = in.text();
  state.version = in.integer<std::uint64_t>();
  state.paused = in.flag();
  read(in, state.net);
  read(in, state.long_side);
  read(in, state.short_side);
  const auto pending = in.integer<std::uint32_t>();
  for (std::uint32_t i = 0; i < pending && !in.failed(); ++i) {
    read(in, state.pending.emplace_back());
  }
  const auto fill_ids = in.integer<std::uint64_t>();
  // Each id costs at least its 4-byte length, which bounds a corrupt count.
  state.seen_fill_ids.reserve(std::min<std::uint64_t>(fill_ids, bytes.size() / 4));
  for (std::uint64_t i = 0; i < fill_ids && !in.failed(); ++i) {
    state.seen_fill_ids.insert(in.text());
  }
  read(in, state.totals);
  read(in, state.protection_net);
  read(in, state.protection_long);
  read(in, state.protection_short);
  read(in, state.progress_net);
  read(in, state.progress_long);
  read(in, state.progress_short);
  if (in.failed() || !in.at_end()) {
    return make_error("snapshot_corrupt", "truncated, trailing or invalid bytes");
  }
  return state;
}

}  // namespace tvbot
