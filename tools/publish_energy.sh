#!/usr/bin/env bash
# Replays the Cambridge estates' hourly electricity profiles as live MQTT readings for a scene's buildings:
#   tools/publish_energy.sh --keys K1,K2,... [citytwin publish-energy options]
# Publishes to mqtt://127.0.0.1:$MQTT_PORT (default 1883); when nothing listens there it starts a local mosquitto
# for the run (stopped on exit). $CITYTWIN names the citytwin binary (default build/release/bin/citytwin).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${MQTT_PORT:-1883}"
citytwin="${CITYTWIN:-build/release/bin/citytwin}"
if [ ! -x "$citytwin" ]; then
  echo "publish_energy: $citytwin not found (build it first, or set CITYTWIN)" >&2
  exit 1
fi
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
broker_pid=""
if ! listening; then
  if ! command -v mosquitto >/dev/null && [ ! -x /usr/sbin/mosquitto ]; then
    echo "publish_energy: nothing listens on 127.0.0.1:$port and mosquitto is not installed" >&2
    exit 1
  fi
  conf="$(mktemp)"
  printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" >"$conf"
  [ "$(id -u)" = 0 ] && echo 'user root' >>"$conf"
  "$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$conf" >/dev/null 2>&1 &
  broker_pid=$!
  trap 'kill "$broker_pid" 2>/dev/null; rm -f "$conf"' EXIT
  for _ in $(seq 50); do listening && break; sleep 0.1; done
  if ! listening; then
    echo "publish_energy: the local mosquitto did not come up on port $port" >&2
    exit 1
  fi
  echo "publish_energy: started mosquitto on 127.0.0.1:$port (pid $broker_pid)" >&2
fi
"$citytwin" publish-energy --url "mqtt://127.0.0.1:$port" "$@"
