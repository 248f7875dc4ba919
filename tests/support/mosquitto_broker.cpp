// The test broker: a mosquitto child process on a loopback port, and a libmosquitto publishing client.
#include "mosquitto_broker.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "test_support.h"

extern char** environ;

namespace ct::test {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kPasswdTool = "/usr/bin/mosquitto_passwd";

// A port the kernel has just handed out on 127.0.0.1 (free now; the broker binds it right after).
int freePort() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(s);
  return port;
}

bool accepts(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(s);
  return ok;
}

void initMosquittoLib() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
}

// A blocking publisher: connect, publish, wait for the library to report every message sent (QoS 0) or
// acknowledged (QoS 1 and 2), disconnect.
class Publisher {
 public:
  explicit Publisher(const MosquittoBroker::Options& auth) {
    initMosquittoLib();
    mMosq = mosquitto_new(nullptr, true, this);
    if (!mMosq) return;
    if (!auth.username.empty()) mosquitto_username_pw_set(mMosq, auth.username.c_str(), auth.password.c_str());
    mosquitto_connect_callback_set(mMosq, [](mosquitto*, void* self, int rc) {
      auto* p = static_cast<Publisher*>(self);
      std::lock_guard lock(p->mMutex);
      p->mConnectRc = rc;
      p->mCv.notify_all();
    });
    mosquitto_publish_callback_set(mMosq, [](mosquitto*, void* self, int) {
      auto* p = static_cast<Publisher*>(self);
      std::lock_guard lock(p->mMutex);
      ++p->mDone;
      p->mCv.notify_all();
    });
  }
  ~Publisher() {
    if (!mMosq) return;
    if (mStarted) {
      mosquitto_disconnect(mMosq);
      mosquitto_loop_stop(mMosq, false);
    }
    mosquitto_destroy(mMosq);
  }

  bool connect(int port) {
    if (!mMosq || mosquitto_connect(mMosq, "127.0.0.1", port, 30) != MOSQ_ERR_SUCCESS) return false;
    if (mosquitto_loop_start(mMosq) != MOSQ_ERR_SUCCESS) return false;
    mStarted = true;
    std::unique_lock lock(mMutex);
    mCv.wait_for(lock, std::chrono::seconds(10), [&] { return mConnectRc >= 0; });
    return mConnectRc == 0;
  }

  bool send(const MosquittoBroker::Message& m, int qos) {
    int rc = mosquitto_publish(mMosq, nullptr, m.topic.c_str(), static_cast<int>(m.payload.size()), m.payload.data(),
                               qos, m.retained);
    if (rc != MOSQ_ERR_SUCCESS) return false;
    ++mSent;
    return true;
  }

  bool waitAll(Clock::time_point deadline) {
    std::unique_lock lock(mMutex);
    return mCv.wait_until(lock, deadline, [&] { return mDone >= mSent; });
  }

 private:
  mosquitto* mMosq = nullptr;
  bool mStarted = false;
  std::mutex mMutex;
  std::condition_variable mCv;
  int mConnectRc = -1;
  uint64_t mDone = 0;
  uint64_t mSent = 0;
};

}  // namespace

bool MosquittoBroker::available() { return ::access(kBinary, X_OK) == 0 && ::access(kPasswdTool, X_OK) == 0; }

MosquittoBroker::MosquittoBroker(Options options) : mOptions(std::move(options)) {
  static std::atomic<int> counter{0};
  mDir = tempDir("mosquitto-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

MosquittoBroker::~MosquittoBroker() { stop(); }

bool MosquittoBroker::writeConfig() {
  std::ostringstream conf;
  conf << "listener " << mPort << " 127.0.0.1\n"
       << "persistence false\n"
       << "log_dest file " << (mDir / "mosquitto.log").string() << "\n"
       << "log_type error\nlog_type warning\nlog_type notice\n"
       // Tests publish bursts faster than a frame loop drains them: queue without limit instead of dropping.
       << "max_queued_messages 0\n";
  if (::geteuid() == 0) conf << "user root\n";  // as root, mosquitto would switch to a user that cannot read mDir
  if (mOptions.username.empty()) {
    conf << "allow_anonymous true\n";
  } else {
    fs::path pw = mDir / "passwords";
    std::string cmd = std::string(kPasswdTool) + " -b -c " + shellQuote(pw.string()) + " " +
                      shellQuote(mOptions.username) + " " + shellQuote(mOptions.password) + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) {
      mError = "mosquitto_passwd failed";
      return false;
    }
    conf << "allow_anonymous false\npassword_file " << pw.string() << "\n";
  }
  writeText(mDir / "mosquitto.conf", conf.str());
  return true;
}

bool MosquittoBroker::launch() {
  if (!writeConfig()) return false;
  std::string conf = (mDir / "mosquitto.conf").string();
  std::string out = (mDir / "stdout.txt").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  char* argv[] = {const_cast<char*>(kBinary), const_cast<char*>("-c"), conf.data(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, kBinary, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    mError = "cannot start " + std::string(kBinary);
    return false;
  }
  mPid = pid;
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    int status = 0;
    if (::waitpid(mPid, &status, WNOHANG) == mPid) {
      mPid = -1;
      mError = "mosquitto exited at start on port " + std::to_string(mPort) + ": " + log();
      return false;
    }
    if (accepts(mPort)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  mError = "mosquitto did not accept connections on port " + std::to_string(mPort) + ": " + log();
  stop();
  return false;
}

bool MosquittoBroker::start() {
  if (running()) return true;
  if (mPort != 0) {
    // Restart on the same port; a client may still hold it briefly, so try a few times.
    for (int attempt = 0; attempt < 5; ++attempt) {
      if (launch()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
  }
  // Another test may take the free port between our probe and the broker's bind: then take another.
  for (int attempt = 0; attempt < 5; ++attempt) {
    mPort = freePort();
    if (mPort != 0 && launch()) return true;
  }
  mPort = 0;
  return false;
}

void MosquittoBroker::stop() {
  if (mPid <= 0) return;
  ::kill(mPid, SIGTERM);
  auto deadline = Clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(mPid, &status, WNOHANG) != mPid) {
    if (Clock::now() > deadline) {
      ::kill(mPid, SIGKILL);
      ::waitpid(mPid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  mPid = -1;
}

std::string MosquittoBroker::log() const {
  std::ifstream in(mDir / "mosquitto.log");
  std::ifstream out(mDir / "stdout.txt");
  std::stringstream s;
  s << in.rdbuf() << out.rdbuf();
  return s.str();
}

bool MosquittoBroker::publish(const std::string& topic, const std::string& payload, bool retained, int qos) {
  return publishMany({{topic, payload, retained}}, qos);
}

bool MosquittoBroker::publishMany(const std::vector<Message>& messages, int qos, double perSecond,
                                  double maxSeconds) {
  if (!running()) return false;
  Publisher pub(mOptions);
  if (!pub.connect(mPort)) return false;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(maxSeconds));
  for (size_t i = 0; i < messages.size(); ++i) {
    if (perSecond > 0.0) {
      auto due = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(double(i) / perSecond));
      if (due > Clock::now()) std::this_thread::sleep_until(due);
    }
    if (!pub.send(messages[i], qos)) return false;
  }
  return pub.waitAll(deadline);
}

}  // namespace ct::test
