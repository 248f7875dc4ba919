// MqttSource: live readings from an MQTT broker (libmosquitto). The network runs on libmosquitto's own thread;
// messages are parsed there into a bounded queue, and poll() applies the queue to the table on the frame thread
// without waiting on the network.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/result.h"
#include "data/mqtt_payload.h"
#include "data/source.h"

struct mosquitto;
struct mosquitto_message;

namespace ct::data {

struct MqttEndpoint {
  std::string host;
  int port = 1883;
  bool tls = false;
};
// "mqtt://host[:port]" (default port 1883) or "mqtts://host[:port]" (8883); IPv6 hosts in brackets.
Result<MqttEndpoint> parseMqttUrl(std::string_view url);

struct MqttTlsOptions {
  std::string caFile;    // PEM bundle of trusted CAs; with caDir empty too, the system's CAs are used
  std::string caDir;     // folder of hashed CA certificates
  std::string certFile;  // client certificate (PEM), with keyFile
  std::string keyFile;
  bool insecure = false;  // skip the server host name check (never for production brokers)
};

struct MqttOptions {
  std::string name = "mqtt";
  std::string url;                  // mqtt://host:port or mqtts://host:port
  std::string topic;                // subscription filter, e.g. "city/energy/#"
  std::string key = "topic:-1";     // "topic:N" or "field:NAME" (see MqttKeySpec)
  std::string value = "value";      // JSON payload field holding the number; the table field it fills
  int qos = 0;                      // 0, 1 or 2
  std::string clientId;             // empty: the library makes a random one
  int keepAliveSeconds = 30;
  std::string username;             // empty: anonymous
  std::string password;
  MqttTlsOptions tls;               // used with mqtts:// only
  int reconnectMinSeconds = 1;      // libmosquitto's backoff: min * (n+1)^2 when exponential, capped at max
  int reconnectMaxSeconds = 30;
  bool reconnectExponential = true;
  size_t queueCapacity = 200000;    // readings waiting for poll(); past it the oldest are dropped and counted
  size_t maxPayloadBytes = MqttPayloadOptions::kDefaultMaxPayloadBytes;
};

// What MqttSource counts, beyond SourceStatus.
struct MqttStatus {
  enum class State : uint8_t { Connecting, Connected, Reconnecting, Error };
  State state = State::Connecting;
  std::string reason;        // why it is reconnecting or in error ("connection lost", "not authorised", ...)
  uint64_t received = 0;     // messages received (good and malformed)
  uint64_t retained = 0;     // of those, retained messages
  uint64_t applied = 0;      // readings applied to the table by poll()
  uint64_t malformed = 0;    // messages refused by the payload parser
  uint64_t dropped = 0;      // readings dropped because the queue was full
  uint64_t connects = 0;     // successful connections (the first one included)
  uint64_t reconnects = 0;   // successful connections after a lost one
  double lastMessageUnixSeconds = 0.0;  // wall-clock arrival of the latest message (0: none yet)
};
const char* mqttStateName(MqttStatus::State state);

class MqttSource final : public Source {
 public:
  // Checks the options (URL, key spec, QoS, TLS files, ...) and starts connecting in the background; returns at
  // once. Fails only on bad options, never on an unreachable broker (that is status, retried with backoff).
  static Result<std::unique_ptr<MqttSource>> create(MqttOptions options);
  ~MqttSource() override;  // disconnects and stops the network thread
  MqttSource(const MqttSource&) = delete;
  MqttSource& operator=(const MqttSource&) = delete;

  const std::string& name() const override { return mOptions.name; }
  bool poll(double nowUnixSeconds) override;
  const DataTable& table() const override { return mTable; }
  SourceStatus status() const override;
  MqttStatus mqttStatus() const;

  // Blocks the caller up to timeoutSeconds until the broker has accepted the connection and the subscription
  // was sent (for the CLI's --live-wait, never for a frame); true when connected.
  bool waitForConnection(double timeoutSeconds) const;

 private:
  struct Pending {
    MqttReading reading;
    double unixSeconds = 0.0;
  };
  MqttSource(MqttOptions options, MqttEndpoint endpoint, MqttPayloadOptions payload);
  bool start(std::string& error);

  static void onConnect(mosquitto*, void* self, int rc);
  static void onDisconnect(mosquitto*, void* self, int rc);
  static void onMessage(mosquitto*, void* self, const mosquitto_message* msg);
  void problem(std::string location, std::string message);

  MqttOptions mOptions;
  MqttEndpoint mEndpoint;
  MqttPayloadOptions mPayload;
  mosquitto* mMosq = nullptr;
  std::thread mStarter;  // connect_async resolves the host name: kept off the caller's thread
  bool mLoopStarted = false;  // written by mStarter under mMutex, read after it is joined

  mutable std::mutex mMutex;  // guards everything below, written by the network thread
  mutable std::condition_variable mConnectedCv;
  std::condition_variable mStopCv;  // wakes mStarter's retry wait at destruction
  bool mStopping = false;
  std::deque<Pending> mQueue;
  std::deque<Pending> mSpare;  // poll() swaps it with mQueue so that the lock is held only for a swap
  MqttStatus mStatus;
  bool mEverConnected = false;
  bool mSubscribed = false;      // the broker acknowledged the subscription on the current connection
  uint64_t mDroppedUnreported = 0;
  ProblemLog mProblems;
  double mLastUpdate = 0.0;

  DataTable mTable;  // frame thread only
};

}  // namespace ct::data
