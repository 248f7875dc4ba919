// MqttSource: libmosquitto client on its own thread, a bounded queue of parsed readings, applied in poll().
#include "data/mqtt_source.h"

#include <mosquitto.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace ct::data {
namespace {

double wallClockNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void initLibrary() {
  static std::once_flag once;  // mosquitto_lib_init is not thread-safe itself; call_once makes it so
  std::call_once(once, [] { mosquitto_lib_init(); });
}

std::string errorText(int rc) {
  if (rc == MOSQ_ERR_ERRNO) return std::strerror(errno);
  return mosquitto_strerror(rc);
}

bool readable(const std::string& path) { return ::access(path.c_str(), R_OK) == 0; }

template <typename T>
Result<T> failed(std::string message) {
  return Result<T>::fail(std::move(message));
}

}  // namespace

const char* mqttStateName(MqttStatus::State state) {
  switch (state) {
    case MqttStatus::State::Connecting: return "connecting";
    case MqttStatus::State::Connected: return "connected";
    case MqttStatus::State::Reconnecting: return "reconnecting";
    case MqttStatus::State::Error: return "error";
  }
  return "unknown";
}

Result<MqttEndpoint> parseMqttUrl(std::string_view url) {
  MqttEndpoint out;
  std::string_view rest;
  std::string quoted = "MQTT URL '" + std::string(url.substr(0, 200)) + "'";
  if (url.starts_with("mqtt://")) {
    rest = url.substr(7);
    out.port = 1883;
  } else if (url.starts_with("mqtts://")) {
    rest = url.substr(8);
    out.port = 8883;
    out.tls = true;
  } else {
    return failed<MqttEndpoint>(quoted + " must start with mqtt:// or mqtts://");
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find('@') != std::string_view::npos)
    return failed<MqttEndpoint>(quoted + ": give the user name and password as options, not in the URL");
  if (rest.find('/') != std::string_view::npos)
    return failed<MqttEndpoint>(quoted + " has a path; the topic is an option of its own");
  std::string_view host = rest, port;
  if (rest.starts_with("[")) {  // IPv6 literal
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return failed<MqttEndpoint>(quoted + ": '[' without ']'");
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return failed<MqttEndpoint>(quoted + ": expected ':' and a port after ']'");
      port = after.substr(1);
      if (port.empty()) return failed<MqttEndpoint>(quoted + ": empty port");
    }
  } else if (size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty()) return failed<MqttEndpoint>(quoted + ": empty port");
  }
  if (host.empty()) return failed<MqttEndpoint>(quoted + " has no host");
  for (char c : host)
    if (static_cast<unsigned char>(c) <= ' ' || (c == ':' && !rest.starts_with("[")))
      return failed<MqttEndpoint>(quoted + ": bad character in the host");
  if (!port.empty()) {
    int p = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || p > 65535) return failed<MqttEndpoint>(quoted + ": the port must be 1..65535");
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return failed<MqttEndpoint>(quoted + ": the port must be 1..65535");
    out.port = p;
  }
  out.host = std::string(host);
  return Result<MqttEndpoint>::ok(out);
}

