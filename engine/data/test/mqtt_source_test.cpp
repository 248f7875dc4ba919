// MqttSource against a real mosquitto broker (tests/support): retained and live messages, malformed ones counted,
// keys from topic levels and payload fields, credentials, broker loss and return, and a 10 000 msg/s burst.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <thread>

#include "data/mqtt_source.h"
#include "mosquitto_broker.h"

namespace ct::data {
namespace {

using test::MosquittoBroker;
using Clock = std::chrono::steady_clock;

MqttOptions optionsFor(const MosquittoBroker& broker, std::string topic = "city/energy/#") {
  MqttOptions o;
  o.name = "energy";
  o.url = broker.url();
  o.topic = std::move(topic);
  o.key = "topic:2";
  o.value = "kwh";
  o.reconnectMinSeconds = 1;
  o.reconnectMaxSeconds = 2;
  return o;
}

std::unique_ptr<MqttSource> make(MqttOptions o) {
  auto r = MqttSource::create(std::move(o));
  EXPECT_TRUE(r.ok()) << r.firstError();
  return r.ok() ? std::move(r.value()) : nullptr;
}

// Polls like a frame loop (every 5 ms) until cond() holds or `seconds` pass.
template <typename Cond>
bool pollUntil(MqttSource& s, Cond cond, double seconds = 10.0) {
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < deadline) {
    s.poll(0.0);
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  s.poll(0.0);
  return cond();
}

double number(const MqttSource& s, const std::string& key, const std::string& field = "kwh") {
  const Value* v = s.table().get(key, field);
  return v && v->isNumber() ? v->number : -1e300;
}

TEST(MqttSource, RetainedMessagesPublishedBeforeSubscribingArrive) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  ASSERT_TRUE(broker.publish("city/energy/b1", R"({"kwh": 12.5})", /*retained=*/true));
  ASSERT_TRUE(broker.publish("city/energy/b2", "7", /*retained=*/true));
  auto src = make(optionsFor(broker));
  ASSERT_TRUE(src);
  ASSERT_TRUE(pollUntil(*src, [&] { return src->mqttStatus().applied >= 2; })) << src->status().state;
  EXPECT_EQ(number(*src, "b1"), 12.5);
  EXPECT_EQ(number(*src, "b2"), 7.0);
  EXPECT_EQ(src->mqttStatus().retained, 2u);
  EXPECT_EQ(src->table().size(), 2u);
  EXPECT_EQ(src->status().state, "connected");
}

TEST(MqttSource, LiveMessagesApplyInPollOnly) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  auto src = make(optionsFor(broker));
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->waitForConnection(10.0)) << src->status().lastError;
  ASSERT_TRUE(broker.publishMany({{"city/energy/b1", R"({"kwh": 1.5})"}, {"city/energy/b3", R"({"kwh": "2.25"})"},
                                  {"city/energy/b1", R"({"kwh": 4})"}},
                                 1));
  // Received on the network thread, but the table only changes in poll().
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (src->mqttStatus().received < 3 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(src->mqttStatus().received, 3u);
  EXPECT_EQ(src->table().size(), 0u);
  uint64_t before = src->table().version();
  EXPECT_TRUE(src->poll(0.0));
  EXPECT_GT(src->table().version(), before);
  EXPECT_EQ(number(*src, "b1"), 4.0);  // the later value wins
  EXPECT_EQ(number(*src, "b3"), 2.25);
  EXPECT_EQ(src->mqttStatus().applied, 3u);
  EXPECT_FALSE(src->poll(0.0));  // nothing new
  EXPECT_GT(src->status().lastUpdateUnixSeconds, 1.5e9);
}

