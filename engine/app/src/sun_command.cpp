// `citytwin sun`: where the sun stands for a place and an instant (NREL SPA), as one JSON object.
#include <cstdio>
#include <optional>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/time.h"
#include "sim/daylight.h"
#include "sim/sun_position.h"

namespace ct::app {
namespace {

const char* kSunHelp =
    "usage: citytwin sun --at LAT,LON[,HEIGHT] --time ISO-8601 [--pressure HPA] [--temperature C]\n"
    "                    [--delta-t S]\n"
    "\n"
    "Prints one JSON object with the sun's position by NREL's Solar Position Algorithm (Reda & Andreas 2008;\n"
    "within 0.0003 degrees for the years -2000 to 6000):\n"
    "  azimuth_deg          clockwise from north, 0 to 360\n"
    "  elevation_deg        above the horizon, with atmospheric refraction (none once the sun has set)\n"
    "  zenith_deg           90 - elevation_deg\n"
    "  elevation_geometric_deg, declination_deg, right_ascension_deg, hour_angle_deg (topocentric),\n"
    "  equation_of_time_min, delta_t_s, time_utc, and sunrise/transit/sunset of the local day of --time\n"
    "  (in UTC and in --time's offset; null where the sun does not rise or set that day), and lamps_on\n"
    "  (true after sunset: the sun's centre below -0.833 degrees).\n"
    "\n"
    "  --at LAT,LON[,HEIGHT]  latitude -90..90 and longitude -180..180 in degrees (east positive), height in\n"
    "                         metres above sea level (default 0)\n"
    "  --time ISO-8601        e.g. 2024-06-21T13:30:00+08:00; without an offset the time is UTC\n"
    "  --pressure HPA         air pressure for refraction, 0 to 5000 hPa (default 1013; 0: no refraction)\n"
    "  --temperature C        air temperature for refraction, above -273 C (default 15)\n"
    "  --delta-t S            TT - UT1 in seconds, |S| <= 8000 (default: Espenak & Meeus's estimate for the\n"
    "                         year, e.g. 69 s in 2020)\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return kExitBadInput;
}

std::string timeJson(const std::optional<double>& unix, int offsetMinutes) {
  if (!unix) return "null";
  std::string out = "\"";  // appended: g++ 12 warns falsely (-Wrestrict) on "\"" + std::string
  out += formatIso8601(Instant{*unix, offsetMinutes});
  out += '"';
  return out;
}

}  // namespace

int sunCommand(int argc, char** argv) {
  sim::SunInput in;
  std::optional<Instant> time;
  bool haveAt = false;
  ArgReader args(argc, argv, 2);
  while (!args.done()) {
    std::string a = args.take();
    if (a == "-h" || a == "--help") {
      std::fputs(kSunHelp, stdout);
      return kExitOk;
    }
    if (a != "--at" && a != "--time" && a != "--pressure" && a != "--temperature" && a != "--delta-t")
      return fail("unknown option '" + a + "' (see citytwin sun --help)");
    auto v = args.value(a);
    if (!v) return fail(v.firstError());
    if (a == "--time") {
      auto t = parseIso8601(v.value());
      if (!t) return fail("--time: " + t.firstError());
      time = t.value();
      continue;
    }
    auto numbers = parseNumberList(v.value(), a == "--at" ? 2 : 1, a == "--at" ? 3 : 1);
    if (!numbers) return fail(a + ": " + numbers.firstError());
    const auto& n = numbers.value();
    if (a == "--at") {
      in.latitudeDeg = n[0];
      in.longitudeDeg = n[1];
      in.elevationM = n.size() > 2 ? n[2] : 0.0;
      haveAt = true;
    } else if (a == "--pressure") {
      in.pressureHpa = n[0];
    } else if (a == "--temperature") {
      in.temperatureC = n[0];
    } else {
      in.deltaTSeconds = n[0];
    }
  }
  if (!haveAt) return fail("missing --at LAT,LON (see citytwin sun --help)");
  if (!time) return fail("missing --time ISO-8601 (see citytwin sun --help)");
  in.unixSeconds = time->unixSeconds;
  auto sun = sim::sunPosition(in);
  if (!sun) return fail(sun.firstError());
  auto events = sim::sunTimes(in, sim::localDayStart(*time));
  if (!events) return fail(events.firstError());
  const sim::SunPosition& p = sun.value();
  const sim::SunTimes& e = events.value();
  const int off = time->offsetMinutes;
  std::printf(
      "{\"azimuth_deg\": %.6f, \"elevation_deg\": %.6f, \"zenith_deg\": %.6f, \"elevation_geometric_deg\": %.6f, "
      "\"declination_deg\": %.6f, \"right_ascension_deg\": %.6f, \"hour_angle_deg\": %.6f, "
      "\"equation_of_time_min\": %.6f, \"delta_t_s\": %.3f, \"time_utc\": %s, "
      "\"sunrise_utc\": %s, \"transit_utc\": %s, \"sunset_utc\": %s, "
      "\"sunrise_local\": %s, \"transit_local\": %s, \"sunset_local\": %s, \"lamps_on\": %s}\n",
      p.azimuthDeg, p.elevationDeg, p.zenithDeg, p.geometricElevationDeg, p.declinationDeg, p.rightAscensionDeg,
      p.hourAngleDeg, p.equationOfTimeMin, p.deltaTSeconds, timeJson(time->unixSeconds, 0).c_str(),
      timeJson(e.sunriseUnix, 0).c_str(), timeJson(e.transitUnix, 0).c_str(), timeJson(e.sunsetUnix, 0).c_str(),
      timeJson(e.sunriseUnix, off).c_str(), timeJson(e.transitUnix, off).c_str(), timeJson(e.sunsetUnix, off).c_str(),
      sim::daylight(p).lampsOn ? "true" : "false");
  return kExitOk;
}

}  // namespace ct::app
