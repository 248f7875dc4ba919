// MqttPublisher: libmosquitto's threaded loop, with waits on the CONNACK and on publish completions.
#include "data/mqtt_publisher.h"

#include <mosquitto.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace ct::data {
namespace {

std::string errorText(int rc) { return rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc); }

}  // namespace

Result<std::unique_ptr<MqttPublisher>> MqttPublisher::connect(const MqttPublisherOptions& o, double timeoutSeconds) {
  using R = Result<std::unique_ptr<MqttPublisher>>;
  auto endpoint = parseMqttUrl(o.url);
  if (!endpoint) return R::fail(endpoint.firstError());
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
  std::unique_ptr<MqttPublisher> p(new MqttPublisher());
  p->mMosq = mosquitto_new(o.clientId.empty() ? nullptr : o.clientId.c_str(), true, p.get());
  if (!p->mMosq) return R::fail("cannot create an MQTT client: " + errorText(MOSQ_ERR_ERRNO));
  if (!o.username.empty())
    mosquitto_username_pw_set(p->mMosq, o.username.c_str(), o.password.empty() ? nullptr : o.password.c_str());
  if (endpoint->tls) {
    auto orNull = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
    const char* caDir = o.tls.caFile.empty() && o.tls.caDir.empty() ? "/etc/ssl/certs" : orNull(o.tls.caDir);
    int rc = mosquitto_tls_set(p->mMosq, orNull(o.tls.caFile), caDir, orNull(o.tls.certFile), orNull(o.tls.keyFile),
                               nullptr);
    if (rc != MOSQ_ERR_SUCCESS) return R::fail("TLS setup failed: " + errorText(rc));
    if (o.tls.insecure) mosquitto_tls_insecure_set(p->mMosq, true);
  }
  mosquitto_connect_callback_set(p->mMosq, [](mosquitto*, void* self, int rc) {
    auto* s = static_cast<MqttPublisher*>(self);
    std::lock_guard lock(s->mMutex);
    s->mConnectRc = rc;
    if (rc == 0) s->mLost = false;  // the loop reconnects by itself after a loss
    s->mCv.notify_all();
  });
  mosquitto_disconnect_callback_set(p->mMosq, [](mosquitto*, void* self, int) {
    auto* s = static_cast<MqttPublisher*>(self);
    std::lock_guard lock(s->mMutex);
    s->mLost = true;
    s->mCv.notify_all();
  });
  mosquitto_publish_callback_set(p->mMosq, [](mosquitto*, void* self, int) {
    auto* s = static_cast<MqttPublisher*>(self);
    std::lock_guard lock(s->mMutex);
    ++s->mDone;
    s->mCv.notify_all();
  });
  int rc = mosquitto_connect(p->mMosq, endpoint->host.c_str(), endpoint->port, o.keepAliveSeconds);
  if (rc != MOSQ_ERR_SUCCESS) return R::fail("cannot connect to " + o.url + ": " + errorText(rc));
  rc = mosquitto_loop_start(p->mMosq);
  if (rc != MOSQ_ERR_SUCCESS) return R::fail("cannot start the MQTT network thread: " + errorText(rc));
  p->mLoopStarted = true;
  std::unique_lock lock(p->mMutex);
  if (!p->mCv.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] { return p->mConnectRc >= 0; }))
    return R::fail("no answer from " + o.url + " within " + std::to_string(timeoutSeconds) + " s");
  if (p->mConnectRc != 0)
    return R::fail(o.url + " refused the connection: " + mosquitto_connack_string(p->mConnectRc));
  lock.unlock();
  return R::ok(std::move(p));
}

MqttPublisher::~MqttPublisher() {
  if (!mMosq) return;
  if (mLoopStarted) {
    flush(5.0);
    mosquitto_disconnect(mMosq);
    mosquitto_loop_stop(mMosq, false);
  }
  mosquitto_destroy(mMosq);
}

std::string MqttPublisher::publish(std::string_view topic, std::string_view payload, int qos, bool retain) {
  std::string t(topic);
  if (payload.size() > 256u * 1024u * 1024u) return "payload too large";
  int rc = mosquitto_publish(mMosq, nullptr, t.c_str(), static_cast<int>(payload.size()), payload.data(), qos, retain);
  if (rc != MOSQ_ERR_SUCCESS) return "cannot publish to '" + t + "': " + errorText(rc);
  std::lock_guard lock(mMutex);
  ++mQueued;
  return {};
}

bool MqttPublisher::flush(double timeoutSeconds) {
  std::unique_lock lock(mMutex);
  mCv.wait_for(lock, std::chrono::duration<double>(timeoutSeconds), [&] { return mDone >= mQueued || mLost; });
  return mDone >= mQueued;
}

bool MqttPublisher::connected() const {
  std::lock_guard lock(mMutex);
  return mConnectRc == 0 && !mLost;
}

uint64_t MqttPublisher::published() const {
  std::lock_guard lock(mMutex);
  return mDone;
}

}  // namespace ct::data