TEST(MqttSource, MalformedMessagesAreCountedAndTheGoodOnesStillApply) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  auto src = make(optionsFor(broker));
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->waitForConnection(10.0));
  std::vector<MosquittoBroker::Message> msgs = {
      {"city/energy/b1", R"({"kwh": 10})"},  {"city/energy/b2", "not a number"},
      {"city/energy/b3", R"({"kwh": nan})"}, {"city/energy/b4", R"({"kw": 1})"},
      {"city/energy/b5", "20"},              {"city/energy", "5"},
      {"city/energy/b6", R"({"kwh": "inf"})"}, {"city/energy/b7", R"({"kwh": "30"})"},
  };
  ASSERT_TRUE(broker.publishMany(msgs, 1));
  ASSERT_TRUE(pollUntil(*src, [&] { return src->mqttStatus().received >= msgs.size(); }));
  src->poll(0.0);
  MqttStatus st = src->mqttStatus();
  EXPECT_EQ(st.malformed, 5u);
  EXPECT_EQ(st.applied, 3u);
  EXPECT_EQ(src->table().keys(), (std::vector<std::string>{"b1", "b5", "b7"}));
  EXPECT_EQ(number(*src, "b1"), 10.0);
  EXPECT_EQ(number(*src, "b5"), 20.0);
  EXPECT_EQ(number(*src, "b7"), 30.0);
  SourceStatus status = src->status();
  EXPECT_EQ(status.bad, 5u);
  EXPECT_EQ(status.messages, 8u);
  ASSERT_EQ(status.problems.size(), 5u);
  EXPECT_EQ(status.problems[0].location, "topic 'city/energy/b2'");
  EXPECT_NE(status.problems[0].message.find("neither a JSON object nor a number"), std::string::npos);
  EXPECT_EQ(status.problems[2].location, "topic 'city/energy/b4'");
  EXPECT_NE(status.problems[2].message.find("no field 'kwh'"), std::string::npos);
  EXPECT_NE(status.problems[3].message.find("no level 2"), std::string::npos);
}

TEST(MqttSource, KeyFromAPayloadField) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  MqttOptions o = optionsFor(broker, "site/readings");
  o.key = "field:building";
  o.value = "power";
  o.qos = 1;
  auto src = make(o);
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->waitForConnection(10.0));
  ASSERT_TRUE(broker.publishMany({{"site/readings", R"({"building": "A-1", "power": 3.5})"},
                                  {"site/readings", R"({"building": 17, "power": -1})"},
                                  {"site/other", R"({"building": "X", "power": 9})"}},  // not subscribed
                                 1));
  ASSERT_TRUE(pollUntil(*src, [&] { return src->mqttStatus().applied >= 2; }));
  EXPECT_EQ(number(*src, "A-1", "power"), 3.5);
  EXPECT_EQ(number(*src, "17", "power"), -1.0);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  src->poll(0.0);
  EXPECT_EQ(src->table().size(), 2u);
}

TEST(MqttSource, CredentialsAreRequiredAndUsed) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker({"planner", "s3cret pass"});
  ASSERT_TRUE(broker.start()) << broker.error();
  ASSERT_TRUE(broker.publish("city/energy/b1", "5", true));

  auto anonymous = make(optionsFor(broker));
  ASSERT_TRUE(anonymous);
  EXPECT_FALSE(anonymous->waitForConnection(10.0));
  MqttStatus st = anonymous->mqttStatus();
  EXPECT_EQ(st.state, MqttStatus::State::Error);
  EXPECT_NE(st.reason.find("not authorised"), std::string::npos) << st.reason;
  EXPECT_EQ(anonymous->status().state, "error");
  EXPECT_EQ(st.received, 0u);

  MqttOptions wrong = optionsFor(broker);
  wrong.username = "planner";
  wrong.password = "wrong";
  auto refused = make(wrong);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->waitForConnection(10.0));
  EXPECT_EQ(refused->mqttStatus().state, MqttStatus::State::Error);

  MqttOptions right = optionsFor(broker);
  right.username = "planner";
  right.password = "s3cret pass";
  auto src = make(right);
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->waitForConnection(10.0)) << src->status().lastError;
  ASSERT_TRUE(pollUntil(*src, [&] { return src->mqttStatus().applied >= 1; }));
  EXPECT_EQ(number(*src, "b1"), 5.0);
}

