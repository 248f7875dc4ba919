// MQTT payload parsing: a table of good and malformed messages, each malformed one with the reason it must give.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "data/mqtt_payload.h"

namespace ct::data {
namespace {

MqttPayloadOptions topicKey(int level, std::string value = "kwh") {
  MqttPayloadOptions o;
  o.key = parseMqttKeySpec("topic:" + std::to_string(level)).value();
  o.valueField = std::move(value);
  return o;
}

MqttPayloadOptions fieldKey(std::string keyField, std::string value = "kwh") {
  MqttPayloadOptions o;
  o.key = parseMqttKeySpec("field:" + keyField).value();
  o.valueField = std::move(value);
  return o;
}

struct Good {
  const char* topic;
  std::string payload;
  std::string key;
  double value;
};

TEST(MqttPayload, GoodMessagesGiveKeyFieldAndNumber) {
  const Good cases[] = {
      {"city/energy/b12", R"({"kwh": 12.5})", "b12", 12.5},
      {"city/energy/b12", R"({"kwh": -3})", "b12", -3.0},
      {"city/energy/b12", R"({"kwh": 1e3, "other": [1, {"x": null}]})", "b12", 1000.0},
      {"city/energy/b12", R"(  {"kwh":"7.25"} )", "b12", 7.25},  // numeric string
      {"city/energy/b12", R"({"kwh":" 8 "})", "b12", 8.0},
      {"city/energy/b12", "12.5", "b12", 12.5},  // plain number
      {"city/energy/b12", " \t-0.5\r\n", "b12", -0.5},
      {"city/energy/b12", "42", "b12", 42.0},
      {"city/energy/b12/extra", R"({"kwh": 1})", "b12", 1.0},
      {"city/energy/\xc3\xa9t\xc3\xa9", "2", "\xc3\xa9t\xc3\xa9", 2.0},  // UTF-8 key
  };
  for (const Good& c : cases) {
    auto r = parseMqttPayload(c.topic, c.payload, topicKey(2));
    ASSERT_TRUE(r.ok()) << c.payload << ": " << r.firstError();
    EXPECT_EQ(r->key, c.key) << c.payload;
    EXPECT_EQ(r->field, "kwh");
    EXPECT_EQ(r->value, c.value) << c.payload;
  }
}

TEST(MqttPayload, KeyFromTheLastLevelAndFromAPayloadField) {
  auto last = parseMqttPayload("a/b/c/d", "1", topicKey(-1));
  ASSERT_TRUE(last.ok()) << last.firstError();
  EXPECT_EQ(last->key, "d");
  auto first = parseMqttPayload("a/b/c/d", "1", topicKey(0));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->key, "a");

