// `citytwin publish-energy`: replays the Cambridge estates' hourly electricity profiles to an MQTT broker as
// live readings ({"kwh": value} on PREFIX/KEY), building i taking profile i mod N, at a chosen speed.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "args.h"
#include "commands.h"
#include "core/time.h"
#include "data/mqtt_publisher.h"

namespace ct::app {
namespace {
namespace fs = std::filesystem;

const char* kPublishHelp =
    "usage: citytwin publish-energy --url mqtt://HOST:PORT --keys K1,K2,... [options]\n\n"
    "Replays the hourly electricity profiles of the Cambridge University estates data set\n"
    "(building_data/processed_data/UCam_Building_*/electricity/2019.csv) as live MQTT readings: every data hour,\n"
    "each key K gets {\"kwh\": VALUE, \"time\": ISO-8601} on PREFIX/K. Key i replays profile i mod N.\n\n"
    "  --url URL            broker, mqtt://host:port or mqtts://host:port\n"
    "  --keys K1,K2,...     feature keys (building ids in the scene)\n"
    "  --topic-prefix P     topic prefix (default city/energy)\n"
    "  --data DIR           the cambridge-uni-estates-energy folder (default $CITYTWIN_SHARED_DATA/... or\n"
    "                       ../shared/data/cambridge-uni-estates-energy)\n"
    "  --speed S            data seconds per wall-clock second (default 3600: one hour of data per second)\n"
    "  --start ISO-8601     first data hour (default the first in the profiles)\n"
    "  --duration SECONDS   stop after this many wall-clock seconds (default: at the end of the data)\n"
    "  --retain             publish retained messages (a late subscriber gets the latest values)\n"
    "  --qos N              0, 1 or 2 (default 0)\n"
    "  --username U, --password P   broker credentials\n\n"
    "Prints a JSON summary. Exit codes: 0 done, 1 broker unreachable or lost, 2 bad option or missing data.\n";

struct Profile {
  std::string name;                            // "UCam_Building_b0"
  std::unordered_map<int64_t, double> byHour;  // Unix hour -> kWh
  int64_t firstHour = 0, lastHour = 0;
};

int badInput(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return kExitBadInput;
}

// Orders "UCam_Building_b2" before "UCam_Building_b13".
bool naturalLess(const std::string& a, const std::string& b) {
  auto split = [](const std::string& s) {
    size_t i = s.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) --i;
    long n = i < s.size() ? std::strtol(s.c_str() + i, nullptr, 10) : -1;
    return std::make_pair(s.substr(0, i), n);
  };
  return split(a) < split(b);
}

// "datetime,<load> [kWh]" rows, hourly; bad rows are skipped and the first few named on stderr.
Result<Profile> loadProfile(const fs::path& csv, std::string name) {
  std::error_code ec;
  auto size = fs::file_size(csv, ec);
  if (ec || size > (64u << 20)) return Result<Profile>::fail(csv.string() + ": cannot read (or over 64 MiB)");
  std::ifstream in(csv, std::ios::binary);
  std::string line;
  Profile p;
  p.name = std::move(name);
  size_t lineNo = 0, bad = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineNo == 1) {
      if (line.rfind("datetime,", 0) != 0)
        return Result<Profile>::fail(csv.string() + ":1: expected a header starting with 'datetime,'");
      continue;
    }
    if (line.empty()) continue;
    size_t comma = line.find(',');
    auto t = comma == std::string::npos ? Result<Instant>::fail("no comma") : parseIso8601(line.substr(0, comma));
    double v = 0.0;
    bool ok = t.ok();
    if (ok) {
      const char* b = line.data() + comma + 1;
      const char* e = line.data() + line.size();
      auto [end, err] = std::from_chars(b, e, v);
      ok = err == std::errc() && end == e && std::isfinite(v);
    }
    if (!ok) {
      if (++bad <= 3) std::fprintf(stderr, "warning: %s:%zu: skipped (not 'time,number')\n", csv.string().c_str(), lineNo);
      continue;
    }
    auto hour = static_cast<int64_t>(std::floor(t->unixSeconds / 3600.0));
    p.byHour[hour] = v;
  }
  if (p.byHour.empty()) return Result<Profile>::fail(csv.string() + ": no hourly values");
  auto [lo, hi] = std::minmax_element(p.byHour.begin(), p.byHour.end(),
                                      [](const auto& a, const auto& b) { return a.first < b.first; });
  p.firstHour = lo->first;
  p.lastHour = hi->first;
  return Result<Profile>::ok(std::move(p));
}

std::string isoOfHour(int64_t hour) { return formatIso8601(Instant{double(hour) * 3600.0, 0}); }

std::string numberText(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "0";
}

}  // namespace

