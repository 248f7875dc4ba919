// `citytwin sun` end to end: the SPA report's test case and NOAA's published angles through the CLI, the help,
// and bad arguments (exit 2, one line starting "error: ").
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace t = ct::test;

namespace {

std::string cli() {
  return t::shellQuote(CITYTWIN_CLI);
}

int runStdout(const std::string& args, std::string& out) {
  FILE* p = popen((cli() + " " + args + " 2>/dev/null").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  out.clear();
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return WEXITSTATUS(status);
}

nlohmann::json sunJson(const std::string& args) {
  std::string out;
  EXPECT_EQ(runStdout("sun " + args, out), 0) << args;
  auto j = nlohmann::json::parse(out, nullptr, false);
  EXPECT_TRUE(j.is_object()) << out;
  return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

TEST(SunCli, MatchesTheSpaReportTestCase) {
  // Reda & Andreas, NREL/TP-560-34302, Table A5.1: zenith 50.11162°, azimuth 194.34024°.
  auto j = sunJson(
      "--at 39.742476,-105.1786,1830.14 --time 2003-10-17T12:30:30-07:00 --pressure 820 "
      "--temperature 11 --delta-t 67");
  EXPECT_NEAR(j.value("zenith_deg", 0.0), 50.11162, 1e-5);
  EXPECT_NEAR(j.value("azimuth_deg", 0.0), 194.34024, 1e-5);
  EXPECT_NEAR(j.value("elevation_deg", 0.0), 90.0 - 50.11162, 1e-5);
  EXPECT_NEAR(j.value("declination_deg", 0.0), -9.316179, 1e-6);
  EXPECT_EQ(j.value("time_utc", ""), "2003-10-17T19:30:30Z");
  EXPECT_EQ(j.value("sunrise_utc", ""), "2003-10-17T13:12:43Z");  // the table: 13:12:43.46 UT
  EXPECT_EQ(j.value("lamps_on", true), false);
}

TEST(SunCli, AgreesWithNoaaAndDefaultsToStandardAir) {
  // NOAA_Solar_Calculations_day.xls default sheet (40°N 105°W, 2010-06-21, UTC−6), 13:00: geometric elevation
  // 73.43368°, azimuth 178.53323° (see engine/sim/test/sun_position_test.cpp for the source).
  auto geometric = sunJson("--at 40,-105 --time 2010-06-21T13:00-06:00 --pressure 0");
  EXPECT_NEAR(geometric.value("elevation_deg", 0.0), 73.4336789718744, 0.01);
  EXPECT_NEAR(geometric.value("azimuth_deg", 0.0), 178.533230037882, 0.02);
  // Default 1013 hPa, 15 °C: refraction lifts the sun by Bennett's ~0.005° at 73°.
  auto refracted = sunJson("--at 40,-105 --time 2010-06-21T13:00-06:00");
  double lift = refracted.value("elevation_deg", 0.0) - geometric.value("elevation_deg", 0.0);
  EXPECT_GT(lift, 0.004);
  EXPECT_LT(lift, 0.007);
  // Night: negative elevation, lamps on; polar night: no sunrise or sunset.
  auto night = sunJson("--at 69.6492,18.9553 --time 2024-12-21T11:00+01:00");
  EXPECT_LT(night.value("elevation_deg", 0.0), 0.0);
  EXPECT_TRUE(night.value("lamps_on", false));
  EXPECT_TRUE(night["sunrise_utc"].is_null());
  EXPECT_TRUE(night["sunset_utc"].is_null());
}

TEST(SunCli, HelpExplainsEveryOption) {
  std::string out;
  EXPECT_EQ(runStdout("sun --help", out), 0);
  for (const char* word : {"--at", "--time", "--pressure", "--temperature", "--delta-t", "azimuth_deg", "elevation_deg",
                           "zenith_deg", "clockwise from north"})
    EXPECT_NE(out.find(word), std::string::npos) << word;
  EXPECT_EQ(runStdout("--help", out), 0);
  EXPECT_NE(out.find("sun --at"), std::string::npos);
}

TEST(SunCli, BadArgumentsExitTwoWithOneLine) {
  for (const std::string args :
       {"", "--at 1,2", "--time 2024-01-01", "--at 91,0 --time 2024-01-01", "--at 0,181 --time 2024-01-01",
        "--at x,2 --time 2024-01-01", "--at 1 --time 2024-01-01", "--at 1,2,3,4 --time 2024-01-01",
        "--at 1,2 --time 2024-13-01", "--at 1,2 --time tomorrow", "--at 1,2 --time",
        "--at 1,2 --time 2024-01-01 --bogus", "--at 1,2 --time 2024-01-01 --pressure -1",
        "--at 1,2 --time 2024-01-01 --pressure 6000", "--at 1,2 --time 2024-01-01 --temperature -300",
        "--at 1,2 --time 2024-01-01 --delta-t 9000", "--at 1,2 --time 2024-01-01 --delta-t nan",
        "--at 1,2 --time 9999-01-01"}) {
    auto r = t::run(cli() + " sun " + args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_EQ(r.stderrText.rfind("error: ", 0), 0u) << args << ": " << r.stderrText;
    EXPECT_EQ(std::count(r.stderrText.begin(), r.stderrText.end(), '\n'), 1) << args << ": " << r.stderrText;
  }
}
