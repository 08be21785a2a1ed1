// Decoding entry points of codec.hpp: the thread's parser, version dispatch, the envelope.
// Field-level reading lives in json_decode.cpp, encoding in json_encode.cpp.
#include "events/codec.hpp"

#include <simdjson.h>

#include <array>
#include <limits>
#include <optional>

#include "events/json_decode.hpp"
#include "events/json_upcast.hpp"

namespace tvbot {
namespace {

using simdjson::ondemand::document;
using simdjson::ondemand::object;

// One parser and one padded input buffer per thread. Both keep their capacity between calls,
// so decoding a stream of events does not allocate for the JSON itself.
struct ThreadDecoder {
  simdjson::ondemand::parser parser;
  std::string padded_input;
};

// The document reads from this thread's buffer: it, and every string_view taken from it,
// is dead after the next call.
simdjson::simdjson_result<document> iterate_padded(std::string_view json) {
  thread_local ThreadDecoder decoder;
  decoder.padded_input.assign(json);
  decoder.padded_input.append(simdjson::SIMDJSON_PADDING, '\0');
  return decoder.parser.iterate(decoder.padded_input.data(), json.size(), decoder.padded_input.size());
}

Result<object> root_object(simdjson::simdjson_result<document>& parsed, document& doc, const json::Path& root) {
  if (auto error = std::move(parsed).get(doc)) return json::json_error(root, error);
  return json::read_root_object(doc, root);
}

// On-Demand reads lazily, so text after the closing brace is only noticed if asked for.
Status check_fully_read(document& doc, const json::Path& root) {
  const char* location = nullptr;
  if (doc.current_location().get(location) == simdjson::OUT_OF_BOUNDS) return {};
  return make_error("invalid_json", root.render() + ": unexpected text after the object");
}

std::optional<std::size_t> find_type_index(std::string_view type) {
  for (std::size_t i = 0; i < event_schemas.size(); ++i) {
    if (event_schemas[i].type == type) return i;
  }
  return std::nullopt;
}

Error unknown_type(std::string_view type) {
  std::string message = "unknown event type \"";
  message.append(type.substr(0, 64)).append("\"");
  return make_error("unknown_event_type", std::move(message));
}

Status check_version(std::string_view type, int version, int current) {
  if (version < 1) {
    return make_error("invalid_event", std::string(type) + " v" + std::to_string(version) + ": versions start at 1");
  }
  if (version > current) {
    return make_error("unsupported_event_version", std::string(type) + " v" + std::to_string(version) +
                                                       " is newer than this build knows (v" +
                                                       std::to_string(current) + ")");
  }
  return {};
}

Result<EventPayload> decode_current_version(std::size_t type_index, std::string_view json) {
  const json::Path root{nullptr, event_schemas[type_index].type};
  auto parsed = iterate_padded(json);
  document doc;
  auto payload_object = root_object(parsed, doc, root);
  if (!payload_object) return payload_object.error();
  auto payload = json::read_payload(type_index, *payload_object);
  if (!payload) return payload;
  if (Status status = check_fully_read(doc, root); !status.ok()) return status.error();
  return payload;
}

// The envelope's fields, each with a bit for "seen".
enum class EnvelopeField : unsigned { global_seq, stream, stream_seq, time, type, version, data };
constexpr std::array<std::string_view, 7> envelope_field_names{
    "global_seq", "stream", "stream_seq", "time", "type", "v", "data"};
constexpr unsigned envelope_field_count = envelope_field_names.size();

constexpr unsigned bit_of(EnvelopeField field) { return 1u << static_cast<unsigned>(field); }

}  // namespace

Result<EventPayload> decode_payload(std::string_view type, int version, std::string_view json) {
  const std::optional<std::size_t> type_index = find_type_index(type);
  if (!type_index) return unknown_type(type);
  const int current = event_schemas[*type_index].version;
  if (Status status = check_version(type, version, current); !status.ok()) return status.error();
  if (version == current) return decode_current_version(*type_index, json);
  auto upcast = upcast_payload(event_upcasters(), type, version, current, json);
  if (!upcast) return upcast.error();
  return decode_current_version(*type_index, *upcast);
}

Result<Event> decode_event(std::string_view json_line) {
  const json::Path root{nullptr, "Event"};
  auto parsed = iterate_padded(json_line);
  document doc;
  auto envelope = root_object(parsed, doc, root);
  if (!envelope) return envelope.error();

  Event event;
  std::optional<std::size_t> type_index;
  std::int64_t version = 0;
  std::optional<EventPayload> payload;
  std::string deferred_data;  // "data" that could not be read in place (see below)
  unsigned seen = 0;
  for (auto field_or_error : *envelope) {
    simdjson::ondemand::field field;
    if (auto error = std::move(field_or_error).get(field)) return json::json_error(root, error);
    std::string_view key;
    if (auto error = json::field_key(field).get(key)) return json::json_error(root, error);
    unsigned index = 0;
    while (index < envelope_field_count && envelope_field_names[index] != key) ++index;
    if (index == envelope_field_count) continue;  // unknown: skipped, as in payloads (json_decode.cpp)
    const json::Path path{&root, envelope_field_names[index]};
    if ((seen & (1u << index)) != 0) return json::invalid_event(path, "appears twice");
    seen |= 1u << index;

    auto& value = field.value();
    Status status;
    switch (static_cast<EnvelopeField>(index)) {
      case EnvelopeField::global_seq: status = json::read_value(value, event.global_seq, path); break;
      case EnvelopeField::stream: status = json::read_value(value, event.stream, path); break;
      case EnvelopeField::stream_seq: status = json::read_value(value, event.stream_seq, path); break;
      case EnvelopeField::time: status = json::read_timestamp(value, event.time, path); break;
      case EnvelopeField::type: {
        std::string_view name;
        if (auto error = value.get_string().get(name)) return json::value_error(value, path, "a string", error);
        type_index = find_type_index(name);
        if (!type_index) return unknown_type(name);
        break;
      }
      case EnvelopeField::version:
        if (auto error = value.get_int64().get(version)) return json::value_error(value, path, "an integer", error);
        if (version < std::numeric_limits<int>::min() || version > std::numeric_limits<int>::max()) {
          return json::invalid_event(path, "out of range");
        }
        break;
      case EnvelopeField::data: {
        object data_object;
        if (auto error = value.get_object().get(data_object)) return json::value_error(value, path, "an object", error);
        // Our own writer puts "type" and "v" first, so the payload is normally read in place.
        // Otherwise (hand-written input, or an old version to upcast) its text is kept and
        // decoded once the envelope is done, as the thread's parser serves one document at a time.
        if (type_index && (seen & bit_of(EnvelopeField::version)) != 0 &&
            version == event_schemas[*type_index].version) {
          auto decoded = json::read_payload(*type_index, data_object);
          if (!decoded) return decoded.error();
          payload = std::move(decoded).value();
        } else {
          std::string_view text;
          if (auto error = data_object.raw_json().get(text)) return json::json_error(path, error);
          deferred_data.assign(text);
        }
        break;
      }
    }
    if (!status.ok()) return status.error();
  }
  if (Status status = check_fully_read(doc, root); !status.ok()) return status.error();
  for (unsigned index = 0; index < envelope_field_count; ++index) {
    if ((seen & (1u << index)) == 0) {
      return json::invalid_event(json::Path{&root, envelope_field_names[index]}, "missing required field");
    }
  }
  if (!payload) {
    auto decoded = decode_payload(event_schemas[*type_index].type, static_cast<int>(version), deferred_data);
    if (!decoded) return decoded.error();
    payload = std::move(decoded).value();
  }
  event.payload = std::move(*payload);
  return event;
}

}  // namespace tvbot