int publishEnergyCommand(int argc, char** argv) {
  data::MqttPublisherOptions mqtt;
  std::string prefix = "city/energy", keysText, dataText, startText;
  double speed = 3600.0, duration = -1.0;
  bool retain = false;
  int qos = 0;
  ArgReader args(argc, argv, 2);
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-h" || a == "--help") {
      std::fputs(kPublishHelp, stdout);
      return kExitOk;
    }
    if (a == "--retain") {
      retain = true;
      continue;
    }
    auto v = args.value(a);
    if (!v) return badInput(v.firstError());
    const std::string& s = v.value();
    auto number = [&](double& out, double lo) -> bool {
      char* end = nullptr;
      out = std::strtod(s.c_str(), &end);
      return !s.empty() && end == s.c_str() + s.size() && std::isfinite(out) && out > lo;
    };
    if (a == "--url") mqtt.url = s;
    else if (a == "--topic-prefix") prefix = s;
    else if (a == "--keys") keysText = s;
    else if (a == "--data") dataText = s;
    else if (a == "--start") startText = s;
    else if (a == "--username") mqtt.username = s;
    else if (a == "--password") mqtt.password = s;
    else if (a == "--speed") {
      if (!number(speed, 0.0)) return badInput("--speed needs a positive number, not '" + s + "'");
    } else if (a == "--duration") {
      if (!number(duration, -1e-300)) return badInput("--duration needs a number of seconds >= 0, not '" + s + "'");
    } else if (a == "--qos") {
      if (s != "0" && s != "1" && s != "2") return badInput("--qos must be 0, 1 or 2, not '" + s + "'");
      qos = s[0] - '0';
    } else {
      return badInput("unexpected argument '" + a + "' (see citytwin publish-energy --help)");
    }
  }
  if (mqtt.url.empty()) return badInput("--url is required (see citytwin publish-energy --help)");
  if (auto url = data::parseMqttUrl(mqtt.url); !url) return badInput(url.firstError());
  std::vector<std::string> keys;
  {
    std::stringstream ss(keysText);
    std::string k;
    while (std::getline(ss, k, ',')) {
      if (k.empty() || k.find_first_of("/+#") != std::string::npos)
        return badInput("--keys: '" + k + "' is empty or holds '/', '+' or '#'");
      keys.push_back(k);
    }
  }
  if (keys.empty()) return badInput("--keys needs at least one feature key");
  if (prefix.empty() || prefix.find_first_of("+#") != std::string::npos)
    return badInput("--topic-prefix must be non-empty and hold no '+' or '#'");

  fs::path dir = dataText;
  if (dir.empty()) {
    const char* shared = std::getenv("CITYTWIN_SHARED_DATA");
    dir = fs::path(shared && *shared ? shared : "../shared/data") / "cambridge-uni-estates-energy";
  }
  fs::path processed = dir / "building_data" / "processed_data";
  std::error_code ec;
  if (!fs::is_directory(processed, ec)) processed = dir;  // DIR may be processed_data itself
  std::vector<std::string> names;
  if (fs::is_directory(processed, ec)) {
    for (const auto& e : fs::directory_iterator(processed, ec)) {
      std::string n = e.path().filename().string();
      if (n.rfind("UCam_Building_", 0) == 0 && fs::is_regular_file(e.path() / "electricity" / "2019.csv", ec))
        names.push_back(n);
    }
  }
  if (names.empty())
    return badInput("energy data not found: no UCam_Building_*/electricity/2019.csv under '" + dir.string() +
                    "' (--data: the cambridge-uni-estates-energy folder)");
  std::sort(names.begin(), names.end(), naturalLess);
  std::vector<Profile> profiles;
  for (const auto& n : names) {
    auto p = loadProfile(processed / n / "electricity" / "2019.csv", n);
    if (!p) return badInput(p.firstError());
    profiles.push_back(std::move(p.value()));
  }
  int64_t firstHour = profiles[0].firstHour, lastHour = profiles[0].lastHour;
  for (const auto& p : profiles) {
    firstHour = std::min(firstHour, p.firstHour);
    lastHour = std::max(lastHour, p.lastHour);
  }
  int64_t startHour = firstHour;
  if (!startText.empty()) {
    auto t = parseIso8601(startText);
    if (!t) return badInput("--start: " + t.firstError());
    startHour = static_cast<int64_t>(std::floor(t->unixSeconds / 3600.0));
    if (startHour < firstHour || startHour > lastHour)
      return badInput("--start " + startText + " is outside the profiles (" + isoOfHour(firstHour) + " .. " +
                      isoOfHour(lastHour) + ")");
  }

  auto pub = data::MqttPublisher::connect(mqtt, 10.0);
  if (!pub) {
    std::fprintf(stderr, "error: %s\n", pub.firstError().c_str());
    return kExitFailure;
  }
  std::fprintf(stderr, "publishing %zu keys from %zu profiles to %s/KEY on %s, from %s at %gx\n", keys.size(),
               profiles.size(), prefix.c_str(), mqtt.url.c_str(), isoOfHour(startHour).c_str(), speed);

  using Clock = std::chrono::steady_clock;
  const auto wallStart = Clock::now();
  const double secondsPerHour = 3600.0 / speed;
  uint64_t published = 0;
  int64_t hour = startHour;
  for (; hour <= lastHour; ++hour) {
    double offset = double(hour - startHour) * secondsPerHour;
    if (duration >= 0.0 && offset >= duration) break;
    std::this_thread::sleep_until(wallStart + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(offset)));
    std::string time = isoOfHour(hour);
    for (size_t i = 0; i < keys.size(); ++i) {
      const Profile& p = profiles[i % profiles.size()];
      auto it = p.byHour.find(hour);
      if (it == p.byHour.end()) continue;  // a gap in that profile
      std::string payload = "{\"kwh\": " + numberText(it->second) + ", \"time\": \"" + time + "\"}";
      if (std::string why = pub.value()->publish(prefix + "/" + keys[i], payload, qos, retain); !why.empty()) {
        std::fprintf(stderr, "error: %s\n", why.c_str());
        return kExitFailure;
      }
      ++published;
    }
  }
  if (!pub.value()->flush(30.0)) {
    std::fprintf(stderr, "error: the broker did not take every message (connection lost?)\n");
    return kExitFailure;
  }
  std::printf("{\"published\": %llu, \"keys\": %zu, \"profiles\": %zu, \"from\": \"%s\", \"to\": \"%s\", "
              "\"wall_seconds\": %.3f}\n",
              static_cast<unsigned long long>(published), keys.size(), profiles.size(), isoOfHour(startHour).c_str(),
              isoOfHour(std::max(startHour, hour - 1)).c_str(),
              std::chrono::duration<double>(Clock::now() - wallStart).count());
  return kExitOk;
}

}  // namespace ct::app
