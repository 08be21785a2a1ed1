#pragma once
// Internal: the reconciliation keys of a [[brokers]] entry, valid for every kind.
#include "app/config/config.hpp"
#include "app/config/reader.hpp"

namespace tvbot::config::detail {

// reconcile_interval_seconds (0 = off, at most a day; default 60) and
// on_drift ("report" or "pause"; default "report").
void read_reconcile_settings(TableReader& reader, BrokerConfig& broker);

}  // namespace tvbot::config::detail
