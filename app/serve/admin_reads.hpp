#pragma once
// The admin API's reads. Everything comes from the event log (EventStore::load_state,
// read_stream, read_all): the log is the only source of truth, so what the admin API shows
// is what a restart would rebuild. Only the mark price for unrealized P&L comes from a paper
// broker's current price, and only when the stream's bot trades on one (a real venue would
// need a network call, which a read here must not make).
//
// These run on the admin listener's thread and read RocksDB synchronously: that blocks only
// the admin listener, never the webhook one, and reads take micro- to milliseconds.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/config/config.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "http/server/server.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app::admin {

class AdminReads {
 public:
  // Everything must outlive this object.
  AdminReads(const config::Config& config, const storage::EventStore& store,
             std::map<std::string, PaperBroker*> paper_brokers)
      : config_(config), store_(store), paper_brokers_(std::move(paper_brokers)) {}

  // GET /admin/bots
  [[nodiscard]] http::Response bots() const;
  // GET /admin/positions[?bot=ID]
  [[nodiscard]] http::Response positions(std::string_view target) const;
  // GET /admin/trades[?bot=ID][&limit=N]: newest first
  [[nodiscard]] http::Response trades(std::string_view target) const;
  // GET /admin/streams/<bot>/<symbol>/events[?from=SEQ][&limit=N]
  [[nodiscard]] http::Response stream_events(std::string_view bot, std::string_view symbol,
                                             std::string_view target) const;

 private:
  [[nodiscard]] std::optional<Price> mark_price(std::string_view bot, std::string_view symbol) const;

  const config::Config& config_;
  const storage::EventStore& store_;
  std::map<std::string, PaperBroker*> paper_brokers_;
};

// "alpha/BTCUSDT" -> {"alpha", "BTCUSDT"}; the instrument is empty without a '/'.
[[nodiscard]] std::pair<std::string_view, std::string_view> split_stream(std::string_view stream);

}  // namespace tvbot::app::admin