TEST(MqttSource, SurvivesTheBrokerGoingAwayAndComingBack) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  auto src = make(optionsFor(broker));
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->waitForConnection(10.0));
  ASSERT_TRUE(broker.publish("city/energy/b1", "1"));
  ASSERT_TRUE(pollUntil(*src, [&] { return src->mqttStatus().applied >= 1; }));

  broker.stop();
  ASSERT_TRUE(pollUntil(*src, [&] { return src->mqttStatus().state == MqttStatus::State::Reconnecting; }));
  SourceStatus down = src->status();
  EXPECT_EQ(down.state, "reconnecting");
  EXPECT_NE(down.lastError.find("connection lost"), std::string::npos) << down.lastError;
  EXPECT_EQ(number(*src, "b1"), 1.0);  // the last values stay while the broker is away

  ASSERT_TRUE(broker.start()) << broker.error();
  ASSERT_TRUE(src->waitForConnection(20.0)) << src->status().lastError;
  ASSERT_TRUE(broker.publish("city/energy/b1", "2"));
  ASSERT_TRUE(pollUntil(*src, [&] { return number(*src, "b1") == 2.0; }));
  MqttStatus st = src->mqttStatus();
  EXPECT_EQ(st.state, MqttStatus::State::Connected);
  EXPECT_EQ(st.connects, 2u);
  EXPECT_EQ(st.reconnects, 1u);
}

TEST(MqttSource, ABrokerThatIsNotUpYetIsRetried) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  broker.stop();  // keeps the port
  auto created = Clock::now();
  auto src = make(optionsFor(broker));
  ASSERT_TRUE(src);
  // create() returned without waiting for the network.
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - created).count(), 1.0);
  EXPECT_FALSE(src->waitForConnection(0.5));
  EXPECT_NE(src->mqttStatus().state, MqttStatus::State::Connected);
  ASSERT_TRUE(broker.start()) << broker.error();
  ASSERT_TRUE(src->waitForConnection(20.0)) << src->status().lastError;
  ASSERT_TRUE(broker.publish("city/energy/b9", "9"));
  ASSERT_TRUE(pollUntil(*src, [&] { return number(*src, "b9") == 9.0; }));
}

// 10 000+ messages in one second while a frame loop polls every 16 ms: every one applied; figures printed.
TEST(MqttSource, TenThousandMessagesASecondWithoutAFrameStall) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  auto src = make(optionsFor(broker));
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->waitForConnection(10.0));

  constexpr int kMessages = 12000;
  constexpr int kKeys = 500;
  std::vector<MosquittoBroker::Message> msgs;
  std::map<std::string, double> expected;  // the last value sent per key, computed here
  for (int i = 0; i < kMessages; ++i) {
    std::string key = "b";  // appended: g++ 12 warns falsely (-Wrestrict) on "b" + std::string
    key += std::to_string(i % kKeys);
    double v = i * 0.5;
    msgs.push_back({"city/energy/" + key, "{\"kwh\": " + std::to_string(v) + "}"});
    expected[key] = v;
  }
  bool published = false;
  double publishSeconds = 0.0;
  std::thread publisher([&] {
    auto t0 = Clock::now();
    published = broker.publishMany(msgs, 0, /*perSecond=*/kMessages);
    publishSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  });

  double maxPollMs = 0.0;
  int frames = 0;
  auto start = Clock::now();
  auto deadline = start + std::chrono::seconds(30);
  Clock::time_point done{};
  while (Clock::now() < deadline) {
    auto t0 = Clock::now();
    src->poll(0.0);
    maxPollMs = std::max(maxPollMs, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    ++frames;
    if (src->mqttStatus().applied >= kMessages) {
      done = Clock::now();
      break;
    }
    std::this_thread::sleep_until(t0 + std::chrono::milliseconds(16));
  }
  publisher.join();
  ASSERT_TRUE(published);
  MqttStatus st = src->mqttStatus();
  EXPECT_EQ(st.received, uint64_t(kMessages));
  EXPECT_EQ(st.applied, uint64_t(kMessages));
  EXPECT_EQ(st.dropped, 0u);
  EXPECT_EQ(st.malformed, 0u);
  ASSERT_EQ(src->table().size(), size_t(kKeys));
  for (const auto& [key, v] : expected) ASSERT_EQ(number(*src, key), v) << key;
  double seconds = std::chrono::duration<double>(done - start).count();
  std::printf("{\"benchmark\": \"mqtt_burst\", \"messages\": %d, \"publish_seconds\": %.3f, "
              "\"applied_per_second\": %.0f, \"max_poll_ms\": %.3f, \"frames\": %d}\n",
              kMessages, publishSeconds, kMessages / seconds, maxPollMs, frames);
}