Result<std::unique_ptr<MqttSource>> MqttSource::create(MqttOptions o) {
  using R = Result<std::unique_ptr<MqttSource>>;
  std::string where = "MQTT source '" + o.name + "': ";
  auto endpoint = parseMqttUrl(o.url);
  if (!endpoint) return R::fail(where + endpoint.firstError());
  initLibrary();
  if (o.topic.empty()) return R::fail(where + "no topic to subscribe to");
  if (mosquitto_validate_utf8(o.topic.c_str(), static_cast<int>(o.topic.size())) != MOSQ_ERR_SUCCESS ||
      mosquitto_sub_topic_check(o.topic.c_str()) != MOSQ_ERR_SUCCESS)
    return R::fail(where + "topic filter '" + o.topic + "' is not valid ('#' only last, '+' a whole level)");
  auto key = parseMqttKeySpec(o.key);
  if (!key) return R::fail(where + key.firstError());
  if (o.value.empty()) return R::fail(where + "no value field");
  if (o.qos < 0 || o.qos > 2) return R::fail(where + "QoS must be 0, 1 or 2, not " + std::to_string(o.qos));
  if (o.keepAliveSeconds < 5 || o.keepAliveSeconds > 65535) return R::fail(where + "keepalive must be 5..65535 s");
  if (o.reconnectMinSeconds < 1 || o.reconnectMaxSeconds < o.reconnectMinSeconds)
    return R::fail(where + "reconnect delays need 1 <= min <= max seconds");
  if (o.queueCapacity < 1) return R::fail(where + "the queue needs room for at least one reading");
  if (o.username.empty() && !o.password.empty()) return R::fail(where + "a password without a user name");
  const MqttTlsOptions& tls = o.tls;
  bool anyTls = !tls.caFile.empty() || !tls.caDir.empty() || !tls.certFile.empty() || !tls.keyFile.empty() || tls.insecure;
  if (anyTls && !endpoint->tls) return R::fail(where + "TLS options need an mqtts:// URL");
  if (tls.certFile.empty() != tls.keyFile.empty())
    return R::fail(where + "a client certificate needs its key file and the other way round");
  for (const std::string* f : {&tls.caFile, &tls.certFile, &tls.keyFile})
    if (!f->empty() && !readable(*f)) return R::fail(where + "cannot read TLS file '" + *f + "'");
  if (!tls.caDir.empty() && !readable(tls.caDir)) return R::fail(where + "cannot read CA folder '" + tls.caDir + "'");

  MqttPayloadOptions payload;
  payload.key = key.value();
  payload.valueField = o.value;
  payload.maxPayloadBytes = o.maxPayloadBytes;
  std::unique_ptr<MqttSource> source(new MqttSource(std::move(o), endpoint.value(), std::move(payload)));
  std::string error;
  if (!source->start(error)) return R::fail(where + error);
  return R::ok(std::move(source));
}

MqttSource::MqttSource(MqttOptions options, MqttEndpoint endpoint, MqttPayloadOptions payload)
    : mOptions(std::move(options)), mEndpoint(std::move(endpoint)), mPayload(std::move(payload)) {}

