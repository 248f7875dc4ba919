// Fuzz target: MQTT message parsing (data/mqtt_payload.h). The first byte picks the key spec (a topic level or
// a payload field), then the topic runs to the first newline and the payload is the rest.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "data/mqtt_payload.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1u << 20)) return -1;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t nl = in.find('\n');
  std::string_view topic = nl == std::string_view::npos ? in : in.substr(0, nl);
  std::string_view payload = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);

  static const char* kKeys[] = {"topic:0", "topic:2", "topic:-1", "topic:-3", "field:id", "field:kwh"};
  ct::data::MqttPayloadOptions options;
  options.key = ct::data::parseMqttKeySpec(kKeys[data[0] % 6]).value();
  options.valueField = (data[0] & 0x40) ? "value" : "kwh";
  options.maxPayloadBytes = (data[0] & 0x80) ? 64 : ct::data::MqttPayloadOptions::kDefaultMaxPayloadBytes;

  ct::data::MqttReading reading;
  std::string why = ct::data::readMqttPayload(topic, payload, options, reading);
  auto result = ct::data::parseMqttPayload(topic, payload, options);
  if (why.empty() != result.ok()) __builtin_trap();  // the two entry points must agree
  if (why.empty()) {
    if (!std::isfinite(reading.value) || reading.key.empty() || reading.field != options.valueField) __builtin_trap();
    if (payload.size() > options.maxPayloadBytes) __builtin_trap();
  }
  return 0;
}