// The destructor must not sit out libmosquitto's reconnect wait (20 s here) or the first-connect retry wait.
TEST(MqttSource, DestructionDoesNotWaitForTheNextReconnectAttempt) {
  CT_REQUIRE_MOSQUITTO();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  MqttOptions o = optionsFor(broker);
  o.reconnectMinSeconds = 20;
  o.reconnectMaxSeconds = 60;
  auto lost = make(o);
  ASSERT_TRUE(lost);
  ASSERT_TRUE(lost->waitForConnection(10.0));
  broker.stop();
  ASSERT_TRUE(pollUntil(*lost, [&] { return lost->mqttStatus().state == MqttStatus::State::Reconnecting; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // now inside the 20 s wait
  auto neverUp = make(o);  // first connection refused: waits 20 s before its retry
  ASSERT_TRUE(neverUp);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(neverUp->mqttStatus().state, MqttStatus::State::Reconnecting);
  auto t0 = Clock::now();
  lost.reset();
  neverUp.reset();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - t0).count(), 10.0);
}

TEST(MqttSource, BadOptionsAreRefusedWithAMessage) {
  struct Case {
    std::function<void(MqttOptions&)> edit;
    const char* message;
  };
  const Case cases[] = {
      {[](MqttOptions& o) { o.url = "http://x"; }, "must start with mqtt:// or mqtts://"},
      {[](MqttOptions& o) { o.url = "mqtt://"; }, "has no host"},
      {[](MqttOptions& o) { o.url = "mqtt://host:0"; }, "port must be 1..65535"},
      {[](MqttOptions& o) { o.url = "mqtt://host:70000"; }, "port must be 1..65535"},
      {[](MqttOptions& o) { o.url = "mqtt://host:12a"; }, "port must be 1..65535"},
      {[](MqttOptions& o) { o.url = "mqtt://u:p@host"; }, "not in the URL"},
      {[](MqttOptions& o) { o.url = "mqtt://host/topic"; }, "has a path"},
      {[](MqttOptions& o) { o.topic = ""; }, "no topic"},
      {[](MqttOptions& o) { o.topic = "a/#/b"; }, "not valid"},
      {[](MqttOptions& o) { o.topic = "a/b+"; }, "not valid"},
      {[](MqttOptions& o) { o.key = "level:2"; }, "neither topic:N"},
      {[](MqttOptions& o) { o.qos = 3; }, "QoS must be 0, 1 or 2"},
      {[](MqttOptions& o) { o.keepAliveSeconds = 1; }, "keepalive"},
      {[](MqttOptions& o) { o.reconnectMaxSeconds = 0; }, "reconnect delays"},
      {[](MqttOptions& o) { o.password.assign(1, 'x'); }, "password without a user name"},  // assign: g++ 12 -Wrestrict
      {[](MqttOptions& o) { o.tls.insecure = true; }, "TLS options need an mqtts:// URL"},
      {[](MqttOptions& o) {
         o.url = "mqtts://host";
         o.tls.certFile = "/etc/hostname";
       },
       "needs its key file"},
      {[](MqttOptions& o) {
         o.url = "mqtts://host";
         o.tls.caFile = "/nonexistent/ca.pem";
       },
       "cannot read TLS file '/nonexistent/ca.pem'"},
  };
  for (const Case& c : cases) {
    MqttOptions o;
    o.url = "mqtt://127.0.0.1:1883";
    o.topic = "a/#";
    c.edit(o);
    auto r = MqttSource::create(o);
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_NE(r.firstError().find(c.message), std::string::npos) << r.firstError();
  }
}

TEST(MqttSource, Urls) {
  auto a = parseMqttUrl("mqtt://127.0.0.1:1884");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 1884);
  EXPECT_FALSE(a->tls);
  auto b = parseMqttUrl("mqtts://broker.example.org");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->port, 8883);
  EXPECT_TRUE(b->tls);
  auto c = parseMqttUrl("mqtt://[::1]:1999/");
  ASSERT_TRUE(c.ok()) << c.firstError();
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, 1999);
  EXPECT_EQ(parseMqttUrl("mqtt://localhost").value().port, 1883);
}

}  // namespace
}  // namespace ct::data
