// Encoding side of codec.hpp: payloads and whole events, appended into one reserved string.
#include <type_traits>
#include <vector>

#include "events/codec.hpp"
#include "events/json_event_fields.hpp"
#include "events/json_writer.hpp"

namespace tvbot {
namespace {

// Enough for a typical event in one allocation; an AlertReceived with a long raw body grows once.
constexpr std::size_t typical_event_json_size = 512;

class FieldEncoder {
 public:
  explicit FieldEncoder(json::ObjectWriter& object) : object_(object) {}

  void operator()(std::string_view name, const std::string& text) {
    append_json_string(object_.key(name), text);
  }
  void operator()(std::string_view name, bool flag) { object_.key(name) += flag ? "true" : "false"; }
  void operator()(std::string_view name, std::uint64_t number) { json::append_uint(object_.key(name), number); }
  void operator()(std::string_view name, std::uint32_t number) { json::append_uint(object_.key(name), number); }

  template <int Scale, class Rep, class Tag>
  void operator()(std::string_view name, const Fixed<Scale, Rep, Tag>& decimal) {
    json::append_quoted_plain(object_.key(name), decimal.to_string());
  }

  template <class Enum>
    requires std::is_enum_v<Enum>
  void operator()(std::string_view name, const Enum& value) {
    json::append_quoted_plain(object_.key(name), to_string(value));
  }

  // "2%" or "27000.5": see codec.hpp.
  void operator()(std::string_view name, const PriceLevel& level) {
    std::string& out = object_.key(name);
    out += '"';
    out += level.value.to_string();
    if (level.percent) out += '%';
    out += '"';
  }

  void operator()(std::string_view name, const Signal& signal) { nested(name, signal); }

  void operator()(std::string_view name, const std::vector<TakeProfitLevel>& levels) {
    std::string& out = object_.key(name);
    out += '[';
    for (std::size_t i = 0; i < levels.size(); ++i) {
      if (i != 0) out += ',';
      append_object(out, levels[i]);
    }
    out += ']';
  }

  template <class T>
  void operator()(std::string_view name, const std::optional<T>& maybe) {
    if (maybe) (*this)(name, *maybe);
  }

  void time(std::string_view name, const std::optional<Timestamp>& maybe) {
    if (maybe) json::append_timestamp(object_.key(name), *maybe);
  }

  // Any other member type must be given a JSON form above, not converted by accident.
  template <class T>
  void operator()(std::string_view name, const T&) = delete;

  template <class S>
  static void append_object(std::string& out, const S& event) {
    json::ObjectWriter object(out);
    FieldEncoder encoder(object);
    json::visit_fields(event, encoder);
    object.close();
  }

 private:
  template <class S>
  void nested(std::string_view name, const S& value) {
    append_object(object_.key(name), value);
  }

  json::ObjectWriter& object_;
};

void append_payload(std::string& out, const EventPayload& payload) {
  std::visit([&out](const auto& event) { FieldEncoder::append_object(out, event); }, payload);
}

}  // namespace

int schema_version_of(const EventPayload& payload) { return event_schemas[payload.index()].version; }

std::string encode_payload(const EventPayload& payload) {
  std::string out;
  out.reserve(typical_event_json_size);
  append_payload(out, payload);
  return out;
}

std::string encode_event(const Event& event) {
  std::string out;
  out.reserve(typical_event_json_size);
  json::ObjectWriter envelope(out);
  json::append_uint(envelope.key("global_seq"), event.global_seq);
  append_json_string(envelope.key("stream"), event.stream);
  json::append_uint(envelope.key("stream_seq"), event.stream_seq);
  json::append_timestamp(envelope.key("time"), event.time);
  json::append_quoted_plain(envelope.key("type"), event_type_name(event.payload));
  json::append_uint(envelope.key("v"), static_cast<std::uint64_t>(schema_version_of(event.payload)));
  append_payload(envelope.key("data"), event.payload);
  envelope.close();
  return out;
}

}  // namespace tvbot
