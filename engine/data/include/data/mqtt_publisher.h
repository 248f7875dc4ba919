// MqttPublisher: a small blocking MQTT client for tools that send readings (the energy replay publisher).
// Not for the frame thread: connecting and flushing wait on the network.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "data/mqtt_source.h"

struct mosquitto;

namespace ct::data {

struct MqttPublisherOptions {
  std::string url;  // mqtt://host:port or mqtts://host:port
  std::string clientId;
  std::string username;
  std::string password;
  MqttTlsOptions tls;
  int keepAliveSeconds = 30;
};

class MqttPublisher {
 public:
  // Connects and waits up to timeoutSeconds for the broker to accept; the error says why not.
  static Result<std::unique_ptr<MqttPublisher>> connect(const MqttPublisherOptions& options, double timeoutSeconds);
  ~MqttPublisher();  // disconnects after what was queued has been written
  MqttPublisher(const MqttPublisher&) = delete;
  MqttPublisher& operator=(const MqttPublisher&) = delete;

  // Queues one message; "" or why it was refused (bad topic, connection lost, ...).
  std::string publish(std::string_view topic, std::string_view payload, int qos = 0, bool retain = false);
  // Waits until every queued message was written (QoS 0) or acknowledged (QoS 1, 2); false on timeout or when
  // the connection was lost.
  bool flush(double timeoutSeconds);
  bool connected() const;
  uint64_t published() const;  // messages the library reported done

 private:
  MqttPublisher() = default;

  mosquitto* mMosq = nullptr;
  bool mLoopStarted = false;
  mutable std::mutex mMutex;
  std::condition_variable mCv;
  int mConnectRc = -1;  // -1 until the CONNACK
  bool mLost = false;
  uint64_t mQueued = 0;
  uint64_t mDone = 0;
};

}  // namespace ct::data
