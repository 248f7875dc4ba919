// MQTT payload parsing: key from a topic level or a JSON field, value from a JSON field or a plain number.
#include "data/mqtt_payload.h"

#include <charconv>
#include <cmath>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/table.h"

namespace ct::data {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

// A printable excerpt of untrusted bytes for a message: control and non-ASCII bytes as '?', at most 40 bytes.
std::string excerpt(std::string_view bytes) {
  constexpr size_t kMax = 40;
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    out.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
  }
  if (bytes.size() > kMax) out += "...";
  return out;
}

// Topic level `level` (negative: from the end); false when the topic has too few levels.
bool topicLevel(std::string_view topic, int level, std::string_view& out) {
  std::vector<std::string_view> levels;
  size_t start = 0;
  while (true) {
    size_t slash = topic.find('/', start);
    levels.push_back(topic.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  int64_t n = static_cast<int64_t>(levels.size());
  int64_t i = level >= 0 ? level : n + level;
  if (i < 0 || i >= n) return false;
  out = levels[static_cast<size_t>(i)];
  return true;
}

// The finite number in a JSON value (a number or a numeric string), or the reason there is none.
std::string jsonNumber(const nlohmann::json& v, const std::string& field, double& out) {
  if (v.is_number()) {
    out = v.get<double>();
    if (!std::isfinite(out)) return "field '" + field + "' is not a finite number";
    return {};
  }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    auto n = parseNumber(s);
    if (!n) return "field '" + field + "' is a text that is not a number: '" + excerpt(s) + "'";
    if (!std::isfinite(*n)) return "field '" + field + "' is not a finite number";
    out = *n;
    return {};
  }
  return "field '" + field + "' is " + std::string(v.type_name()) + ", not a number";
}

}  // namespace

Result<MqttKeySpec> parseMqttKeySpec(std::string_view spec) {
  MqttKeySpec out;
  if (spec.starts_with("topic:")) {
    std::string_view n = spec.substr(6);
    int level = 0;
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), level);
    if (n.empty() || ec != std::errc() || end != n.data() + n.size() || level > 1000 || level < -1000)
      return Result<MqttKeySpec>::fail("key '" + std::string(spec) + "': 'topic:' needs a level number such as topic:2");
    out.from = MqttKeySpec::From::TopicLevel;
    out.level = level;
    return Result<MqttKeySpec>::ok(out);
  }
  if (spec.starts_with("field:")) {
    if (spec.size() == 6) return Result<MqttKeySpec>::fail("key 'field:' needs a field name such as field:id");
    out.from = MqttKeySpec::From::PayloadField;
    out.field = std::string(spec.substr(6));
    return Result<MqttKeySpec>::ok(out);
  }
  return Result<MqttKeySpec>::fail("key '" + std::string(spec) +
                                   "' is neither topic:N (a topic level) nor field:NAME (a payload field)");
}

std::string readMqttPayload(std::string_view topic, std::string_view payload, const MqttPayloadOptions& options,
                            MqttReading& out) {
  if (payload.size() > options.maxPayloadBytes)
    return "payload of " + std::to_string(payload.size()) + " bytes is over the limit of " +
           std::to_string(options.maxPayloadBytes);
  std::string_view key;
  std::string keyText;
  if (options.key.from == MqttKeySpec::From::TopicLevel) {
    if (!topicLevel(topic, options.key.level, key))
      return "topic has no level " + std::to_string(options.key.level) + " for the key";
    if (key.empty()) return "topic level " + std::to_string(options.key.level) + " (the key) is empty";
  }
  std::string_view body = trim(payload);
  if (body.empty()) return "empty payload";

  double value = 0.0;
  if (body.front() != '{') {
    if (options.key.from == MqttKeySpec::From::PayloadField)
      return "payload is not a JSON object, so it has no key field '" + options.key.field + "'";
    auto n = parseNumber(body);
    if (!n) return "payload is neither a JSON object nor a number: '" + excerpt(body) + "'";
    if (!std::isfinite(*n)) return "payload is not a finite number";
    value = *n;
  } else {
    auto doc = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return "payload is not valid JSON: '" + excerpt(body) + "'";
    if (!doc.is_object()) return "payload is not a JSON object";
    auto it = doc.find(options.valueField);
    if (it == doc.end()) return "no field '" + options.valueField + "' in the payload";
    if (std::string why = jsonNumber(*it, options.valueField, value); !why.empty()) return why;
    if (options.key.from == MqttKeySpec::From::PayloadField) {
      auto k = doc.find(options.key.field);
      if (k == doc.end()) return "no key field '" + options.key.field + "' in the payload";
      if (k->is_string()) {
        keyText = k->get<std::string>();
      } else if (k->is_number_integer()) {
        keyText = k->dump();
      } else {
        return "key field '" + options.key.field + "' is " + std::string(k->type_name()) +
               ", not a text or an integer";
      }
      if (keyText.empty()) return "key field '" + options.key.field + "' is empty";
    }
  }
  out.key = keyText.empty() ? std::string(key) : std::move(keyText);
  out.field = options.valueField;
  out.value = value;
  return {};
}

Result<MqttReading> parseMqttPayload(std::string_view topic, std::string_view payload,
                                     const MqttPayloadOptions& options) {
  MqttReading reading;
  std::string why = readMqttPayload(topic, payload, options, reading);
  if (!why.empty()) return Result<MqttReading>::fail(describeTopic(topic) + ": " + why);
  return Result<MqttReading>::ok(std::move(reading));
}

std::string describeTopic(std::string_view topic) {
  constexpr size_t kMax = 120;
  std::string out = "topic '";
  out += topic.substr(0, kMax);
  if (topic.size() > kMax) out += "...";
  out += "'";
  return out;
}

}  // namespace ct::data
