#pragma once
// A process-wide set of metric families and their Prometheus text exposition.
//
//   Registry& r = ...;                                   // one per process, owned by main
//   auto& fills = r.counter_family("tvbot_fills_total", "Fills recorded.", {"broker", "side"});
//   fills.with({"paper", "buy"}).inc();                  // cache the Counter& where it is hot
//   auto& ack = r.histogram_family("tvbot_alert_ack_seconds", "...", {}, {500, 1000}, 6);
//   ack.with({}).observe(elapsed_microseconds);
//   r.add_callback("tvbot_eventlog_batches_total", "...", MetricType::counter, {}, 0,
//                  [&log] { return std::vector<Sample>{{{}, stats(log)}}; });  // at scrape
//   std::string text = r.expose();
//
// Registration (family creation, and `with` for a label set not seen before) takes a mutex
// and may allocate; updating a Counter/Gauge/Histogram is one relaxed atomic add. References
// returned stay valid for the registry's life. Registering a name again with the same kind
// and labels returns the same family; with a different kind, labels, bounds or scale it
// throws std::logic_error, as do invalid names: those are programming errors caught at
// start-up, not conditions to handle.
//
// A family with no series is left out of the exposition entirely, so a metric whose source
// is not running (no projector configured) is absent rather than a misleading zero.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "observability/metrics.hpp"

namespace tvbot::observability {

enum class MetricType { counter, gauge, histogram };

// One scrape-time value of a callback family: label values in the family's label order.
struct Sample {
  std::vector<std::string> label_values;
  std::int64_t value = 0;
};

template <class Metric>
class Family {
 public:
  // The series for these label values (in the family's label order), created on first use.
  // Throws std::logic_error when the number of values is not the number of label names.
  Metric& with(const std::vector<std::string>& label_values);

 private:
  friend class Registry;
  struct Definition {
    std::string name;
    std::string help;
    MetricType type = MetricType::counter;
    std::vector<std::string> label_names;
    unsigned scale = 0;
    std::vector<std::int64_t> upper_bounds;  // histograms only
  };
  explicit Family(Definition definition) : definition_(std::move(definition)) {}
  void expose(std::string& out) const;

  Definition definition_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> series_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

class Registry {
 public:
  Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  ~Registry();

  CounterFamily& counter_family(std::string name, std::string help,
                                std::vector<std::string> label_names);
  // Exported as value / 10^scale.
  GaugeFamily& gauge_family(std::string name, std::string help,
                            std::vector<std::string> label_names, unsigned scale = 0);
  // `upper_bounds` strictly increasing, in the unit observe() gets; exported / 10^scale.
  HistogramFamily& histogram_family(std::string name, std::string help,
                                    std::vector<std::string> label_names,
                                    std::vector<std::int64_t> upper_bounds, unsigned scale = 0);

  // Values read at scrape time (counts another component already keeps, such as the event
  // log's statistics). `collect` runs on the scraping thread, must be thread-safe and quick,
  // and may return no samples (then the family is left out). Type counter or gauge.
  void add_callback(std::string name, std::string help, MetricType type,
                    std::vector<std::string> label_names, unsigned scale,
                    std::function<std::vector<Sample>()> collect);

  // The text exposition format 0.0.4, families sorted by name.
  [[nodiscard]] std::string expose() const;

 private:
  struct Entry;
  Entry& add(std::string name, MetricType type, std::vector<std::string> label_names);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>> families_;
};

}  // namespace tvbot::observability