bool MqttSource::start(std::string& error) {
  const MqttOptions& o = mOptions;
  mMosq = mosquitto_new(o.clientId.empty() ? nullptr : o.clientId.c_str(), true, this);
  if (!mMosq) {
    error = "cannot create the MQTT client: " + errorText(MOSQ_ERR_ERRNO);
    return false;
  }
  if (!o.username.empty() &&
      mosquitto_username_pw_set(mMosq, o.username.c_str(), o.password.empty() ? nullptr : o.password.c_str()) !=
          MOSQ_ERR_SUCCESS) {
    error = "cannot set the user name";
    return false;
  }
  if (mEndpoint.tls) {
    const MqttTlsOptions& t = o.tls;
    auto orNull = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
    // Without a CA of its own the broker is checked against the system's trusted CAs (Debian's folder).
    const char* caDir = t.caFile.empty() && t.caDir.empty() ? "/etc/ssl/certs" : orNull(t.caDir);
    int rc = mosquitto_tls_set(mMosq, orNull(t.caFile), caDir, orNull(t.certFile), orNull(t.keyFile), nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
      error = "TLS setup failed: " + errorText(rc);
      return false;
    }
    if (t.insecure) mosquitto_tls_insecure_set(mMosq, true);
  }
  mosquitto_reconnect_delay_set(mMosq, static_cast<unsigned>(o.reconnectMinSeconds),
                                static_cast<unsigned>(o.reconnectMaxSeconds), o.reconnectExponential);
  mosquitto_connect_callback_set(mMosq, &MqttSource::onConnect);
  mosquitto_disconnect_callback_set(mMosq, &MqttSource::onDisconnect);
  mosquitto_message_callback_set(mMosq, &MqttSource::onMessage);
  mosquitto_subscribe_callback_set(mMosq, [](mosquitto*, void* self, int, int, const int*) {
    auto* s = static_cast<MqttSource*>(self);
    std::lock_guard lock(s->mMutex);
    s->mSubscribed = true;
    s->mConnectedCv.notify_all();
  });
  // Host name resolution in connect_async can block: it runs on a thread of ours, which then starts the loop.
  // libmosquitto's loop retries lost connections, but not a first connect_async that failed at once (its
  // thread waits for a state that never comes), so this thread retries that one with the same backoff.
  mStarter = std::thread([this] {
    for (unsigned attempt = 0;; ++attempt) {
      int rc = mosquitto_connect_async(mMosq, mEndpoint.host.c_str(), mEndpoint.port, mOptions.keepAliveSeconds);
      if (rc == MOSQ_ERR_SUCCESS) break;
      std::unique_lock lock(mMutex);
      mStatus.state = MqttStatus::State::Reconnecting;
      mStatus.reason = "cannot connect: " + errorText(rc);
      problem(mOptions.url, mStatus.reason + " (retrying)");
      double delay = mOptions.reconnectMinSeconds;
      if (mOptions.reconnectExponential) delay *= double(attempt + 1) * double(attempt + 1);
      delay = std::min(delay, double(mOptions.reconnectMaxSeconds));
      if (mStopCv.wait_for(lock, std::chrono::duration<double>(delay), [&] { return mStopping; })) return;
    }
    std::lock_guard lock(mMutex);
    if (!mStopping) mLoopStarted = mosquitto_loop_start(mMosq) == MOSQ_ERR_SUCCESS;
  });
  return true;
}

MqttSource::~MqttSource() {
  {
    std::lock_guard lock(mMutex);
    mStopping = true;
  }
  mStopCv.notify_all();
  if (mStarter.joinable()) mStarter.join();
  if (!mMosq) return;
  mosquitto_disconnect(mMosq);
  if (mLoopStarted) mosquitto_loop_stop(mMosq, false);
  mosquitto_destroy(mMosq);
}

void MqttSource::problem(std::string location, std::string message) {
  mProblems.add(std::move(location), std::move(message), wallClockNow());
}

void MqttSource::onConnect(mosquitto* mosq, void* self, int rc) {
  auto* s = static_cast<MqttSource*>(self);
  {
    std::lock_guard lock(s->mMutex);
    if (rc != 0) {
      s->mStatus.state = MqttStatus::State::Error;
      s->mStatus.reason = std::string("broker refused the connection: ") + mosquitto_connack_string(rc);
      s->problem(s->mOptions.url, s->mStatus.reason);
      s->mConnectedCv.notify_all();
      return;
    }
    s->mStatus.state = MqttStatus::State::Connected;
    s->mStatus.reason.clear();
    ++s->mStatus.connects;
    if (s->mEverConnected) ++s->mStatus.reconnects;
    s->mEverConnected = true;
  }
  // A clean session forgets subscriptions: subscribe on every connection. Retained messages follow the SUBACK.
  int sub = mosquitto_subscribe(mosq, nullptr, s->mOptions.topic.c_str(), s->mOptions.qos);
  if (sub != MOSQ_ERR_SUCCESS) {
    std::lock_guard lock(s->mMutex);
    s->mStatus.state = MqttStatus::State::Error;
    s->mStatus.reason = "cannot subscribe to '" + s->mOptions.topic + "': " + errorText(sub);
    s->problem(s->mOptions.url, s->mStatus.reason);
  }
}