  auto text = parseMqttPayload("readings", R"({"id": "b7", "kwh": 3.5})", fieldKey("id"));
  ASSERT_TRUE(text.ok()) << text.firstError();
  EXPECT_EQ(text->key, "b7");
  EXPECT_EQ(text->value, 3.5);
  auto integer = parseMqttPayload("readings", R"({"id": 1024, "kwh": 1})", fieldKey("id"));
  ASSERT_TRUE(integer.ok()) << integer.firstError();
  EXPECT_EQ(integer->key, "1024");
}

struct Bad {
  const char* topic;
  std::string payload;
  const char* reason;  // a part of the message that says why
};

TEST(MqttPayload, MalformedMessagesAreRefusedWithTheirReason) {
  const Bad cases[] = {
      {"city/energy/b1", "", "empty payload"},
      {"city/energy/b1", "   ", "empty payload"},
      {"city/energy/b1", "abc", "neither a JSON object nor a number"},
      {"city/energy/b1", "12.5kWh", "neither a JSON object nor a number"},
      {"city/energy/b1", "nan", "neither a JSON object nor a number"},
      {"city/energy/b1", "inf", "not a finite number"},
      {"city/energy/b1", "-infinity", "not a finite number"},
      {"city/energy/b1", "1e999", "neither a JSON object nor a number"},  // out of range for a double
      {"city/energy/b1", "[1, 2]", "neither a JSON object nor a number"},
      {"city/energy/b1", "true", "neither a JSON object nor a number"},
      {"city/energy/b1", R"({"kwh": 1)", "not valid JSON"},
      {"city/energy/b1", R"({"kwh": 1} trailing)", "not valid JSON"},
      {"city/energy/b1", R"({"kw": 1})", "no field 'kwh'"},
      {"city/energy/b1", R"({"kwh": null})", "is null, not a number"},
      {"city/energy/b1", R"({"kwh": true})", "is boolean, not a number"},
      {"city/energy/b1", R"({"kwh": [1]})", "is array, not a number"},
      {"city/energy/b1", R"({"kwh": {"v": 1}})", "is object, not a number"},
      {"city/energy/b1", R"({"kwh": "twelve"})", "text that is not a number"},
      {"city/energy/b1", R"({"kwh": "inf"})", "not a finite number"},
      {"city/energy/b1", R"({"kwh": 1e400})", "not valid JSON"},  // nlohmann refuses numbers past a double
      {"city/energy", "1", "no level 2"},
      {"city/energy/", "1", "level 2 (the key) is empty"},
      {"city/energy/b1", std::string("{\"kwh\": 1, \"x\": \"\xff\"}"), "not valid JSON"},  // invalid UTF-8
      {"city/energy/b1", std::string("1\0", 2), "neither a JSON object nor a number"},
  };
  for (const Bad& c : cases) {
    auto r = parseMqttPayload(c.topic, c.payload, topicKey(2));
    ASSERT_FALSE(r.ok()) << "accepted: " << c.payload;
    EXPECT_NE(r.firstError().find(c.reason), std::string::npos) << c.payload << " -> " << r.firstError();
    EXPECT_EQ(r.firstError().rfind(std::string("topic '") + c.topic + "': ", 0), 0u) << r.firstError();
  }
}

TEST(MqttPayload, KeyFieldProblems) {
  const Bad cases[] = {
      {"readings", R"({"kwh": 1})", "no key field 'id'"},
      {"readings", R"({"id": "", "kwh": 1})", "key field 'id' is empty"},
      {"readings", R"({"id": 1.5, "kwh": 1})", "is number, not a text or an integer"},
      {"readings", R"({"id": ["b1"], "kwh": 1})", "is array, not a text or an integer"},
      {"readings", "12", "not a JSON object, so it has no key field 'id'"},
  };
  for (const Bad& c : cases) {
    auto r = parseMqttPayload(c.topic, c.payload, fieldKey("id"));
    ASSERT_FALSE(r.ok()) << "accepted: " << c.payload;
    EXPECT_NE(r.firstError().find(c.reason), std::string::npos) << c.payload << " -> " << r.firstError();
  }
}

TEST(MqttPayload, OversizedPayloadsAreRefusedBeforeParsing) {
  MqttPayloadOptions o = topicKey(2);
  o.maxPayloadBytes = 64;
  std::string fits = "{\"kwh\": 1" + std::string(64 - 10, ' ') + "}";
  ASSERT_EQ(fits.size(), 64u);
  EXPECT_TRUE(parseMqttPayload("a/b/c", fits, o).ok());
  auto r = parseMqttPayload("a/b/c", fits + " ", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.firstError().find("65 bytes is over the limit of 64"), std::string::npos) << r.firstError();
  // The default limit is 64 KiB.
  std::string big(MqttPayloadOptions::kDefaultMaxPayloadBytes + 1, ' ');
  big[0] = '1';
  EXPECT_FALSE(parseMqttPayload("a/b/c", big, topicKey(2)).ok());
}

TEST(MqttPayload, DeepNestingIsHandled) {
  std::string deep = "{\"kwh\": 1, \"x\": " + std::string(20000, '[') + std::string(20000, ']') + "}";
  auto r = parseMqttPayload("a/b/c", deep, topicKey(2));
  ASSERT_TRUE(r.ok()) << r.firstError();
  EXPECT_EQ(r->value, 1.0);
}

TEST(MqttPayload, KeySpecs) {
  EXPECT_EQ(parseMqttKeySpec("topic:2").value().level, 2);
  EXPECT_EQ(parseMqttKeySpec("topic:-1").value().level, -1);
  EXPECT_EQ(parseMqttKeySpec("field:id").value().field, "id");
  for (const char* bad : {"", "topic:", "topic:x", "topic:2x", "field:", "level:2", "topic:99999999999"}) {
    auto r = parseMqttKeySpec(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_FALSE(r.firstError().empty());
  }
}

}  // namespace
}  // namespace ct::data
