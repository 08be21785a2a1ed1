#include "observability/metrics_registry.hpp"

#include <stdexcept>

#include "observability/prometheus_text.hpp"

namespace tvbot::observability {
namespace {

std::string_view type_text(MetricType type) {
  switch (type) {
    case MetricType::counter: return "counter";
    case MetricType::gauge: return "gauge";
    case MetricType::histogram: return "histogram";
  }
  return "untyped";
}

void append_header(std::string& out, std::string_view name, std::string_view help,
                   MetricType type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  append_escaped_help(out, help);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type_text(type);
  out += '\n';
}

// name{a="x",b="y"[,le="0.5"]} value
void append_sample(std::string& out, std::string_view name, std::string_view suffix,
                   const std::vector<std::string>& label_names,
                   const std::vector<std::string>& label_values, const std::string* le,
                   std::string_view value) {
  out += name;
  out += suffix;
  if (!label_names.empty() || le != nullptr) {
    out += '{';
    for (std::size_t i = 0; i < label_names.size(); ++i) {
      if (i > 0) out += ',';
      out += label_names[i];
      out += "=\"";
      append_escaped_label_value(out, label_values[i]);
      out += '"';
    }
    if (le != nullptr) {
      if (!label_names.empty()) out += ',';
      out += "le=\"" + *le + "\"";
    }
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

void check_definition(const std::string& name, const std::vector<std::string>& label_names,
                      MetricType type) {
  if (!is_valid_metric_name(name)) throw std::logic_error("invalid metric name: " + name);
  for (const auto& label : label_names) {
    if (!is_valid_label_name(label) || (type == MetricType::histogram && label == "le")) {
      throw std::logic_error("invalid label name for " + name + ": " + label);
    }
  }
}

std::string sample_value(const Counter& counter, unsigned) {
  return format_unsigned(counter.value());
}
std::string sample_value(const Gauge& gauge, unsigned scale) {
  return format_scaled(gauge.value(), scale);
}

}  // namespace

template <class Metric>
Metric& Family<Metric>::with(const std::vector<std::string>& label_values) {
  if (label_values.size() != definition_.label_names.size()) {
    throw std::logic_error(definition_.name + ": expected " +
                           std::to_string(definition_.label_names.size()) + " label values");
  }
  std::lock_guard lock(mutex_);
  auto it = series_.find(label_values);
  if (it != series_.end()) return *it->second;
  std::unique_ptr<Metric> metric;
  if constexpr (std::is_same_v<Metric, Histogram>) {
    metric = std::make_unique<Histogram>(definition_.upper_bounds);
  } else {
    metric = std::make_unique<Metric>();
  }
  return *series_.emplace(label_values, std::move(metric)).first->second;
}

template <class Metric>
void Family<Metric>::expose(std::string& out) const {
  std::lock_guard lock(mutex_);
  if (series_.empty()) return;
  const auto& d = definition_;
  append_header(out, d.name, d.help, d.type);
  for (const auto& [labels, metric] : series_) {
    if constexpr (std::is_same_v<Metric, Histogram>) {
      auto snapshot = metric->snapshot();
      for (std::size_t i = 0; i <= d.upper_bounds.size(); ++i) {
        std::string le = i < d.upper_bounds.size() ? format_scaled(d.upper_bounds[i], d.scale)
                                                   : std::string("+Inf");
        append_sample(out, d.name, "_bucket", d.label_names, labels, &le,
                      format_unsigned(snapshot.cumulative[i]));
      }
      append_sample(out, d.name, "_sum", d.label_names, labels, nullptr,
                    format_scaled(snapshot.sum, d.scale));
      append_sample(out, d.name, "_count", d.label_names, labels, nullptr,
                    format_unsigned(snapshot.count));
    } else {
      append_sample(out, d.name, "", d.label_names, labels, nullptr,
                    sample_value(*metric, d.scale));
    }
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

struct Registry::Entry {
  MetricType type = MetricType::counter;
  std::vector<std::string> label_names;
  std::unique_ptr<CounterFamily> counters;
  std::unique_ptr<GaugeFamily> gauges;
  std::unique_ptr<HistogramFamily> histograms;
  // Callback families:
  std::string name;
  std::string help;
  unsigned scale = 0;
  std::function<std::vector<Sample>()> collect;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Entry& Registry::add(std::string name, MetricType type,
                               std::vector<std::string> label_names) {
  check_definition(name, label_names, type);
  auto it = families_.find(name);
  if (it != families_.end()) {
    if (it->second->type != type || it->second->label_names != label_names ||
        it->second->collect) {
      throw std::logic_error("metric " + name + " registered twice with different definitions");
    }
    return *it->second;
  }
  auto entry = std::make_unique<Entry>();
  entry->type = type;
  entry->label_names = std::move(label_names);
  entry->name = name;
  return *families_.emplace(std::move(name), std::move(entry)).first->second;
}

CounterFamily& Registry::counter_family(std::string name, std::string help,
                                        std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  auto& entry = add(name, MetricType::counter, label_names);
  if (!entry.counters) {
    entry.counters.reset(new CounterFamily(
        {std::move(name), std::move(help), MetricType::counter, std::move(label_names), 0, {}}));
  }
  return *entry.counters;
}

GaugeFamily& Registry::gauge_family(std::string name, std::string help,
                                    std::vector<std::string> label_names, unsigned scale) {
  std::lock_guard lock(mutex_);
  auto& entry = add(name, MetricType::gauge, label_names);
  if (!entry.gauges) {
    entry.gauges.reset(new GaugeFamily(
        {std::move(name), std::move(help), MetricType::gauge, std::move(label_names), scale, {}}));
  } else if (entry.gauges->definition_.scale != scale) {
    throw std::logic_error("metric " + name + " registered twice with different scales");
  }
  return *entry.gauges;
}

HistogramFamily& Registry::histogram_family(std::string name, std::string help,
                                            std::vector<std::string> label_names,
                                            std::vector<std::int64_t> upper_bounds,
                                            unsigned scale) {
  if (upper_bounds.empty()) throw std::logic_error(name + ": a histogram needs bounds");
  for (std::size_t i = 1; i < upper_bounds.size(); ++i) {
    if (upper_bounds[i] <= upper_bounds[i - 1]) {
      throw std::logic_error(name + ": bounds must increase strictly");
    }
  }
  std::lock_guard lock(mutex_);
  auto& entry = add(name, MetricType::histogram, label_names);
  if (!entry.histograms) {
    entry.histograms.reset(new HistogramFamily({std::move(name), std::move(help),
                                                MetricType::histogram, std::move(label_names),
                                                scale, std::move(upper_bounds)}));
  } else if (entry.histograms->definition_.upper_bounds != upper_bounds ||
             entry.histograms->definition_.scale != scale) {
    throw std::logic_error("metric " + name + " registered twice with different bounds");
  }
  return *entry.histograms;
}

void Registry::add_callback(std::string name, std::string help, MetricType type,
                            std::vector<std::string> label_names, unsigned scale,
                            std::function<std::vector<Sample>()> collect) {
  if (type == MetricType::histogram) throw std::logic_error(name + ": callbacks cannot be histograms");
  std::lock_guard lock(mutex_);
  check_definition(name, label_names, type);
  if (families_.count(name) != 0) throw std::logic_error("metric " + name + " registered twice");
  auto entry = std::make_unique<Entry>();
  entry->type = type;
  entry->label_names = std::move(label_names);
  entry->name = name;
  entry->help = std::move(help);
  entry->scale = scale;
  entry->collect = std::move(collect);
  families_.emplace(std::move(name), std::move(entry));
}

std::string Registry::expose() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, entry] : families_) {
    if (entry->counters) entry->counters->expose(out);
    if (entry->gauges) entry->gauges->expose(out);
    if (entry->histograms) entry->histograms->expose(out);
    if (!entry->collect) continue;
    auto samples = entry->collect();
    if (samples.empty()) continue;
    append_header(out, name, entry->help, entry->type);
    for (const auto& sample : samples) {
      if (sample.label_values.size() != entry->label_names.size()) continue;  // a bug upstream
      append_sample(out, name, "", entry->label_names, sample.label_values, nullptr,
                    format_scaled(sample.value, entry->scale));
    }
  }
  return out;
}

}  // namespace tvbot::observability
