// Time series: step and linear values at hand-picked times, the long-format CSV, the source's clock, and the
// Cambridge estates' hourly profiles against values read with Python's csv module.
#include <gtest/gtest.h>

#include "data/time_series.h"
#include "test_support.h"

using namespace ct::data;

namespace {
constexpr double kJuly1 = 1561939200.0;  // 2019-07-01T00:00:00Z (Python's datetime)
TimeSeries threeSamples() {
  TimeSeries s;
  s.add(20, 0);  // out of order on purpose
  s.add(0, 10);
  s.add(10, 20);
  return s;
}
}  // namespace

TEST(TimeSeries, StepAndLinear) {
  TimeSeries s = threeSamples();
  const auto step = Interpolation::Step, lin = Interpolation::Linear;
  const auto clamp = Extrapolation::Clamp, none = Extrapolation::NoData;
  EXPECT_EQ(s.valueAt(0, step, none), 10.0);
  EXPECT_EQ(s.valueAt(5, step, none), 10.0);
  EXPECT_EQ(s.valueAt(10, step, none), 20.0);
  EXPECT_EQ(s.valueAt(15, step, none), 20.0);
  EXPECT_EQ(s.valueAt(20, step, none), 0.0);
  EXPECT_EQ(s.valueAt(5, lin, none), 15.0);
  EXPECT_EQ(s.valueAt(12.5, lin, none), 15.0);
  EXPECT_EQ(s.valueAt(15, lin, none), 10.0);
  EXPECT_EQ(s.valueAt(20, lin, none), 0.0);
  EXPECT_FALSE(s.valueAt(-1, lin, none));
  EXPECT_FALSE(s.valueAt(21, step, none));
  EXPECT_EQ(s.valueAt(-1, lin, clamp), 10.0);
  EXPECT_EQ(s.valueAt(1e9, step, clamp), 0.0);
  EXPECT_FALSE(TimeSeries().valueAt(0, lin, clamp));
  // A second sample at the same time wins from that time on.
  s.add(10, 99);
  EXPECT_EQ(s.valueAt(10, step, none), 99.0);
  EXPECT_EQ(s.valueAt(15, lin, none), 49.5);
}

TEST(TimeSeries, ParseTimeValue) {
  EXPECT_EQ(parseTimeValue("1561939200").value(), kJuly1);
  EXPECT_EQ(parseTimeValue("2019-07-01T01:00:00Z").value(), kJuly1 + 3600);
  EXPECT_EQ(parseTimeValue("2019-07-01 02:00").value(), kJuly1 + 7200);
  EXPECT_EQ(parseTimeValue("2019-07-01T03:00+01:00").value(), kJuly1 + 7200);
  auto bad = parseTimeValue("yesterday");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.firstError().rfind("time \"yesterday\" is neither Unix seconds nor ISO-8601", 0), 0u);
}

TEST(TimeSeries, LongCsvAndSource) {
  const std::string csv =
      "time,key,kWh,temp\n"
      "2019-07-01T00:00:00Z,b1,10,20\n"
      "2019-07-01T01:00:00Z,b1,20,\n"
      "1561942800,b2,5,x\n"          // line 4: temp not a number
      "notatime,b1,1,1\n"            // line 5
      "2019-07-01T02:00Z,,1,1\n"     // line 6
      "2019-07-01T02:00Z,b2,7\n";    // line 7
  TimeSeriesCsvOptions o;
  o.location = "ts.csv";
  auto r = parseTimeSeriesCsv(csv, o);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& t = r.value();
  EXPECT_EQ(t.rowsRead, 6u);
  EXPECT_EQ(t.badRows, 4u);
  ASSERT_EQ(r.warnings().size(), 4u);
  EXPECT_EQ(r.warnings()[0], "ts.csv:4: value \"x\" in column \"temp\" is not a number; sample skipped");
  EXPECT_EQ(r.warnings()[1].rfind("ts.csv:5: time \"notatime\" is neither", 0), 0u);
  EXPECT_EQ(r.warnings()[2], "ts.csv:6: empty key; row skipped");
  EXPECT_EQ(r.warnings()[3], "ts.csv:7: expected 4 fields, found 3; row skipped");
  EXPECT_EQ(t.series.keys(), (std::vector<std::string>{"b1", "b2"}));
  EXPECT_EQ(t.series.find("b1", "kWh")->samples().size(), 2u);
  EXPECT_EQ(t.series.find("b1", "temp")->samples().size(), 1u);
  EXPECT_EQ(t.series.find("b2", "kWh")->samples().size(), 1u);  // its kWh kept though temp was bad
  EXPECT_TRUE(t.series.find("b2", "temp")->empty());

  TimeSeriesSource src("ts", r.value().series, {Interpolation::Linear, Extrapolation::NoData});
  EXPECT_TRUE(src.poll(kJuly1 + 1800));
  const DataTable& tab = src.table();
  EXPECT_EQ(tab.get("b1", "kWh")->number, 15.0);
  EXPECT_TRUE(tab.get("b1", "temp")->isNone());  // after its only sample
  EXPECT_TRUE(tab.get("b2", "kWh")->isNone());   // before its first
  EXPECT_FALSE(src.poll(kJuly1 + 1800));         // same time: nothing to do
  uint64_t v = tab.version();
  src.setTime(kJuly1 + 3600);                    // the time slider
  EXPECT_TRUE(src.poll(kJuly1 + 99999));
  EXPECT_GT(tab.version(), v);
  EXPECT_EQ(tab.get("b1", "kWh")->number, 20.0);
  EXPECT_EQ(tab.get("b2", "kWh")->number, 5.0);
  EXPECT_EQ(src.status().kind, "time-series");
}

