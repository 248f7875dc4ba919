// MqttPublisher against a real broker: what it publishes reaches an MqttSource; refusals come back as errors.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "data/mqtt_publisher.h"
#include "mosquitto_broker.h"

namespace ct::data {
namespace {

TEST(MqttPublisher, PublishedReadingsReachASubscriber) {
  CT_REQUIRE_MOSQUITTO();
  test::MosquittoBroker broker;
  ASSERT_TRUE(broker.start()) << broker.error();
  MqttOptions o;
  o.url = broker.url();
  o.topic = "city/energy/+";
  o.key = "topic:2";
  o.value = "kwh";
  auto src = MqttSource::create(o);
  ASSERT_TRUE(src.ok()) << src.firstError();
  ASSERT_TRUE(src.value()->waitForConnection(10.0));

  auto pub = MqttPublisher::connect({.url = broker.url()}, 10.0);
  ASSERT_TRUE(pub.ok()) << pub.firstError();
  EXPECT_EQ(pub.value()->publish("city/energy/b1", R"({"kwh": 21.5})", 1), "");
  EXPECT_EQ(pub.value()->publish("city/energy/b2", "3", 0, /*retain=*/true), "");
  EXPECT_NE(pub.value()->publish("city/energy/#", "3"), "");  // wildcards are no topic to publish to
  ASSERT_TRUE(pub.value()->flush(10.0));
  EXPECT_EQ(pub.value()->published(), 2u);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (src.value()->mqttStatus().received < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  src.value()->poll(0.0);
  const DataTable& t = src.value()->table();
  ASSERT_NE(t.get("b1", "kwh"), nullptr);
  EXPECT_EQ(t.get("b1", "kwh")->number, 21.5);
  ASSERT_NE(t.get("b2", "kwh"), nullptr);
  EXPECT_EQ(t.get("b2", "kwh")->number, 3.0);
}

TEST(MqttPublisher, UnreachableAndRefusingBrokersAreErrors) {
  CT_REQUIRE_MOSQUITTO();
  test::MosquittoBroker broker({"u", "p"});
  ASSERT_TRUE(broker.start()) << broker.error();
  auto refused = MqttPublisher::connect({.url = broker.url()}, 10.0);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.firstError().find("not authorised"), std::string::npos) << refused.firstError();
  auto ok = MqttPublisher::connect({.url = broker.url(), .username = "u", .password = "p"}, 10.0);
  EXPECT_TRUE(ok.ok()) << ok.firstError();
  broker.stop();
  auto down = MqttPublisher::connect({.url = broker.url()}, 10.0);
  ASSERT_FALSE(down.ok());
  EXPECT_NE(down.firstError().find("cannot connect"), std::string::npos) << down.firstError();
  EXPECT_FALSE(MqttPublisher::connect({.url = "tcp://x"}, 1.0).ok());
}

}  // namespace
}  // namespace ct::data
