// A real mosquitto broker for tests: started on a free loopback port with a generated config in its own temp
// folder, stoppable and restartable on the same port, killed with the fixture; plus a publishing helper.
#pragma once
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ct::test {

class MosquittoBroker {
 public:
  static constexpr const char* kBinary = "/usr/sbin/mosquitto";
  struct Options {
    std::string username;  // when set, the broker refuses anonymous clients and knows only this user
    std::string password;
  };
  struct Message {
    std::string topic;
    std::string payload;
    bool retained = false;
  };

  // Whether /usr/sbin/mosquitto (and, for passwords, mosquitto_passwd) can be run.
  static bool available();

  explicit MosquittoBroker(Options options = {});
  ~MosquittoBroker();
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  // Starts the broker (on a fresh free port the first time, on the same port afterwards) and waits until it
  // accepts connections. False with error() set when it does not come up within a few seconds.
  bool start();
  // Stops the broker (SIGTERM, then SIGKILL) and waits for it to exit; clients see the connection drop.
  void stop();
  bool restart() {
    stop();
    return start();
  }
  bool running() const { return mPid > 0; }
  int port() const { return mPort; }
  std::string url() const { return "mqtt://127.0.0.1:" + std::to_string(mPort); }
  const std::string& error() const { return mError; }
  // What the broker wrote to its log (for failure messages).
  std::string log() const;

  // Publishes through a fresh client and returns once the broker has the message (QoS 1 and 2: acknowledged;
  // QoS 0: written before a clean disconnect). Authenticates with the broker's user when it has one.
  bool publish(const std::string& topic, const std::string& payload, bool retained = false, int qos = 1);
  // Many messages over one connection, `perSecond` at most (0: as fast as possible); true when all were
  // published within maxSeconds.
  bool publishMany(const std::vector<Message>& messages, int qos = 0, double perSecond = 0.0,
                   double maxSeconds = 60.0);

 private:
  bool writeConfig();
  bool launch();

  Options mOptions;
  std::filesystem::path mDir;
  int mPort = 0;
  pid_t mPid = -1;
  std::string mError;
};

}  // namespace ct::test

// In a test body: skips the test (loudly) on machines without the broker.
#define CT_REQUIRE_MOSQUITTO()                                                                  \
  do {                                                                                          \
    if (!::ct::test::MosquittoBroker::available()) GTEST_SKIP() << "skipped: mosquitto missing"; \
  } while (0)
