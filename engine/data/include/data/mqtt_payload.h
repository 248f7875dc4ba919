// MQTT message parsing, a pure function: a topic and payload bytes become (feature key, field, number), or the
// reason the message is malformed. MqttSource uses it on the network thread; tests and the fuzzer call it directly.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ct::data {

// Where a message's feature key comes from: "topic:N" (topic level N, 0-based; negative counts from the end, so
// "topic:-1" is the last level) or "field:NAME" (a string or integer field of the JSON payload).
struct MqttKeySpec {
  enum class From : uint8_t { TopicLevel, PayloadField };
  From from = From::TopicLevel;
  int level = -1;     // when from == TopicLevel
  std::string field;  // when from == PayloadField
};
Result<MqttKeySpec> parseMqttKeySpec(std::string_view spec);

struct MqttPayloadOptions {
  static constexpr size_t kDefaultMaxPayloadBytes = 64 * 1024;
  MqttKeySpec key;
  std::string valueField = "value";  // the JSON field holding the number; also the table field it fills
  size_t maxPayloadBytes = kDefaultMaxPayloadBytes;
};

struct MqttReading {
  std::string key;
  std::string field;
  double value = 0.0;
};

// Accepts a JSON object whose valueField is a finite number or a numeric string ({"kwh": 12.5},
// {"kwh": "12.5"}), or a plain number payload ("12.5", blanks around it allowed). Refuses NaN and infinities,
// other types, a missing field, a topic without the key's level, an empty key, payloads over maxPayloadBytes.
// Returns the reason ("" when the message is good, then `out` is filled). Never throws, whatever the bytes.
std::string readMqttPayload(std::string_view topic, std::string_view payload, const MqttPayloadOptions& options,
                            MqttReading& out);
// The same, as a Result whose error names the topic: "topic 'city/energy/b1': no field 'kwh' in the payload".
Result<MqttReading> parseMqttPayload(std::string_view topic, std::string_view payload,
                                     const MqttPayloadOptions& options);
// A topic as error messages show it: quoted, shortened past 120 bytes.
std::string describeTopic(std::string_view topic);

}  // namespace ct::data