TEST(TimeSeries, SourceReloadsItsFile) {
  auto dir = ct::test::tempDir("data_time_series");
  auto file = dir / "ts.csv";
  ct::test::writeText(file, "time,key,v\n0,a,1\n10,a,3\n");
  auto opened = TimeSeriesSource::open("ts", file, {}, {Interpolation::Step, Extrapolation::Clamp});
  ASSERT_TRUE(opened.ok()) << opened.firstError();
  auto& s = *opened.value();
  s.setTime(5);
  EXPECT_TRUE(s.poll(100));
  EXPECT_EQ(s.table().get("a", "v")->number, 1.0);
  auto before = std::filesystem::last_write_time(file);
  ct::test::writeText(file, "time,key,v\n0,b,7\n");
  std::filesystem::last_write_time(file, before + std::chrono::seconds(2));
  EXPECT_TRUE(s.poll(101));
  EXPECT_EQ(s.table().find("a"), -1);
  EXPECT_EQ(s.table().get("b", "v")->number, 7.0);
  EXPECT_FALSE(TimeSeriesSource::open("x", dir / "missing.csv", {}).ok());
}

TEST(TimeSeries, CambridgeHourlyElectricity) {
  auto dir = ct::test::sharedData() / "cambridge-uni-estates-energy" / "building_data" / "processed_data";
  if (ct::test::sharedData().empty() || !std::filesystem::exists(dir)) GTEST_SKIP() << "skipped: shared data missing";
  auto r = loadCambridgeProfiles(dir, "electricity", 2019);
  ASSERT_TRUE(r.ok()) << r.firstError();
  const auto& t = r.value();
  EXPECT_TRUE(r.warnings().empty());
  // Python's csv module: 8 building folders with 8,760 hourly rows each; b0 30.1 kWh at 2019-07-02 12:00 and
  // 30.3 at 13:00; b2's year sums to 7,959,395.0 kWh.
  EXPECT_EQ(t.keys().size(), 8u);
  EXPECT_EQ(t.keys().front(), "UCam_Building_b0");
  EXPECT_EQ(t.sampleCount(), 8u * 8760u);
  const TimeSeries* b0 = t.find("UCam_Building_b0", "electricity");
  ASSERT_NE(b0, nullptr);
  const double noon = 1562068800.0;  // 2019-07-02T12:00Z
  EXPECT_DOUBLE_EQ(*b0->valueAt(noon, Interpolation::Step, Extrapolation::NoData), 30.1);
  EXPECT_DOUBLE_EQ(*b0->valueAt(noon + 1800, Interpolation::Step, Extrapolation::NoData), 30.1);
  EXPECT_NEAR(*b0->valueAt(noon + 1800, Interpolation::Linear, Extrapolation::NoData), 30.2, 1e-12);
  double sum = 0;
  for (const auto& s : t.find("UCam_Building_b2", "electricity")->samples()) sum += s.value;
  EXPECT_NEAR(sum, 7959395.0, 1e-6);
  auto [lo, hi] = t.timeRange();
  EXPECT_EQ(lo, 1546300800.0);                 // 2019-01-01T00:00Z
  EXPECT_EQ(hi, 1546300800.0 + 8759 * 3600.0);  // 2019-12-31T23:00Z
  EXPECT_FALSE(loadCambridgeProfiles(dir, "steam", 2019).ok());
}