void MqttSource::onDisconnect(mosquitto*, void* self, int rc) {
  auto* s = static_cast<MqttSource*>(self);
  std::lock_guard lock(s->mMutex);
  s->mSubscribed = false;
  if (rc == 0) return;  // our own disconnect
  if (s->mStatus.state == MqttStatus::State::Error) return;  // keep the refusal as the reason
  s->mStatus.state = MqttStatus::State::Reconnecting;
  s->mStatus.reason = "connection lost: " + errorText(rc);
  s->problem(s->mOptions.url, s->mStatus.reason + " (reconnecting)");
}

void MqttSource::onMessage(mosquitto*, void* self, const mosquitto_message* msg) {
  auto* s = static_cast<MqttSource*>(self);
  double now = wallClockNow();
  std::string_view topic = msg->topic ? std::string_view(msg->topic) : std::string_view();
  std::string_view payload;
  if (msg->payload && msg->payloadlen > 0)
    payload = std::string_view(static_cast<const char*>(msg->payload), static_cast<size_t>(msg->payloadlen));
  Pending p;
  p.unixSeconds = now;
  std::string why = readMqttPayload(topic, payload, s->mPayload, p.reading);  // parsed outside the lock

  std::lock_guard lock(s->mMutex);
  ++s->mStatus.received;
  if (msg->retain) ++s->mStatus.retained;
  s->mStatus.lastMessageUnixSeconds = now;
  if (!why.empty()) {
    ++s->mStatus.malformed;
    s->problem(describeTopic(topic), why);
    return;
  }
  s->mQueue.push_back(std::move(p));
  if (s->mQueue.size() > s->mOptions.queueCapacity) {
    s->mQueue.pop_front();
    ++s->mStatus.dropped;
    ++s->mDroppedUnreported;
  }
}

bool MqttSource::poll(double /*nowUnixSeconds: live values apply when they arrive*/) {
  {
    std::lock_guard lock(mMutex);
    if (mDroppedUnreported) {
      problem(mOptions.url, std::to_string(mDroppedUnreported) + " readings dropped: the queue of " +
                                std::to_string(mOptions.queueCapacity) + " was full (oldest first)");
      mDroppedUnreported = 0;
    }
    if (mQueue.empty()) return false;
    std::swap(mQueue, mSpare);
  }
  // mSpare belongs to this thread now: apply without the lock.
  uint64_t applied = 0, full = 0;
  int field = -1;
  const std::string* fieldName = nullptr;
  for (const Pending& p : mSpare) {
    if (!fieldName || *fieldName != p.reading.field) {
      field = mTable.fieldIndex(p.reading.field);
      fieldName = &p.reading.field;
    }
    uint32_t row = mTable.row(p.reading.key);
    if (row == DataTable::kNoRow) {
      ++full;
      continue;
    }
    mTable.setNumber(row, field, p.reading.value);
    ++applied;
  }
  double last = mSpare.back().unixSeconds;
  mSpare.clear();
  std::lock_guard lock(mMutex);
  mStatus.applied += applied;
  if (full) problem(mOptions.url, std::to_string(full) + " readings refused: the table is full");
  if (applied) mLastUpdate = last;
  return applied > 0;
}

MqttStatus MqttSource::mqttStatus() const {
  std::lock_guard lock(mMutex);
  return mStatus;
}

SourceStatus MqttSource::status() const {
  SourceStatus out;
  out.kind = "mqtt";
  out.rows = mTable.size();
  std::lock_guard lock(mMutex);
  out.state = mqttStateName(mStatus.state);
  out.messages = mStatus.received;
  out.bad = mStatus.malformed;
  out.lastUpdateUnixSeconds = mLastUpdate;
  if (mStatus.state == MqttStatus::State::Reconnecting || mStatus.state == MqttStatus::State::Error)
    out.lastError = mStatus.reason;
  out.problems = mProblems.recent();
  return out;
}

bool MqttSource::waitForConnection(double timeoutSeconds) const {
  std::unique_lock lock(mMutex);
  return mConnectedCv.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] {
    return mSubscribed || mStatus.state == MqttStatus::State::Error;
  }) && mSubscribed;
}

}  // namespace ct::data
